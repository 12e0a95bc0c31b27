import { describe, expect, it } from 'vitest';
import { Instant, IsoDate } from './common.ts';

const ruleOf = (r: { success: boolean; error?: { issues: { code: string; params?: { rule?: string } }[] } }) =>
  r.success ? 'ok' : (r.error!.issues[0]!.params?.rule ?? r.error!.issues[0]!.code);

describe('dates and instants', () => {
  it('a day the calendar does not have is refused with its own rule, apart from a malformed date and a year out of range', () => {
    expect(ruleOf(IsoDate.safeParse('2024-02-29'))).toBe('ok');
    expect(ruleOf(IsoDate.safeParse('2022-02-30'))).toBe('calendar_date');
    expect(ruleOf(IsoDate.safeParse('2023-02-29'))).toBe('calendar_date');
    expect(ruleOf(IsoDate.safeParse('2022-13-01'))).toBe('calendar_date');
    expect(ruleOf(IsoDate.safeParse('2022-2-3'))).toBe('iso_date');
    expect(ruleOf(IsoDate.safeParse('30.02.2022'))).toBe('iso_date');
    expect(ruleOf(IsoDate.safeParse('0000-01-01'))).toBe('date_years');
    expect(ruleOf(IsoDate.safeParse('9999-12-31'))).toBe('date_years');
  });

  it('an instant needs its offset, a real time of a real day, and a year in range', () => {
    expect(ruleOf(Instant.safeParse('2026-03-02T10:00:00+05:00'))).toBe('ok');
    expect(ruleOf(Instant.safeParse('2022-02-30T10:00:00Z'))).toBe('invalid_format');
    expect(ruleOf(Instant.safeParse('2022-02-28T24:00:00Z'))).toBe('invalid_format');
    expect(ruleOf(Instant.safeParse('2026-03-02T10:00:00'))).toBe('invalid_format');
    expect(ruleOf(Instant.safeParse('0000-01-01T00:00:00Z'))).toBe('date_years');
  });
});
