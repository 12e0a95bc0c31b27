import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, ROOT, startServer, type RunningServer } from '../e2e/harness.ts';
import { JOURNAL_CASES, journalUrl } from './queries.ts';
import { writeSection } from './results.ts';
import { machineInfo, otherProcesses } from './machine.ts';

/**
 * `npm run bench:requests -- [--sizes 10000,100000,1000000] [--drivers postgresql,pglite]`
 *
 * The requests endpoints at scale, on data made by `npm run seed:demo`: the incoming journal with
 * filters, the item page (ids varied across requests) and full-text search (a Russian word form,
 * a Kazakh word), served by the real server (its own process) and logged in as an officer of a busy
 * office; beside each, a bare Fastify endpoint with its own pool executing the same SQL
 * (bench/bare-pg.ts), and the bare Fastify hello-world, all in the same run. Data sets are made once
 * and reused: PostgreSQL databases bc_bench_<size>, data directories under --dir. Writes
 * bench/requests-results.json and its section of bench/RESULTS.md.
 */
const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    drivers: { type: 'string', default: 'postgresql,pglite' },
    /** Exact data sets instead of sizes × drivers, e.g. postgresql-10k,postgresql-1m,pglite-100k. */
    sets: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    login: { type: 'string', default: 'demo.ru-ore.officer1' },
    password: { type: 'string', default: 'Demo-Password-2026' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    dir: { type: 'string', default: '/tmp/bc-bench' },
    'prepare-only': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
});
const SIZES = opts.sizes.split(',').map(Number);
const DRIVERS = opts.drivers.split(',') as ('postgresql' | 'pglite')[];
const SECONDS = Number(opts.seconds);
const WARMUP = Number(opts.warmup);
const CONNECTIONS = Number(opts.connections);
const DIR = opts.dir;
const label = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const log = (s: string) => process.stdout.write(`${s}\n`);
fs.mkdirSync(DIR, { recursive: true });

// ─── data sets ───────────────────────────────────────────────────────────────

interface DataSet {
  driver: 'postgresql' | 'pglite';
  size: number;
  dataDir: string;
  databaseUrl?: string;
  seededAt: string;
  seedSeconds: number;
  summary: string[];
}
const DATASETS_FILE = path.join(DIR, 'datasets.json');
const datasets: Record<string, DataSet> = fs.existsSync(DATASETS_FILE) ? JSON.parse(fs.readFileSync(DATASETS_FILE, 'utf8')) : {};

function pgUrl(db: string): string {
  const u = new URL(opts['pg-url']);
  u.pathname = `/${db}`;
  return u.toString();
}

async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: opts['pg-url'] });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Whether a data set is there and complete (the generator finished: its summary was recorded). */
async function present(key: string, ds: DataSet | undefined): Promise<boolean> {
  if (!ds) return false;
  if (ds.driver === 'pglite') return fs.existsSync(path.join(ds.dataDir, 'pgdata'));
  return pgAdmin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [`bc_bench_${key.split('-')[1]}`])).rowCount === 1);
}

function run(cmd: string[], env: Record<string, string>, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(logFile);
    const child = spawn(process.execPath, cmd, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const take = (d: Buffer) => {
      text += d.toString();
      out.write(d);
      process.stdout.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => (out.end(), code === 0 ? resolve(text) : reject(new Error(`${cmd.join(' ')} exited with ${code}`))));
  });
}

async function ensureDataSet(driver: 'postgresql' | 'pglite', size: number): Promise<DataSet> {
  const key = `${driver}-${label(size)}`;
  if (await present(key, datasets[key])) return datasets[key]!;
  const dataDir = path.join(DIR, key);
  fs.rmSync(dataDir, { recursive: true, force: true });
  let databaseUrl: string | undefined;
  if (driver === 'postgresql') {
    const name = `bc_bench_${label(size)}`;
    await pgAdmin(async (c) => {
      await c.query(`drop database if exists ${name} with (force)`);
      await c.query(`create database ${name}`);
    });
    databaseUrl = pgUrl(name);
  }
  log(`\n▶ seeding ${key}`);
  const started = performance.now();
  const out = await run(
    [
      'scripts/seed-demo.ts',
      '--requests',
      String(size),
      '--users',
      '--password',
      opts.password,
      '--seed',
      '1',
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ],
    { DATA_DIR: dataDir, DATABASE_URL: '' },
    path.join(DIR, `seed-${key}.log`),
  );
  const ds: DataSet = {
    driver,
    size,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    seededAt: new Date().toISOString(),
    seedSeconds: (performance.now() - started) / 1000,
    summary: out.split('\n').filter((l) => /^(Done|  (rows|status|time|busiest))/.test(l)),
  };
  datasets[key] = ds;
  fs.writeFileSync(DATASETS_FILE, JSON.stringify(datasets, null, 2));
  return ds;
}

// ─── measuring ───────────────────────────────────────────────────────────────

interface Measure {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  requests: number;
}

async function measure(name: string, base: string, path_: string | ((i: number) => string), headers: Record<string, string> = {}): Promise<Measure> {
  let i = 0;
  const requests = typeof path_ === 'string' ? undefined : [{ method: 'GET' as const, setupRequest: (req: object) => ({ ...req, path: path_(i++) }) }];
  const url = typeof path_ === 'string' ? `${base}${path_}` : base;
  if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers, ...(requests ? { requests } : {}) });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, ...(requests ? { requests } : {}) });
  const m = {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx + r.timeouts,
    requests: r.requests.total,
  };
  log(
    `  ${name.padEnd(52)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(5)} ms  errors ${m.errors}`,
  );
  return m;
}

async function spawnBare(script: string, env: Record<string, string>, probe: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  ours.add(child.pid!);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}${probe}`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url, child, stop: async () => (child.kill('SIGTERM'), exited) };
}

async function login(server: RunningServer): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: opts.login, password: opts.password }),
  });
  if (!res.ok) throw new Error(`login ${opts.login}: ${res.status} ${await res.text()}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Item ids the user may open, spread over the whole history of both journals (through the API). */
async function itemIds(server: RunningServer, headers: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (const box of ['incoming', 'outgoing']) {
    const first = await getJson<{ total: number }>(`${server.url}/api/v1/items?box=${box}&limit=1`, headers);
    for (let k = 0; k < 10; k++) {
      const offset = Math.min(1_000_000, Math.floor((first.total * k) / 10));
      const page = await getJson<{ items: { id: string }[] }>(`${server.url}/api/v1/items?box=${box}&limit=25&offset=${offset}`, headers);
      ids.push(...page.items.map((i) => i.id));
    }
  }
  return ids;
}

interface Row {
  driver: string;
  size: number;
  endpoint: string;
  label: string;
  app: Measure;
  bare: Measure;
  matches?: number;
}

const ENDPOINTS = [
  { key: 'journal', label: JOURNAL_CASES[0]!.label },
  { key: 'item', label: 'item page GET /api/v1/items/:id (500 ids)' },
  { key: 'search_ru', label: JOURNAL_CASES[1]!.label },
  { key: 'search_kk', label: JOURNAL_CASES[2]!.label },
] as const;

async function suite(ds: DataSet): Promise<Row[]> {
  const key = `${ds.driver}-${label(ds.size)}`;
  log(`\n▶ ${key}: application`);
  const env: Record<string, string> = {
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOG_LEVEL: 'error',
    SCHEDULER: 'off',
    ...(ds.databaseUrl ? { DATABASE_URL: ds.databaseUrl } : {}),
  };
  const server = await startServer({ dataDir: ds.dataDir, env, timeoutMs: 600_000 });
  ours.add(server.process.pid!);
  const app: Record<string, Measure> = {};
  const matches: Record<string, number> = {};
  let ids: string[];
  try {
    const headers = await login(server);
    ids = await itemIds(server, headers);
    for (const c of JOURNAL_CASES) matches[c.key] = (await getJson<{ total: number }>(`${server.url}${journalUrl(c)}`, headers)).total;
    for (const e of ENDPOINTS) {
      const c = JOURNAL_CASES.find((j) => j.key === e.key);
      app[e.key] = await measure(`${e.label}`, server.url, c ? journalUrl(c) : (i) => `/api/v1/items/${ids[i % ids.length]}`, headers);
    }
  } finally {
    await server.stop();
  }
  log(`▶ ${key}: bare Fastify + ${ds.driver === 'pglite' ? 'PGlite' : 'pg'}, same SQL`);
  const bareEnv = ds.databaseUrl ? { DATABASE_URL: ds.databaseUrl, DATA_DIR: ds.dataDir } : { DATA_DIR: ds.dataDir, DATABASE_URL: '' };
  const bare = await spawnBare(
    'bench/bare-pg.ts',
    { ...bareEnv, BENCH_LOGIN: opts.login, BENCH_STATEMENTS_FILE: path.join(DIR, `statements-${key}.json`) },
    '/journal/journal',
  );
  const bareM: Record<string, Measure> = {};
  try {
    for (const e of ENDPOINTS)
      bareM[e.key] = await measure(`bare: ${e.label}`, bare.url, e.key === 'item' ? (i) => `/item/${ids[i % ids.length]}` : `/journal/${e.key}`);
  } finally {
    await bare.stop();
  }
  return ENDPOINTS.map((e) => ({
    driver: ds.driver,
    size: ds.size,
    endpoint: e.key,
    label: e.label,
    app: app[e.key]!,
    bare: bareM[e.key]!,
    ...(matches[e.key] !== undefined ? { matches: matches[e.key] } : {}),
  }));
}

const others = otherProcesses((args) => /postgres: 15\/main: postgres bc_bench_/.test(args));
const ours = others.ours;

// ─── the run ─────────────────────────────────────────────────────────────────

const started = new Date();
const loadBefore = os.loadavg();
const sets: DataSet[] = [];
const wanted: [DataSet['driver'], number][] = opts.sets
  ? opts.sets.split(',').map((k) => {
      const [driver, n] = k.split('-') as [DataSet['driver'], string];
      return [driver, Number(n.replace(/k$/, '000').replace(/m$/, '000000'))];
    })
  : DRIVERS.flatMap((driver) => SIZES.map((size): [DataSet['driver'], number] => [driver, size]));
for (const [driver, size] of wanted) sets.push(await ensureDataSet(driver, size));
if (opts['prepare-only']) process.exit(0);

const sampler = setInterval(() => others.sample(), 5000);
sampler.unref();
log('\n▶ bare Fastify hello-world');
const hello = await spawnBare('bench/bare.ts', {}, '/hello');
const helloM = await measure('bare Fastify hello-world', hello.url, '/hello');
await hello.stop();

const rows: Row[] = [];
for (const ds of sets) rows.push(...(await suite(ds)));
const loadAfter = os.loadavg();
clearInterval(sampler);

const result = {
  date: started.toISOString(),
  machine: machineInfo(loadBefore, loadAfter),
  options: { sizes: SIZES, drivers: DRIVERS, seconds: SECONDS, warmup: WARMUP, connections: CONNECTIONS, login: opts.login },
  note: opts.note,
  others: others.top(12),
  hello: helloM,
  datasets: sets,
  rows,
};
fs.writeFileSync(path.join(DIR, `requests-results-${started.toISOString().slice(0, 19).replace(/:/g, '-')}.json`), JSON.stringify(result, null, 2));
if (!opts['no-write']) {
  fs.writeFileSync(path.join(ROOT, 'bench/requests-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { renderRequestsSection } = await import('./requests-report.ts');
  writeSection('requests', renderRequestsSection(result));
  log('\nWritten bench/requests-results.json and the requests section of bench/RESULTS.md');
}
process.exit(0);

export type RequestsResult = typeof result;
