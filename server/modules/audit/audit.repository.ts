import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Party } from '../../../domain/registry.ts';
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

/** Reads the chain in order up to `upToSeq`, a batch at a time, so verification runs in constant memory. */
export async function readChainBatch(db: Db, afterSeq: number, upToSeq: number, limit: number): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.seq, afterSeq), lte(auditLog.seq, upToSeq)))
    .orderBy(asc(auditLog.seq))
    .limit(limit);
}

/** The highest seq in the table (0 when empty): a row past the head was written behind its back. */
export async function maxSeq(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${auditLog.seq}), 0)::int` }).from(auditLog);
  return row?.n ?? 0;
}

export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  return head ?? { seq: 0, hash: '' };
}

/**
 * THE rule of who reads which audit row (A-9, personal data of each Party's officials). A row
 * belongs to the Party of its office (`office_id`: the office whose data or object it records, by
 * default the actor's). An auditor reads in full the rows of their own Party. Rows of the other
 * Party's office in which an official of the auditor's own Party acted (a counterpart reading
 * contacts, an administrator creating a user there) are listed so every action of one's own
 * officials is accounted for, but without before/after, which are the other Party's data. Rows with
 * neither office nor actor (system jobs; failed logins of logins that do not exist) concern the
 * shared system as a whole and are read by the auditors of both Parties.
 */
function rowParty(party: Party) {
  const officesOfParty = sql`select ${offices.id} from ${offices} where ${offices.party} = ${party}`;
  const usersOfParty = sql`select ${users.id} from ${users} join ${offices} on ${offices.id} = ${users.officeId} where ${offices.party} = ${party}`;
  const ownOffice = sql`${auditLog.officeId} in (${officesOfParty})`;
  const ownActor = sql`${auditLog.actorId} in (${usersOfParty})`;
  const system = sql`(${auditLog.officeId} is null and ${auditLog.actorId} is null)`;
  return {
    visible: sql`(${ownOffice} or ${ownActor} or ${system})`,
    /** Before/after may be shown: the row's office is of the reader's Party, or it has none. */
    full: sql<boolean>`(${auditLog.officeId} is null or ${ownOffice})`,
  };
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

export async function listAudit(db: Db, party: Party, f: AuditFilter) {
  const scope = rowParty(party);
  const conds: SQL[] = [scope.visible];
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lt(auditLog.at, f.to));
  if (f.actorLogin) conds.push(eq(auditLog.actorLogin, f.actorLogin));
  if (f.officeId) conds.push(eq(auditLog.officeId, f.officeId));
  // A prefix filter: `contact.` finds every contact action. LIKE wildcards in the input are escaped.
  if (f.action) conds.push(sql`${auditLog.action} like ${f.action.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  const where = and(...conds);
  const rows = await db
    .select({ row: auditLog, actorName: users.fullName, officeCode: offices.code, full: scope.full })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(offices, eq(offices.id, auditLog.officeId))
    .where(where)
    .orderBy(desc(auditLog.seq))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function distinctActions(db: Db, party: Party): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).where(rowParty(party).visible).orderBy(asc(auditLog.action));
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
