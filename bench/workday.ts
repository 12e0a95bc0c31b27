import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { ROOT, startServer, type RunningServer } from '../e2e/harness.ts';
import { writeSection } from './results.ts';
import { backendsCpu, cpuMs, helloBaseline, machineInfo, otherProcesses, percentile, rssMb } from './machine.ts';

/**
 * `npm run bench:workday -- --dataset postgresql-1m [--users 200] [--minutes 5] [--instances 2] [--seed 1] [--no-write]`
 *
 * Issue 13: a working day played against the real server. N logged-in users of many offices read
 * journals and item pages most, search, draft and edit, sign, send, register and answer (following
 * the real state machine: each office keeps queues of the items its users made or saw in each
 * state), poll their notifications every 30 s, and coordinators open the dashboard and the analysis
 * about once a minute. Users are spread over two server instances sharing one PostgreSQL database
 * (sticky sessions, as behind a load balancer); on PGlite one instance serves one office's node.
 * Reported: per endpoint and overall for reads and writes count, req/s, p50/p95/p99/max, business
 * refusals (409/422), errors and timeouts; each instance's CPU per request and RSS; the database's
 * CPU (PostgreSQL backends); the load generator's own CPU; the bare Fastify hello-world measured
 * in the same run. Data sets are those of `npm run bench:requests` (registry /tmp/bc-bench/datasets.json).
 */
const { values: opts } = parseArgs({
  options: {
    dataset: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    dir: { type: 'string', default: '/tmp/bc-bench' },
    users: { type: 'string' },
    minutes: { type: 'string', default: '5' },
    instances: { type: 'string' },
    coordinators: { type: 'string' },
    office: { type: 'string', default: 'RU-ORE' },
    offices: { type: 'string' },
    year: { type: 'string', default: String(new Date().getUTCFullYear() - 1) },
    password: { type: 'string', default: 'Demo-Password-2026' },
    'timeout-ms': { type: 'string', default: '10000' },
    'baseline-seconds': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
});
const log = (s: string) => process.stdout.write(`${s}\n`);

// ─── the data set ────────────────────────────────────────────────────────────

interface DataSet {
  driver: 'postgresql' | 'pglite';
  size?: number;
  dataDir: string;
  databaseUrl?: string;
}

function resolveDataSet(): { key: string; ds: DataSet } {
  if (opts['database-url']) {
    // The signing keys in the database are encrypted under a secret kept in DATA_DIR: both must match.
    if (!opts['data-dir']) throw new Error('--database-url needs --data-dir (the data directory the database was made with: it holds the signing secret)');
    return { key: 'custom-postgresql', ds: { driver: 'postgresql', dataDir: opts['data-dir'], databaseUrl: opts['database-url'] } };
  }
  if (opts['data-dir']) return { key: 'custom-pglite', ds: { driver: 'pglite', dataDir: opts['data-dir'] } };
  const key = opts.dataset ?? 'postgresql-1m';
  const file = path.join(opts.dir, 'datasets.json');
  const all = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, DataSet>) : {};
  const ds = all[key];
  if (!ds) {
    const [driver = 'postgresql', size = '1m'] = key.split('-');
    const n = size.endsWith('m') ? Number(size.slice(0, -1)) * 1_000_000 : size.endsWith('k') ? Number(size.slice(0, -1)) * 1000 : Number(size);
    process.stderr.write(
      `No data set ${key} in ${file}. Make it first with:\n  npm run bench:requests -- --prepare-only --sizes ${n} --drivers ${driver}\n(known: ${Object.keys(all).join(', ') || 'none'})\n`,
    );
    process.exit(1);
  }
  return { key, ds };
}

const { key: DATASET, ds } = resolveDataSet();
const PGLITE = ds.driver === 'pglite';
const INSTANCES = PGLITE ? 1 : Number(opts.instances ?? 2);
const USERS = Number(opts.users ?? (PGLITE ? 30 : 200));
const COORDINATORS = Number(opts.coordinators ?? (PGLITE ? 0 : 2));
const MINUTES = Number(opts.minutes);
const DURATION_MS = MINUTES * 60_000;
const TIMEOUT_MS = Number(opts['timeout-ms']);
const YEAR = Number(opts.year);
const TARGETS = PGLITE ? { read: 500, write: 500, rssMb: 400 } : { read: 300, write: 600, rssMb: 400 };
if (PGLITE && opts.instances && opts.instances !== '1') log('PGlite: one instance only (the data directory is locked by one process)');

// ─── randomness (seeded: the same seed plays the same choices) ───────────────

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seedOf = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
/** Think time: 1 s plus an exponential of mean 1.5 s, at most 8 s (most pauses short, a few long). */
const think = (rnd: () => number) => Math.min(8000, 1000 - 1500 * Math.log(1 - rnd()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The end of the measured window: no pause runs past it, so the window is what was measured. */
let END = Number.POSITIVE_INFINITY;
const pause = (ms: number) => sleep(Math.max(0, Math.min(ms, END - Date.now())));

// ─── recording ───────────────────────────────────────────────────────────────

type Kind = 'read' | 'write';
interface Tally {
  kind: Kind;
  ms: number[];
  ok: number;
  /** 409/422: a legitimate refusal of the business rules (two users on one item, a rule of the Agreement). */
  refused: number;
  /** Any other 4xx: a mistake of this script or of the server; counted as an error. */
  client4xx: number;
  server5xx: number;
  network: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** The first answer of each refused or failed status: what the server said (its code and message). */
  examples: Record<string, string>;
}
const tallies = new Map<string, Tally>();
let measuring = false;
let measureFrom = 0;

function record(name: string, kind: Kind, ms: number, status: number | 'timeout' | 'network'): void {
  if (!measuring) return;
  let t = tallies.get(name);
  if (!t) tallies.set(name, (t = { kind, ms: [], ok: 0, refused: 0, client4xx: 0, server5xx: 0, network: 0, timeouts: 0, statuses: {}, examples: {} }));
  t.ms.push(ms);
  t.statuses[String(status)] = (t.statuses[String(status)] ?? 0) + 1;
  if (status === 'timeout') t.timeouts++;
  else if (status === 'network') t.network++;
  else if (status < 400) t.ok++;
  else if (status === 409 || status === 422) t.refused++;
  else if (status < 500) t.client4xx++;
  else t.server5xx++;
}

// ─── the client ──────────────────────────────────────────────────────────────

interface Instance {
  n: number;
  server: RunningServer;
  pool: Pool;
}

interface Session {
  instance: Instance;
  cookie: string;
  csrf: string;
}

interface Answer<T> {
  status: number;
  body: T | null;
}

async function call<T>(s: Session, name: string, method: string, url: string, body?: unknown): Promise<Answer<T> | null> {
  const kind: Kind = method === 'GET' ? 'read' : 'write';
  const headers: Record<string, string> = { cookie: s.cookie };
  if (kind === 'write') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const res = await s.instance.pool.request({
      path: url,
      method: method as 'GET',
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.body.text();
    record(name, kind, performance.now() - started, res.statusCode);
    const t = tallies.get(name);
    if (measuring && t && res.statusCode >= 400) t.examples[String(res.statusCode)] ??= explain(text);
    let parsed: T | null = null;
    if (res.statusCode < 300 && text) parsed = JSON.parse(text) as T;
    return { status: res.statusCode, body: parsed };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || /timeout/i.test(e.message));
    record(name, kind, performance.now() - started, timedOut ? 'timeout' : 'network');
    return null;
  }
}

function explain(text: string): string {
  try {
    const e = JSON.parse(text) as { code?: string; message?: string; details?: { reason?: string; issues?: { field?: string; rule?: string }[] } };
    const issue = e.details?.issues?.[0];
    return [e.code, e.details?.reason, issue ? `${issue.field ?? ''} ${issue.rule ?? ''}`.trim() : null, e.message?.slice(0, 160)].filter(Boolean).join(' · ');
  } catch {
    return text.slice(0, 200);
  }
}

async function login(instance: Instance, loginName: string): Promise<Session | null> {
  const res = await instance.pool.request({
    path: '/api/v1/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password: opts.password }),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) {
    if (res.statusCode !== 401) log(`  login ${loginName}: ${res.statusCode} ${text.slice(0, 200)}`);
    return null;
  }
  const setCookie = res.headers['set-cookie'];
  const first = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => c.startsWith('bc_session=')) ?? '';
  return { instance, cookie: first.split(';')[0]!, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

// ─── what the users see and do ───────────────────────────────────────────────

interface OfficeRow {
  id: string;
  code: string;
  party: 'RU' | 'KZ';
  kind: string;
}
interface Row {
  id: string;
  status: string;
  route: string;
  fromOffice: { code: string };
  toOffice: { code: string };
}
interface Window_ {
  max: string;
}
interface View extends Row {
  version: number;
  number: number;
  availableActions: string[];
  registrationDates: { outgoing: Window_ | null; incoming: Window_ | null };
}

type QueueName = 'draft' | 'signed' | 'sent' | 'registered';
/** Per office: the items in each state that its users made or saw, waiting for the next step. */
const queues = new Map<string, Record<QueueName, Set<string>>>();
/** Items some user has taken for an action: not queued again from a journal until their state moves on. */
const taken = new Set<string>();
const queueOf = (office: string) => {
  let q = queues.get(office);
  if (!q) queues.set(office, (q = { draft: new Set(), signed: new Set(), sent: new Set(), registered: new Set() }));
  return q;
};
function enqueue(office: string, state: string, id: string): void {
  if (!['draft', 'signed', 'sent', 'registered'].includes(state) || taken.has(`${state}:${id}`)) return;
  queueOf(office)[state as QueueName].add(id);
}
function dequeue(office: string, state: QueueName): string | null {
  const set = queueOf(office)[state];
  for (const id of set) {
    set.delete(id);
    taken.add(`${state}:${id}`);
    return id;
  }
  return null;
}
const workflow = { created: 0, edited: 0, signed: 0, sent: 0, registered: 0, answered: 0, skipped: 0 };

type Role = 'signer' | 'officer' | 'coordinator';
interface User {
  n: number;
  login: string;
  office: string;
  party: 'RU' | 'KZ';
  role: Role;
  session: Session;
  rnd: () => number;
  /** Ids of items the user saw in a journal: the item pages it opens. */
  seen: string[];
}

const SEARCH_RU = ['мошенничеством', 'наркотических', 'контрабанды', 'оружия', 'пункте пропуска', 'розыске'];
const SEARCH_KK = ['есірткі', 'контрабанда', 'алаяқтық', 'қару'];
const AREAS = ['drug_trafficking', 'organized_crime', 'human_trafficking', 'digital_currency'];
let counterparts = new Map<string, string[]>();

function see(u: User, rows: Row[]): void {
  for (const r of rows) {
    u.seen.push(r.id);
    if (r.route !== 'direct') continue;
    if (r.fromOffice.code === u.office && (r.status === 'draft' || r.status === 'signed')) enqueue(u.office, r.status, r.id);
    if (r.toOffice.code === u.office && (r.status === 'sent' || r.status === 'registered')) enqueue(u.office, r.status, r.id);
  }
  if (u.seen.length > 300) u.seen.splice(0, u.seen.length - 300);
}

async function journal(u: User, query: Record<string, string>, name = 'journal'): Promise<void> {
  const page = await call<{ items: Row[] }>(u.session, name, 'GET', `/api/v1/items?${new URLSearchParams({ limit: '50', ...query }).toString()}`);
  if (page?.body) see(u, page.body.items);
}

function journalQuery(u: User): Record<string, string> {
  const r = u.rnd();
  const box = u.rnd() < 0.6 ? 'incoming' : 'outgoing';
  const offset = String(50 * Math.floor(u.rnd() * u.rnd() * 3)); // page 1 mostly, 2 and 3 now and then
  // Each role's own worklist: what waits for it.
  if (r < 0.25) {
    if (u.role === 'signer') return u.rnd() < 0.5 ? { box: 'outgoing', status: 'draft' } : { box: 'incoming', status: 'registered' };
    return u.rnd() < 0.5 ? { box: 'outgoing', status: 'signed' } : { box: 'incoming', status: 'sent' };
  }
  if (r < 0.4) return { box, area: pick(u.rnd, AREAS), offset };
  if (r < 0.5) return { box: 'incoming', overdue: 'true' };
  if (r < 0.6) return { box, status: 'executed,partially_executed', offset };
  return { box, offset };
}

async function itemPage(u: User, id?: string): Promise<View | null> {
  const target = id ?? (u.seen.length > 0 ? pick(u.rnd, u.seen) : null);
  if (!target) return (await journal(u, { box: 'incoming' }), null);
  const res = await call<View>(u.session, 'item page', 'GET', `/api/v1/items/${target}`);
  return res?.body ?? null;
}

const draftBody = (u: User, to: string) =>
  u.party === 'RU'
    ? {
        kind: 'request',
        toOfficeCode: to,
        subject: 'О проверке сведений о перемещении товаров через границу',
        essence: 'Существо дела: проверка сведений о контрабанде на пункте пропуска',
        purpose: 'Проверка соблюдения законодательства',
        assistance: 'Предоставить сведения о лицах и транспортных средствах',
        form: 'crime_information',
        priorityAreas: ['organized_crime'],
      }
    : {
        kind: 'request',
        toOfficeCode: to,
        language: 'kk',
        subject: 'Шекара арқылы тауарлардың өтуі туралы мәліметтерді тексеру',
        essence: 'Істің мәні: өткізу пунктіндегі контрабанда туралы мәліметтерді тексеру',
        purpose: 'Заңнаманың сақталуын тексеру',
        assistance: 'Тұлғалар мен көлік құралдары туралы мәліметтер беру',
        form: 'crime_information',
        priorityAreas: ['organized_crime'],
      };

let numberSeq = 0;

/** Drafting: a new request to a paired counterpart, then (after a pause) an edit of it. */
async function draft(u: User): Promise<boolean> {
  const to = counterparts.get(u.office);
  if (!to || to.length === 0) return false;
  const made = await call<View>(u.session, 'draft', 'POST', '/api/v1/items', draftBody(u, pick(u.rnd, to)));
  if (!made?.body) return true;
  workflow.created++;
  await pause(think(u.rnd));
  if (Date.now() >= END) return true;
  const edited = await call<View>(u.session, 'edit', 'PATCH', `/api/v1/items/${made.body.id}`, {
    subject: `${u.party === 'KZ' ? 'Тексеру' : 'О проверке'} № ${++numberSeq}: ${u.login}`,
    version: made.body.version,
  });
  if (edited?.body) {
    workflow.edited++;
    enqueue(u.office, edited.body.status, edited.body.id);
  }
  return true;
}

/**
 * One step of the workflow on an item from the office's queue: open its page (the version and the
 * date window come from it, as in the web), then post the action if it is open to the user.
 */
async function advance(
  u: User,
  from: QueueName,
  action: 'sign' | 'send' | 'register' | 'record_outcome',
  segment: string,
  body: (v: View) => Record<string, unknown>,
): Promise<boolean> {
  const id = dequeue(u.office, from);
  if (!id) return false;
  const view = await itemPage(u, id);
  if (!view) return true;
  if (!view.availableActions.includes(action)) {
    workflow.skipped++;
    return true;
  }
  const res = await call<View>(u.session, action, 'POST', `/api/v1/items/${id}/${segment}`, { ...body(view), version: view.version });
  if (!res?.body) return true;
  const v = res.body;
  const counter = { sign: 'signed', send: 'sent', register: 'registered', record_outcome: 'answered' } as const;
  workflow[counter[action]]++;
  // Sent items wait at the addressee; the others stay with this office for their next step.
  enqueue(action === 'send' ? v.toOffice.code : u.office, v.status, v.id);
  return true;
}

const today = () => new Date().toISOString().slice(0, 10);
const steps = {
  sign: (u: User) => advance(u, 'draft', 'sign', 'sign', () => ({})),
  send: (u: User) =>
    advance(u, 'signed', 'send', 'send', (v) => ({
      outgoingNumber: `РД-${v.number}-${++numberSeq}`,
      outgoingDate: v.registrationDates.outgoing?.max ?? today(),
    })),
  register: (u: User) =>
    advance(u, 'sent', 'register', 'register', (v) => ({
      incomingNumber: `вх-РД-${v.number}-${++numberSeq}`,
      incomingDate: v.registrationDates.incoming?.max ?? today(),
    })),
  outcome: (u: User) =>
    advance(u, 'registered', 'record_outcome', 'outcome', () =>
      u.rnd() < 0.8
        ? { outcome: 'executed', text: 'Запрошенные сведения предоставлены в полном объёме' }
        : {
            outcome: 'partially_executed',
            text: 'Сведения предоставлены частично',
            refusalGrounds: ['contrary_to_legislation'],
            reason: 'Часть сведений не может быть предоставлена по закону',
          },
    ),
};

/** One action of a staff user, chosen by weight; a workflow step with nothing waiting falls back to a read. */
async function staffStep(u: User): Promise<void> {
  const r = u.rnd() * 100;
  if (r < 35) return journal(u, journalQuery(u));
  if (r < 60) return void (await itemPage(u));
  if (r < 65) {
    const id = u.seen.length > 0 ? pick(u.rnd, u.seen) : null;
    if (id) return void (await call(u.session, 'timeline', 'GET', `/api/v1/items/${id}/timeline`));
    return journal(u, { box: 'incoming' });
  }
  if (r < 70) return void (await call(u.session, 'unread count', 'GET', '/api/v1/notifications/unread-count'));
  if (r < 80) {
    const words = u.party === 'KZ' && u.rnd() < 0.6 ? SEARCH_KK : u.rnd() < 0.8 ? SEARCH_RU : SEARCH_KK;
    return journal(u, { box: u.rnd() < 0.7 ? 'incoming' : 'outgoing', q: pick(u.rnd, words) }, 'search');
  }
  if (r < 88) {
    if (u.role === 'officer' && (await draft(u))) return;
    if (u.role === 'signer' && (await steps.sign(u))) return;
    return journal(u, journalQuery(u));
  }
  const order =
    u.role === 'signer'
      ? u.rnd() < 0.5
        ? [steps.sign, steps.outcome]
        : [steps.outcome, steps.sign]
      : u.rnd() < 0.5
        ? [steps.send, steps.register]
        : [steps.register, steps.send];
  for (const s of order) if (await s(u)) return;
  return journal(u, journalQuery(u));
}

async function runUser(u: User, end: number): Promise<void> {
  // Notifications: the page polls every 30 s, on its own timer beside whatever the user does.
  const poll = (async () => {
    await pause(u.rnd() * 30_000);
    while (Date.now() < end) {
      const started = Date.now();
      await call(u.session, 'notifications', 'GET', '/api/v1/notifications?limit=20');
      await pause(Math.max(0, 30_000 - (Date.now() - started)));
    }
  })();
  await pause(u.rnd() * 5000); // users arrive spread over the first seconds
  if (u.role === 'coordinator') {
    let nextDashboard = Date.now() + u.rnd() * 10_000;
    while (Date.now() < end) {
      if (Date.now() >= nextDashboard) {
        await call(u.session, 'dashboard', 'GET', `/api/v1/oversight?year=${YEAR}`);
        await pause(5000 + u.rnd() * 5000);
        if (Date.now() >= end) break;
        await call(u.session, 'analysis', 'GET', `/api/v1/analysis?year=${YEAR}&compare=${YEAR - 1}`);
        nextDashboard = Date.now() + 45_000 + u.rnd() * 30_000;
      } else await journal(u, { box: 'all', offset: String(50 * Math.floor(u.rnd() * 3)) });
      await pause(5000 + u.rnd() * 10_000);
    }
  } else {
    while (Date.now() < end) {
      await staffStep(u);
      await pause(think(u.rnd));
    }
  }
  await poll;
}

// ─── the machine: CPU, memory, other load ────────────────────────────────────

const others = otherProcesses((args) => dbName !== null && args.includes(` ${dbName} `));
const ours = others.ours;

// ─── the run ─────────────────────────────────────────────────────────────────

const startedAt = new Date();
const dbName = ds.databaseUrl ? new URL(ds.databaseUrl).pathname.slice(1) : null;
let pgVersion: string | null = null;
if (ds.databaseUrl) {
  const c = new pg.Client({ connectionString: ds.databaseUrl });
  await c.connect();
  pgVersion = (await c.query<{ version: string }>('select version()')).rows[0]!.version;
  await c.end();
}

const baselineSeconds = Number(opts['baseline-seconds']);
log(`▶ bare Fastify hello-world (${baselineSeconds} s)`);
const hello = await helloBaseline(baselineSeconds, 20);
if (hello) log(`  ${hello.rps.toFixed(0)} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms`);

log(`▶ ${DATASET}: starting ${INSTANCES} instance(s)`);
const env: Record<string, string> = { LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOG_LEVEL: 'error', ...(ds.databaseUrl ? { DATABASE_URL: ds.databaseUrl } : {}) };
const instances: Instance[] = [];
const cleanup = async () => {
  await Promise.all(instances.map(async (i) => (await i.pool.close(), await i.server.stop())));
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  for (let n = 0; n < INSTANCES; n++) {
    // One scheduler is enough: the reminders and the outbox run on the first instance only.
    const server = await startServer({ dataDir: ds.dataDir, env: { ...env, SCHEDULER: n === 0 ? 'on' : 'off' }, timeoutMs: 600_000 });
    ours.add(server.process.pid!);
    // Two connections per user (its actions and its notification timer, like a browser tab): the
    // client never queues a request, so a latency measured is the server's.
    instances.push({ n, server, pool: new Pool(server.url, { connections: 2 * Math.ceil(USERS / INSTANCES) + 8, keepAliveTimeout: 60_000 }) });
    log(`  instance ${n + 1}: ${server.url} (pid ${server.process.pid})`);
  }

  // Offices, and the pairings in force between offices of this node: who may send to whom.
  const setup = await login(instances[0]!, 'demo.ru-gp-gumps.coordinator1');
  if (!setup) throw new Error('Cannot log in as demo.ru-gp-gumps.coordinator1: was the data set seeded with --users?');
  const offices = (await call<{ items: OfficeRow[] }>(setup, 'setup', 'GET', '/api/v1/offices?limit=200'))!.body!.items;
  const pairings = (await call<{
    items: { ruOffice: { code: string; hosting: string }; kzOffice: { code: string; hosting: string }; inForceToday: boolean }[];
  }>(setup, 'setup', 'GET', '/api/v1/pairings?active=true&limit=500'))!.body!.items.filter(
    (p) => p.inForceToday && p.ruOffice.hosting === 'here' && p.kzOffice.hosting === 'here',
  );
  counterparts = new Map();
  for (const p of pairings) {
    counterparts.set(p.ruOffice.code, [...(counterparts.get(p.ruOffice.code) ?? []), p.kzOffice.code]);
    counterparts.set(p.kzOffice.code, [...(counterparts.get(p.kzOffice.code) ?? []), p.ruOffice.code]);
  }
  const staffOffices = offices.filter((o) => !['coordinator', 'leadership'].includes(o.kind));
  // Offices in the order of the pairings from --office outwards, so that a partial set of users
  // still has both ends of each exchange (someone to register what is sent).
  let order: string[];
  if (opts.offices) order = opts.offices.split(',').map((s) => s.trim().toUpperCase());
  else {
    order = [];
    const queue = [opts.office.toUpperCase()];
    while (order.length < staffOffices.length) {
      const next = queue.shift() ?? staffOffices.map((o) => o.code).find((c) => !order.includes(c))!;
      if (order.includes(next)) continue;
      order.push(next);
      queue.push(...(counterparts.get(next) ?? []).filter((c) => !order.includes(c)));
    }
    if (PGLITE) order = [order[0]!, ...(counterparts.get(order[0]!) ?? [])];
  }
  const partyOf = new Map(offices.map((o) => [o.code, o.party]));
  const staffLogins = order.flatMap((code) =>
    ['head', 'deputy', 'officer1', 'officer2', 'officer3'].map((r) => ({
      login: `demo.${code.toLowerCase()}.${r}`,
      office: code,
      role: (r.startsWith('officer') ? 'officer' : 'signer') as Role,
    })),
  );
  const coordinatorLogins = ['demo.ru-gp-gumps.coordinator1', 'demo.kz-gp-dms.coordinator1', 'demo.ru-gp-gumps.coordinator2', 'demo.kz-gp-dms.coordinator2']
    .slice(0, COORDINATORS)
    .map((l) => ({ login: l, office: l.includes('ru-gp') ? 'RU-GP-GUMPS' : 'KZ-GP-DMS', role: 'coordinator' as Role }));

  // Log everyone in (a few at a time: password hashing is deliberately slow), outside the measurement.
  log(`▶ logging in ${USERS} users over ${INSTANCES} instance(s)`);
  const plan = [
    ...coordinatorLogins,
    ...Array.from({ length: Math.max(0, USERS - coordinatorLogins.length) }, (_, i) => staffLogins[i % staffLogins.length]!),
  ].slice(0, USERS);
  const users: User[] = [];
  const missing = new Set<string>();
  const loginStarted = performance.now();
  for (let i = 0; i < plan.length; i += 8) {
    const batch = await Promise.all(
      plan.slice(i, i + 8).map(async (p, k) => {
        const n = i + k;
        const session = await login(instances[n % INSTANCES]!, p.login);
        if (!session) return (missing.add(p.login), null);
        const user: User = { n, ...p, party: partyOf.get(p.office) ?? 'RU', session, rnd: mulberry32(seedOf(`${opts.seed}/${n}`)), seen: [] };
        return user;
      }),
    );
    users.push(...batch.filter((u): u is User => u !== null));
  }
  const loginSeconds = (performance.now() - loginStarted) / 1000;
  if (missing.size > 0) log(`  no such user (skipped): ${[...missing].slice(0, 10).join(', ')}${missing.size > 10 ? ` and ${missing.size - 10} more` : ''}`);
  if (users.length === 0) throw new Error('No user could log in');
  const officesInPlay = [...new Set(users.map((u) => u.office))];
  log(`  ${users.length} sessions of ${new Set(users.map((u) => u.login)).size} users in ${officesInPlay.length} offices, ${loginSeconds.toFixed(1)} s`);

  // ── the measured window ──
  log(`▶ playing the working day: ${MINUTES} min`);
  const loadBefore = os.loadavg();
  const pids = instances.map((i) => i.server.process.pid!);
  const cpuBefore = pids.map((p) => cpuMs(p) ?? 0);
  const dbBefore = dbName ? backendsCpu(dbName) : new Map<number, number>();
  // The pool closes idle connections: a backend's CPU is its last sample (every second) before it exits.
  const dbLast = new Map(dbBefore);
  const dbSampler = dbName ? setInterval(() => backendsCpu(dbName).forEach((v, pid) => dbLast.set(pid, v)), 1000) : null;
  const selfBefore = process.cpuUsage();
  const rss = pids.map(() => ({ max: 0, end: 0, samples: [] as number[] }));
  const sampleRss = () =>
    pids.forEach((p, k) => {
      const v = rssMb(p);
      if (v === null) return;
      rss[k]!.samples.push(Math.round(v));
      rss[k]!.max = Math.max(rss[k]!.max, v);
      rss[k]!.end = v;
    });
  sampleRss();
  const sampler = setInterval(() => (sampleRss(), others.sample()), 5000);
  const progress = setInterval(() => {
    const all = [...tallies.values()];
    const n = all.reduce((s, t) => s + t.ms.length, 0);
    const bad = all.reduce((s, t) => s + t.server5xx + t.client4xx + t.network + t.timeouts, 0);
    log(`  ${((Date.now() - measureFrom) / 1000).toFixed(0)} s: ${n} requests, ${bad} errors, RSS ${rss.map((r) => `${r.end.toFixed(0)} MB`).join(' / ')}`);
  }, 30_000);
  measuring = true;
  measureFrom = Date.now();
  const end = measureFrom + DURATION_MS;
  END = end;
  await Promise.all(users.map((u) => runUser(u, end)));
  measuring = false;
  const elapsed = (Date.now() - measureFrom) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  sampleRss();
  const self = process.cpuUsage(selfBefore);
  const cpuAfter = pids.map((p) => cpuMs(p) ?? 0);
  if (dbSampler) clearInterval(dbSampler);
  if (dbName) backendsCpu(dbName).forEach((v, pid) => dbLast.set(pid, v));
  const loadAfter = os.loadavg();
  let dbCpuMs = 0;
  for (const [pid, after] of dbLast) dbCpuMs += after - (dbBefore.get(pid) ?? 0);

  // ── figures ──
  const summarize = (name: string, kind: Kind | 'all', ts: Tally[]) => {
    const ms = ts.flatMap((t) => t.ms).sort((a, b) => a - b);
    const sum = (f: (t: Tally) => number) => ts.reduce((s, t) => s + f(t), 0);
    return {
      name,
      kind,
      count: ms.length,
      rps: ms.length / elapsed,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      max: ms.at(-1) ?? 0,
      ok: sum((t) => t.ok),
      refused: sum((t) => t.refused),
      errors: sum((t) => t.client4xx + t.server5xx + t.network),
      timeouts: sum((t) => t.timeouts),
      examples: Object.assign({}, ...ts.map((t) => t.examples)) as Record<string, string>,
      statuses: ts.reduce<Record<string, number>>((acc, t) => {
        for (const [k, v] of Object.entries(t.statuses)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
    };
  };
  const endpoints = [...tallies]
    .filter(([name]) => name !== 'setup')
    .sort((a, b) => (a[1].kind === b[1].kind ? b[1].ms.length - a[1].ms.length : a[1].kind === 'read' ? -1 : 1))
    .map(([name, t]) => summarize(name, t.kind, [t]));
  const measured = [...tallies].filter(([n]) => n !== 'setup').map(([, t]) => t);
  const reads = summarize(
    'all reads',
    'read',
    measured.filter((t) => t.kind === 'read'),
  );
  const writes = summarize(
    'all writes',
    'write',
    measured.filter((t) => t.kind === 'write'),
  );
  const total = summarize('all requests', 'all', measured);
  const perInstance = pids.map((pid, k) => ({
    instance: k + 1,
    pid,
    scheduler: k === 0,
    cpuMs: cpuAfter[k]! - cpuBefore[k]!,
    rssMaxMb: Math.round(rss[k]!.max),
    rssEndMb: Math.round(rss[k]!.end),
    rssSamples: rss[k]!.samples,
  }));
  const serverCpuMs = perInstance.reduce((s, i) => s + i.cpuMs, 0);
  const verdicts = [
    { target: `reads p99 < ${TARGETS.read} ms`, value: `${reads.p99.toFixed(0)} ms`, pass: reads.p99 < TARGETS.read },
    { target: `writes p99 < ${TARGETS.write} ms`, value: `${writes.p99.toFixed(0)} ms`, pass: writes.count === 0 || writes.p99 < TARGETS.write },
    { target: 'no error', value: String(total.errors), pass: total.errors === 0 },
    { target: 'no timeout', value: String(total.timeouts), pass: total.timeouts === 0 },
    ...perInstance.map((i) => ({
      target: `instance ${i.instance} RSS < ${TARGETS.rssMb} MB`,
      value: `${i.rssMaxMb} MB max`,
      pass: i.rssMaxMb < TARGETS.rssMb,
    })),
  ];

  const result = {
    date: startedAt.toISOString(),
    dataset: DATASET,
    driver: ds.driver,
    size: ds.size ?? null,
    machine: { ...machineInfo(loadBefore, loadAfter), postgresql: pgVersion },
    options: { users: USERS, instances: INSTANCES, coordinators: COORDINATORS, minutes: MINUTES, seed: opts.seed, timeoutMs: TIMEOUT_MS, year: YEAR },
    note: opts.note,
    load: {
      sessions: users.length,
      distinctUsers: new Set(users.map((u) => u.login)).size,
      offices: officesInPlay.length,
      roles: {
        signer: users.filter((u) => u.role === 'signer').length,
        officer: users.filter((u) => u.role === 'officer').length,
        coordinator: users.filter((u) => u.role === 'coordinator').length,
      },
      loginSeconds,
      elapsedSeconds: elapsed,
      workflow,
    },
    baseline: hello,
    endpoints,
    reads,
    writes,
    total,
    instances: perInstance,
    cpu: {
      serverMs: serverCpuMs,
      serverMsPerRequest: total.count > 0 ? serverCpuMs / total.count : 0,
      databaseMs: dbName ? dbCpuMs : null,
      databaseMsPerRequest: dbName && total.count > 0 ? dbCpuMs / total.count : null,
      generatorMs: (self.user + self.system) / 1000,
      /** Share of the machine's CPU (all cores) the servers, the database and the generator used. */
      machineShare: {
        servers: serverCpuMs / (elapsed * 1000 * os.cpus().length),
        database: dbName ? dbCpuMs / (elapsed * 1000 * os.cpus().length) : null,
        generator: (self.user + self.system) / 1000 / (elapsed * 1000 * os.cpus().length),
      },
    },
    verdicts,
    others: others.top(10),
  };

  const md = render(result);
  log(`\n${md}`);
  const stamp = startedAt.toISOString().slice(0, 19).replace(/:/g, '-');
  fs.mkdirSync(opts.dir, { recursive: true });
  fs.writeFileSync(path.join(opts.dir, `workday-results-${DATASET}-${stamp}.json`), JSON.stringify(result, null, 2));
  if (!opts['no-write']) {
    const file = PGLITE ? 'bench/workday-pglite-results.json' : 'bench/workday-results.json';
    fs.writeFileSync(path.join(ROOT, file), `${JSON.stringify(result, null, 2)}\n`);
    writeSection(PGLITE ? 'workday-pglite' : 'workday', md);
    log(`Written ${file} and the ${PGLITE ? 'workday-pglite' : 'workday'} section of bench/RESULTS.md`);
  }
} finally {
  await cleanup();
}
process.exit(0);

// ─── the report ──────────────────────────────────────────────────────────────

interface Summary {
  name: string;
  kind: string;
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  refused: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  examples: Record<string, string>;
}

function render(r: {
  date: string;
  dataset: string;
  driver: string;
  machine: { cpus: number; cpu: string; memGiB: number; node: string; postgresql: string | null; loadBefore: number[]; loadAfter: number[] };
  options: { users: number; instances: number; coordinators: number; minutes: number; seed: string; timeoutMs: number; year: number };
  note: string;
  load: {
    sessions: number;
    distinctUsers: number;
    offices: number;
    roles: Record<Role, number>;
    loginSeconds: number;
    elapsedSeconds: number;
    workflow: typeof workflow;
  };
  baseline: { rps: number; p50: number; p99: number; errors: number } | null;
  endpoints: Summary[];
  reads: Summary;
  writes: Summary;
  total: Summary;
  instances: { instance: number; pid: number; scheduler: boolean; cpuMs: number; rssMaxMb: number; rssEndMb: number }[];
  cpu: {
    serverMs: number;
    serverMsPerRequest: number;
    databaseMs: number | null;
    databaseMsPerRequest: number | null;
    generatorMs: number;
    machineShare: { servers: number; database: number | null; generator: number };
  };
  verdicts: { target: string; value: string; pass: boolean }[];
  others: { command: string; seenInSamples: number; avgCpuPercentWhenSeen: number }[];
}): string {
  const f0 = (n: number) => n.toFixed(0);
  const f1 = (n: number) => n.toFixed(1);
  const pc = (n: number) => `${(n * 100).toFixed(0)} %`;
  const target = (s: Summary) => (s.kind === 'read' ? TARGETS.read : s.kind === 'write' ? TARGETS.write : null);
  const row = (s: Summary) => {
    const t = target(s);
    const ok = s.errors === 0 && s.timeouts === 0 && (t === null || s.p99 < t);
    return `| ${s.name} | ${s.kind} | ${s.count} | ${f1(s.rps)} | ${f0(s.p50)} | ${f0(s.p95)} | ${f0(s.p99)} | ${f0(s.max)} | ${s.refused} | ${s.errors} | ${s.timeouts} | ${t === null ? '' : ok ? 'pass' : '**fail**'} |`;
  };
  const statusNote = r.endpoints
    .filter((e) => Object.keys(e.statuses).some((k) => !/^[23]/.test(k)))
    .map(
      (e) =>
        `${e.name}: ${Object.entries(e.statuses)
          .map(([k, v]) => `${k} × ${v}${e.examples[k] ? ` (${e.examples[k]})` : ''}`)
          .join(', ')}`,
    );
  const w = r.load.workflow;
  const title = PGLITE ? 'Working day on PGlite: one office’s node' : 'Working day: two instances, one PostgreSQL';
  return `## ${title} (\`npm run bench:workday\`)

Produced by \`npm run bench:workday -- --dataset ${r.dataset}${r.options.users !== (PGLITE ? 30 : 200) ? ` --users ${r.options.users}` : ''}${r.options.minutes !== 5 ? ` --minutes ${r.options.minutes}` : ''}\` (bench/workday.ts) on ${r.date.slice(0, 16).replace('T', ' ')} UTC.${r.note ? ` ${r.note}` : ''}
Machine: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memGiB} GiB RAM, Node ${r.machine.node}${r.machine.postgresql ? `, ${r.machine.postgresql.split(' on ')[0]}` : ', PGlite (in the server process)'}.
Load average ${r.machine.loadBefore.map(f1).join(' / ')} before, ${r.machine.loadAfter.map(f1).join(' / ')} after. The load generator runs on the same cores.

**Load.** ${r.load.sessions} sessions (${r.load.distinctUsers} distinct demo users of ${r.load.offices} offices: ${r.load.roles.signer} heads and deputies, ${r.load.roles.officer} officers, ${r.load.roles.coordinator} coordinators) over ${r.options.instances} instance${r.options.instances > 1 ? 's (sticky sessions, round-robin; the scheduler on the first only)' : ''}, ${f1(r.load.elapsedSeconds / 60)} min measured (log-in, ${f1(r.load.loginSeconds)} s, not measured). Each user thinks 1–8 s (1 s + exponential, mean 2.5 s) between actions: journals 35 % (own worklists, area, overdue and status filters, pages 1–3), item pages 25 %, timelines 5 %, the bell's unread count 5 %, search 10 % (Russian and Kazakh words), drafting and editing 8 %, the workflow 12 % (heads and deputies sign and record outcomes, officers send and register, each on items of its office's queues; nothing waiting → a journal); notifications polled every 30 s on a timer of their own; coordinators open the dashboard (${r.options.year}) and the analysis (${r.options.year} vs ${r.options.year - 1}) about once a minute and read the journal of all items between. Timeout ${r.options.timeoutMs / 1000} s per request. Seed ${r.options.seed}.
Workflow done: ${w.created} drafted, ${w.edited} edited, ${w.signed} signed, ${w.sent} sent, ${w.registered} registered, ${w.answered} answered${w.skipped ? ` (${w.skipped} items from a queue no longer open to the action when opened: skipped)` : ''}.

| Endpoint | kind | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | refused (409/422) | errors | timeouts | verdict |
|---|---|---|---|---|---|---|---|---|---|---|---|
${r.endpoints.map(row).join('\n')}
| **all reads** | read | ${r.reads.count} | ${f1(r.reads.rps)} | ${f0(r.reads.p50)} | ${f0(r.reads.p95)} | ${f0(r.reads.p99)} | ${f0(r.reads.max)} | ${r.reads.refused} | ${r.reads.errors} | ${r.reads.timeouts} | |
| **all writes** | write | ${r.writes.count} | ${f1(r.writes.rps)} | ${f0(r.writes.p50)} | ${f0(r.writes.p95)} | ${f0(r.writes.p99)} | ${f0(r.writes.max)} | ${r.writes.refused} | ${r.writes.errors} | ${r.writes.timeouts} | |
| **all** | | ${r.total.count} | ${f1(r.total.rps)} | ${f0(r.total.p50)} | ${f0(r.total.p95)} | ${f0(r.total.p99)} | ${f0(r.total.max)} | ${r.total.refused} | ${r.total.errors} | ${r.total.timeouts} | |
${statusNote.length > 0 ? `\nStatuses other than 2xx/3xx: ${statusNote.join('; ')}.\n` : ''}
### Against the targets

| Target | measured | verdict |
|---|---|---|
${r.verdicts.map((v) => `| ${v.target} | ${v.value} | ${v.pass ? 'pass' : '**fail**'} |`).join('\n')}

### CPU and memory

| Process | CPU s | CPU ms per request | share of the machine | RSS max MB | RSS end MB |
|---|---|---|---|---|---|
${r.instances.map((i) => `| instance ${i.instance}${i.scheduler && r.instances.length > 1 ? ' (scheduler)' : ''} | ${f1(i.cpuMs / 1000)} | ${r.total.count ? (i.cpuMs / (r.total.count / r.instances.length)).toFixed(2) : '–'} | ${pc(i.cpuMs / (r.load.elapsedSeconds * 1000 * r.machine.cpus))} | ${i.rssMaxMb} | ${i.rssEndMb} |`).join('\n')}
${r.cpu.databaseMs !== null ? `| PostgreSQL backends of the database (sampled every second) | ${f1(r.cpu.databaseMs / 1000)} | ${r.cpu.databaseMsPerRequest!.toFixed(2)} | ${pc(r.cpu.machineShare.database!)} | | |\n` : ''}| load generator (this script) | ${f1(r.cpu.generatorMs / 1000)} | ${r.total.count ? (r.cpu.generatorMs / r.total.count).toFixed(2) : '–'} | ${pc(r.cpu.machineShare.generator)} | | |

Server CPU per request over all instances: ${r.cpu.serverMsPerRequest.toFixed(2)} ms (per instance: its CPU over half the requests, the users being split evenly).
${r.baseline ? `Baseline in the same run: the bare Fastify hello-world, autocannon 20 connections ${opts['baseline-seconds']} s: ${f0(r.baseline.rps)} req/s, p50 ${r.baseline.p50} ms, p99 ${r.baseline.p99} ms.` : 'No baseline measured (--baseline-seconds 0).'}
${r.others.length > 0 ? `\nOther busy processes on the machine during the run (sampled every 5 s): ${r.others.map((o) => `${o.command} (${o.avgCpuPercentWhenSeen} % in ${o.seenInSamples} samples)`).join('; ')}.` : ''}`;
}
