import { and, asc, desc, eq, gt, gte, lt, sql, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { auditHead, auditLog, offices, users } from '../../db/schema.ts';
import { chainHash, toJsonValue, type ChainedFields } from './audit.chain.ts';

export interface AuditEntry {
  actorId: string | null;
  actorLogin: string | null;
  officeId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at: Date;
}

/**
 * Appends one row inside the caller's transaction. Locking the head row serializes writers on
 * every instance, so the chain never forks; the lock is held only until the caller commits.
 */
export async function appendAudit(tx: Db, entry: AuditEntry): Promise<number> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row is missing: migrations not applied');
  const row: ChainedFields = {
    seq: head.seq + 1,
    id: uuidv7(),
    at: entry.at,
    actorId: entry.actorId,
    actorLogin: entry.actorLogin,
    officeId: entry.officeId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    ip: entry.ip ?? null,
  };
  const hash = chainHash(head.hash, row);
  await tx.insert(auditLog).values({ ...row, prevHash: head.hash, hash });
  await tx.update(auditHead).set({ seq: row.seq, hash }).where(eq(auditHead.id, 1));
  return row.seq;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Reads the chain in order, a batch at a time, so verification runs in constant memory. */
export async function readChainBatch(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}

export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ?? { seq: 0, hash: '' };
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorLogin?: string;
  officeId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  const conds: SQL[] = [];
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lt(auditLog.at, f.to));
  if (f.actorLogin) conds.push(eq(auditLog.actorLogin, f.actorLogin));
  if (f.officeId) conds.push(eq(auditLog.officeId, f.officeId));
  // A prefix filter: `contact.` finds every contact action. LIKE wildcards in the input are escaped.
  if (f.action) conds.push(sql`${auditLog.action} like ${f.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({ row: auditLog, actorName: users.fullName, officeCode: offices.code })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(offices, eq(offices.id, auditLog.officeId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function distinctActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

/**
 * Whether the connected role could rewrite the audit log despite its trigger: it owns the table
 * (or may become its owner, as a superuser can), so it could disable the trigger, or it holds
 * UPDATE/DELETE/TRUNCATE on it. PostgreSQL only.
 */
export async function roleCanRewriteAuditLog(db: Db): Promise<boolean> {
  const res = (await db.execute(sql`
    select pg_has_role(current_user, c.relowner, 'MEMBER')
        or has_table_privilege(current_user, c.oid, 'UPDATE, DELETE, TRUNCATE, TRIGGER') as can
      from pg_class c where c.oid = 'public.audit_log'::regclass`)) as unknown as { rows: { can: boolean }[] };
  return res.rows[0]?.can ?? true;
}
