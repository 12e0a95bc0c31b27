import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loginThrottle, offices, rateLimitCounters, sessions, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type OfficeRow = typeof offices.$inferSelect;

export async function findUserByLogin(db: Db, login: string): Promise<{ user: UserRow; office: OfficeRow } | undefined> {
  const [row] = await db.select({ user: users, office: offices }).from(users).innerJoin(offices, eq(offices.id, users.officeId)).where(eq(users.login, login));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<{ user: UserRow; office: OfficeRow } | undefined> {
  const [row] = await db.select({ user: users, office: offices }).from(users).innerJoin(offices, eq(offices.id, users.officeId)).where(eq(users.id, id));
  return row;
}

function sessionLookup(db: Db) {
  return db
    .select({ session: sessions, user: users, office: offices })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare('session_lookup');
}
const preparedSessionLookup = new WeakMap<Db, ReturnType<typeof sessionLookup>>();

/** Runs on every authenticated request: built once per database and executed as a prepared statement. */
export async function findSession(db: Db, id: string) {
  let query = preparedSessionLookup.get(db);
  if (!query) {
    query = sessionLookup(db);
    preparedSessionLookup.set(db, query);
  }
  const [row] = await query.execute({ id });
  return row;
}

export async function insertSession(tx: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(values);
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSession(tx: Db, id: string, at: Date): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a user, optionally sparing one (the caller's own). */
export async function revokeUserSessions(tx: Db, userId: string, at: Date, exceptId?: string): Promise<number> {
  const conds = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptId) conds.push(ne(sessions.id, exceptId));
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(...conds))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function readThrottle(db: Db, key: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.loginKey, key));
  return row;
}

/**
 * Counts one failed attempt atomically (several instances may race) and locks the login when
 * the count reaches `maxFailures`. A lock that has run out starts a fresh count.
 */
export async function recordLoginFailure(db: Db, key: string, now: Date, maxFailures: number, lockMs: number) {
  const lockUntil = new Date(now.getTime() + lockMs);
  const [row] = await db
    .insert(loginThrottle)
    .values({ loginKey: key, failures: 1, lastFailureAt: now, lockedUntil: maxFailures <= 1 ? lockUntil : null })
    .onConflictDoUpdate({
      target: loginThrottle.loginKey,
      set: {
        failures: sql`case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= ${now} then 1 else ${loginThrottle.failures} + 1 end`,
        lockedUntil: sql`case
          when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} > ${now} then ${loginThrottle.lockedUntil}
          when (case when ${loginThrottle.lockedUntil} is not null and ${loginThrottle.lockedUntil} <= ${now} then 1 else ${loginThrottle.failures} + 1 end) >= ${maxFailures} then ${lockUntil}::timestamptz
          else null end`,
        lastFailureAt: now,
      },
    })
    .returning();
  return row!;
}

/**
 * Counts one request against the rate-limit window of `key` in one atomic upsert (instances race):
 * a missing row, a window that has ended, or one that ends implausibly late (the clock went back)
 * starts a new window with 1; otherwise the count goes up by one.
 */
export async function hitRateLimit(db: Db, key: string, now: Date, windowMs: number): Promise<{ hits: number; windowEndsAt: Date }> {
  const endsAt = new Date(now.getTime() + windowMs);
  const restart = sql`(${rateLimitCounters.windowEndsAt} <= ${now}::timestamptz or ${rateLimitCounters.windowEndsAt} > ${endsAt}::timestamptz)`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, hits: 1, windowEndsAt: endsAt })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${restart} then 1 else ${rateLimitCounters.hits} + 1 end`,
        windowEndsAt: sql`case when ${restart} then excluded.window_ends_at else ${rateLimitCounters.windowEndsAt} end`,
      },
    })
    .returning({ hits: rateLimitCounters.hits, windowEndsAt: rateLimitCounters.windowEndsAt });
  return row!;
}

/** The count in the current window of `key`, without counting (none when the window has ended). */
export async function readRateLimit(db: Db, key: string, now: Date): Promise<{ hits: number; windowEndsAt: Date } | undefined> {
  const [row] = await db
    .select({ hits: rateLimitCounters.hits, windowEndsAt: rateLimitCounters.windowEndsAt })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), sql`${rateLimitCounters.windowEndsAt} > ${now}::timestamptz`));
  return row;
}

/** Removes counters whose window ended before `before`. */
export async function sweepRateLimits(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(rateLimitCounters)
    .where(sql`${rateLimitCounters.windowEndsAt} < ${before}::timestamptz`)
    .returning({ key: rateLimitCounters.key });
  return rows.length;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.loginKey, key));
}

export async function updateUserFields(tx: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx.update(users).set(values).where(eq(users.id, id));
}
