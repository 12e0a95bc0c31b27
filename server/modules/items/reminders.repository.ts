import { and, gt, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { REMINDER_SCHEDULES, reminderHorizonMs, type ReminderKey, type ReminderSchedule } from '../../../domain/deadlines.ts';
import type { Db } from '../../db/client.ts';
import { answerRunsSql, awaitsConfirmationSql, currentReminderSql } from '../../db/predicates.ts';
import { items, remindersSent } from '../../db/schema.ts';

/**
 * The reminder an item is due for now: the most advanced one whose moment has come. Rows whose
 * current reminder was already sent are skipped in SQL, so a backlog larger than a batch moves on
 * instead of re-reading the same rows every run.
 */
const notYetSent = (dueAt: AnyPgColumn, now: Date, schedule: ReminderSchedule) =>
  sql`not exists (select 1 from ${remindersSent} r where r.item_id = ${items.id} and r.key = ${currentReminderSql(dueAt, now, schedule)})`;

/** Oral requests awaiting their written confirmation whose deadline is within the schedule's horizon (or past). */
export async function unconfirmedOral(db: Db, now: Date, limit: number) {
  const schedule = REMINDER_SCHEDULES.confirmation;
  return db
    .select({ id: items.id, dueAt: items.confirmationDueAt })
    .from(items)
    .where(
      and(
        awaitsConfirmationSql(items),
        lte(items.confirmationDueAt, new Date(now.getTime() + reminderHorizonMs(schedule))),
        notYetSent(items.confirmationDueAt, now, schedule),
      ),
    )
    .orderBy(items.confirmationDueAt)
    .limit(limit);
}

/** Open items whose answer is due within the schedule's horizon (or past). */
export async function answersDue(db: Db, now: Date, limit: number) {
  const schedule = REMINDER_SCHEDULES.answer;
  return db
    .select({ id: items.id, dueAt: items.answerDueAt })
    .from(items)
    .where(
      and(
        answerRunsSql(items),
        lte(items.answerDueAt, new Date(now.getTime() + reminderHorizonMs(schedule))),
        gt(items.answerDueAt, new Date(0)),
        notYetSent(items.answerDueAt, now, schedule),
      ),
    )
    .orderBy(items.answerDueAt)
    .limit(limit);
}

/** Claims a reminder: true only for the first caller, on any instance. */
export async function claimReminder(tx: Db, itemId: string, key: ReminderKey, at: Date): Promise<boolean> {
  const rows = await tx.insert(remindersSent).values({ itemId, key, sentAt: at }).onConflictDoNothing().returning({ key: remindersSent.key });
  return rows.length > 0;
}

/** One instance at a time runs a job; the others skip this round (transaction-scoped advisory lock). */
export async function tryJobLock(tx: Db, key: number): Promise<boolean> {
  const result = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${key}) as locked`);
  return Boolean((result as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked);
}
