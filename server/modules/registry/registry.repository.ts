import { officeIdOf } from '../../db/office-id.ts';
import { and, arrayContains, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Certainty, OfficeKind, PairingBasis, Party } from '../../../domain/registry.ts';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Hosting, NodeParty } from '../../../domain/node.ts';
import type { Db } from '../../db/client.ts';
import { appMeta, legalBasis, offices, pairings, partyNotices, registryHistory, registryVersion, users } from '../../db/schema.ts';

export type OfficeRow = typeof offices.$inferSelect;
export type PairingRow = typeof pairings.$inferSelect;
export type LegalBasisRow = typeof legalBasis.$inferSelect;
export type HistoryRow = typeof registryHistory.$inferSelect;
export type PartyNoticeRow = typeof partyNotices.$inferSelect;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `valid_from <= on <= valid_to` with open ends. */
const inForceOn = (from: AnyPgColumn, to: AnyPgColumn, on: string) => and(or(isNull(from), lte(from, on)), or(isNull(to), gte(to, on)));

export interface OfficeFilter {
  party?: Party;
  kind?: OfficeKind;
  authorized?: boolean;
  q?: string;
  inForceOn?: string;
  hosting?: Hosting;
  limit: number;
  offset: number;
}

export async function listOffices(db: Db, f: OfficeFilter): Promise<{ rows: OfficeRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (f.party) conds.push(eq(offices.party, f.party));
  if (f.kind) conds.push(eq(offices.kind, f.kind));
  if (f.authorized !== undefined) conds.push(eq(offices.authorized, f.authorized));
  if (f.inForceOn) conds.push(inForceOn(offices.validFrom, offices.validTo, f.inForceOn));
  if (f.hosting) conds.push(eq(offices.hosting, f.hosting));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      or(ilike(offices.code, like), ilike(offices.nameRu, like), ilike(offices.nameKk, like), ilike(offices.nameEn, like), ilike(offices.seatRu, like)),
    );
  }
  const where = conds.length ? and(...conds) : undefined;
  // One round trip: the total rides along as a window count (the list is read on every page view).
  const rows = await db
    .select({ office: offices, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(offices)
    .where(where)
    .orderBy(asc(offices.party), asc(offices.code))
    .limit(f.limit)
    .offset(f.offset);
  if (rows.length === 0 && f.offset > 0) {
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(offices)
      .where(where);
    return { rows: [], total: count?.n ?? 0 };
  }
  return { rows: rows.map((r) => r.office), total: rows[0]?.total ?? 0 };
}

export async function allOffices(db: Db): Promise<OfficeRow[]> {
  return db.select().from(offices).orderBy(asc(offices.code));
}

export async function findOfficeById(db: Db, id: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(offices).where(eq(offices.id, id));
  return row;
}

export async function findOfficeByCode(db: Db, code: string): Promise<OfficeRow | undefined> {
  const [row] = await db.select().from(offices).where(eq(offices.code, code));
  return row;
}

export async function insertOffice(tx: Db, values: typeof offices.$inferInsert): Promise<OfficeRow> {
  // The same code gives the same id on every node (db/office-id.ts).
  const [row] = await tx
    .insert(offices)
    .values({ ...values, id: officeIdOf(values.code) })
    .returning();
  return row!;
}

/** Updates only when the row is still at `version`; undefined means someone else saved first. */
export async function updateOfficeVersioned(tx: Db, id: string, version: number, values: Partial<typeof offices.$inferInsert>): Promise<OfficeRow | undefined> {
  const [row] = await tx
    .update(offices)
    .set({ ...values, version: sql`${offices.version} + 1` })
    .where(and(eq(offices.id, id), eq(offices.version, version)))
    .returning();
  return row;
}

const ru = alias(offices, 'ru_office');
const kz = alias(offices, 'kz_office');

export interface PairingFilter {
  officeId?: string;
  active?: boolean;
  basis?: PairingBasis;
  certainty?: Certainty;
  inForceOn?: string;
  hosting?: Hosting;
  limit: number;
  offset: number;
}

export type PairingWithOffices = { pairing: PairingRow; ru: OfficeRow; kz: OfficeRow };

export async function listPairings(db: Db, f: PairingFilter): Promise<{ rows: PairingWithOffices[]; total: number }> {
  const conds: (SQL | undefined)[] = [];
  if (f.officeId) conds.push(or(eq(pairings.ruOfficeId, f.officeId), eq(pairings.kzOfficeId, f.officeId)));
  if (f.active !== undefined) conds.push(eq(pairings.active, f.active));
  if (f.basis) conds.push(eq(pairings.basis, f.basis));
  if (f.certainty) conds.push(eq(pairings.certainty, f.certainty));
  if (f.inForceOn) conds.push(inForceOn(pairings.validFrom, pairings.validTo, f.inForceOn));
  if (f.hosting) conds.push(or(eq(ru.hosting, f.hosting), eq(kz.hosting, f.hosting)));
  const where = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({ pairing: pairings, ru, kz })
    .from(pairings)
    .innerJoin(ru, eq(ru.id, pairings.ruOfficeId))
    .innerJoin(kz, eq(kz.id, pairings.kzOfficeId))
    .where(where)
    .orderBy(asc(ru.code), asc(kz.code), asc(pairings.validFrom))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pairings)
    .innerJoin(ru, eq(ru.id, pairings.ruOfficeId))
    .innerJoin(kz, eq(kz.id, pairings.kzOfficeId))
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

export async function findPairing(db: Db, id: string): Promise<PairingWithOffices | undefined> {
  const [row] = await db
    .select({ pairing: pairings, ru, kz })
    .from(pairings)
    .innerJoin(ru, eq(ru.id, pairings.ruOfficeId))
    .innerJoin(kz, eq(kz.id, pairings.kzOfficeId))
    .where(eq(pairings.id, id));
  return row;
}

export async function pairingsBetween(db: Db, ruOfficeId: string, kzOfficeId: string): Promise<PairingRow[]> {
  return db
    .select()
    .from(pairings)
    .where(and(eq(pairings.ruOfficeId, ruOfficeId), eq(pairings.kzOfficeId, kzOfficeId)));
}

export async function allPairings(db: Db): Promise<PairingRow[]> {
  return db.select().from(pairings);
}

export async function insertPairing(tx: Db, values: typeof pairings.$inferInsert): Promise<PairingRow> {
  const [row] = await tx.insert(pairings).values(values).returning();
  return row!;
}

export async function updatePairingVersioned(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof pairings.$inferInsert>,
): Promise<PairingRow | undefined> {
  const [row] = await tx
    .update(pairings)
    .set({ ...values, version: sql`${pairings.version} + 1` })
    .where(and(eq(pairings.id, id), eq(pairings.version, version)))
    .returning();
  return row;
}

export async function listLegalBasis(db: Db): Promise<LegalBasisRow[]> {
  return db.select().from(legalBasis).orderBy(asc(legalBasis.signedOn), asc(legalBasis.code));
}

export async function findLegalBasis(db: Db, id: string): Promise<LegalBasisRow | undefined> {
  const [row] = await db.select().from(legalBasis).where(eq(legalBasis.id, id));
  return row;
}

export async function findLegalBasisByCode(db: Db, code: string): Promise<LegalBasisRow | undefined> {
  const [row] = await db.select().from(legalBasis).where(eq(legalBasis.code, code));
  return row;
}

export async function insertLegalBasis(tx: Db, values: typeof legalBasis.$inferInsert): Promise<LegalBasisRow> {
  const [row] = await tx.insert(legalBasis).values(values).returning();
  return row!;
}

export async function updateLegalBasisVersioned(
  tx: Db,
  id: string,
  version: number,
  values: Partial<typeof legalBasis.$inferInsert>,
): Promise<LegalBasisRow | undefined> {
  const [row] = await tx
    .update(legalBasis)
    .set({ ...values, version: sql`${legalBasis.version} + 1` })
    .where(and(eq(legalBasis.id, id), eq(legalBasis.version, version)))
    .returning();
  return row;
}

export async function insertHistory(tx: Db, values: typeof registryHistory.$inferInsert): Promise<void> {
  await tx.insert(registryHistory).values(values);
}

export async function listHistory(
  db: Db,
  where: { officeId?: string; entityType?: string; entityId?: string; actions?: string[] },
  limit: number,
  offset: number,
) {
  const conds: SQL[] = [];
  if (where.actions) conds.push(inArray(registryHistory.action, where.actions));
  if (where.officeId) conds.push(arrayContains(registryHistory.officeIds, [where.officeId]));
  if (where.entityType) conds.push(eq(registryHistory.entityType, where.entityType));
  if (where.entityId) conds.push(eq(registryHistory.entityId, where.entityId));
  const cond = conds.length ? and(...conds) : undefined;
  const rows = await db
    .select({ h: registryHistory, actorName: users.fullName })
    .from(registryHistory)
    .leftJoin(users, eq(users.id, registryHistory.actorId))
    .where(cond)
    // Rows of one instant (a test clock, one transaction) keep the order they were written in: ids are UUIDv7.
    .orderBy(desc(registryHistory.at), desc(registryHistory.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registryHistory)
    .where(cond);
  return { rows, total: count?.n ?? 0 };
}

// ─── the node ────────────────────────────────────────────────────────────────

const NODE_MARK = 'node_party';

/** The NODE_PARTY this database was last started as; null before the first start. */
export async function readNodeMark(db: Db): Promise<NodeParty | null> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, NODE_MARK));
  return row ? (row.value as NodeParty) : null;
}

export async function writeNodeMark(tx: Db, node: NodeParty, at: Date): Promise<void> {
  await tx
    .insert(appMeta)
    .values({ key: NODE_MARK, value: node, updatedAt: at })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: node, updatedAt: at } });
}

/** Users who could still log in at an office: a move off this node would lock them out. */
export async function countActiveUsersOf(db: Db, officeId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.officeId, officeId), isNull(users.disabledAt)));
  return row?.n ?? 0;
}

export async function insertPartyNotices(tx: Db, rows: (typeof partyNotices.$inferInsert)[]): Promise<{ id: string; toOfficeId: string }[]> {
  if (rows.length === 0) return [];
  return tx.insert(partyNotices).values(rows).returning({ id: partyNotices.id, toOfficeId: partyNotices.toOfficeId });
}

const toOffice = alias(offices, 'to_office');
const aboutOffice = alias(offices, 'about_office');
const sentBy = alias(users, 'sent_by');

export async function listPartyNotices(db: Db, f: { fromParty: 'RU' | 'KZ'; pending?: boolean; limit: number; offset: number }) {
  const conds: SQL[] = [eq(partyNotices.fromParty, f.fromParty)];
  if (f.pending !== undefined) conds.push(f.pending ? isNull(partyNotices.sentOn) : isNotNull(partyNotices.sentOn));
  const where = and(...conds);
  const rows = await db
    .select({ notice: partyNotices, to: toOffice, about: aboutOffice, sentByName: sentBy.fullName })
    .from(partyNotices)
    .innerJoin(toOffice, eq(toOffice.id, partyNotices.toOfficeId))
    .leftJoin(aboutOffice, eq(aboutOffice.id, partyNotices.officeId))
    .leftJoin(sentBy, eq(sentBy.id, partyNotices.sentRecordedBy))
    .where(where)
    .orderBy(desc(partyNotices.createdAt), desc(partyNotices.id))
    .limit(f.limit)
    .offset(f.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partyNotices)
    .where(where);
  return { rows, total: count?.n ?? 0 };
}

/** Pending notices of a Party (all, or those named), locked so two letters cannot claim one notice. */
export async function lockPendingNotices(tx: Db, fromParty: 'RU' | 'KZ', ids: string[] | undefined): Promise<string[]> {
  const conds: SQL[] = [eq(partyNotices.fromParty, fromParty), isNull(partyNotices.sentOn)];
  if (ids) conds.push(inArray(partyNotices.id, ids));
  const rows = await tx
    .select({ id: partyNotices.id })
    .from(partyNotices)
    .where(and(...conds))
    .for('update');
  return rows.map((r) => r.id);
}

export async function markNoticesSent(
  tx: Db,
  ids: string[],
  values: { sentOn: string; outgoingNumber: string; note: string | null; sentRecordedBy: string; sentRecordedAt: Date },
): Promise<void> {
  if (ids.length) await tx.update(partyNotices).set(values).where(inArray(partyNotices.id, ids));
}

/** The registry's version (migration 0032: raised by every change of offices, pairings, legal basis). */
export async function readRegistryVersion(db: Db): Promise<number> {
  const [row] = await db.select({ version: registryVersion.version }).from(registryVersion).where(eq(registryVersion.id, 1));
  return row?.version ?? 0;
}
