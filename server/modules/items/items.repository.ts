import { and, asc, desc, eq, gte, isNull, lt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FigureFilter, FigureMeasure } from '../../../domain/annual.ts';
import { OVERSIGHT_CELLS } from '../../../domain/schemas/oversight.ts';
import type { Side } from '../../../domain/item-status.ts';
import type { Confidentiality, LinkKind } from '../../../domain/items.ts';
import type { Db } from '../../db/client.ts';
import * as rules from '../../db/predicates.ts';
import {
  attachments,
  consents,
  infoUses,
  itemLetters,
  itemLinks,
  itemMessages,
  itemParticipants,
  items,
  offices,
  type ParticipantRole,
  signatures,
  signingKeys,
  users,
} from '../../db/schema.ts';

export type ItemRow = typeof items.$inferSelect;
export type OfficeRow = typeof offices.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type SignatureRow = typeof signatures.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type LetterRow = typeof itemLetters.$inferSelect;

const fromOffice = alias(offices, 'from_office');
const toOffice = alias(offices, 'to_office');
const intendedOffice = alias(offices, 'intended_office');

export interface ItemWithOffices {
  item: ItemRow;
  from: OfficeRow;
  to: OfficeRow;
  intended: OfficeRow | null;
}

/**
 * A statement built once per database object and reused (named, so PostgreSQL parses it once per
 * connection). For the reads every item page makes; rebuilding them per request was measurable.
 */
const preparedCache = new WeakMap<Db, Map<string, unknown>>();
function preparedOnce<T>(db: Db, name: string, build: (db: Db) => T): T {
  let cache = preparedCache.get(db);
  if (!cache) preparedCache.set(db, (cache = new Map()));
  let q = cache.get(name) as T | undefined;
  if (!q) cache.set(name, (q = build(db)));
  return q;
}

function findItemQuery(db: Db) {
  return db
    .select({ item: items, from: fromOffice, to: toOffice, intended: intendedOffice })
    .from(items)
    .innerJoin(fromOffice, eq(fromOffice.id, items.fromOfficeId))
    .innerJoin(toOffice, eq(toOffice.id, items.toOfficeId))
    .leftJoin(intendedOffice, eq(intendedOffice.id, items.intendedOfficeId));
}
const preparedFindItem = new WeakMap<Db, ReturnType<typeof prepareFindItem>>();
function prepareFindItem(db: Db) {
  return findItemQuery(db)
    .where(eq(items.id, sql.placeholder('id')))
    .prepare('find_item');
}

/**
 * With `forUpdate`, the row stays locked until the transaction ends: concurrent actions queue up.
 * A plain read (every item page) is a prepared statement, built once per database (or transaction):
 * the four-table select is not rebuilt per request.
 */
export async function findItem(db: Db, id: string, forUpdate = false): Promise<ItemWithOffices | undefined> {
  if (forUpdate) {
    const [row] = await findItemQuery(db).where(eq(items.id, id)).for('update', { of: items });
    return row;
  }
  let query = preparedFindItem.get(db);
  if (!query) {
    query = prepareFindItem(db);
    preparedFindItem.set(db, query);
  }
  const [row] = await query.execute({ id });
  return row;
}

export async function addParticipant(tx: Db, itemId: string, userId: string, side: Side, role: ParticipantRole, at: Date): Promise<void> {
  await tx.insert(itemParticipants).values({ itemId, userId, side, role, addedAt: at }).onConflictDoNothing();
}

export async function isParticipant(db: Db, itemId: string, userId: string): Promise<boolean> {
  const q = preparedOnce(db, 'is_participant', (d) =>
    d
      .select({ userId: itemParticipants.userId })
      .from(itemParticipants)
      .where(and(eq(itemParticipants.itemId, sql.placeholder('itemId')), eq(itemParticipants.userId, sql.placeholder('userId'))))
      .prepare('is_participant'),
  );
  const [row] = await q.execute({ itemId, userId });
  return Boolean(row);
}

export async function participantIds(db: Db, itemId: string): Promise<string[]> {
  const rows = await db.select({ userId: itemParticipants.userId }).from(itemParticipants).where(eq(itemParticipants.itemId, itemId));
  return rows.map((r) => r.userId);
}

export async function insertLink(tx: Db, itemId: string, targetId: string, kind: LinkKind): Promise<void> {
  await tx.insert(itemLinks).values({ itemId, targetId, kind }).onConflictDoNothing();
}

/** Links from this item and to it, with the other item's numbers for «На № … от …», in one statement. */
export async function listLinks(db: Db, itemId: string) {
  const q = preparedOnce(db, 'list_links', (d) => {
    const other = alias(items, 'other_item');
    const id = sql.placeholder('id');
    const outgoing = sql`${itemLinks.itemId} = ${id}`;
    return d
      .select({
        kind: itemLinks.kind,
        direction: sql<'to' | 'from'>`case when ${outgoing} then 'to' else 'from' end`,
        itemId: other.id,
        number: other.number,
        numberYear: other.numberYear,
        outgoingNumber: other.outgoingNumber,
        outgoingDate: other.outgoingDate,
      })
      .from(itemLinks)
      .innerJoin(other, sql`${other.id} = case when ${outgoing} then ${itemLinks.targetId} else ${itemLinks.itemId} end`)
      .where(or(eq(itemLinks.itemId, id), eq(itemLinks.targetId, id)))
      .orderBy(sql`case when ${outgoing} then 0 else 1 end`, asc(other.createdAt))
      .prepare('list_links');
  });
  return q.execute({ id: itemId });
}

export async function insertAttachment(tx: Db, values: typeof attachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await tx.insert(attachments).values(values).returning();
  return row!;
}

export async function listAttachments(db: Db, itemId: string) {
  const q = preparedOnce(db, 'list_attachments', (d) =>
    d
      .select({ a: attachments, officeCode: offices.code })
      .from(attachments)
      .leftJoin(offices, eq(offices.id, attachments.officeId))
      .where(and(eq(attachments.itemId, sql.placeholder('itemId')), isNull(attachments.removedAt)))
      .orderBy(asc(attachments.createdAt), asc(attachments.id))
      .prepare('list_attachments'),
  );
  return q.execute({ itemId });
}

/** Every file of an item, removed ones too: the timeline names them (under the confidentiality rule). */
export async function listAllAttachments(db: Db, itemId: string): Promise<AttachmentRow[]> {
  return db.select().from(attachments).where(eq(attachments.itemId, itemId));
}

/** The levels of an item's messages and present files, for its highest level. */
export async function pieceLevels(db: Db, itemId: string): Promise<Confidentiality[]> {
  const q = preparedOnce(db, 'piece_levels', (d) =>
    d
      .select({ level: itemMessages.confidentiality })
      .from(itemMessages)
      .where(and(eq(itemMessages.itemId, sql.placeholder('itemId')), sql`${itemMessages.confidentiality} <> 'open'`))
      .union(
        d
          .select({ level: attachments.confidentiality })
          .from(attachments)
          .where(and(eq(attachments.itemId, sql.placeholder('itemId')), isNull(attachments.removedAt), sql`${attachments.confidentiality} <> 'open'`)),
      )
      .prepare('piece_levels'),
  );
  return (await q.execute({ itemId })).map((r) => r.level);
}

export async function setAttachmentConfidentiality(tx: Db, id: string, level: Confidentiality): Promise<void> {
  await tx.update(attachments).set({ confidentiality: level }).where(eq(attachments.id, id));
}

export async function findMessage(db: Db, id: string) {
  const [row] = await db.select().from(itemMessages).where(eq(itemMessages.id, id));
  return row;
}

export async function setMessageConfidentiality(tx: Db, id: string, level: Confidentiality): Promise<void> {
  await tx.update(itemMessages).set({ confidentiality: level }).where(eq(itemMessages.id, id));
}

/** The level of the proposed conditions: that of the latest message that proposed them. */
export async function conditionsLevel(db: Db, itemId: string): Promise<Confidentiality | null> {
  const [row] = await db
    .select({ level: itemMessages.confidentiality })
    .from(itemMessages)
    .where(and(eq(itemMessages.itemId, itemId), sql`${itemMessages.proposedConditions} is not null`))
    .orderBy(desc(itemMessages.createdAt), desc(itemMessages.id))
    .limit(1);
  return row?.level ?? null;
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

export async function removeAttachment(tx: Db, id: string, at: Date): Promise<void> {
  await tx.update(attachments).set({ removedAt: at }).where(eq(attachments.id, id));
}

export async function activeKeyOf(db: Db, userId: string) {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.userId, userId), isNull(signingKeys.revokedAt)))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1);
  return row;
}

export async function insertKey(tx: Db, values: typeof signingKeys.$inferInsert) {
  const [row] = await tx.insert(signingKeys).values(values).returning();
  return row!;
}

export async function insertSignature(tx: Db, values: typeof signatures.$inferInsert): Promise<SignatureRow> {
  const [row] = await tx.insert(signatures).values(values).returning();
  return row!;
}

export async function findSignature(db: Db, id: string) {
  const [row] = await db
    .select({ s: signatures, key: signingKeys, signerName: users.fullName, officeCode: offices.code })
    .from(signatures)
    .innerJoin(signingKeys, eq(signingKeys.id, signatures.keyId))
    .innerJoin(users, eq(users.id, signatures.signerId))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(eq(signatures.id, id));
  return row;
}

export async function voidSignature(tx: Db, id: string, at: Date, reason: string): Promise<void> {
  await tx
    .update(signatures)
    .set({ voidedAt: at, voidReason: reason })
    .where(and(eq(signatures.id, id), isNull(signatures.voidedAt)));
}

export async function insertMessage(tx: Db, values: typeof itemMessages.$inferInsert) {
  const [row] = await tx.insert(itemMessages).values(values).returning();
  return row!;
}

export async function listMessages(db: Db, itemId: string) {
  return db
    .select({ m: itemMessages, authorName: users.fullName, officeCode: offices.code })
    .from(itemMessages)
    .innerJoin(users, eq(users.id, itemMessages.authorId))
    .innerJoin(offices, eq(offices.id, itemMessages.officeId))
    .where(eq(itemMessages.itemId, itemId))
    .orderBy(asc(itemMessages.createdAt));
}

export async function insertLetter(tx: Db, values: typeof itemLetters.$inferInsert): Promise<LetterRow> {
  const [row] = await tx.insert(itemLetters).values(values).returning();
  return row!;
}

/** The letters of an item, oldest first, with who recorded them and the counterpart's code. */
export async function listLetters(db: Db, itemId: string) {
  return db
    .select({ l: itemLetters, recordedByName: users.fullName, officeCode: offices.code })
    .from(itemLetters)
    .innerJoin(users, eq(users.id, itemLetters.recordedBy))
    .innerJoin(offices, eq(offices.id, itemLetters.officeId))
    .where(eq(itemLetters.itemId, itemId))
    .orderBy(asc(itemLetters.recordedAt), asc(itemLetters.id));
}

export async function findLetter(db: Db, id: string) {
  const [row] = await db
    .select({ l: itemLetters, recordedByName: users.fullName })
    .from(itemLetters)
    .innerJoin(users, eq(users.id, itemLetters.recordedBy))
    .where(eq(itemLetters.id, id));
  return row;
}

export async function insertConsent(tx: Db, values: typeof consents.$inferInsert): Promise<ConsentRow> {
  const [row] = await tx.insert(consents).values(values).returning();
  return row!;
}

export async function listConsents(db: Db, itemId: string): Promise<ConsentRow[]> {
  return db.select().from(consents).where(eq(consents.itemId, itemId)).orderBy(asc(consents.requestedAt));
}

export async function findConsent(db: Db, id: string, forUpdate = false): Promise<ConsentRow | undefined> {
  const q = db.select().from(consents).where(eq(consents.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function decideConsent(tx: Db, id: string, values: Partial<typeof consents.$inferInsert>): Promise<ConsentRow> {
  const [row] = await tx.update(consents).set(values).where(eq(consents.id, id)).returning();
  return row!;
}

export async function insertUse(tx: Db, values: typeof infoUses.$inferInsert) {
  const [row] = await tx.insert(infoUses).values(values).returning();
  return row!;
}

export async function listUses(db: Db, itemId: string) {
  return db
    .select({ u: infoUses, officeCode: offices.code })
    .from(infoUses)
    .innerJoin(offices, eq(offices.id, infoUses.officeId))
    .where(eq(infoUses.itemId, itemId))
    .orderBy(asc(infoUses.usedAt));
}

export async function officeUsers(db: Db, userId: string) {
  const q = preparedOnce(db, 'office_user', (d) =>
    d
      .select({ id: users.id, officeId: users.officeId, fullName: users.fullName, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare('office_user'),
  );
  const [row] = await q.execute({ id: userId });
  return row;
}

// ─── journals ────────────────────────────────────────────────────────────────

export interface JournalViewer {
  userId: string;
  officeId: string;
  /** Head or deputy of an office: sees restricted items of that office. */
  isHead: boolean;
  isCoordinator: boolean;
  /** Offices of the viewer's Party (for a coordinator's view of all items). */
  partyOfficeIds: string[];
  /** The registry's offices when the caller has them already (saves a round trip per page). */
  offices?: Map<string, OfficeRow>;
}

export interface JournalFilter {
  box: 'incoming' | 'outgoing' | 'all';
  status?: string[] | undefined;
  counterpartId?: string | undefined;
  kind?: string | undefined;
  form?: string | undefined;
  area?: string | undefined;
  confidentiality?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  sort: 'number' | 'createdAt' | 'sentAt' | 'answerDueAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  now: Date;
}

/**
 * Whether the viewer may read an item's text: domain/confidentiality.ts mayReadPiece for the
 * request's content, as SQL, so lists and search apply it per row (search indexes only that content).
 * The participation check runs only for a restricted row (the OR stops before it otherwise) and
 * probes the primary key of item_participants; `offset 0` keeps the planner from turning it into a
 * hash of all the user's participations, built on every query (tens of thousands of rows for a busy
 * officer). The item is named with its table so the check stays correct inside a subquery.
 */
export function contentVisibleSql(v: JournalViewer): SQL {
  return visibleSql(v.isHead, v.officeId, v.isCoordinator, v.userId);
}

type Value<T> = T | Placeholder;
function visibleSql(isHead: Value<boolean>, officeId: Value<string>, isCoordinator: Value<boolean>, userId: Value<string>): SQL {
  return sql`(${items.confidentiality} <> 'restricted'
    or (${isHead} and (${items.fromOfficeId} = ${officeId} or ${items.toOfficeId} = ${officeId}))
    or (${isCoordinator} and ${items.route} = 'coordinator' and ${items.toOfficeId} = ${officeId})
    or exists (select 1 from ${itemParticipants} p where p.item_id = ${sql.identifier('items')}.${sql.identifier('id')} and p.user_id = ${userId} offset 0))`;
}

/** Overdue as a value (domain isOverdue): never null, so it can be negated. */
export function overdueSql(now: Value<Date>): SQL {
  return rules.overdueSql(items, now);
}

/**
 * The same test as a filter (a NULL row is not selected either way): both branches match the
 * partial indexes items_answer_due_idx and items_confirmation_due_idx, so «overdue only» reads the
 * few overdue items instead of checking every item of the office.
 */
function overdueWhereSql(now: Value<Date>): SQL {
  return rules.overdueWhereSql(items, now);
}

/** Sent (domain UNSENT_STATUSES), as a literal, so that the journals' partial indexes apply. */
const sentSql = rules.wasSentSql(items);

const p = sql.placeholder;

/** What decides the SQL of a journal query (the values are parameters of its prepared statement). */
function journalShape(f: JournalFilter, window: SearchWindow): string {
  return JSON.stringify([
    f.box,
    f.status?.length ? 'status' : '',
    f.counterpartId ? 'counterpart' : '',
    f.kind ? 'kind' : '',
    f.form ? 'form' : '',
    f.area ? 'area' : '',
    f.confidentiality ? 'confidentiality' : '',
    f.from ? 'from' : '',
    f.to ? 'to' : '',
    f.overdue ?? '',
    f.q ? 'q' : '',
    f.sort,
    f.order,
    window,
  ]);
}

/**
 * A text search of one office's journal in its own order (its date, newest first) reads the
 * office's newest months one by one, each by its office-month key in the search index
 * (schema.ts items_search_month_idx), until the page and the row after it are full; after a few
 * months, everything older at once. Each month costs the words' matches in that office-month, for a
 * rare word as for a common one; the rows come month after month, so they are in the journal's order.
 * `month`: one office-month; `before`: the items older than the months read.
 */
type SearchWindow = 'all' | 'month' | 'before';
const SEARCH_MONTHS = 4;

function searchesByMonth(f: JournalFilter): boolean {
  return Boolean(f.q) && f.box !== 'all' && f.order === 'desc' && f.sort === (f.box === 'outgoing' ? 'createdAt' : 'sentAt');
}

/**
 * Months pay off when an office's month holds enough matches, i.e. on a big table: measured at 1M
 * items, 2–3× the requests per second of one statement; at 10k–100k items the months are sparse,
 * the search reads four of them and the older ones (five statements), and one statement over the
 * office's words (items_search_idx) is 2× faster, 5× on PGlite. Decided on the planner's own count
 * of the table's rows, read at most every 10 minutes. Tests set `minItems` to reach either way.
 */
export const searchByMonth = { minItems: 300_000 };
const tableSize = new WeakMap<Db, { at: number; rows: number }>();
async function itemsTableSize(db: Db, now: number): Promise<number> {
  const hit = tableSize.get(db);
  if (hit && now - hit.at < 600_000) return hit.rows;
  const res = (await db.execute(sql`select greatest(reltuples, 0)::bigint as rows from pg_class where oid = 'public.items'::regclass`)) as unknown as {
    rows: { rows: number | string }[];
  };
  const rows = Number(res.rows[0]?.rows ?? 0);
  tableSize.set(db, { at: now, rows });
  return rows;
}

function buildJournal(db: Db, f: JournalFilter, window: SearchWindow) {
  const conds: (SQL | undefined)[] = [];
  const dateColumn = f.box === 'outgoing' ? items.createdAt : items.sentAt;
  // A month of a search names the office in its key instead: with the office's own column here the
  // planner would read the office's journal index in order and test each row (50 ms at 1M items).
  if (f.box === 'outgoing') conds.push(window === 'month' ? undefined : eq(items.fromOfficeId, p('officeId')));
  else if (f.box === 'incoming') conds.push(window === 'month' ? undefined : eq(items.toOfficeId, p('officeId')), sentSql);
  else conds.push(sentSql, sql`(${items.fromOfficeId} = any(${p('partyOfficeIds')}::uuid[]) or ${items.toOfficeId} = any(${p('partyOfficeIds')}::uuid[]))`);
  if (f.status?.length) conds.push(sql`${items.status} = any(${p('status')}::text[])`);
  if (f.counterpartId)
    conds.push(or(eq(items.fromOfficeId, p('counterpartId')), eq(items.toOfficeId, p('counterpartId')), eq(items.intendedOfficeId, p('counterpartId'))));
  if (f.kind) conds.push(eq(items.kind, p('kind')));
  if (f.form) conds.push(eq(items.form, p('form')));
  if (f.area) conds.push(sql`${items.priorityAreas} @> array[${p('area')}]::text[]`);
  // The journal shows and filters on the highest level of any piece (in the journal indexes).
  if (f.confidentiality) conds.push(eq(items.highestConfidentiality, p('confidentiality')));
  if (f.from) conds.push(gte(dateColumn, sql`${p('from')}::date`));
  if (f.to) conds.push(lt(dateColumn, sql`(${p('to')}::date + 1)`));
  if (f.overdue !== undefined) conds.push(f.overdue ? overdueWhereSql(p('now')) : sql`not ${overdueSql(p('now'))}`);
  if (window === 'month') {
    const officeColumn = f.box === 'outgoing' ? items.fromOfficeId : items.toOfficeId;
    conds.push(sql`${rules.officeMonthSql(officeColumn, dateColumn)} = ${p('monthKey')}::text`);
  }
  if (window === 'before') conds.push(lt(dateColumn, sql`${p('before')}::timestamptz`));
  const visible = visibleSql(p('isHead'), p('officeId'), p('isCoordinator'), p('userId'));
  if (f.q) {
    // Russian stemming and plain words (Kazakh, numbers): a restricted item matches only for those who may read it.
    conds.push(
      sql`(${items.searchRu} @@ websearch_to_tsquery('russian', ${p('q')}) or ${items.searchSimple} @@ websearch_to_tsquery('simple', ${p('q')}))`,
      visible,
    );
  }
  const where = and(...conds);
  // Numbers run per office and year: «by number» is by year, then number (one key, so the page query keeps its shape).
  const byNumber = sql`(${items.numberYear}::bigint * 10000000000 + ${items.number})`;
  const sortColumn = { number: byNumber, createdAt: items.createdAt, sentAt: items.sentAt, answerDueAt: items.answerDueAt }[f.sort];
  const direction = (by: SQL | typeof sortColumn, id: SQL | typeof items.id) =>
    f.order === 'asc' ? [sql`${by} asc nulls last`, sql`${id} asc`] : [sql`${by} desc nulls last`, sql`${id} desc`];
  // The page's ids first (from the journal index alone when the filters are on its columns), then
  // the rows of those ids only.
  const matching = db
    .select({ id: items.id, sortValue: sql`${sortColumn}`.as('sort_value') })
    .from(items)
    .where(where);
  // The older items of a search: all the words' matches first (items_search_idx), then their order.
  // Left to itself the planner walks the office's journal in order, testing each row, on its
  // estimate of the word in the whole table: for a word the office never received (a Kazakh word in
  // a Russian-language journal) that read all its 72 000 items at 1M, 1.6 s. The OFFSET keeps the
  // subquery from being merged into the ordered query.
  const matches = window === 'before' ? matching.offset(p('fence')).as('matches') : null;
  const ordered = matches
    ? db
        .select({ id: matches.id, sortValue: matches.sortValue })
        .from(matches)
        .orderBy(...direction(sql`${matches.sortValue}`, sql`${matches.id}`))
    : matching.orderBy(...direction(sortColumn, items.id));
  const ids = ordered.limit(p('limit')).offset(p('offset')).as('page');
  const page = db
    .select({
      id: items.id,
      number: items.number,
      numberYear: items.numberYear,
      kind: items.kind,
      status: items.status,
      mode: items.mode,
      route: items.route,
      subject: items.subject,
      form: items.form,
      priorityAreas: items.priorityAreas,
      confidentiality: items.confidentiality,
      highestConfidentiality: items.highestConfidentiality,
      outgoingNumber: items.outgoingNumber,
      outgoingDate: items.outgoingDate,
      incomingNumber: items.incomingNumber,
      incomingDate: items.incomingDate,
      sentAt: items.sentAt,
      answerDueAt: items.answerDueAt,
      answerDue: items.answerDue,
      confirmationDueAt: items.confirmationDueAt,
      oralConfirmedAt: items.oralConfirmedAt,
      createdAt: items.createdAt,
      fromOfficeId: items.fromOfficeId,
      toOfficeId: items.toOfficeId,
      intendedOfficeId: items.intendedOfficeId,
      contentVisible: sql<boolean>`${visible}`,
      overdue: sql<boolean>`${overdueSql(p('now'))}`,
    })
    .from(ids)
    .innerJoin(items, eq(items.id, ids.id))
    .orderBy(...direction(sql`${ids.sortValue}`, sql`${ids.id}`));
  // Counted up to the cap (see `journalCount`): the rows of a subquery that stops there.
  const counted = db
    .select({ one: sql`1`.as('one') })
    .from(items)
    .where(where)
    .limit(p('countCap'))
    .as('counted');
  const count = db.select({ n: sql<number>`count(*)::int` }).from(counted);
  // Built once, but sent unnamed (an empty name): PostgreSQL plans them with the values given
  // every time. A named statement would switch to a generic plan after five runs, which cannot
  // know how common a searched word, a status or an area is (measured: search 6 ms → 140 ms).
  return { page: page.prepare(''), count: count.prepare('') };
}

/**
 * A journal's total is counted up to `cap` rows; past it the page says «at least 10 000». The
 * Party's whole journal (a coordinator's «all items») is every item of the Party: counting a
 * million rows took 4 s of a parallel scan at 1M items, every time it was opened, for a figure the
 * pages never reach (200 pages of 50). Exact figures are the analysis's and the dashboard's, from the
 * monthly aggregates. Tests lower the cap.
 */
export const journalCount = { cap: 10_000 };

const journalQueries = new WeakMap<Db, Map<string, ReturnType<typeof buildJournal>>>();
const preparedOffices = new WeakMap<Db, ReturnType<typeof prepareOffices>>();
function prepareOffices(db: Db) {
  return db
    .select()
    .from(offices)
    .where(sql`${offices.id} = any(${p('ids')}::uuid[])`)
    .prepare('journal_offices');
}

/**
 * A journal page and its total, with statements built once per shape of filters. The
 * page's ids are read in the order of items_incoming_idx / items_outgoing_idx (date descending
 * nulls last, then id), from the index alone when the filters are on its columns, and the scan
 * stops after `limit` rows; then the rows of those ids and their few offices. The total counts the
 * same rows from an index alone where one fits (items_incoming_status_idx, items_incoming_<area>_idx,
 * items_outgoing_status_idx); a short page needs no count at all.
 */
export async function listJournal(db: Db, v: JournalViewer, f: JournalFilter) {
  let cache = journalQueries.get(db);
  if (!cache) journalQueries.set(db, (cache = new Map()));
  const statement = (window: SearchWindow) => {
    const shape = journalShape(f, window);
    let q = cache!.get(shape);
    if (!q) cache!.set(shape, (q = buildJournal(db, f, window)));
    return q;
  };
  const params = {
    officeId: v.officeId,
    userId: v.userId,
    isHead: v.isHead,
    isCoordinator: v.isCoordinator,
    partyOfficeIds: v.partyOfficeIds,
    status: f.status,
    counterpartId: f.counterpartId,
    kind: f.kind,
    form: f.form,
    area: f.area,
    confidentiality: f.confidentiality,
    from: f.from,
    to: f.to,
    q: f.q,
    now: f.now,
    // A text search reads one row past the page: that row says whether there is more.
    limit: f.q ? f.limit + 1 : f.limit,
    offset: f.offset,
  };
  let fetched: Awaited<ReturnType<ReturnType<typeof buildJournal>['page']['execute']>> = [];
  if (searchesByMonth(f) && (await itemsTableSize(db, Date.now())) >= searchByMonth.minItems) {
    // Rows up to the page's end and one more, month after month from this one, then all older ones.
    const wanted = f.offset + f.limit + 1;
    // From next month: an item of another node whose clock is ahead may already be in it.
    const month = rules.monthOf(f.now) + 1;
    for (let m = month; fetched.length < wanted; m--) {
      const more =
        m > month - SEARCH_MONTHS
          ? await statement('month').page.execute({ ...params, monthKey: rules.officeMonthKey(v.officeId, m), limit: wanted - fetched.length, offset: 0 })
          : await statement('before').page.execute({ ...params, before: rules.monthStart(m + 1), limit: wanted - fetched.length, offset: 0, fence: 0 });
      fetched.push(...more);
      if (m <= month - SEARCH_MONTHS) break;
    }
    fetched = fetched.slice(f.offset);
  } else fetched = await statement('all').page.execute(params);
  const hasMore = Boolean(f.q) && fetched.length > f.limit;
  const page = hasMore ? fetched.slice(0, f.limit) : fetched;
  const officeIds = [...new Set(page.flatMap((r) => [r.fromOfficeId, r.toOfficeId, ...(r.intendedOfficeId ? [r.intendedOfficeId] : [])]))];
  let byId = v.offices;
  if (!byId || officeIds.some((id) => !byId!.has(id))) {
    let officeQuery = preparedOffices.get(db);
    if (!officeQuery) preparedOffices.set(db, (officeQuery = prepareOffices(db)));
    byId = new Map((officeIds.length ? await officeQuery.execute({ ids: officeIds }) : []).map((o) => [o.id, o]));
  }
  const rows = page.map((r) => ({
    item: {
      id: r.id,
      number: r.number,
      numberYear: r.numberYear,
      kind: r.kind,
      status: r.status,
      mode: r.mode,
      route: r.route,
      subject: r.subject,
      form: r.form,
      priorityAreas: r.priorityAreas,
      confidentiality: r.confidentiality,
      highestConfidentiality: r.highestConfidentiality,
      outgoingNumber: r.outgoingNumber,
      outgoingDate: r.outgoingDate,
      incomingNumber: r.incomingNumber,
      incomingDate: r.incomingDate,
      sentAt: r.sentAt,
      answerDueAt: r.answerDueAt,
      answerDue: r.answerDue,
      confirmationDueAt: r.confirmationDueAt,
      oralConfirmedAt: r.oralConfirmedAt,
      createdAt: r.createdAt,
    },
    from: byId.get(r.fromOfficeId)!,
    to: byId.get(r.toOfficeId)!,
    intended: r.intendedOfficeId ? (byId.get(r.intendedOfficeId) ?? null) : null,
    contentVisible: r.contentVisible,
    overdue: r.overdue,
  }));
  // A text search is not counted: the exact total of a common word means intersecting tens of
  // thousands of index entries (≈ 40 ms at 1M items, measured), more than the page itself. It
  // reports what it has seen, and «more» when another page exists.
  if (f.q) return { rows, total: f.offset + rows.length + (hasMore ? 1 : 0), totalCapped: hasMore };
  // A short page is the end of the result: the total follows without counting.
  if (rows.length < f.limit && (rows.length > 0 || f.offset === 0)) return { rows, total: f.offset + rows.length, totalCapped: false };
  const [count] = await statement('all').count.execute({ ...params, countCap: journalCount.cap });
  const n = count?.n ?? 0;
  return { rows, total: Math.max(n, f.offset + rows.length), totalCapped: n >= journalCount.cap };
}

// ─── the items behind a figure of an annual block or of the analysis ─────────

/**
 * The items a figure counts (O-3.6: no unexplained number): the predicates of the aggregates'
 * definition (migration 0006_item_stats_triggers) on the items themselves, for one office and a
 * period of sending in that office's zone.
 */
export async function listFigureItems(
  db: Db,
  v: JournalViewer,
  f: { officeId: string; from: Date; to: Date; figure: FigureFilter; limit: number; offset: number; now: Date },
) {
  const g = f.figure;
  const out = g.direction === 'out';
  const inTime = sql`(${items.outcomeAt} is not null and ${items.answerDueAt} is not null and ${items.outcomeAt} < ${items.answerDueAt})`;
  const measure: Record<FigureMeasure, SQL | undefined> = {
    all: undefined,
    answered: sql`${items.outcomeAt} is not null`,
    answered_in_time: inTime,
    answered_late: sql`(${items.outcomeAt} is not null and not ${inTime})`,
    oral: sql`${items.mode} = 'oral'`,
    oral_confirmed_in_time: sql`(${items.mode} = 'oral' and ${items.oralConfirmedAt} <= ${items.confirmationDueAt})`,
    oral_confirmed_late: sql`(${items.mode} = 'oral' and ${items.oralConfirmedAt} > ${items.confirmationDueAt})`,
    oral_unconfirmed: sql`(${items.mode} = 'oral' and ${items.oralConfirmedAt} is null)`,
    conditions_proposed: sql`${items.conditionsStatus} <> 'none'`,
    conditions_accepted: sql`${items.conditionsStatus} = 'accepted'`,
    consent_requested: undefined,
    consent_received: undefined,
    consent_granted: undefined,
    consent_refused: undefined,
    consent_pending: undefined,
  };
  // Consent requests are counted by when they were made (annual.repository officeConsents): the
  // items they concern, by the same conditions.
  const consent = g.measure.startsWith('consent_')
    ? (() => {
        const side = g.measure === 'consent_requested' ? sql`c.requester_office_id = ${f.officeId}` : sql`c.provider_office_id = ${f.officeId}`;
        const status =
          { consent_granted: sql` and c.status = 'granted'`, consent_refused: sql` and c.status = 'refused'`, consent_pending: sql` and c.status = 'pending'` }[
            g.measure as 'consent_granted'
          ] ?? sql``;
        return sql`exists (select 1 from ${consents} c where c.item_id = ${items.id} and ${side} and c.requested_at >= ${f.from} and c.requested_at < ${f.to}${status})`;
      })()
    : undefined;
  const where =
    consent ??
    and(
      out ? eq(items.fromOfficeId, f.officeId) : eq(items.toOfficeId, f.officeId),
      gte(items.sentAt, f.from),
      lt(items.sentAt, f.to),
      g.counterpartId
        ? out
          ? sql`coalesce(${items.intendedOfficeId}, ${items.toOfficeId}) = ${g.counterpartId}`
          : eq(items.fromOfficeId, g.counterpartId)
        : undefined,
      g.kind ? eq(items.kind, g.kind) : undefined,
      g.form !== undefined ? sql`coalesce(${items.form}, '') = ${g.form}` : undefined,
      g.status ? eq(items.status, g.status) : undefined,
      g.area ? sql`${items.priorityAreas} @> array[${g.area}]::text[]` : undefined,
      g.ground ? sql`${items.refusalGrounds} @> array[${g.ground}]::text[]` : undefined,
      measure[g.measure],
    );
  const visible = contentVisibleSql(v);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        item: items,
        from: fromOffice,
        to: toOffice,
        intended: intendedOffice,
        contentVisible: sql<boolean>`${visible}`,
        overdue: sql<boolean>`${overdueSql(f.now)}`,
      })
      .from(items)
      .innerJoin(fromOffice, eq(fromOffice.id, items.fromOfficeId))
      .innerJoin(toOffice, eq(toOffice.id, items.toOfficeId))
      .leftJoin(intendedOffice, eq(intendedOffice.id, items.intendedOfficeId))
      .where(where)
      .orderBy(desc(items.sentAt), desc(items.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(items)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ─── oversight (O-4.1): what each office has open or overdue now ────────────

export const OVERSIGHT_ITEM_CELLS = OVERSIGHT_CELLS;
export type OversightItemCell = (typeof OVERSIGHT_CELLS)[number];

const OPEN_SQL = rules.answerRunsSql(items);

/** Each cell: the office it belongs to (addressee or sender) and its condition; counts and lists use the same. */
type OfficeColumn = typeof items.toOfficeId | typeof items.fromOfficeId;
function oversightCell(cell: OversightItemCell, now: Date): { office: OfficeColumn; where: SQL } {
  switch (cell) {
    case 'open_incoming':
      return { office: items.toOfficeId, where: OPEN_SQL };
    case 'overdue_answers':
      return { office: items.toOfficeId, where: rules.answerOverdueSql(items, now) };
    case 'held_by_office':
      return { office: items.toOfficeId, where: sql`${items.status} = 'on_hold'` };
    case 'open_outgoing':
      return { office: items.fromOfficeId, where: OPEN_SQL };
    case 'overdue_confirmations':
      return { office: items.fromOfficeId, where: rules.confirmationOverdueSql(items, now) };
    case 'held_awaiting_confirmation':
      return { office: items.fromOfficeId, where: sql`${items.status} = 'on_hold'` };
  }
}

/**
 * Counts per office for every cell. Open items are few (a percent or two of all), read through
 * items_status_idx and the partial indexes of the deadlines, grouped once per side.
 */
export async function oversightCounts(db: Db, now: Date): Promise<Map<string, Record<OversightItemCell, number>>> {
  const result = new Map<string, Record<OversightItemCell, number>>();
  const entry = (id: string) => {
    let e = result.get(id);
    if (!e) result.set(id, (e = Object.fromEntries(OVERSIGHT_ITEM_CELLS.map((c) => [c, 0])) as Record<OversightItemCell, number>));
    return e;
  };
  const bySide = async (officeColumn: OfficeColumn, base: SQL) => {
    const cells = OVERSIGHT_ITEM_CELLS.filter((c) => oversightCell(c, now).office === officeColumn);
    const rows = await db
      .select({
        officeId: officeColumn,
        ...Object.fromEntries(cells.map((c) => [c, sql<number>`count(*) filter (where ${oversightCell(c, now).where})::int`])),
      })
      .from(items)
      .where(base)
      .groupBy(officeColumn);
    for (const r of rows as ({ officeId: string } & Record<string, number>)[]) for (const c of cells) entry(r.officeId)[c] = r[c] ?? 0;
  };
  // The union of each side's conditions bounds the rows read.
  await bySide(items.toOfficeId, OPEN_SQL);
  await bySide(items.fromOfficeId, sql`(${OPEN_SQL} or ${oversightCell('overdue_confirmations', now).where})`);
  return result;
}

export async function listOversightItems(db: Db, v: JournalViewer, f: { officeId: string; cell: OversightItemCell; now: Date; limit: number; offset: number }) {
  const c = oversightCell(f.cell, f.now);
  const where = and(eq(c.office, f.officeId), c.where);
  const visible = contentVisibleSql(v);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        item: items,
        from: fromOffice,
        to: toOffice,
        intended: intendedOffice,
        contentVisible: sql<boolean>`${visible}`,
        overdue: sql<boolean>`${overdueSql(f.now)}`,
      })
      .from(items)
      .innerJoin(fromOffice, eq(fromOffice.id, items.fromOfficeId))
      .innerJoin(toOffice, eq(toOffice.id, items.toOfficeId))
      .leftJoin(intendedOffice, eq(intendedOffice.id, items.intendedOfficeId))
      .where(where)
      .orderBy(asc(items.answerDueAt), desc(items.sentAt), desc(items.id))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(items)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}
