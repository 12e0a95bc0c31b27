import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { ADMIN, apiSession, freePort, ROOT, serverBundle, startServer, type RunningServer } from '../e2e/harness.ts';
import { writeSection } from './results.ts';

/**
 * `npm run bench`: in one run, a bare Fastify hello-world (the baseline), then GET /api/health and
 * GET /api/v1/offices (logged in) on PGlite and on PostgreSQL, each served by the real server in its
 * own process; plus start-up time to healthy on an existing data directory. Writes its section of
 * bench/RESULTS.md (the other benchmarks' sections stay).
 * Options: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 20), BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test — a scratch database is created next to it).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}, path?: (i: number) => string): Promise<Row> {
  let i = 0;
  const requests = path ? [{ method: 'GET' as const, setupRequest: (req: object) => ({ ...req, path: path(i++) }) }] : undefined;
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers, ...(requests ? { requests } : {}) }); // warm-up
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, ...(requests ? { requests } : {}) });
  const row = { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx - (r.statusCodeStats?.['304']?.count ?? 0) };
  process.stdout.write(`${name.padEnd(40)} ${row.rps.toFixed(0).padStart(7)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  errors ${row.errors}\n`);
  return row;
}

async function bare(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/bare.ts')], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/hello`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

async function loggedInHeaders(server: RunningServer): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie };
}

async function suite(label: string, server: RunningServer): Promise<Row[]> {
  // The bootstrap administrator has no forced password change (ADMIN_PASSWORD given), so it can read.
  await apiSession(server.url, ADMIN.login, ADMIN.password);
  const headers = await loggedInHeaders(server);
  const offices = `${server.url}/api/v1/offices?limit=200`;
  const etag = (await fetch(offices, { headers })).headers.get('etag') ?? '';
  const day = (i: number) => new Date(Date.UTC(2022, 3, 1) + (i % 1500) * 86_400_000).toISOString().slice(0, 10);
  return [
    await measure(`GET /api/health (${label})`, `${server.url}/api/health`),
    // Every request another date in force: the same ~30 offices, but never a cached answer (256 kept,
    // 1 500 dates in turn): the list read and rendered each time, as before the cache.
    await measure(`GET /api/v1/offices, rendered every time (${label})`, server.url, headers, (i) => `/api/v1/offices?limit=200&inForceOn=${day(i)}`),
    await measure(`GET /api/v1/offices, cached body (${label})`, offices, headers),
    await measure(`GET /api/v1/offices, If-None-Match → 304 (${label})`, offices, { ...headers, 'if-none-match': etag }),
  ];
}

async function timeToHealthy(opts: Parameters<typeof startServer>[0]): Promise<number> {
  if (!opts?.fromSources) await serverBundle(); // built before the clock starts, as `npm start` does once
  const started = performance.now();
  const s = await startServer(opts);
  const ms = performance.now() - started;
  await s.stop();
  return ms;
}

/** Time from spawning `node args` to its «ready» line: the start-up's baselines. */
async function timeToReady(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(performance.now() - started));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before «ready»`)));
  });
  await new Promise((r) => child.once('exit', r));
  return ms;
}

async function medianOf(runs: number, once: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) xs.push(await once());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

const rows: Row[] = [];
const startup: Record<string, number> = {};

const baseline = await bare();
rows.push(await measure('bare Fastify hello-world', baseline.url));
baseline.stop();

// PGlite: first start initializes the directory; the measured one reopens it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-bench-'));
startup.pgliteFirst = await timeToHealthy({ dataDir, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000' } });
startup.pglite = await medianOf(5, () => timeToHealthy({ dataDir }));
startup.pgliteSources = await medianOf(3, () => timeToHealthy({ dataDir, fromSources: true }));
startup.pgliteOpen = await medianOf(5, () => timeToReady([path.join(ROOT, 'bench/pglite-open.ts'), path.join(dataDir, 'pgdata')]));
startup.node = await medianOf(5, () => timeToReady(['-e', "process.stdout.write('ready')"]));
const pgliteServer = await startServer({ dataDir, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOG_LEVEL: 'error' } });
rows.push(...(await suite('PGlite', pgliteServer)));
await pgliteServer.stop();

// PostgreSQL: a scratch database next to the given one.
const dbName = `bc_bench_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(PG_URL);
url.pathname = `/${dbName}`;
try {
  const env = { DATABASE_URL: url.toString(), LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOG_LEVEL: 'error' };
  startup.postgresqlFirst = await timeToHealthy({ env });
  startup.postgresql = await medianOf(5, () => timeToHealthy({ env }));
  const pgServer = await startServer({ env });
  rows.push(...(await suite('PostgreSQL', pgServer)));
  await pgServer.stop();
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

const base = rows[0]!;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = rows
  .map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${((r.rps / base.rps) * 100).toFixed(1)} % | ${r.p50} | ${r.p99} | ${r.errors} |`)
  .join('\n');
const md = `## Foundation: health and the office list (\`npm run bench\`)

Produced by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL server at ${new URL(PG_URL).host}.
Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per endpoint after a 2 s warm-up, client on the same machine
(the load generator and the server share the ${os.cpus().length} cores, so absolute figures are lower than on a dedicated host;
the ratios to the bare baseline, measured in the same run, are what to compare).

### Request throughput and latency

| Endpoint | req/s | of bare | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|
${table}

\`GET /api/v1/offices\` is logged in: every request resolves the session cookie (one indexed join) and
checks permissions. «Rendered every time» asks for another date in force each time (1 500 dates in turn,
256 answers kept), so the registry is read and ~30 offices presented in three languages for every request,
as before the cache. «Cached body»: the same address again, its answer kept under the registry's version.
«304»: the browser's revalidation with its ETag (\`private, no-cache\`): no body at all. The version is
raised by a statement trigger on offices, pairings and legal basis and announced by NOTIFY \`bc_registry\`;
every instance listens and drops its answers (server/modules/registry/registry.cache.ts).

### Start-up

Time from spawning the server as \`npm start\` runs it (\`node dist/server/main.mjs\`, the bundle already
built) to the first healthy \`GET /api/health\`: on an empty database, and again on the same database
(migrations already applied, reference data loaded; median of 5 starts). Beside it, in the same run:
the server from its sources (\`node server/main.ts\`, as \`npm run serve\`; median of 3), and the
baselines — a process that only opens the same PGlite directory (with btree_gin), runs \`select 1\` and
says «ready» (bench/pglite-open.ts), and a bare \`node -e\` (medians of 5).

| Database | first start (empty: initdb, migrations, reference data) ms | existing database ms | target (existing / first) |
|---|---|---|---|
| PGlite | ${startup.pgliteFirst!.toFixed(0)} | ${startup.pglite!.toFixed(0)} | < 1000 / < 10000 |
| PostgreSQL | ${startup.postgresqlFirst!.toFixed(0)} | ${startup.postgresql!.toFixed(0)} | — |

| On the existing PGlite directory | ms |
|---|---|
| the server, bundled (\`npm start\`) | ${startup.pglite!.toFixed(0)} |
| the server from its sources (\`npm run serve\`) | ${startup.pgliteSources!.toFixed(0)} |
| baseline: open PGlite, \`select 1\` | ${startup.pgliteOpen!.toFixed(0)} |
| baseline: bare \`node -e\` | ${startup.node!.toFixed(0)} |

### Limits found

- The bare baseline answers a constant from memory; every real endpoint pays a database round trip
  (even \`/api/health\` runs \`select 1\`), so its ratio is bounded by the driver, not by the app.
- PGlite runs PostgreSQL in WebAssembly inside the server's own event loop: each query costs about
  0.3 ms of the same CPU that serves HTTP, and there is one connection. It suits one office's
  installation or a demo; several hundred logged-in list requests per second is its ceiling here.
  Production and multi-instance deployments use PostgreSQL.
- On PostgreSQL the remaining cost of the office list is spread over query building in Drizzle,
  zod encoding of the response (the presenters' confidentiality guard) and writing ~20 KB of JSON.
  The session lookup, which every authenticated request makes, is a prepared statement (built
  once per database); that alone raised the office list by about a third on PostgreSQL.
- Start-up on an existing PGlite directory: opening PGlite alone is the baseline row above (its
  PostgreSQL starts inside WebAssembly and allocates its 128 MB of shared buffers: ~0.4 s plus ~3 ms
  per MB of them); the server adds Node's start, reading its one bundled module from the compile
  cache and evaluating it, building the app and the migrations check. From the sources the imports
  alone took ~3 s (Node 24's ESM loader per module: scripts/build-server.ts). The first start on an
  empty directory also runs initdb (3–5 s).
`;
writeSection('foundation', md);
process.stdout.write(`\nWritten bench/RESULTS.md\n`);
process.exit(0);
