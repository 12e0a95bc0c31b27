import { describe, expect, it } from 'vitest';
import { answerRuns, awaitsConfirmation, currentReminder, isOverdue, REMINDER_SCHEDULES, remindersToSend, type OverdueFacts } from './deadlines.ts';
import { EVENT_REPORT_SCHEDULE } from './events.ts';
import { ITEM_STATUSES, OPEN_STATUSES } from './item-status.ts';
import { outcomeIssues } from './items.ts';
import { parseDeadlineRule } from './time.ts';

const now = new Date('2026-06-15T06:00:00Z');
const hour = 3_600_000;
const written: OverdueFacts = { status: 'registered', mode: 'written', answerDueAt: null, oralConfirmedAt: null, confirmationDueAt: null };

describe('overdue, the reminder schedule and the refusal rule', () => {
  it('A-8.2 the answer runs exactly in the open statuses, and is overdue from its due instant on', () => {
    expect(ITEM_STATUSES.filter(answerRuns)).toEqual([...OPEN_STATUSES]);
    const due = { ...written, answerDueAt: now };
    expect(isOverdue(due, new Date(now.getTime() - 1))).toBe(false);
    expect(isOverdue(due, now)).toBe(true);
    for (const status of ['executed', 'refused', 'withdrawn', 'forwarded', 'returned'] as const) expect(isOverdue({ ...due, status }, now), status).toBe(false);
  });

  it('A-6.2 an oral request awaits its written confirmation until it comes or the request is withdrawn', () => {
    const oral = { ...written, status: 'sent' as const, mode: 'oral' as const, confirmationDueAt: now };
    expect(awaitsConfirmation(oral)).toBe(true);
    expect(isOverdue(oral, now)).toBe(true);
    expect(isOverdue({ ...oral, oralConfirmedAt: new Date(now.getTime() - hour) }, now)).toBe(false);
    // Withdrawn: the answer stops, and so does the wait for the confirmation.
    expect(isOverdue({ ...oral, status: 'withdrawn' }, now)).toBe(false);
    // Executed before the confirmation came: the confirmation is still owed.
    expect(isOverdue({ ...oral, status: 'executed' }, now)).toBe(true);
    expect(awaitsConfirmation({ ...oral, mode: 'written' })).toBe(false);
  });

  it('A-6.2a A-8.2 a run sends every reminder whose moment has come, the overdue notice once past; the current one is the latest', () => {
    const due = new Date(now.getTime() + 5 * hour);
    expect(remindersToSend('confirmation', due, now)).toEqual(['confirmation_24h', 'confirmation_6h']);
    expect(currentReminder(REMINDER_SCHEDULES.confirmation, due, now)).toBe('confirmation_6h');
    expect(remindersToSend('confirmation', now, now)).toEqual(['confirmation_overdue']);
    expect(currentReminder(REMINDER_SCHEDULES.confirmation, now, now)).toBe('confirmation_overdue');
    expect(currentReminder(REMINDER_SCHEDULES.answer, new Date(now.getTime() + 4 * 24 * hour), now)).toBeNull();
    expect(currentReminder(REMINDER_SCHEDULES.answer, new Date(now.getTime() + 2 * 24 * hour), now)).toBe('answer_3d');
  });

  it('O-3.5 an event report is reminded 3 days and 1 day before, one reminder at a time, then overdue', () => {
    const at = (days: number) => currentReminder(EVENT_REPORT_SCHEDULE, new Date(now.getTime() + days * 24 * hour), now);
    expect([at(4), at(2), at(0.5), at(0)]).toEqual([null, 'report_3d', 'report_1d', 'report_overdue']);
  });

  it('A-7.1 A-7.3 a refusal names a ground and states its reason; an execution names no ground', () => {
    expect(outcomeIssues({ outcome: 'executed', refusalGrounds: [] })).toEqual([]);
    expect(outcomeIssues({ outcome: 'executed', refusalGrounds: ['security'] }).map((i) => i.rule)).toEqual(['grounds_not_allowed']);
    expect(outcomeIssues({ outcome: 'refused', refusalGrounds: [], reason: '  ' }).map((i) => i.rule)).toEqual(['refusal_ground', 'refusal_reason']);
    expect(
      outcomeIssues({ outcome: 'partially_executed', refusalGrounds: ['sovereignty'], reason: 'Часть сведений составляет государственную тайну' }),
    ).toEqual([]);
  });

  it('a deadline says how it was computed, and the web reads it back', () => {
    expect(parseDeadlineRule('calendarDays:30')).toEqual({ kind: 'calendarDays', count: 30 });
    expect(parseDeadlineRule('hours:72')).toEqual({ kind: 'hours', count: 72 });
    expect(parseDeadlineRule('weeks:2')).toEqual({ kind: 'other', count: null });
  });
});
