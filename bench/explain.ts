import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client.ts';
import { capturingDb, itemPageStatements, journalStatements, JOURNAL_CASES, sampleItemIds, viewerFor, type Statement } from './queries.ts';

/**
 * `node bench/explain.ts --database-url URL [--login demo.ru-ore.officer1]` (or `--data-dir DIR`
 * for PGlite): EXPLAIN (ANALYZE, BUFFERS) of the exact statements behind the measured endpoints —
 * the journal with filters, the two searches and the item page — as the repository builds them.
 */
const { values: opts } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    login: { type: 'string', default: 'demo.ru-ore.officer1' },
    only: { type: 'string' },
    analyze: { type: 'boolean', default: true },
  },
});
const database = await openDatabase({ databaseUrl: opts['database-url'], dataDir: opts['data-dir'] ?? './data', poolSize: 2 });
const cap = capturingDb((database.pool ?? database.pglite)!, database.driver);

async function explain(title: string, s: Statement): Promise<void> {
  const text = `explain (analyze ${opts.analyze}, buffers ${opts.analyze}) ${s.text}`;
  const rows = database.pool
    ? (await database.pool.query({ text, values: s.params as unknown[] })).rows
    : (await database.pglite!.query<Record<string, string>>(text, s.params as unknown[])).rows;
  process.stdout.write(`\n── ${title}\n${s.text}\n-- params: ${JSON.stringify(s.params)}\n`);
  for (const r of rows) process.stdout.write(`${Object.values(r)[0]}\n`);
}

try {
  const viewer = await viewerFor(database.db, opts.login);
  for (const c of JOURNAL_CASES) {
    if (opts.only && !c.key.startsWith(opts.only)) continue;
    const j = await journalStatements(cap, viewer, c);
    await explain(`${c.label}: page`, j.page);
    await explain(`${c.label}: offices`, j.offices);
    if (j.count) await explain(`${c.label}: total`, j.count);
  }
  if (!opts.only || opts.only === 'item') {
    const [id] = await sampleItemIds(database.db, viewer.officeId, 1);
    const page = await itemPageStatements(cap, id!);
    await explain('item page: findItem', page.find);
    for (const [i, s] of page.rest.entries()) await explain(`item page: read ${i + 1}`, s);
    if (page.executor) await explain('item page: executor', page.executor);
  }
} finally {
  await database.close();
}
