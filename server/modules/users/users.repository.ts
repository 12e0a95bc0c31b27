import { and, arrayContains, asc, eq, ilike, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../../domain/access.ts';
import type { Db } from '../../db/client.ts';
import { loginThrottle, offices, users } from '../../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

export interface UserFilter {
  q?: string;
  officeCode?: string;
  role?: Role;
  disabled?: boolean;
  limit: number;
  offset: number;
}

const select = {
  user: users,
  officeCode: offices.code,
  officeHosting: offices.hosting,
  lockedUntil: loginThrottle.lockedUntil,
};

export async function listUsers(db: Db, f: UserFilter) {
  const conds: (SQL | undefined)[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.login, like), ilike(users.fullName, like), ilike(users.email, like)));
  }
  if (f.officeCode) conds.push(eq(offices.code, f.officeCode));
  if (f.role) conds.push(arrayContains(users.roles, [f.role]));
  if (f.disabled !== undefined) conds.push(f.disabled ? isNotNull(users.disabledAt) : isNull(users.disabledAt));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select(select)
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .leftJoin(loginThrottle, eq(loginThrottle.loginKey, users.login))
    .where(where)
    .orderBy(asc(users.login))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findUserView(db: Db, id: string) {
  const [row] = await db
    .select(select)
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .leftJoin(loginThrottle, eq(loginThrottle.loginKey, users.login))
    .where(eq(users.id, id));
  return row;
}

export async function loginExists(db: Db, login: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  return Boolean(row);
}

/** Administrators who can log in: not disabled, of an office hosted here. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(isNull(users.disabledAt), eq(offices.hosting, 'here'), arrayContains(users.roles, ['admin'])));
  return row?.n ?? 0;
}

export async function insertUser(tx: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row!;
}

export async function updateUserVersioned(tx: Db, id: string, version: number, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await tx
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row;
}

export async function updateUser(tx: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

export async function clearLoginThrottle(tx: Db, login: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.loginKey, login));
}

/** Active users of offices not hosted here, locked: none may remain once the node is applied. */
export async function lockActiveUsersNotHostedHere(tx: Db) {
  return tx
    .select({ id: users.id, login: users.login, officeId: users.officeId, officeCode: offices.code, hosting: offices.hosting })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(isNull(users.disabledAt), ne(offices.hosting, 'here')))
    .for('update', { of: users });
}
