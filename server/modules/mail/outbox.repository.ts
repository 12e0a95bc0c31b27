import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from '../../db/schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims due messages of a topic. SKIP LOCKED plus a lease (locked_until) lets several instances
 * work the same table without taking one message twice; a crashed worker's lease simply expires.
 */
export async function claimDue(db: Db, topic: string, now: Date, leaseMs: number, limit: number): Promise<OutboxRow[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const result = await db.execute<Record<string, unknown>>(sql`
    update ${outbox} set locked_until = ${lease}::timestamptz, attempts = attempts + 1
    where id in (
      select id from ${outbox}
      where status = 'pending' and topic = ${topic} and next_attempt_at <= ${now}::timestamptz
        and (locked_until is null or locked_until < ${now}::timestamptz)
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  const ids = (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select().from(outbox).where(inArray(outbox.id, ids));
}

export async function markSent(db: Db, id: string, at: Date): Promise<void> {
  await db.update(outbox).set({ status: 'sent', processedAt: at, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
}

export async function markFailedAttempt(db: Db, id: string, nextAttemptAt: Date, error: string, giveUp: boolean, at: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: giveUp ? 'failed' : 'pending', nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 500), processedAt: giveUp ? at : null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
}

export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
