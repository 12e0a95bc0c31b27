import { and, arrayOverlaps, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/access.ts';
import type { OfficeKind, Party } from '../../../domain/registry.ts';
import type { Db } from '../../db/client.ts';
import { notifications, offices, outbox, users } from '../../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

export interface RecipientQuery {
  /** Exactly these users (still only the active ones). */
  userIds?: string[];
  officeIds?: string[];
  party?: Party;
  officeKinds?: OfficeKind[];
  roles?: Role[];
}

/** Active users matching all given criteria. */
export async function findRecipients(db: Db, q: RecipientQuery) {
  const conds: SQL[] = [isNull(users.disabledAt)];
  if (q.userIds) conds.push(q.userIds.length ? inArray(users.id, q.userIds) : sql`false`);
  if (q.officeIds) conds.push(q.officeIds.length ? inArray(users.officeId, q.officeIds) : sql`false`);
  if (q.party) conds.push(eq(offices.party, q.party));
  if (q.officeKinds) conds.push(inArray(offices.kind, q.officeKinds));
  if (q.roles) conds.push(arrayOverlaps(users.roles, q.roles));
  return db
    .select({ id: users.id, email: users.email, locale: users.locale, fullName: users.fullName, roles: users.roles, party: offices.party })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(...conds));
}

export async function insertNotifications(tx: Db, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(notifications).values(rows);
}

export async function insertOutbox(tx: Db, rows: (typeof outbox.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(outbox).values(rows);
}

export async function listForUser(db: Db, userId: string, unreadOnly: boolean, limit: number, offset: number) {
  const where = unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const rows = await db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function markRead(tx: Db, userId: string, ids: string[] | 'all', at: Date): Promise<number> {
  const conds = [eq(notifications.userId, userId), isNull(notifications.readAt)];
  if (ids !== 'all') conds.push(inArray(notifications.id, ids));
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(...conds))
    .returning({ id: notifications.id });
  return rows.length;
}
