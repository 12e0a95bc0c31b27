import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { contactChanges, contactCommunications, contacts, offices, users } from '../../db/schema.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type ContactChangeRow = typeof contactChanges.$inferSelect;
export type CommunicationRow = typeof contactCommunications.$inferSelect;

export async function findContact(db: Db, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

/** Contacts of an office whose designation covers `on` (or every contact when `on` is undefined). */
export async function listOfficeContacts(db: Db, officeId: string, on: string | undefined): Promise<ContactRow[]> {
  const conds: (SQL | undefined)[] = [eq(contacts.officeId, officeId)];
  if (on) conds.push(lte(contacts.designatedFrom, on), or(isNull(contacts.designatedTo), gte(contacts.designatedTo, on)));
  return db
    .select()
    .from(contacts)
    .where(and(...conds))
    .orderBy(desc(contacts.designatedFrom), asc(contacts.surname));
}

export async function contactsOfOffices(db: Db, officeIds: string[]): Promise<ContactRow[]> {
  if (officeIds.length === 0) return [];
  return db.select().from(contacts).where(inArray(contacts.officeId, officeIds)).orderBy(asc(contacts.surname));
}

export async function insertContact(tx: Db, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [row] = await tx.insert(contacts).values(values).returning();
  return row!;
}

export async function updateContactVersioned(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof contacts.$inferInsert>,
): Promise<ContactRow | undefined> {
  const [row] = await tx
    .update(contacts)
    .set({ ...values, version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.id, id), eq(contacts.version, version)))
    .returning();
  return row;
}

export async function insertChange(tx: Db, values: typeof contactChanges.$inferInsert): Promise<ContactChangeRow> {
  const [row] = await tx.insert(contactChanges).values(values).returning();
  return row!;
}

/** Changes of the given contacts in effect on or before `on`, latest first. */
export async function changesUpTo(db: Db, contactIds: string[], on: string): Promise<ContactChangeRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .select()
    .from(contactChanges)
    .where(and(inArray(contactChanges.contactId, contactIds), lte(contactChanges.effectiveFrom, on)))
    .orderBy(desc(contactChanges.effectiveFrom), desc(contactChanges.changedAt));
}

export interface ChangeFilter {
  officeId?: string;
  contactId?: string;
  party?: 'RU' | 'KZ';
  pending?: boolean;
  limit: number;
  offset: number;
}

export async function listChanges(db: Db, f: ChangeFilter) {
  const conds: SQL[] = [];
  if (f.officeId) conds.push(eq(contactChanges.officeId, f.officeId));
  if (f.contactId) conds.push(eq(contactChanges.contactId, f.contactId));
  if (f.party) conds.push(eq(offices.party, f.party));
  if (f.pending !== undefined) conds.push(f.pending ? isNull(contactChanges.communicationId) : sql`${contactChanges.communicationId} is not null`);
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({ change: contactChanges, office: offices, actorName: users.fullName, communication: contactCommunications })
    .from(contactChanges)
    .innerJoin(offices, eq(offices.id, contactChanges.officeId))
    .leftJoin(users, eq(users.id, contactChanges.changedBy))
    .leftJoin(contactCommunications, eq(contactCommunications.id, contactChanges.communicationId))
    .where(where)
    .orderBy(desc(contactChanges.changedAt), desc(contactChanges.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contactChanges)
    .innerJoin(offices, eq(offices.id, contactChanges.officeId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function pendingChangeCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ officeId: contactChanges.officeId, n: sql<number>`count(*)::int` })
    .from(contactChanges)
    .where(isNull(contactChanges.communicationId))
    .groupBy(contactChanges.officeId);
  return new Map(rows.map((r) => [r.officeId, r.n]));
}

export async function lastChangeAt(db: Db): Promise<Map<string, Date>> {
  const rows = await db
    .select({ officeId: contactChanges.officeId, at: sql<string>`max(${contactChanges.changedAt})` })
    .from(contactChanges)
    .groupBy(contactChanges.officeId);
  return new Map(rows.map((r) => [r.officeId, new Date(r.at)]));
}

/** Pending changes of a Party's offices, optionally only those listed; locked so two letters cannot claim one change. */
export async function pendingChangesForParty(tx: Db, party: 'RU' | 'KZ', ids: string[] | undefined): Promise<string[]> {
  const conds: SQL[] = [isNull(contactChanges.communicationId), eq(offices.party, party)];
  if (ids) conds.push(inArray(contactChanges.id, ids));
  const rows = await tx
    .select({ id: contactChanges.id })
    .from(contactChanges)
    .innerJoin(offices, eq(offices.id, contactChanges.officeId))
    .where(and(...conds))
    .for('update', { of: contactChanges });
  return rows.map((r) => r.id);
}

export async function insertCommunication(tx: Db, values: typeof contactCommunications.$inferInsert): Promise<CommunicationRow> {
  const [row] = await tx.insert(contactCommunications).values(values).returning();
  return row!;
}

export async function attachChanges(tx: Db, changeIds: string[], communicationId: string): Promise<void> {
  if (changeIds.length) await tx.update(contactChanges).set({ communicationId }).where(inArray(contactChanges.id, changeIds));
}

export async function listCommunications(db: Db, party: 'RU' | 'KZ' | undefined, limit: number, offset: number) {
  const where = party ? eq(contactCommunications.party, party) : undefined;
  const rows = await db
    .select({
      c: contactCommunications,
      actorName: users.fullName,
      changes: sql<number>`(select count(*)::int from ${contactChanges} where ${contactChanges.communicationId} = ${contactCommunications.id})`,
    })
    .from(contactCommunications)
    .leftJoin(users, eq(users.id, contactCommunications.recordedBy))
    .where(where)
    .orderBy(desc(contactCommunications.recordedAt))
    .limit(limit)
    .offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(contactCommunications)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

/** Erases the personal data of contacts whose designation ended before `endedBefore` (retention). */
export async function eraseExpiredContacts(tx: Db, endedBefore: string): Promise<string[]> {
  const expired = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(lte(contacts.designatedTo, endedBefore), sql`${contacts.surname} <> '—'`));
  const ids = expired.map((r) => r.id);
  if (ids.length === 0) return [];
  await tx
    .update(contacts)
    .set({ surname: '—', firstName: '—', patronymic: null, position: '—', phone: '—', phoneE164: '—', email: '—' })
    .where(inArray(contacts.id, ids));
  await tx.update(contactChanges).set({ before: null, after: null }).where(inArray(contactChanges.contactId, ids));
  return ids;
}
