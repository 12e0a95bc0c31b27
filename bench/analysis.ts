import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newPglite } from '../server/db/pglite.ts';
import pg from 'pg';
import { ROOT, startServer, type RunningServer } from '../e2e/harness.ts';
import { writeSection } from './results.ts';

/**
 * `npm run bench:analysis -- [--drivers postgresql,pglite] [--events 10000] [--runs 20]`
 *
 * Issue 4's scale targets, on the 1M-item data sets that `npm run bench:requests` made
 * (PostgreSQL bc_bench_1m, PGlite /tmp/bc-bench/pglite-1m), completed with 10k events by the demo
 * generator: the annual block of one busy office, the oversight dashboard and the consolidated
 * analysis of a year (with a comparison year), each requested one after another by a logged-in
 * user of the real server, beside the plain GROUP BY over the items that the aggregates replace,
 * measured on the same database in the same run.
 */
const { values: opts } = parseArgs({
  options: {
    drivers: { type: 'string', default: 'postgresql,pglite' },
    events: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '20' },
    year: { type: 'string', default: '2025' },
    password: { type: 'string', default: 'Demo-Password-2026' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/bc_bench_1m' },
    'pglite-dir': { type: 'string', default: '/tmp/bc-bench/pglite-1m' },
    'no-write': { type: 'boolean', default: false },
  },
});
const DRIVERS = opts.drivers.split(',') as ('postgresql' | 'pglite')[];
const RUNS = Number(opts.runs);
const YEAR = Number(opts.year);
const log = (s: string) => process.stdout.write(`${s}\n`);

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** The query the aggregates replace: a year of one Party's traffic grouped straight from the items. */
const NAIVE = `select from_office_id, to_office_id, kind, coalesce(form, '') as form, status, mode, count(*) as n,
  count(*) filter (where outcome_at is not null) as answered, count(*) filter (where outcome_at < answer_due_at) as in_time
  from items where sent_at >= $1 and sent_at < $2 group by 1, 2, 3, 4, 5, 6`;

interface Stat {
  p50: number;
  p95: number;
  max: number;
  mean: number;
}
const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function timed(n: number, f: () => Promise<unknown>): Promise<Stat> {
  await f(); // warm-up: plans, caches
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return stat(xs);
}

async function session(server: RunningServer, login: string): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: opts.password }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function get(server: RunningServer, headers: Record<string, string>, url: string): Promise<unknown> {
  const res = await fetch(`${server.url}${url}`, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface DriverResult {
  driver: string;
  items: number;
  events: number;
  statsRows: number;
  naive: Stat;
  endpoints: { name: string; url: string; stat: Stat }[];
  startSeconds: number;
}

async function counts(query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) {
  const one = async (sql: string) => Number((await query(sql)).rows[0]!.n);
  return {
    items: await one('select count(*)::int as n from items'),
    events: await one('select count(*)::int as n from events'),
    statsRows: await one('select count(*)::int as n from item_stats_monthly'),
  };
}

async function benchDriver(driver: 'postgresql' | 'pglite'): Promise<DriverResult> {
  log(`\n▶ ${driver}`);
  const env: Record<string, string> =
    driver === 'postgresql'
      ? { DATABASE_URL: opts['pg-url'], DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bc-bench-an-')) }
      : { DATA_DIR: path.dirname(path.join(opts['pglite-dir'], 'pgdata')), DATABASE_URL: '' };
  // The generator migrates first (monthly aggregates rebuilt from the items), then adds the events it lacks.
  const before = await withDb(driver, (q) => counts(q).catch(() => ({ items: 0, events: 0, statsRows: 0 })));
  const missing = Math.max(0, Number(opts.events) - before.events);
  const tMigrate = performance.now();
  await run(
    ['scripts/seed-demo.ts', '--requests', '0', '--events', String(missing), ...(driver === 'postgresql' ? ['--database-url', opts['pg-url']] : [])],
    env,
  );
  log(`  prepared in ${((performance.now() - tMigrate) / 1000).toFixed(1)} s`);
  const c = await withDb(driver, counts);
  const from = new Date(`${YEAR}-01-01T00:00:00+03:00`);
  const to = new Date(`${YEAR + 1}-01-01T00:00:00+03:00`);
  const naive = await withDb(driver, (q) => timed(Math.min(RUNS, 5), () => q(NAIVE, [from, to])));
  log(`  plain GROUP BY over the items for ${YEAR}: p50 ${ms(naive.p50)} ms`);
  const t0 = performance.now();
  const server = await startServer({
    env: { ...env, SCHEDULER: 'off', LOG_LEVEL: 'error' },
    timeoutMs: 900_000,
    ...(driver === 'pglite' ? { dataDir: env.DATA_DIR! } : {}),
  });
  const startSeconds = (performance.now() - t0) / 1000;
  try {
    const coordinator = await session(server, 'demo.ru-gp-gumps.coordinator1');
    const officer = await session(server, 'demo.ru-ore.officer1');
    const endpoints = [
      { name: 'annual block of RU-ORE', url: `/api/v1/annual-blocks/RU-ORE/${YEAR}`, headers: officer },
      { name: 'oversight dashboard', url: `/api/v1/oversight?year=${YEAR}`, headers: coordinator },
      { name: `analysis ${YEAR} vs ${YEAR - 1}`, url: `/api/v1/analysis?year=${YEAR}&compare=${YEAR - 1}`, headers: coordinator },
    ];
    const out = [];
    for (const e of endpoints) {
      const s = await timed(RUNS, () => get(server, e.headers, e.url));
      log(`  ${e.name.padEnd(28)} p50 ${ms(s.p50).padStart(6)} ms  p95 ${ms(s.p95).padStart(6)} ms  max ${ms(s.max).padStart(6)} ms`);
      out.push({ name: e.name, url: e.url, stat: s });
    }
    return { driver, ...c, naive, endpoints: out, startSeconds };
  } finally {
    await server.stop();
  }
}

async function withDb<T>(
  driver: 'postgresql' | 'pglite',
  f: (q: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>,
): Promise<T> {
  if (driver === 'postgresql') {
    const c = new pg.Client({ connectionString: opts['pg-url'] });
    await c.connect();
    try {
      return await f((sql, params) => c.query(sql, params as unknown[]));
    } finally {
      await c.end();
    }
  }
  const db = newPglite({ dataDir: path.join(opts['pglite-dir'], 'pgdata') });
  await db.waitReady;
  try {
    return await f((sql, params) => db.query(sql, params) as Promise<{ rows: Record<string, unknown>[] }>);
  } finally {
    await db.close();
  }
}

const results: DriverResult[] = [];
for (const d of DRIVERS) results.push(await benchDriver(d));

const TARGET: Record<string, Record<string, number>> = {
  postgresql: { 'oversight dashboard': 300, [`analysis ${YEAR} vs ${YEAR - 1}`]: 1000, 'annual block of RU-ORE': 1000 },
  pglite: { 'oversight dashboard': 3000, [`analysis ${YEAR} vs ${YEAR - 1}`]: 3000, 'annual block of RU-ORE': 3000 },
};
const lines: string[] = [
  '## Annual block, oversight dashboard and analysis at 1M items (`npm run bench:analysis`)',
  '',
  `Produced by \`npm run bench:analysis\` (bench/analysis.ts) on ${new Date().toISOString().slice(0, 10)}.`,
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}. One logged-in user requests each endpoint ${RUNS} times in a row after a warm-up (the real server, SCHEDULER=off); "plain GROUP BY" is the query the monthly aggregates replace, run on the same database in the same run.`,
  '',
  '| Driver | Items | Events | Aggregate rows | Endpoint | p50 ms | p95 ms | max ms | target | verdict |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const r of results) {
  lines.push(
    `| ${r.driver} | ${r.items.toLocaleString('en')} | ${r.events.toLocaleString('en')} | ${r.statsRows.toLocaleString('en')} | plain GROUP BY over the items, one year | ${ms(r.naive.p50)} | ${ms(r.naive.p95)} | ${ms(r.naive.max)} | — | baseline |`,
  );
  for (const e of r.endpoints) {
    const target = TARGET[r.driver]![e.name]!;
    lines.push(
      `| ${r.driver} | | | | ${e.name} \`${e.url}\` | ${ms(e.stat.p50)} | ${ms(e.stat.p95)} | ${ms(e.stat.max)} | < ${target} | ${e.stat.p95 < target ? 'met' : 'missed'} |`,
    );
  }
}
lines.push(
  '',
  'Server start on the existing data set (migrations already applied): ' + results.map((r) => `${r.driver} ${r.startSeconds.toFixed(1)} s`).join(', ') + '.',
);
const text = lines.join('\n');
log(`\n${text}`);
if (!opts['no-write']) {
  writeSection('analysis', text);
  fs.writeFileSync(path.join(ROOT, 'bench/analysis-results.json'), JSON.stringify(results, null, 2));
}
