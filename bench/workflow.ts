import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { Pool } from 'undici';
import { ROOT, startServer, type RunningServer } from '../e2e/harness.ts';
import { openDatabase } from '../server/db/client.ts';
import { items } from '../server/db/schema.ts';
import { actionHash, GENESIS } from '../server/kernel/kernel.chain.ts';
import { replayActions, replaySubject, verifyActions } from '../server/kernel/kernel.replay.ts';
import { actionsOf, type ActionRow } from '../server/kernel/kernel.repository.ts';
import { writeSection } from './results.ts';
import { backendsCpu, cpuMs, helloBaseline, machineInfo, percentile } from './machine.ts';

/**
 * `npm run bench:workflow -- [--dataset postgresql-1m] [--drafts 400] [--clients 20] [--no-write]`
 *
 * Issue 13, "no regression after the action log and the exchange":
 * 1. Each workflow action against the real server, 20 clients at once: Orenburg's drafts to its
 *    Kazakh counterpart (made through the API, not measured) are signed (head, deputy), sent
 *    (officers), registered (the counterpart's officers) and answered (its head, deputy), one phase
 *    per action, each client taking the next item of a shared queue. Only the action's POST is timed:
 *    the item page it takes its version and date window from is read before the phase (and reported
 *    apart). Per action: count, req/s, p50/p95/p99/max, errors (any non-2xx), the server's and the
 *    database's CPU per action. Target: p99 < 100 ms. The bare Fastify hello-world in the same run.
 * 2. Replay stays linear in the log's length, in process: replayActions + verifyActions on logs of
 *    10 … 10 000 actions (a real item's log lengthened with chained edits), and replaySubject from the
 *    database for the data set's subjects with the longest and the shortest logs.
 * Data sets are those of `npm run bench:requests` (registry /tmp/bc-bench/datasets.json).
 */
const { values: opts } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'postgresql-1m' },
    dir: { type: 'string', default: '/tmp/bc-bench' },
    drafts: { type: 'string', default: '400' },
    clients: { type: 'string', default: '20' },
    from: { type: 'string', default: 'RU-ORE' },
    to: { type: 'string', default: 'KZ-AKT' },
    password: { type: 'string', default: 'Demo-Password-2026' },
    'timeout-ms': { type: 'string', default: '10000' },
    'baseline-seconds': { type: 'string', default: '10' },
    'no-write': { type: 'boolean', default: false },
    note: { type: 'string', default: '' },
  },
});
const log = (s: string) => process.stdout.write(`${s}\n`);
const DRAFTS = Number(opts.drafts);
const CLIENTS = Number(opts.clients);
const TIMEOUT_MS = Number(opts['timeout-ms']);
const FROM = opts.from.toUpperCase();
const TO = opts.to.toUpperCase();
const TARGET_P99_MS = 100;
const LOG_LENGTHS = [10, 100, 1000, 10_000];

// ─── the data set ────────────────────────────────────────────────────────────

interface DataSet {
  driver: 'postgresql' | 'pglite';
  size?: number;
  dataDir: string;
  databaseUrl?: string;
}
const DATASET = opts.dataset;
const registry = path.join(opts.dir, 'datasets.json');
const ds = (fs.existsSync(registry) ? (JSON.parse(fs.readFileSync(registry, 'utf8')) as Record<string, DataSet>) : {})[DATASET];
if (!ds) {
  process.stderr.write(`No data set ${DATASET} in ${registry}. Make it first with npm run bench:requests -- --prepare-only (see bench/requests.ts).\n`);
  process.exit(1);
}

// ─── the client ──────────────────────────────────────────────────────────────

interface Session {
  login: string;
  cookie: string;
  csrf: string;
}
interface Answer<T> {
  status: number | 'timeout' | 'network';
  ms: number;
  body: T | null;
  text: string;
}
interface View {
  id: string;
  status: string;
  version: number;
  number: number;
  availableActions: string[];
  registrationDates: { outgoing: { max: string } | null; incoming: { max: string } | null };
}

let pool: Pool;

async function request<T>(s: Session | null, method: 'GET' | 'POST', url: string, body?: unknown): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (s) headers.cookie = s.cookie;
  if (s && method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const res = await pool.request({
      path: url,
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.body.text();
    const ms = performance.now() - started;
    return { status: res.statusCode, ms, body: res.statusCode < 300 && text ? (JSON.parse(text) as T) : null, text };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || /timeout/i.test(e.message));
    return { status: timedOut ? 'timeout' : 'network', ms: performance.now() - started, body: null, text: String(e) };
  }
}

async function login(name: string): Promise<Session> {
  const res = await pool.request({
    path: '/api/v1/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password: opts.password }),
  });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${text.slice(0, 200)} (was the data set seeded with its demo users?)`);
  const setCookie = res.headers['set-cookie'];
  const first = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => c.startsWith('bc_session=')) ?? '';
  return { login: name, cookie: first.split(';')[0]!, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

function explain(text: string): string {
  try {
    const e = JSON.parse(text) as { code?: string; message?: string; details?: { reason?: string } };
    return [e.code, e.details?.reason, e.message?.slice(0, 160)].filter(Boolean).join(' · ');
  } catch {
    return text.slice(0, 200);
  }
}

// ─── recording ───────────────────────────────────────────────────────────────

interface Tally {
  ms: number[];
  errors: number;
  statuses: Record<string, number>;
  /** The first answer of each non-2xx status: what the server said. */
  examples: Record<string, string>;
}
const newTally = (): Tally => ({ ms: [], errors: 0, statuses: {}, examples: {} });
function record(t: Tally, a: Answer<unknown>): boolean {
  t.ms.push(a.ms);
  t.statuses[String(a.status)] = (t.statuses[String(a.status)] ?? 0) + 1;
  const ok = typeof a.status === 'number' && a.status >= 200 && a.status < 300;
  if (!ok) {
    t.errors++;
    t.examples[String(a.status)] ??= explain(a.text);
  }
  return ok;
}

interface Summary {
  count: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
  examples: Record<string, string>;
}
function summarize(t: Tally, seconds: number): Summary {
  const ms = [...t.ms].sort((a, b) => a - b);
  return {
    count: ms.length,
    rps: seconds > 0 ? ms.length / seconds : 0,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? 0,
    errors: t.errors,
    statuses: t.statuses,
    examples: t.examples,
  };
}

/** `clients` workers each take the next element of a shared queue until it is empty. */
async function workers<T>(queue: readonly T[], clients: number, work: (client: number, item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, queue.length) }, async (_, client) => {
      while (next < queue.length) await work(client, queue[next++]!);
    }),
  );
  return (performance.now() - started) / 1000;
}

// ─── the machine ─────────────────────────────────────────────────────────────

// ─── 1. the workflow against the server ──────────────────────────────────────

type ActionName = 'sign' | 'send' | 'register' | 'outcome';
interface Phase {
  name: ActionName;
  /** The machine's action (availableActions) and the URL segment after /api/v1/items/:id/. */
  action: string;
  segment: string;
  /** Who does it: the clients take these logins in turn, one session each. */
  logins: string[];
  body: (v: View, n: number) => Record<string, unknown>;
}
const lower = (code: string) => code.toLowerCase();
const RUN = Date.now().toString(36).toUpperCase();
const today = () => new Date().toISOString().slice(0, 10);
const PHASES: Phase[] = [
  { name: 'sign', action: 'sign', segment: 'sign', logins: ['head', 'deputy'].map((r) => `demo.${lower(FROM)}.${r}`), body: () => ({}) },
  {
    name: 'send',
    action: 'send',
    segment: 'send',
    logins: ['officer1', 'officer2', 'officer3'].map((r) => `demo.${lower(FROM)}.${r}`),
    body: (v, n) => ({ outgoingNumber: `WF-${RUN}-${n}`, outgoingDate: v.registrationDates.outgoing?.max ?? today() }),
  },
  {
    name: 'register',
    action: 'register',
    segment: 'register',
    logins: ['officer1', 'officer2', 'officer3'].map((r) => `demo.${lower(TO)}.${r}`),
    body: (v, n) => ({ incomingNumber: `вх-WF-${RUN}-${n}`, incomingDate: v.registrationDates.incoming?.max ?? today() }),
  },
  {
    name: 'outcome',
    action: 'record_outcome',
    segment: 'outcome',
    logins: ['head', 'deputy'].map((r) => `demo.${lower(TO)}.${r}`),
    body: () => ({ outcome: 'executed', text: 'Запрошенные сведения предоставлены в полном объёме' }),
  },
];

const draftBody = {
  kind: 'request',
  toOfficeCode: TO,
  subject: 'О проверке сведений о перемещении товаров через границу',
  essence: 'Существо дела: проверка сведений о контрабанде на пункте пропуска',
  purpose: 'Проверка соблюдения законодательства',
  assistance: 'Предоставить сведения о лицах и транспортных средствах',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
};

interface PhaseResult {
  name: ActionName;
  offered: number;
  skipped: number;
  seconds: number;
  action: Summary;
  page: Summary;
  serverCpuMs: number;
  databaseCpuMs: number | null;
  pass: boolean;
}

async function workflowRun(server: RunningServer, dbName: string | null) {
  const pid = server.process.pid!;
  // Everyone logs in before anything is measured, a few at a time (password hashing is slow on purpose).
  const sessions = new Map<ActionName, Session[]>();
  const loginStarted = performance.now();
  for (const phase of PHASES) {
    const list: Session[] = [];
    for (let i = 0; i < CLIENTS; i += 8)
      list.push(...(await Promise.all(Array.from({ length: Math.min(8, CLIENTS - i) }, (_, k) => login(phase.logins[(i + k) % phase.logins.length]!)))));
    sessions.set(phase.name, list);
  }
  const loginSeconds = (performance.now() - loginStarted) / 1000;
  log(`  ${PHASES.length * CLIENTS} sessions logged in, ${loginSeconds.toFixed(1)} s`);

  // The pairing in force between the two offices, on this node: else nothing can be sent.
  const s0 = sessions.get('sign')![0]!;
  const pairings = await request<{
    items: { ruOffice: { code: string; hosting: string }; kzOffice: { code: string; hosting: string }; inForceToday: boolean }[];
  }>(s0, 'GET', '/api/v1/pairings?active=true&limit=500');
  const pairing = pairings.body?.items.find((p) => [p.ruOffice.code, p.kzOffice.code].sort().join() === [FROM, TO].sort().join() && p.inForceToday);
  if (!pairing) log(`  warning: no pairing in force between ${FROM} and ${TO} seen (${pairings.status}): the actions will be refused`);
  else if (pairing.ruOffice.hosting !== 'here' || pairing.kzOffice.hosting !== 'here') log(`  warning: ${FROM}–${TO} is not hosted wholly on this node`);

  // Drafts by the sender's officers (not measured against the target; reported apart).
  log(`▶ ${DRAFTS} drafts ${FROM} → ${TO}`);
  const draftTally = newTally();
  let queue: View[] = [];
  const senders = sessions.get('send')!;
  const draftSeconds = await workers(
    Array.from({ length: DRAFTS }, (_, i) => i),
    CLIENTS,
    async (client) => {
      const a = await request<View>(senders[client]!, 'POST', '/api/v1/items', draftBody);
      if (record(draftTally, a) && a.body) queue.push(a.body);
    },
  );
  const drafts = summarize(draftTally, draftSeconds);
  log(`  ${queue.length} made, ${drafts.rps.toFixed(1)} req/s, p99 ${drafts.p99.toFixed(0)} ms, errors ${drafts.errors}`);

  const phases: PhaseResult[] = [];
  let n = 0;
  for (const phase of PHASES) {
    const who = sessions.get(phase.name)!;
    // Not timed: each client opens the item page for the version and the date window, as the web does.
    const pageTally = newTally();
    const ready: { client: number; view: View }[] = [];
    let skipped = 0;
    const pageSeconds = await workers(queue, CLIENTS, async (client, item) => {
      const a = await request<View>(who[client]!, 'GET', `/api/v1/items/${item.id}`);
      if (!record(pageTally, a) || !a.body) return;
      if (a.body.availableActions.includes(phase.action)) ready.push({ client, view: a.body });
      else skipped++;
    });
    // Timed: only the action's POST. Each item goes to the client that opened it (its session).
    const actionTally = newTally();
    const next: View[] = [];
    const cpu0 = cpuMs(pid) ?? 0;
    const db0 = dbName ? backendsCpu(dbName) : new Map<number, number>();
    // A backend's CPU is its last sample: the server's pool may close an idle connection mid-phase.
    const dbLast = new Map(db0);
    const sampler = dbName ? setInterval(() => backendsCpu(dbName).forEach((v, p) => dbLast.set(p, v)), 500) : null;
    const perClient = Array.from({ length: CLIENTS }, () => [] as View[]);
    for (const r of ready) perClient[r.client]!.push(r.view);
    const started = performance.now();
    await Promise.all(
      perClient.map(async (views, client) => {
        for (const v of views) {
          const a = await request<View>(who[client]!, 'POST', `/api/v1/items/${v.id}/${phase.segment}`, { ...phase.body(v, ++n), version: v.version });
          if (record(actionTally, a) && a.body) next.push(a.body);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (sampler) clearInterval(sampler);
    const serverCpuMs = (cpuMs(pid) ?? 0) - cpu0;
    let databaseCpuMs: number | null = null;
    if (dbName) {
      backendsCpu(dbName).forEach((v, p) => dbLast.set(p, v));
      databaseCpuMs = 0;
      for (const [p, after] of dbLast) databaseCpuMs += after - (db0.get(p) ?? 0);
    }
    const action = summarize(actionTally, seconds);
    const page = summarize(pageTally, pageSeconds);
    const result: PhaseResult = {
      name: phase.name,
      offered: queue.length,
      skipped,
      seconds,
      action,
      page,
      serverCpuMs,
      databaseCpuMs,
      pass: action.count > 0 && action.errors === 0 && action.p99 < TARGET_P99_MS,
    };
    phases.push(result);
    log(
      `  ${phase.name}: ${action.count} in ${seconds.toFixed(1)} s, ${action.rps.toFixed(1)} req/s, p50 ${action.p50.toFixed(0)} p95 ${action.p95.toFixed(0)} p99 ${action.p99.toFixed(0)} max ${action.max.toFixed(0)} ms, errors ${action.errors}${skipped ? `, ${skipped} not open to the action` : ''}; server CPU ${(serverCpuMs / Math.max(1, action.count)).toFixed(1)} ms/action`,
    );
    for (const [k, v] of Object.entries(action.examples)) log(`    ${k}: ${v}`);
    queue = next;
  }
  return { loginSeconds, drafts, phases };
}

// ─── 2. replay ───────────────────────────────────────────────────────────────

/** Re-chains a log from its first action: seq 1 … n, each prev_hash the previous hash. */
function rechain(log: ActionRow[]): ActionRow[] {
  let prev = GENESIS;
  return log.map((a, i) => {
    const b: ActionRow = { ...a, seq: i + 1, prevHash: prev };
    b.hash = actionHash(prev, b);
    prev = b.hash;
    return b;
  });
}

/**
 * A log of `length` actions from a real one: its creation, then edits of the draft (each sets the
 * subject and the version stamps, as a PATCH does), then the rest of the real log; a length shorter
 * than the real log is its beginning.
 */
function lengthen(real: ActionRow[], length: number): ActionRow[] {
  if (length <= real.length) return rechain(real.slice(0, length));
  const [create, ...rest] = real;
  const start = create!.at.getTime();
  const edits = Array.from({ length: length - real.length }, (_, i): ActionRow => {
    const at = new Date(start + (i + 1) * 1000);
    const subject = `О проверке сведений о перемещении товаров через границу (редакция ${i + 2})`;
    return {
      ...create!,
      id: randomUUID(),
      kind: 'update',
      at,
      fromStatus: 'draft',
      toStatus: 'draft',
      input: { subject },
      changes: { subject, version: i + 2, contentVersion: i + 2, updatedAt: at.toISOString() },
      details: null,
    };
  });
  // The real actions after the edits keep their changes; their version stamps are not checked by replay.
  return rechain([create!, ...edits, ...rest]);
}

/** Median time of `fn` over repetitions filling about `budgetMs` (at least 5), after a warm-up. */
function timeIt(fn: () => void, budgetMs = 400): { medianMs: number; reps: number } {
  const once = () => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  const first = once();
  for (let i = 0; i < 3; i++) once();
  const reps = Math.max(5, Math.min(5000, Math.ceil(budgetMs / Math.max(first, 0.001))));
  const ms = Array.from({ length: reps }, once).sort((a, b) => a - b);
  return { medianMs: ms[Math.floor(ms.length / 2)]!, reps };
}

interface LengthResult {
  length: number;
  reps: number;
  replayUsPerAction: number;
  verifyUsPerAction: number;
  totalUsPerAction: number;
  totalMs: number;
}
interface SubjectResult {
  subjectId: string;
  which: 'longest' | 'shortest';
  actions: number;
  replaySubjectMs: number;
  readMs: number;
  usPerAction: number;
}

async function replayRun() {
  const database = await openDatabase({ databaseUrl: ds!.databaseUrl, dataDir: ds!.dataDir, poolSize: 2 });
  try {
    const db = database.db;
    const counted = (
      (await db.execute(sql`
        with c as (select subject_id, count(*)::int as n from actions where subject_type = 'item' group by subject_id)
        (select subject_id, n, 'longest' as which from c order by n desc, subject_id limit 3)
        union all
        (select subject_id, n, 'shortest' as which from c order by n asc, subject_id limit 3)`)) as unknown as {
        rows: { subject_id: string; n: number; which: 'longest' | 'shortest' }[];
      }
    ).rows;
    const longest = counted.find((r) => r.which === 'longest')!;
    const real = await actionsOf(db, longest.subject_id);
    const realFault = verifyActions(real);
    log(
      `  base log: item ${longest.subject_id}, ${real.length} actions (${real.map((a) => a.kind).join(', ')}); its chain ${realFault ? `fails at ${realFault.seq}: ${realFault.reason}` : 'verifies'}`,
    );

    const lengths: LengthResult[] = [];
    for (const length of LOG_LENGTHS) {
      const actions = lengthen(real, length);
      const fault = verifyActions(actions);
      if (fault) throw new Error(`the lengthened log of ${length} does not verify: seq ${fault.seq} ${fault.reason}`);
      const replay = timeIt(() => void replayActions(items, actions));
      const verify = timeIt(() => void verifyActions(actions));
      const both = timeIt(() => {
        replayActions(items, actions);
        verifyActions(actions);
      });
      const r: LengthResult = {
        length,
        reps: both.reps,
        replayUsPerAction: (replay.medianMs * 1000) / length,
        verifyUsPerAction: (verify.medianMs * 1000) / length,
        totalUsPerAction: (both.medianMs * 1000) / length,
        totalMs: both.medianMs,
      };
      lengths.push(r);
      log(
        `  ${length} actions: replay ${r.replayUsPerAction.toFixed(1)} + verify ${r.verifyUsPerAction.toFixed(1)} → ${r.totalUsPerAction.toFixed(1)} µs/action (${r.totalMs.toFixed(2)} ms, ${r.reps} reps)`,
      );
    }

    const subjects: SubjectResult[] = [];
    for (const c of counted) {
      const times: number[] = [];
      const reads: number[] = [];
      await replaySubject(db, 'item', c.subject_id); // warm-up
      for (let i = 0; i < 30; i++) {
        let t = performance.now();
        await replaySubject(db, 'item', c.subject_id);
        times.push(performance.now() - t);
        t = performance.now();
        await actionsOf(db, c.subject_id);
        reads.push(performance.now() - t);
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const s: SubjectResult = {
        subjectId: c.subject_id,
        which: c.which,
        actions: c.n,
        replaySubjectMs: median(times),
        readMs: median(reads),
        usPerAction: (median(times) * 1000) / c.n,
      };
      subjects.push(s);
      log(
        `  ${c.which} ${c.subject_id}: ${c.n} actions, replaySubject ${s.replaySubjectMs.toFixed(2)} ms (read ${s.readMs.toFixed(2)} ms), ${s.usPerAction.toFixed(0)} µs/action`,
      );
    }
    const first = lengths[0]!;
    const last = lengths.at(-1)!;
    return {
      base: { subjectId: longest.subject_id, actions: real.length, verifies: realFault === null },
      lengths,
      ratio: last.totalUsPerAction / first.totalUsPerAction,
      subjects,
    };
  } finally {
    await database.close();
  }
}

// ─── the run ─────────────────────────────────────────────────────────────────

const startedAt = new Date();
const loadBefore = os.loadavg();
const dbName = ds.databaseUrl ? new URL(ds.databaseUrl).pathname.slice(1) : null;
const baselineSeconds = Number(opts['baseline-seconds']);
log(`▶ bare Fastify hello-world (${baselineSeconds} s, ${CLIENTS} connections)`);
const hello = await helloBaseline(baselineSeconds, CLIENTS);
if (hello) log(`  ${hello.rps.toFixed(0)} req/s, p50 ${hello.p50} ms, p99 ${hello.p99} ms`);

log(`▶ ${DATASET}: starting the server`);
const server = await startServer({
  dataDir: ds.dataDir,
  env: { LOGIN_RATE_LIMIT_PER_MINUTE: '10000', LOG_LEVEL: 'error', SCHEDULER: 'on', ...(ds.databaseUrl ? { DATABASE_URL: ds.databaseUrl } : {}) },
  timeoutMs: 600_000,
});
// One connection per client and a few spare: the client never queues a request, so a latency measured is the server's.
pool = new Pool(server.url, { connections: CLIENTS + 4, keepAliveTimeout: 60_000 });
let wf: Awaited<ReturnType<typeof workflowRun>>;
try {
  wf = await workflowRun(server, dbName);
} finally {
  await pool.close();
  await server.stop();
}

// In process, after the server is gone (PGlite's directory is free, and nothing else competes here).
log('▶ replay');
const replay = await replayRun();
const loadAfter = os.loadavg();

const result = {
  date: startedAt.toISOString(),
  dataset: DATASET,
  driver: ds.driver,
  size: ds.size ?? null,
  machine: machineInfo(loadBefore, loadAfter),
  options: { drafts: DRAFTS, clients: CLIENTS, from: FROM, to: TO, baselineSeconds },
  note: opts.note,
  baseline: hello,
  workflow: wf,
  replay,
  verdicts: [
    ...wf.phases.map((p) => ({
      target: `${p.name} p99 < ${TARGET_P99_MS} ms, no error`,
      value: `${p.action.p99.toFixed(0)} ms, ${p.action.errors} errors`,
      pass: p.pass,
    })),
    {
      target: 'replay + verify per action at 10 000 actions ≤ 2 × at 10 (linear)',
      value: `× ${replay.ratio.toFixed(2)}`,
      pass: replay.ratio <= 2,
    },
  ],
};

const md = render(result);
log(`\n${md}`);
if (!opts['no-write']) {
  fs.writeFileSync(path.join(ROOT, 'bench/workflow-results.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeSection('workflow', md);
  log('Written bench/workflow-results.json and the workflow section of bench/RESULTS.md');
} else {
  const file = path.join(opts.dir, `workflow-results-${DATASET}-${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
  log(`Written ${file} (--no-write: bench/ untouched)`);
}
process.exit(0);

// ─── the report ──────────────────────────────────────────────────────────────

function render(r: typeof result): string {
  const f0 = (n: number) => n.toFixed(0);
  const f1 = (n: number) => n.toFixed(1);
  const m = r.machine;
  const per = (ms: number | null, count: number) => (ms === null ? '–' : count > 0 ? (ms / count).toFixed(1) : '–');
  const statusNote = (name: string, s: Summary) =>
    Object.keys(s.statuses).some((k) => !k.startsWith('2'))
      ? `${name}: ${Object.entries(s.statuses)
          .map(([k, v]) => `${k} × ${v}${s.examples[k] ? ` (${s.examples[k]})` : ''}`)
          .join(', ')}`
      : null;
  const notes = [
    statusNote('draft', r.workflow.drafts),
    ...r.workflow.phases.flatMap((p) => [statusNote(p.name, p.action), statusNote(`${p.name} item page`, p.page)]),
  ].filter(Boolean);
  const skipped = r.workflow.phases.filter((p) => p.skipped > 0).map((p) => `${p.name}: ${p.skipped}`);
  return `## Workflow actions and replay (\`npm run bench:workflow\`)

Produced by \`npm run bench:workflow -- --dataset ${r.dataset}${r.options.drafts !== 400 ? ` --drafts ${r.options.drafts}` : ''}${r.options.clients !== 20 ? ` --clients ${r.options.clients}` : ''}\` (bench/workflow.ts) on ${r.date.slice(0, 16).replace('T', ' ')} UTC.${r.note ? ` ${r.note}` : ''}
Machine: ${m.cpus} × ${m.cpu}, ${m.memGiB} GiB RAM, Node ${m.node}. Load average ${m.loadBefore.map(f1).join(' / ')} before, ${m.loadAfter.map(f1).join(' / ')} after. The load generator and the database run on the same cores.

### Workflow actions, ${r.options.clients} clients (issue 13: p99 < ${TARGET_P99_MS} ms)

${r.workflow.drafts.count} drafts ${r.options.from} → ${r.options.to} made through the API first (${f1(r.workflow.drafts.rps)} req/s, p50 ${f0(r.workflow.drafts.p50)} ms, p99 ${f0(r.workflow.drafts.p99)} ms, ${r.workflow.drafts.errors} errors; not against the target), then one phase per action: ${r.options.clients} clients (one session each: ${r.options.from}'s head and deputy sign, its officers send, ${r.options.to}'s officers register, its head and deputy record the outcome "executed") each post the action on the next item of a shared queue. Only the POST is timed; the item page it takes the version and the date window from is read before the phase, by the same ${r.options.clients} clients (its row below, not against the target). CPU: the server's (/proc utime + stime) and the database backends' over the timed part of each phase, per action. Log-in of ${PHASES.length * r.options.clients} sessions ${f1(r.workflow.loginSeconds)} s, not measured.

| Action | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | server CPU ms/action | database CPU ms/action | verdict |
|---|---|---|---|---|---|---|---|---|---|---|
${r.workflow.phases
  .map(
    (p) =>
      `| ${p.name} | ${p.action.count} | ${f1(p.action.rps)} | ${f0(p.action.p50)} | ${f0(p.action.p95)} | ${f0(p.action.p99)} | ${f0(p.action.max)} | ${p.action.errors} | ${per(p.serverCpuMs, p.action.count)} | ${per(p.databaseCpuMs, p.action.count)} | ${p.pass ? 'pass' : '**fail**'} |`,
  )
  .join('\n')}
${r.workflow.phases.map((p) => `| *item page before ${p.name}* | ${p.page.count} | ${f1(p.page.rps)} | ${f0(p.page.p50)} | ${f0(p.page.p95)} | ${f0(p.page.p99)} | ${f0(p.page.max)} | ${p.page.errors} | | | |`).join('\n')}

The clients post back to back (no pause), so the latency and the throughput are tied (Little's law): the mean latency is about the clients over the req/s (${r.workflow.phases.map((p) => `${p.name} ${r.options.clients} ÷ ${f1(p.action.rps)} = ${p.action.rps > 0 ? f0((r.options.clients / p.action.rps) * 1000) : '–'} ms`).join(', ')}); a p99 under ${TARGET_P99_MS} ms at ${r.options.clients} clients needs some ${f0((r.options.clients * 1000) / TARGET_P99_MS)} actions/s or more, i.e. the server's and the database's CPU per action together well under ${f0((r.machine.cpus * 1000 * TARGET_P99_MS) / (r.options.clients * 1000))} ms on these ${r.machine.cpus} cores.
${notes.length > 0 ? `\nStatuses other than 2xx: ${notes.join('; ')}.` : ''}${skipped.length > 0 ? `\nItems whose page did not offer the action (skipped): ${skipped.join(', ')}.` : ''}
${r.baseline ? `Baseline in the same run: the bare Fastify hello-world, autocannon ${r.options.clients} connections ${r.options.baselineSeconds} s: ${f0(r.baseline.rps)} req/s, p50 ${r.baseline.p50} ms, p99 ${r.baseline.p99} ms.` : 'No baseline measured (--baseline-seconds 0).'}

### Replay stays linear in the log's length

In process, no server. The base log is the data set's item with the longest log (${r.replay.base.actions} actions, its chain ${r.replay.base.verifies ? 'verifies' : '**does not verify**'}); a log of N actions is its creation, N − ${r.replay.base.actions} edits of the draft (each setting the subject and the version stamps, as a PATCH does), then the rest of the real log, every hash re-chained with \`actionHash\` so that \`verifyActions\` passes (N = 10: the real log's first 10 actions). Median of repeated runs.

| Actions | replayActions µs/action | verifyActions µs/action | both µs/action | both ms per log | repetitions |
|---|---|---|---|---|---|
${r.replay.lengths.map((l) => `| ${l.length.toLocaleString('en')} | ${l.replayUsPerAction.toFixed(2)} | ${l.verifyUsPerAction.toFixed(2)} | ${l.totalUsPerAction.toFixed(2)} | ${l.totalMs.toFixed(2)} | ${l.reps} |`).join('\n')}

Per-action cost at 10 000 actions over that at 10: × ${r.replay.ratio.toFixed(2)} (linear: about 1 or below, the creation's whole row weighing on short logs).

\`replaySubject\` from the database (read the log with \`actionsOf\`, fold it), the data set's items with the longest and the shortest logs, median of 30:

| Item | log | actions | replaySubject ms | actionsOf alone ms | µs/action |
|---|---|---|---|---|---|
${r.replay.subjects.map((s) => `| ${s.subjectId} | ${s.which} | ${s.actions} | ${s.replaySubjectMs.toFixed(2)} | ${s.readMs.toFixed(2)} | ${f0(s.usPerAction)} |`).join('\n')}

### Against the targets

| Target | measured | verdict |
|---|---|---|
${r.verdicts.map((v) => `| ${v.target} | ${v.value} | ${v.pass ? 'pass' : '**fail**'} |`).join('\n')}`;
}
