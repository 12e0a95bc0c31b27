import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { openPglite, openPostgres, type Database } from '../server/db/client.ts';
import { createHash } from 'node:crypto';
import { bind, capturingDb, itemPageStatements, journalStatements, JOURNAL_CASES, type JournalStatements, type Statement, viewerFor } from './queries.ts';

/**
 * The bare baseline of `npm run bench:requests`: Fastify and the database driver, no sessions,
 * permissions, presenters or response schemas, executing the SAME SQL as each measured endpoint.
 * At start it captures the statements the repository builds for the benchmark user (bench/
 * queries.ts) and from then on replays their text with the driver directly:
 *   GET /journal/:key   the page and the total of listJournal (key: journal | search_ru | search_kk)
 *   GET /item/:id       findItem, the attachments, the links both ways and the executor
 * Env: PORT, BENCH_LOGIN; DATABASE_URL (own pg Pool, DATABASE_POOL_SIZE like the server) or
 * DATA_DIR (PGlite: the server must be stopped, the directory is locked).
 */
const login = process.env.BENCH_LOGIN ?? 'demo.ru-ore.officer1';
const database: Database = process.env.DATABASE_URL
  ? openPostgres(process.env.DATABASE_URL, Number(process.env.DATABASE_POOL_SIZE ?? 10))
  : await openPglite(process.env.DATA_DIR!);
const cap = capturingDb((database.pool ?? database.pglite)!, database.driver);

/** `named`: as a named prepared statement, where the repository names it too (findItem, the journal's offices). */
async function run(s: Statement, params: unknown[], named = false): Promise<unknown[]> {
  if (database.pool) {
    const name = named ? `bare_${createHash('sha256').update(s.text).digest('hex').slice(0, 24)}` : undefined;
    return (await database.pool.query({ text: s.text, values: params, rowMode: 'array', ...(name ? { name } : {}) })).rows;
  }
  return (await database.pglite!.query(s.text, params, { rowMode: 'array' })).rows;
}

const viewer = await viewerFor(database.db, login);
const journals = new Map<string, JournalStatements>();
for (const c of JOURNAL_CASES) journals.set(c.key, await journalStatements(cap, viewer, c));
const JOURNAL_LIMIT = JOURNAL_CASES[0]!.filter.limit;

// The item page's statements, captured once for a sample item that has an executor; the id (and
// the executor's id) are parameters replaced per request.
const sample = (await database.db.execute(
  sql`select id from items where to_office_id = ${viewer.officeId} and executor_id is not null limit 1`,
)) as unknown as { rows: { id: string }[] };
const sampleId = sample.rows[0]!.id;
const page = await itemPageStatements(cap, sampleId);
const executorAt = (() => {
  // Position of executor_id in findItem's select list (the item's columns come first).
  const cols = page.find.text.slice(0, page.find.text.indexOf(' from ')).split(', ');
  return cols.findIndex((c) => c === '"items"."executor_id"');
})();

const app = Fastify({ logger: false });
// Statements run in the order and with the concurrency of the service: the page, then the total;
// findItem, then the attachments, the links and the executor side by side.
app.get<{ Params: { key: string } }>('/journal/:key', async (request, reply) => {
  const j = journals.get(request.params.key);
  if (!j) return reply.status(404).send();
  // A search by months runs its statements one after another, as listJournal does.
  const rows: unknown[] = [];
  for (const st of j.pages) rows.push(...(await run(st, bind(st))));
  const offices = await run(j.offices, bind(j.offices), true);
  // As listJournal: a short first page is the whole result, and a text search is not counted.
  if (rows.length < JOURNAL_LIMIT || !j.count) return { items: rows, offices, total: rows.length };
  const count = await run(j.count, bind(j.count));
  return { items: rows, offices, total: (count[0] as unknown[])[0] };
});
app.get<{ Params: { id: string } }>('/item/:id', async (request, reply) => {
  const ids = new Map<unknown, unknown>([[sampleId, request.params.id]]);
  const [found] = (await run(page.find, bind(page.find, ids), true)) as unknown[][];
  if (!found) return reply.status(404).send();
  // The attachments and links statements (however many the repository uses), and the executor, side by side.
  const executorId = found[executorAt];
  const [executor, ...rest] = await Promise.all([
    page.executor && executorId ? run(page.executor, bind(page.executor, new Map([[page.executor.params[0], executorId]]))) : Promise.resolve(null),
    ...page.rest.map((st: Statement) => run(st, bind(st, ids))),
  ]);
  return { item: found, rest, executor };
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
if (process.env.BENCH_STATEMENTS_FILE) {
  fs.writeFileSync(process.env.BENCH_STATEMENTS_FILE, JSON.stringify({ journals: Object.fromEntries(journals), itemPage: page }, null, 2));
}
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0)),
);
