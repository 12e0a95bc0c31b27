import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualBlockDeadline, availableBlockActions, blockLateness, blockRefusalOf, dueBlockReminder, medianOf, yearBounds } from './annual.ts';

describe('annual block: deadline and rights (O-3.6)', () => {
  it('O-3.6 the block is due by the end of 30 January of the next year in the office’s own zone, UTC+3 … UTC+7', () => {
    const cases: [string, string][] = [
      ['Europe/Moscow', '2027-01-30T21:00:00.000Z'],
      ['Europe/Samara', '2027-01-30T20:00:00.000Z'],
      ['Asia/Yekaterinburg', '2027-01-30T19:00:00.000Z'],
      ['Asia/Omsk', '2027-01-30T18:00:00.000Z'],
      ['Asia/Barnaul', '2027-01-30T17:00:00.000Z'],
      ['Asia/Almaty', '2027-01-30T19:00:00.000Z'],
    ];
    for (const [zone, dueAt] of cases) {
      const d = annualBlockDeadline(2026, zone);
      expect(d.lastDay).toBe('2027-01-30');
      expect(d.dueAt.toISOString()).toBe(dueAt);
    }
  });

  it('O-3.6 a leap year and a year end change nothing: the year runs from 1 January to 31 December local, the block is due on 30 January', () => {
    expect(annualBlockDeadline(2027, 'Asia/Omsk').lastDay).toBe('2028-01-30');
    const leap = yearBounds(2028, 'Asia/Omsk');
    expect(leap.from.toISOString()).toBe('2027-12-31T18:00:00.000Z');
    expect(leap.to.toISOString()).toBe('2028-12-31T18:00:00.000Z');
    expect((leap.to.getTime() - leap.from.getTime()) / 86_400_000).toBe(366);
    // 31.12.2026 23:30 in Moscow is already 2027 in Omsk: each office counts its own local year.
    const instant = new Date('2026-12-31T20:30:00Z');
    const inMoscow = yearBounds(2026, 'Europe/Moscow');
    const inOmsk = yearBounds(2026, 'Asia/Omsk');
    expect(instant >= inMoscow.from && instant < inMoscow.to).toBe(true);
    expect(instant >= inOmsk.from && instant < inOmsk.to).toBe(false);
  });

  it('O-3.6 reminders start on 15 January in the office’s zone and the block turns overdue after 30 January', () => {
    expect(dueBlockReminder(2026, 'Asia/Omsk', new Date('2027-01-14T17:59:00Z'))).toBeNull();
    expect(dueBlockReminder(2026, 'Asia/Omsk', new Date('2027-01-14T18:00:00Z'))).toBe('remind_01-15');
    expect(dueBlockReminder(2026, 'Asia/Omsk', new Date('2027-01-28T00:00:00Z'))).toBe('remind_01-22');
    expect(dueBlockReminder(2026, 'Asia/Omsk', new Date('2027-01-30T17:59:59Z'))).toBe('remind_01-29');
    expect(dueBlockReminder(2026, 'Asia/Omsk', new Date('2027-01-30T18:00:00Z'))).toBe('overdue');
  });

  it('O-3.6 a block submitted after 30 January in the office’s zone is late, by the office’s days past it', () => {
    // Omsk is UTC+6: 30 January ends at 2027-01-30T18:00Z.
    expect(blockLateness(new Date('2027-01-30T17:59:59Z'), 2026, 'Asia/Omsk')).toEqual({ late: false, daysLate: 0 });
    expect(blockLateness(new Date('2027-01-30T18:00:00Z'), 2026, 'Asia/Omsk')).toEqual({ late: true, daysLate: 1 });
    // 03.02.2027 00:30 in Omsk is still 02.02 in Moscow: the office's day counts.
    expect(blockLateness(new Date('2027-02-02T18:30:00Z'), 2026, 'Asia/Omsk')).toEqual({ late: true, daysLate: 4 });
    expect(blockLateness(new Date('2027-02-02T18:30:00Z'), 2026, 'Europe/Moscow')).toEqual({ late: true, daysLate: 3 });
    expect(blockLateness(null, 2026, 'Asia/Omsk')).toEqual({ late: false, daysLate: 0 });
    expect(blockLateness(new Date('2026-12-20T10:00:00Z'), 2026, 'Asia/Omsk').late).toBe(false);
  });

  it('O-3.6 staff prepare, the head or a deputy submits, the coordinator returns; leadership only reads (O-6)', () => {
    expect(blockRefusalOf('draft', 'save', { side: 'office', roles: ['officer'] })).toBeNull();
    expect(blockRefusalOf('draft', 'submit', { side: 'office', roles: ['officer'] })).toBe('FORBIDDEN');
    expect(blockRefusalOf('draft', 'submit', { side: 'office', roles: ['deputy_head'] })).toBeNull();
    expect(availableBlockActions('not_started', { side: 'office', roles: ['head'] })).toEqual(['save']);
    expect(blockRefusalOf('submitted', 'save', { side: 'office', roles: ['head'] })).toBe('NOT_ALLOWED_IN_STATUS');
    expect(blockRefusalOf('submitted', 'return', { side: 'coordinator', roles: ['coordinator'] })).toBeNull();
    expect(blockRefusalOf('draft', 'return', { side: 'coordinator', roles: ['coordinator'] })).toBe('NOT_ALLOWED_IN_STATUS');
    for (const status of ['not_started', 'draft', 'submitted', 'returned'] as const)
      expect(availableBlockActions(status, { side: null, roles: ['leadership'] })).toEqual([]);
  });
});

describe('annual figures: the median of days to answer', () => {
  it('O-3.6 the median from the histogram equals the median of the list of answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 60 }), (days) => {
        const hist = new Map<number, number>();
        for (const d of days) hist.set(d, (hist.get(d) ?? 0) + 1);
        const sorted = [...days].sort((a, b) => a - b);
        const mid = sorted.length / 2;
        const expected = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        expect(medianOf([...hist].map(([d, n]) => ({ days: d, n })))).toBe(expected);
      }),
    );
    expect(medianOf([])).toBeNull();
  });
});
