import { and, eq, gt, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { items, remindersSent } from '../../db/schema.ts';

const OPEN = ['sent', 'registered', 'on_hold', 'consultation'];

/**
 * The reminder an item is due for now: the most advanced one whose moment has come. Rows whose
 * current reminder was already sent are skipped in SQL, so a backlog larger than a batch moves on
 * instead of re-reading the same rows every run.
 */
const notYetSent = (dueAt: AnyPgColumn, now: Date, steps: { key: string; beforeMs: number }[], overdueKey: string) =>
  sql`not exists (select 1 from ${remindersSent} r where r.item_id = ${items.id} and r.key = case
    when ${dueAt} <= ${now}::timestamptz then ${overdueKey}
    ${sql.join(steps.map((st) => sql`when ${dueAt} <= ${new Date(now.getTime() + st.beforeMs)}::timestamptz then ${st.key}`), sql` `)}
    else '' end)`;

/** Oral requests without their written confirmation whose deadline is within `horizonMs` (or past). */
export async function unconfirmedOral(db: Db, now: Date, horizonMs: number, limit: number) {
  return db
    .select({ id: items.id, dueAt: items.confirmationDueAt })
    .from(items)
    .where(
      and(
        eq(items.mode, 'oral'),
        isNull(items.oralConfirmedAt),
        ne(items.status, 'withdrawn'),
        lte(items.confirmationDueAt, new Date(now.getTime() + horizonMs)),
        notYetSent(items.confirmationDueAt, now, [{ key: 'confirmation_6h', beforeMs: 6 * 3_600_000 }, { key: 'confirmation_24h', beforeMs: 24 * 3_600_000 }], 'confirmation_overdue'),
      ),
    )
    .orderBy(items.confirmationDueAt)
    .limit(limit);
}

/** Open items whose answer is due within `horizonMs` (or past). */
export async function answersDue(db: Db, now: Date, horizonMs: number, limit: number) {
  return db
    .select({ id: items.id, dueAt: items.answerDueAt })
    .from(items)
    .where(
      and(
        inArray(items.status, OPEN),
        lte(items.answerDueAt, new Date(now.getTime() + horizonMs)),
        gt(items.answerDueAt, new Date(0)),
        notYetSent(items.answerDueAt, now, [{ key: 'answer_1d', beforeMs: 86_400_000 }, { key: 'answer_3d', beforeMs: 3 * 86_400_000 }], 'answer_overdue'),
      ),
    )
    .orderBy(items.answerDueAt)
    .limit(limit);
}

/** Claims a reminder: true only for the first caller, on any instance. */
export async function claimReminder(tx: Db, itemId: string, key: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(remindersSent).values({ itemId, key, sentAt: at }).onConflictDoNothing().returning({ key: remindersSent.key });
  return rows.length > 0;
}

/** One instance at a time runs a job; the others skip this round (transaction-scoped advisory lock). */
export async function tryJobLock(tx: Db, key: number): Promise<boolean> {
  const result = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${key}) as locked`);
  return Boolean((result as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked);
}
