import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import type { Db } from '../server/db/client.ts';
import { wasSentSql } from '../server/db/predicates.ts';
import * as schema from '../server/db/schema.ts';
import * as repo from '../server/modules/items/items.repository.ts';

/**
 * The SQL behind the endpoints measured by `npm run bench:requests`, captured from the repository
 * itself: a drizzle instance configured like the server's (same schema, snake_case casing) with a
 * query logger records the exact text and parameters that listJournal, findItem and the item
 * page's other reads build. The bare endpoints (bench/bare-pg.ts) and bench/explain.ts replay them.
 */

export interface Statement {
  text: string;
  params: unknown[];
}

export function capturingDb(client: pg.Pool | PGlite, driver: 'postgresql' | 'pglite'): { db: Db; take(): Statement[] } {
  let log: Statement[] = [];
  const logger = { logQuery: (text: string, params: unknown[]) => void log.push({ text, params: [...params] }) };
  const db = (driver === 'pglite'
    ? drizzlePglite({ client: client as PGlite, schema, casing: 'snake_case', logger })
    : drizzlePg({ client: client as pg.Pool, schema, casing: 'snake_case', logger })) as unknown as Db;
  return {
    db,
    take() {
      const out = log;
      log = [];
      return out;
    },
  };
}

/** The cases: the query string the web sends, and the filter the service hands to listJournal for it. */
export interface JournalCase {
  key: 'journal' | 'search_ru' | 'search_kk';
  label: string;
  query: Record<string, string>;
  filter: Omit<repo.JournalFilter, 'now'>;
}

const page = { sort: 'sentAt' as const, order: 'desc' as const, limit: 50, offset: 0 };
export const JOURNAL_CASES: JournalCase[] = [
  {
    key: 'journal',
    label: 'incoming journal, status + area filter',
    query: { box: 'incoming', status: 'executed,partially_executed', area: 'drug_trafficking', limit: '50' },
    filter: { box: 'incoming', status: ['executed', 'partially_executed'], area: 'drug_trafficking', ...page },
  },
  {
    key: 'search_ru',
    label: 'search, Russian word form «мошенничеством»',
    query: { box: 'incoming', q: 'мошенничеством', limit: '50' },
    filter: { box: 'incoming', q: 'мошенничеством', ...page },
  },
  {
    key: 'search_kk',
    label: 'search, Kazakh word «есірткі»',
    query: { box: 'incoming', q: 'есірткі', limit: '50' },
    filter: { box: 'incoming', q: 'есірткі', ...page },
  },
];

export const journalUrl = (c: JournalCase) => `/api/v1/items?${new URLSearchParams(c.query).toString()}`;

/** The viewer the service builds for a user (items.service.ts listItems). */
export async function viewerFor(db: Db, login: string): Promise<repo.JournalViewer & { party: 'RU' | 'KZ'; officeCode: string }> {
  const [u] = await db
    .select({ id: schema.users.id, officeId: schema.users.officeId, roles: schema.users.roles, party: schema.offices.party, code: schema.offices.code })
    .from(schema.users)
    .innerJoin(schema.offices, eq(schema.offices.id, schema.users.officeId))
    .where(eq(schema.users.login, login));
  if (!u) throw new Error(`No user ${login}: seed with --users`);
  const partyOffices = await db.select({ id: schema.offices.id }).from(schema.offices).where(eq(schema.offices.party, u.party));
  return {
    userId: u.id,
    officeId: u.officeId,
    isHead: u.roles.includes('head') || u.roles.includes('deputy_head'),
    isCoordinator: u.roles.includes('coordinator'),
    partyOfficeIds: partyOffices.map((o) => o.id),
    party: u.party,
    officeCode: u.code,
  };
}

export interface JournalStatements {
  page: Statement;
  /** Every statement that read the page's rows: one, or a search's months one by one (items.repository searchByMonth). */
  pages: Statement[];
  offices: Statement;
  /** None for a text search: listJournal does not count it (one row past the page says whether more follow). */
  count: Statement | null;
}

/**
 * The statements of listJournal for a case: the page, the offices of its rows and the total. On a
 * small data set the page may be short (the repository then skips the count): the count is
 * captured with a page size of 1.
 */
export async function journalStatements(cap: ReturnType<typeof capturingDb>, viewer: repo.JournalViewer, c: JournalCase): Promise<JournalStatements> {
  cap.take();
  await repo.listJournal(cap.db, viewer, { ...c.filter, now: new Date() });
  const first = cap.take();
  await repo.listJournal(cap.db, viewer, { ...c.filter, limit: 1, now: new Date() });
  const second = cap.take();
  // The planner's row count (read once, cached: whether a search goes month by month) is not the page.
  const pages = first.filter((s) => !s.text.includes('from "offices"') && !s.text.includes('pg_class'));
  const page = pages[0];
  const offices = first.find((s) => s.text.includes('from "offices"'));
  const count = second.find((s) => s.text.startsWith('select count(')) ?? null;
  if (!page || !offices || (!count && !c.filter.q))
    throw new Error(`${c.key}: no matching items for ${JSON.stringify(c.filter)}: cannot capture the statements`);
  return { page, pages, offices, count };
}

/** The reads of GET /api/v1/items/:id (items.service.ts getItem → loadVisible, view). */
export async function itemPageStatements(
  cap: ReturnType<typeof capturingDb>,
  id: string,
): Promise<{ find: Statement; rest: Statement[]; executor: Statement | null }> {
  cap.take();
  const found = await repo.findItem(cap.db, id);
  const [find] = cap.take();
  await Promise.all([repo.listAttachments(cap.db, id), repo.listLinks(cap.db, id)]);
  const rest = cap.take();
  let executor: Statement | null = null;
  if (found?.item.executorId) {
    await repo.officeUsers(cap.db, found.item.executorId);
    [executor = null] = cap.take();
  }
  return { find: find!, rest, executor };
}

/** Items the viewer's office may open (sent to it or sent by it), spread over the whole history. */
export async function sampleItemIds(db: Db, officeId: string, n: number): Promise<string[]> {
  const res = (await db.execute(sql`
    select id from (
      select id, row_number() over (order by created_at, id) as r, count(*) over () as c
      from items
      where (to_office_id = ${officeId} or from_office_id = ${officeId}) and ${wasSentSql(schema.items)}
    ) s
    where r % greatest(1, c / ${n}) = 0
    limit ${n}`)) as unknown as { rows: { id: string }[] };
  return res.rows.map((r) => r.id);
}

/** Replaces the sample values in a captured statement: `now` by the current time, an id by another. */
export function bind(s: Statement, replace: Map<unknown, unknown> = new Map()): unknown[] {
  return s.params.map((p) => (p instanceof Date ? new Date() : replace.has(p) ? replace.get(p) : p));
}
