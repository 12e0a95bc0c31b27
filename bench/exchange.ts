import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { newPglite } from '../server/db/pglite.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { localDate, systemClock } from '../domain/time.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { wrapPglite, wrapPool, type Database } from '../server/db/client.ts';
import { actions, exchangeInbox, exchangeOutbox } from '../server/db/schema.ts';
import type { Deps } from '../server/lib/deps.ts';
import type { App } from '../server/lib/http.ts';
import { fileStore } from '../server/lib/storage.ts';
import {
  buildExchangeListener,
  checkpointPeers,
  enqueueForPeers,
  enqueueRecord,
  ensureNodeTls,
  httpTransport,
  nodeRequestSigner,
  openTrustBundle,
  peerOf,
  readNodeTls,
  relayOnce,
  requestGaps,
  trustBundle,
  type PeerTransport,
} from '../server/modules/exchange/index.ts';
import { upsertPeer } from '../server/modules/exchange/exchange.repository.ts';
import { ed25519Provider } from '../server/modules/signing/signer.ts';
import { applyNodeParty } from '../server/prepare.ts';
import { FIXTURE_PASSWORD } from '../server/test/fixtures.ts';
import { peerRequest } from '../server/test/pair.ts';
import { appUrl, buildPgliteTemplate, buildPostgresTemplate, dropPostgresDatabase, ensureAppRole } from '../server/test/template.ts';
import { writeSection } from './results.ts';

/**
 * `npm run bench:exchange -- [--requests 200] [--pdf-requests 40] [--latency-seconds 30] [--outage 10000] [--no-write]`
 *
 * The exchange between two nodes on loopback, both in this process, each with its own database,
 * keys, file store and exchange listener (mutual TLS + RFC 9421) on 127.0.0.1:
 * 1. messages per second, RU → KZ, over the real transport and over the in-process one (app.inject,
 *    the same relay, the same signed envelopes and receipts, no TLS, no HTTP signatures), small
 *    requests and requests with a 1 MB PDF each;
 * 2. latency from the send action on the Russian node to its application on the Kazakh one, with the
 *    relay polling as the scheduler does (EXCHANGE_POLL_MS 2000 and 100), both nodes on the system clock;
 * 3. convergence after an outage: requests sent while the link is down, then the link up; time until
 *    every action is delivered and applied, both logs equal, and the checkpoint countersigned.
 * PGlite by default; PostgreSQL when BENCH_DATABASE_URL is set (scratch databases next to it).
 */
const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    'pdf-requests': { type: 'string', default: '40' },
    'latency-seconds': { type: 'string', default: '60' },
    outage: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '2' },
    'no-write': { type: 'boolean', default: false },
    /** Writes a CPU profile of each throughput run's relay (not of making the requests) to this directory. */
    profile: { type: 'string', default: '' },
  },
});
const PG_URL = process.env.BENCH_DATABASE_URL ?? '';
const DRIVER = PG_URL ? 'postgresql' : 'pglite';
const log = (s: string) => process.stdout.write(`${s}\n`);

// ─── databases and nodes ─────────────────────────────────────────────────────

/** A migrated, seeded template (the test suite's: reference data and fixture users), cloned per node. */
async function databaseFactory(): Promise<{ fresh(): Promise<Database & { drop(): Promise<void> }>; dispose(): Promise<void> }> {
  if (!PG_URL) {
    const file = await buildPgliteTemplate();
    const dump = fs.readFileSync(file);
    return {
      async fresh() {
        const client = newPglite({ loadDataDir: new Blob([dump]) });
        await client.waitReady;
        return { ...wrapPglite(client), drop: async () => undefined };
      },
      dispose: async () => fs.rmSync(file, { force: true }),
    };
  }
  await ensureAppRole(PG_URL);
  const template = await buildPostgresTemplate(PG_URL);
  return {
    async fresh() {
      // Named like the test suite's databases, so its stale-database sweep removes any a crash leaves.
      const name = `bc_t_${process.pid}_${randomBytes(3).toString('hex')}_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create database ${name} template ${template}`).finally(() => admin.end());
      const database = wrapPool(new pg.Pool({ connectionString: appUrl(PG_URL, name), max: 5 }));
      return { ...database, drop: () => dropPostgresDatabase(PG_URL, name) };
    },
    dispose: () => dropPostgresDatabase(PG_URL, template),
  };
}

interface Session {
  post(url: string, body?: unknown): Promise<{ status: number; body: any }>;
  upload(url: string, name: string, data: Buffer): Promise<{ status: number; body: any }>;
}

interface BenchNode {
  app: App;
  database: Database;
  deps: Deps;
  /** This node's exchange listener: https://127.0.0.1:<port>. */
  exchangeUrl: string;
  listen(): Promise<void>;
  as(login: string): Promise<Session>;
  close(): Promise<void>;
}

async function createNode(fresh: () => Promise<Database & { drop(): Promise<void> }>, party: 'RU' | 'KZ', nodeId: string): Promise<BenchNode> {
  const database = await fresh();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-bench-exchange-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
      SCHEDULER: 'off',
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      DATA_DIR: dataDir,
      TEST_REPORT_FILE: path.join(dataDir, 'no-report.json'),
      NODE_PARTY: party,
      NODE_ID: nodeId,
      PUBLIC_URL: `https://${nodeId}.test`,
    },
    'bench',
  );
  // The system clock: latencies are measured between the sender's action time and the receiver's application time.
  const clock = systemClock;
  await applyNodeParty(database.db, clock, party);
  const signer = ed25519Provider(randomBytes(32));
  const files = fileStore(config.filesDir);
  const app = await buildApp({ config, database, clock, signer, files });
  await app.ready();
  const deps: Deps = { db: database.db, driver: database.driver, clock, config, signer, files, afterAction: enqueueForPeers, sendRecord: enqueueRecord };
  await ensureNodeTls(config);
  let listener: Awaited<ReturnType<typeof buildExchangeListener>> | null = null;
  const node: BenchNode = {
    app,
    database,
    deps,
    exchangeUrl: '',
    async listen() {
      // After the peer is trusted: the listener's only CAs are the trusted peers' certificates.
      listener = await buildExchangeListener(deps, readNodeTls(config)!);
      await listener.app.listen({ host: '127.0.0.1', port: 0 });
      node.exchangeUrl = `https://127.0.0.1:${(listener.app.server.address() as { port: number }).port}`;
    },
    async as(login) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: FIXTURE_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login as ${login} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
      const { csrfToken } = res.json() as { csrfToken: string };
      const headers = { cookie, 'x-csrf-token': csrfToken };
      return {
        async post(url, body) {
          const r = await app.inject({ method: 'POST', url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
          return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
        },
        async upload(url, name, data) {
          const boundary = 'benchboundary';
          const r = await app.inject({
            method: 'POST',
            url,
            headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
            payload: Buffer.concat([
              Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
              data,
              Buffer.from(`\r\n--${boundary}--\r\n`),
            ]),
          });
          return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
        },
      };
    },
    async close() {
      await listener?.close();
      await app.close();
      await database.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return node;
}

type Timed = ReturnType<typeof timed>;

interface BenchPair {
  ru: BenchNode;
  kz: BenchNode;
  /** RU → KZ over the Kazakh node's listener: mutual TLS, RFC 9421 signatures, undici. */
  tls: Timed;
  /** RU → KZ through app.inject: the same relay and envelopes, no network, TLS or HTTP signatures. */
  inProcess: Timed;
  /** KZ → RU over the Russian node's listener: the Kazakh node's receipt actions going back. */
  back: Timed;
  close(): Promise<void>;
}

/** Two nodes that trust each other (what the administrators do with the bundles) and host the other Party's offices at the peer. */
async function createPair(fresh: () => Promise<Database & { drop(): Promise<void> }>): Promise<BenchPair> {
  const [ru, kz] = [await createNode(fresh, 'RU', 'ru-node'), await createNode(fresh, 'KZ', 'kz-node')];
  for (const [from, into] of [
    [kz, ru],
    [ru, kz],
  ] as const) {
    const { bundle } = (await openTrustBundle((await trustBundle(from.deps)).jws))!;
    await upsertPeer(into.database.db, peerOf(bundle, bundle.nodeId), new Date());
  }
  await ru.listen();
  await kz.listen();
  await ru.database.db.execute(sql`update exchange_peers set url = ${kz.exchangeUrl} where node_id = 'kz-node'`);
  await kz.database.db.execute(sql`update exchange_peers set url = ${ru.exchangeUrl} where node_id = 'ru-node'`);
  await ru.database.db.execute(sql`update offices set hosting = 'peer', peer_name = 'kz-node', peer_url = ${kz.exchangeUrl} where party = 'KZ'`);
  await kz.database.db.execute(sql`update offices set hosting = 'peer', peer_name = 'ru-node', peer_url = ${ru.exchangeUrl} where party = 'RU'`);
  const inProcess = timed({
    async send(_peer, req) {
      const res = await kz.app.inject({
        method: req.method,
        url: req.path,
        headers: { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}) },
        ...(req.body !== undefined ? { payload: req.body } : {}),
      });
      return { status: res.statusCode, body: res.body };
    },
  });
  const tls = timed(httpTransport({ tls: readNodeTls(ru.deps.config), signer: nodeRequestSigner(ru.deps) }));
  const back = timed(httpTransport({ tls: readNodeTls(kz.deps.config), signer: nodeRequestSigner(kz.deps) }));
  return { ru, kz, tls, inProcess, back, close: async () => void (await Promise.all([ru.close(), kz.close()])) };
}

/** Time spent inside the transport (the peer's handling, and for HTTPS the network, TLS and signatures too). */
function timed(transport: PeerTransport): PeerTransport & { ms: number; calls: number; reset(): void } {
  const t = {
    ms: 0,
    calls: 0,
    reset() {
      t.ms = 0;
      t.calls = 0;
    },
    async send(peer: Parameters<PeerTransport['send']>[0], req: Parameters<PeerTransport['send']>[1]) {
      const started = performance.now();
      try {
        return await transport.send(peer, req);
      } finally {
        t.ms += performance.now() - started;
        t.calls++;
      }
    },
  };
  return t;
}

/**
 * Statements sent to PostgreSQL (BEGIN and COMMIT included), by both nodes: every pg query goes
 * through Client.prototype.query (pool.query too). Not counted on PGlite — the same code runs.
 */
const statements = { n: 0 };
if (PG_URL) {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    statements.n++;
    return query.apply(this, args);
  };
}

// ─── work ────────────────────────────────────────────────────────────────────

/** A valid PDF of about `bytes`, unique per `n` (a file already at the peer would not travel again). */
function pdfOf(n: number, bytes = 1024 * 1024): Buffer {
  const head = `%PDF-1.4\n% bench attachment ${n} ${randomBytes(8).toString('hex')}\n1 0 obj<<>>endobj\n`;
  const tail = 'trailer<<>>\n%%EOF\n';
  const line = `% ${'x'.repeat(98)}\n`;
  const fill = line.repeat(Math.max(0, Math.floor((bytes - head.length - tail.length) / line.length)));
  return Buffer.from(head + fill + tail);
}

let serial = 0;

/**
 * Orenburg drafts requests to Aktobe (with a PDF each if asked), the deputy signs, the officer sends:
 * through the HTTP API (app.inject), three actions each (the PDF is part of the draft, no action of its own).
 */
async function sendRequests(node: BenchNode, count: number, withPdf = false): Promise<{ ids: string[]; ms: number }> {
  const [officer, deputy] = [await node.as('oreOfficer'), await node.as('oreDeputy')];
  const ids: string[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const n = ++serial;
    const draft = await officer.post('/api/v1/items', peerRequest(n));
    let version = draft.body.version as number;
    if (withPdf) {
      const up = await officer.upload(`/api/v1/items/${draft.body.id}/attachments?role=content&version=${version}`, `справка-${n}.pdf`, pdfOf(n));
      if (up.status !== 200 && up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
      version = up.body.version;
    }
    const signed = await deputy.post(`/api/v1/items/${draft.body.id}/sign`, { version });
    const sent = await officer.post(`/api/v1/items/${draft.body.id}/send`, {
      outgoingNumber: `7-${n}`,
      outgoingDate: localDate(new Date(), 'Asia/Yekaterinburg'),
      version: signed.body.version,
    });
    if (sent.body?.status !== 'sent') throw new Error(`not sent: ${JSON.stringify(sent.body)}`);
    ids.push(draft.body.id as string);
  }
  return { ids, ms: performance.now() - started };
}

/** Drives the relay until nothing is due; any failure or rejection stops the benchmark (the figures would be meaningless). */
async function drain(deps: Deps, transport: PeerTransport, progressEvery = 0): Promise<number> {
  let delivered = 0;
  const started = performance.now();
  for (;;) {
    const r = await relayOnce(deps, transport);
    if (r.failed || r.rejected) throw new Error(`relay: ${JSON.stringify(r)}`);
    if (r.delivered === 0) return delivered;
    // Whether the rate holds as the databases grow.
    if (progressEvery && Math.floor((delivered + r.delivered) / progressEvery) > Math.floor(delivered / progressEvery))
      log(`    ${delivered + r.delivered} delivered at ${((performance.now() - started) / 1000).toFixed(1)} s`);
    delivered += r.delivered;
  }
}

const outboxCount = async (node: BenchNode) =>
  Number(
    (
      await node.database.db
        .select({ n: sql<number>`count(*)` })
        .from(exchangeOutbox)
        .where(eq(exchangeOutbox.state, 'queued'))
    )[0]!.n,
  );

interface Throughput {
  name: string;
  requests: number;
  messages: number;
  seconds: number;
  perSecond: number;
  createSeconds: number;
  /** Per message: time inside transport.send (the receiver's work, plus network/TLS/signatures over HTTPS), and requests made. */
  transportMs: number;
  calls: number;
  /** PostgreSQL statements per message, both nodes (0 on PGlite). */
  statements: number;
  mbPerSecond?: number;
}

async function throughput(pair: BenchPair, name: string, transport: Timed, requests: number, withPdf: boolean): Promise<Throughput> {
  const made = await sendRequests(pair.ru, requests, withPdf);
  const queued = await outboxCount(pair.ru);
  transport.reset();
  statements.n = 0;
  const session = opts.profile ? new inspector.Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const started = performance.now();
  const messages = await drain(pair.ru.deps, transport);
  const seconds = (performance.now() - started) / 1000;
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(opts.profile, { recursive: true });
    fs.writeFileSync(path.join(opts.profile, `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  if (messages !== queued) throw new Error(`${name}: ${messages} delivered of ${queued} queued`);
  const applied = await pair.kz.database.db
    .select({ n: sql<number>`count(*)` })
    .from(exchangeInbox)
    .where(and(inArray(exchangeInbox.subjectId, made.ids), eq(exchangeInbox.state, 'applied')));
  if (Number(applied[0]!.n) !== messages) throw new Error(`${name}: ${applied[0]!.n} applied of ${messages}`);
  const row: Throughput = {
    name,
    requests,
    messages,
    seconds,
    perSecond: messages / seconds,
    createSeconds: made.ms / 1000,
    transportMs: transport.ms / messages,
    statements: statements.n / messages,
    calls: transport.calls / messages,
    ...(withPdf ? { mbPerSecond: requests / seconds } : {}),
  };
  log(
    `  ${name.padEnd(44)} ${String(messages).padStart(6)} msgs in ${seconds.toFixed(2)} s = ${row.perSecond.toFixed(1)} msg/s${withPdf ? `, ${row.mbPerSecond!.toFixed(1)} MB/s` : ''}; per message ${(1000 / row.perSecond).toFixed(1)} ms, in transport ${row.transportMs.toFixed(1)} ms${PG_URL ? `, ${row.statements.toFixed(1)} statements` : ''}`,
  );
  return row;
}

/** The rounds of one run as one row: totals over all of them. */
function combine(parts: Throughput[]): Throughput {
  const sum = (f: (t: Throughput) => number) => parts.reduce((a, t) => a + f(t), 0);
  const messages = sum((t) => t.messages);
  const seconds = sum((t) => t.seconds);
  const requests = sum((t) => t.requests);
  return {
    name: parts[0]!.name,
    requests,
    messages,
    seconds,
    perSecond: messages / seconds,
    createSeconds: sum((t) => t.createSeconds),
    transportMs: sum((t) => t.transportMs * t.messages) / messages,
    calls: sum((t) => t.calls * t.messages) / messages,
    statements: sum((t) => t.statements * t.messages) / messages,
    ...(parts[0]!.mbPerSecond !== undefined ? { mbPerSecond: requests / seconds } : {}),
  };
}

// ─── latency with the relay polling ──────────────────────────────────────────

interface Latency {
  pollMs: number;
  sends: number;
  messages: number;
  send: { p50: number; p99: number; max: number };
  queued: { p50: number; p99: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

/** The scheduler's relay job (server/scheduler.ts): every pollMs, never overlapping itself. */
function startRelay(deps: Deps, transport: PeerTransport, pollMs: number): () => Promise<void> {
  let busy: Promise<void> | null = null;
  const tick = () => {
    if (busy) return;
    busy = (async () => {
      while ((await relayOnce(deps, transport)).delivered > 0);
      await requestGaps(deps, transport);
    })().finally(() => (busy = null));
  };
  const timer = setInterval(tick, pollMs);
  setImmediate(tick);
  return async () => {
    clearInterval(timer);
    await busy;
  };
}

async function latency(pair: BenchPair, pollMs: number, seconds: number): Promise<Latency> {
  const stop = startRelay(pair.ru.deps, pair.tls, pollMs);
  const ids: string[] = [];
  const until = Date.now() + seconds * 1000;
  // Requests at random moments (0–1000 ms apart, about a third of what the relay can carry here), so their phase against the poll is uniform and they seldom queue behind each other.
  while (Date.now() < until) {
    ids.push(...(await sendRequests(pair.ru, 1)).ids);
    await new Promise((r) => setTimeout(r, Math.random() * 1000));
  }
  while ((await outboxCount(pair.ru)) > 0) await new Promise((r) => setTimeout(r, 50));
  await stop();
  const out = await pair.ru.database.db
    .select({ id: exchangeOutbox.messageId, createdAt: exchangeOutbox.createdAt, at: actions.at, kind: actions.kind })
    .from(exchangeOutbox)
    .innerJoin(actions, eq(actions.id, exchangeOutbox.messageId))
    .where(inArray(exchangeOutbox.subjectId, ids));
  const applied = new Map(
    (
      await pair.kz.database.db
        .select({ id: exchangeInbox.messageId, appliedAt: exchangeInbox.appliedAt })
        .from(exchangeInbox)
        .where(inArray(exchangeInbox.subjectId, ids))
    ).map((r) => [r.id, r.appliedAt!.getTime()]),
  );
  const sendLat = out.filter((o) => o.kind === 'send').map((o) => applied.get(o.id)! - o.at.getTime());
  const queuedLat = out.map((o) => applied.get(o.id)! - o.createdAt.getTime());
  const row: Latency = {
    pollMs,
    sends: sendLat.length,
    messages: out.length,
    send: { p50: pct(sendLat, 50), p99: pct(sendLat, 99), max: Math.max(...sendLat) },
    queued: { p50: pct(queuedLat, 50), p99: pct(queuedLat, 99) },
  };
  log(`  poll ${String(pollMs).padStart(5)} ms: ${row.sends} sends, send → applied p50 ${row.send.p50} ms, p99 ${row.send.p99} ms, max ${row.send.max} ms`);
  return row;
}

// ─── convergence after an outage ─────────────────────────────────────────────

interface Convergence {
  actions: number;
  requests: number;
  createSeconds: number;
  drainSeconds: number;
  verifySeconds: number;
  checkpointSeconds: number;
  checkpoint: string;
}

async function convergence(pair: BenchPair, target: number): Promise<Convergence> {
  const requests = Math.ceil(target / 3);
  // The link is down: the relay does not run, so every action waits in the outbox.
  const made = await sendRequests(pair.ru, requests);
  const queued = await outboxCount(pair.ru);
  log(`  ${queued} actions queued (${requests} requests through the API in ${(made.ms / 1000).toFixed(1)} s)`);
  const started = performance.now();
  const delivered = await drain(pair.ru.deps, pair.tls, 1000);
  if (delivered !== queued) throw new Error(`convergence: ${delivered} delivered of ${queued}`);
  // The Kazakh node recorded each request's receipt (the answer's term runs from it): those go back.
  const receipts = await drain(pair.kz.deps, pair.back);
  if (receipts !== requests) throw new Error(`convergence: ${receipts} receipts back of ${requests}`);
  const drained = performance.now();
  // Both logs the same: every action of every request, same seq and hash, all applied at the receiver.
  const chain = async (node: BenchNode) =>
    (
      await node.database.db
        .select({ s: actions.subjectId, q: actions.seq, h: actions.hash })
        .from(actions)
        .where(inArray(actions.subjectId, made.ids))
        .orderBy(actions.subjectId, actions.seq)
    )
      .map((r) => `${r.s}/${r.q}/${r.h}`)
      .join('\n');
  const [a, b] = [await chain(pair.ru), await chain(pair.kz)];
  if (a !== b || a.split('\n').length !== queued + requests) throw new Error('convergence: the logs differ');
  const held = await pair.kz.database.db
    .select({ n: sql<number>`count(*)` })
    .from(exchangeInbox)
    .where(eq(exchangeInbox.state, 'held'));
  if (Number(held[0]!.n) !== 0) throw new Error('convergence: messages held');
  const verified = performance.now();
  const cp = await checkpointPeers(pair.ru.deps, pair.tls);
  const checkpointed = performance.now();
  const status = cp.map((c) => `${c.peer}: ${c.status}`).join(', ');
  if (!cp.every((c) => c.status === 'agreed')) throw new Error(`checkpoint: ${status}`);
  const row: Convergence = {
    actions: queued,
    requests,
    createSeconds: made.ms / 1000,
    drainSeconds: (drained - started) / 1000,
    verifySeconds: (verified - drained) / 1000,
    checkpointSeconds: (checkpointed - verified) / 1000,
    checkpoint: status,
  };
  log(
    `  delivered and applied in ${row.drainSeconds.toFixed(1)} s (${(queued / row.drainSeconds).toFixed(1)} msg/s), logs compared in ${row.verifySeconds.toFixed(2)} s, checkpoint (${status}) in ${row.checkpointSeconds.toFixed(2)} s`,
  );
  return row;
}

// ─── run ─────────────────────────────────────────────────────────────────────

const REQUESTS = Number(opts.requests);
const PDF_REQUESTS = Number(opts['pdf-requests']);
const LATENCY_SECONDS = Number(opts['latency-seconds']);
const OUTAGE = Number(opts.outage);
const ROUNDS = Number(opts.rounds);

const loadAtStart = os.loadavg()[0]!;
log(`Exchange benchmark on ${DRIVER}${PG_URL ? ` (${new URL(PG_URL).host})` : ''}`);
const factory = await databaseFactory();
const pair = await createPair(factory.fresh);
let outage: Convergence;
const rows: Throughput[] = [];
const lat: Latency[] = [];
try {
  log('\n▶ warm-up');
  await throughput(pair, 'warm-up (in-process)', pair.inProcess, 5, false);
  await throughput(pair, 'warm-up (TLS)', pair.tls, 5, true);
  log('\n▶ throughput RU → KZ');
  // In alternating rounds, so that the growing databases and the JIT weigh on both transports alike.
  const runs: [string, Timed, number, boolean][] = [
    ['small requests, mutual TLS + RFC 9421', pair.tls, REQUESTS, false],
    ['small requests, in-process (app.inject)', pair.inProcess, REQUESTS, false],
    ['with a 1 MB PDF, mutual TLS + RFC 9421', pair.tls, PDF_REQUESTS, true],
    ['with a 1 MB PDF, in-process (app.inject)', pair.inProcess, PDF_REQUESTS, true],
  ];
  const parts: Throughput[][] = runs.map(() => []);
  for (let round = 0; round < ROUNDS; round++)
    for (let i = 0; i < runs.length; i++) {
      // Every other round the in-process run of a pair goes first.
      const j = round % 2 === 0 ? i : i ^ 1;
      const [name, transport, count, withPdf] = runs[j]!;
      parts[j]!.push(await throughput(pair, name, transport, Math.ceil(count / ROUNDS), withPdf));
    }
  for (const p of parts) rows.push(combine(p));
  log('\n▶ latency, relay polling');
  for (const pollMs of [2000, 100]) lat.push(await latency(pair, pollMs, LATENCY_SECONDS));
} finally {
  await pair.close();
}
log(`\n▶ convergence after an outage (${OUTAGE} actions)`);
const fresh = await createPair(factory.fresh);
try {
  outage = await convergence(fresh, OUTAGE);
} finally {
  await fresh.close();
  await factory.dispose();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const [tlsSmall, bareSmall, tlsPdf, barePdf] = rows as [Throughput, Throughput, Throughput, Throughput];
const ratio = (a: Throughput, b: Throughput) => (a === b ? '100 %' : `${((a.perSecond / b.perSecond) * 100).toFixed(0)} %`);
const md = `## Exchange between two nodes on ${DRIVER === 'pglite' ? 'PGlite' : 'PostgreSQL'} (\`npm run bench:exchange\`)

Produced by \`npm run bench:exchange\` (bench/exchange.ts) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version},
load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end (other work on the machine shares the cores),
database ${DRIVER === 'pglite' ? 'PGlite (in process, one per node)' : `PostgreSQL at ${new URL(PG_URL).host} (one database per node)`}.
Both nodes run in the benchmark's one process (one event loop), each with its own database, keys,
file store and exchange listener on 127.0.0.1 (mutual TLS, RFC 9421 request signatures); the relay
sends Russian → Kazakh. Requests are made through the HTTP API (app.inject): Orenburg drafts, the
deputy signs, the officer sends — three actions, three messages, each an Ed25519-signed JWS envelope
answered by a signed receipt, applied on the Kazakh node in one transaction.

### 1. Messages per second

The requests are queued first, then the relay (\`relayOnce\`, batches of 50) is driven until the
queue is empty; the figure is messages delivered, receipted and applied ÷ that time. The in-process
row is the same relay, envelopes, receipts and inbox, handed to the Kazakh app through \`app.inject\`
— no sockets, TLS or HTTP signatures.

| Run | requests | messages | s | msg/s | of in-process | ms per message | of which in the transport | HTTP requests per message | MiB/s |${PG_URL ? ' SQL statements per message |' : ''}
|---|---|---|---|---|---|---|---|---|---|${PG_URL ? '---|' : ''}
${[tlsSmall, bareSmall, tlsPdf, barePdf].map((r, i) => `| ${r.name} | ${r.requests} | ${r.messages} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(1)} | ${ratio(r, rows[i % 2 === 0 ? i + 1 : i]!)} | ${(1000 / r.perSecond).toFixed(1)} | ${r.transportMs.toFixed(1)} | ${r.calls.toFixed(2)} | ${r.mbPerSecond?.toFixed(1) ?? ''} |${PG_URL ? ` ${r.statements.toFixed(1)} |` : ''}`).join('\n')}

«In the transport» is the time inside \`transport.send\`: in-process, the Kazakh node's handling
(verify the JWS, apply the action in one transaction, sign the receipt); over HTTPS also undici, TLS
and the RFC 9421 signature and its check. The rest is the sender's relay (claim, read the peer, verify
the receipt, settle the outbox row). A request with a PDF is four actions (the upload is an action of
the draft); each PDF is distinct (1 MiB), so its bytes travel once, before the first message of its
request (\`files/missing\`, then \`PUT /exchange/v1/files/:sha256\`); later messages find it there.
Making the requests through the API took ${((tlsSmall.createSeconds / tlsSmall.requests) * 1000).toFixed(0)} ms per request (small) — not in the figures.
TLS + signatures cost ${(1000 / tlsSmall.perSecond - 1000 / bareSmall.perSecond).toFixed(1)} ms per small message here
(${(1000 / tlsSmall.perSecond).toFixed(1)} against ${(1000 / bareSmall.perSecond).toFixed(1)} ms).

### 2. Latency from the send to its application on the other node

Both nodes on the system clock. The relay runs as the scheduler's \`exchange.relay\` job does (every
EXCHANGE_POLL_MS, never overlapping itself, draining until nothing is due) over mutual TLS, while
requests are sent one at a time at random moments (0–1000 ms apart after each) for ${LATENCY_SECONDS} s. Measured: the
\`at\` of the send action in the Russian log (the instant the request left Orenburg; the two earlier
actions were a draft nobody else could see, and go with it) to the \`appliedAt\` of that message in
the Kazakh inbox (the receiver's clock when it applied it). Same process, same clock: no skew.

| EXCHANGE_POLL_MS | sends | p50 ms | p99 ms | max ms | all messages, queued → applied p50 / p99 ms |
|---|---|---|---|---|---|
${lat.map((l) => `| ${l.pollMs} | ${l.sends} | ${l.send.p50} | ${l.send.p99} | ${l.send.max} | ${l.queued.p50} / ${l.queued.p99} |`).join('\n')}

### 3. Convergence after an outage

${outage.requests} requests sent while the link is down (through the API, ${outage.createSeconds.toFixed(0)} s), i.e. ${outage.actions} actions
queued on the Russian node; then the link comes up and the relay runs without pause over mutual TLS.

| Step | s |
|---|---|
| every message delivered, receipted and applied (${(outage.actions / outage.drainSeconds).toFixed(1)} msg/s) | ${outage.drainSeconds.toFixed(1)} |
| both logs compared: same actions, seq and hashes, nothing held | ${outage.verifySeconds.toFixed(2)} |
| checkpoint signed, recomputed by the Kazakh node and countersigned (${outage.checkpoint}) | ${outage.checkpointSeconds.toFixed(2)} |
| **total from link up** | **${(outage.drainSeconds + outage.verifySeconds + outage.checkpointSeconds).toFixed(1)}** |
${
  outage.actions < 10_000
    ? `
Measured with ${outage.actions} actions (10 000 would take too long on this machine); at the measured rate
10 000 would drain in ≈ ${(10_000 / (outage.actions / outage.drainSeconds)).toFixed(0)} s, if the rate holds (the relay's
work per message does not depend on the queue's length: it claims 50 at a time by index).
`
    : ''
}
The time is counted from the relay's first attempt after the link is back. In production the relay
kept trying during the outage with exponential back-off (±25 % jitter, capped at one hour), so
after a long outage the first attempt comes up to about 75 minutes after the link returns — that wait
is not in the figure.
`;
if (!opts['no-write']) {
  writeSection(DRIVER === 'pglite' ? 'exchange' : 'exchange-postgresql', md);
  log(`\nWritten bench/RESULTS.md (section ${DRIVER === 'pglite' ? 'exchange' : 'exchange-postgresql'})`);
} else log(`\n${md}`);
process.exit(0);
