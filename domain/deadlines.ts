import { OPEN_STATUSES, type ItemStatus } from './item-status.ts';
import type { ItemMode } from './items.ts';
import { calendarDaysDeadline, hoursRule, localDate, type Deadline } from './time.ts';

/**
 * Deadlines of the request lifecycle. Each returns how it was computed (start, rule, time zone),
 * so that the UI can explain every due date.
 */

/** the answer is due a number of days (a setting, default 30) after receipt, in the requested office's zone. */
export const DEFAULT_ANSWER_DAYS = 30;

export function answerDeadline(receivedAt: Date, days: number, requestedOfficeTimeZone: string): Deadline {
  return calendarDaysDeadline(localDate(receivedAt, requestedOfficeTimeZone), days, requestedOfficeTimeZone);
}

/** "within three days" (трёх суток) is 72 hours from the recorded time of the oral request. */
export const ORAL_CONFIRMATION_HOURS = 72;

export function oralConfirmationDeadline(oralAt: Date, senderTimeZone: string): Deadline {
  const dueAt = new Date(oralAt.getTime() + ORAL_CONFIRMATION_HOURS * 3_600_000);
  return { start: oralAt.toISOString(), rule: hoursRule(ORAL_CONFIRMATION_HOURS), timeZone: senderTimeZone, lastDay: localDate(dueAt, senderTimeZone), dueAt };
}

/**
 * the answer's term runs while the requested office works on the item (its open statuses);
 * it stops with the outcome, a withdrawal, a forwarding or a return.
 */
export const answerRuns = (status: ItemStatus): boolean => OPEN_STATUSES.includes(status);

/** the written confirmation of an oral request is no longer awaited once the request is withdrawn. */
export const CONFIRMATION_ENDS_IN: readonly ItemStatus[] = ['withdrawn'];

/** an oral request awaits its written, signed confirmation until it comes or the request is withdrawn. */
export function awaitsConfirmation(i: { mode: ItemMode; oralConfirmedAt: Date | string | null; status: ItemStatus }): boolean {
  return i.mode === 'oral' && i.oralConfirmedAt === null && !CONFIRMATION_ENDS_IN.includes(i.status);
}

/** A deadline is missed when its instant has come (as time.ts isPast): the due instant itself is late. */
export interface OverdueFacts {
  status: ItemStatus;
  mode: ItemMode;
  answerDueAt: Date | null;
  oralConfirmedAt: Date | null;
  confirmationDueAt: Date | null;
}

export const answerOverdue = (i: Pick<OverdueFacts, 'status' | 'answerDueAt'>, now: Date): boolean =>
  answerRuns(i.status) && i.answerDueAt !== null && i.answerDueAt <= now;

export const confirmationOverdue = (i: Pick<OverdueFacts, 'status' | 'mode' | 'oralConfirmedAt' | 'confirmationDueAt'>, now: Date): boolean =>
  awaitsConfirmation(i) && i.confirmationDueAt !== null && i.confirmationDueAt <= now;

/** Overdue: the answer or the written confirmation of an oral request is late (the journals' mark and filter, the oversight cells). */
export const isOverdue = (i: OverdueFacts, now: Date): boolean => answerOverdue(i, now) || confirmationOverdue(i, now);

/** Reminders before a deadline: kind, and how long before the due instant. */
export const REMINDERS = {
  confirmation: [
    { key: 'confirmation_24h', beforeMs: 24 * 3_600_000 },
    { key: 'confirmation_6h', beforeMs: 6 * 3_600_000 },
  ],
  answer: [
    { key: 'answer_3d', beforeMs: 3 * 86_400_000 },
    { key: 'answer_1d', beforeMs: 86_400_000 },
  ],
} as const;

/** The notice once the deadline has passed. */
export const OVERDUE_REMINDERS = { confirmation: 'confirmation_overdue', answer: 'answer_overdue' } as const;

export type ReminderKind = keyof typeof REMINDERS;
export type ReminderKey = (typeof REMINDERS)[ReminderKind][number]['key'] | (typeof OVERDUE_REMINDERS)[ReminderKind];

/** A schedule of reminders before a deadline and the notice after it (items here, event reports in events.ts). */
export interface ReminderSchedule<K extends string = string> {
  steps: readonly { key: K; beforeMs: number }[];
  overdue: K;
}

export const REMINDER_SCHEDULES: Record<ReminderKind, ReminderSchedule<ReminderKey>> = {
  confirmation: { steps: REMINDERS.confirmation, overdue: OVERDUE_REMINDERS.confirmation },
  answer: { steps: REMINDERS.answer, overdue: OVERDUE_REMINDERS.answer },
};

/** How far ahead of a deadline the scheduler looks: its earliest reminder. */
export const reminderHorizonMs = (s: ReminderSchedule): number => Math.max(...s.steps.map((r) => r.beforeMs));

/**
 * The reminder a deadline is at now: the overdue notice once it has passed, else the latest step
 * whose moment has come, else none. The scheduler's SQL skips a deadline whose current reminder was
 * sent (server/db/predicates.ts builds it from the same schedule).
 */
export function currentReminder<K extends string>(s: ReminderSchedule<K>, dueAt: Date, now: Date): K | null {
  if (dueAt.getTime() <= now.getTime()) return s.overdue;
  return [...s.steps].sort((a, b) => a.beforeMs - b.beforeMs).find((r) => now.getTime() >= dueAt.getTime() - r.beforeMs)?.key ?? null;
}

/** The reminders whose moment has come by `now` for a deadline (the scheduler sends each once). */
export function dueReminders(kind: ReminderKind, dueAt: Date, now: Date): ReminderKey[] {
  return REMINDERS[kind].filter((r) => now.getTime() >= dueAt.getTime() - r.beforeMs && now.getTime() < dueAt.getTime()).map((r) => r.key);
}

/** What a run of the scheduler sends for a deadline: the overdue notice once past, else every reminder whose moment has come. */
export function remindersToSend(kind: ReminderKind, dueAt: Date, now: Date): ReminderKey[] {
  return dueAt.getTime() <= now.getTime() ? [OVERDUE_REMINDERS[kind]] : dueReminders(kind, dueAt, now);
}
