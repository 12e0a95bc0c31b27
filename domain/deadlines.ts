import { calendarDaysDeadline, localDate, type Deadline } from './time.ts';

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
  return { start: oralAt.toISOString(), rule: `hours:${ORAL_CONFIRMATION_HOURS}`, timeZone: senderTimeZone, lastDay: localDate(dueAt, senderTimeZone), dueAt };
}

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

export type ReminderKey = (typeof REMINDERS)[keyof typeof REMINDERS][number]['key'];

/** The reminders whose moment has come by `now` for a deadline (the scheduler sends each once). */
export function dueReminders(kind: keyof typeof REMINDERS, dueAt: Date, now: Date): ReminderKey[] {
  return REMINDERS[kind].filter((r) => now.getTime() >= dueAt.getTime() - r.beforeMs && now.getTime() < dueAt.getTime()).map((r) => r.key);
}
