import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { apiSession, startServer, type RunningServer } from '../../../e2e/harness.ts';
import { introducePair, PAIR_PASSWORD, pairEnv, pairNodes, type PairNode } from '../../../scripts/pair-setup.ts';
import { openDatabase } from '../../db/client.ts';
import { actionsOf, verifySubject } from '../../kernel/index.ts';
import { DRIVER } from '../../test/build-test-app.ts';
import { peerRequest } from '../../test/pair.ts';
import { adminUrl, appUrl, dropPostgresDatabase } from '../../test/template.ts';
import { freePort } from '../../test/ports.ts';
import { RECEIPT_TYPE, verifyJws, type Receipt } from './exchange.envelope.ts';
import * as repo from './exchange.repository.ts';

const METRICS_TOKEN = 'crash-test-metrics-token';
const REQUESTS = 20;

/** A node's server process on its pair directory: the relay every 200 ms, a short lease so that messages claimed at the kill wait seconds, not a minute. */
const start = (n: PairNode) =>
  startServer({
    dataDir: n.dir,
    port: n.port,
    env: {
      ...pairEnv(n, { pollMs: 200, logLevel: 'info' }),
      EXCHANGE_LEASE_MS: '3000',
      METRICS_TOKEN,
      ADMIN_LOGIN: '',
      ADMIN_PASSWORD: '',
    },
  });

/** Today where Orenburg is: the outgoing date may not precede the draft. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Yekaterinburg' }).format(new Date());

type Session = Awaited<ReturnType<typeof apiSession>>;

/** The Orenburg officer and deputy, logged in once per server process (the login rate limit counts every login). */
async function orenburg(ru: RunningServer): Promise<{ officer: Session; deputy: Session }> {
  const [officer, deputy] = await Promise.all([apiSession(ru.url, 'ore-officer', PAIR_PASSWORD), apiSession(ru.url, 'ore-deputy', PAIR_PASSWORD)]);
  return { officer, deputy };
}

/** Draft, deputy's signature, officer's sending; the id once the sending is acknowledged. */
async function sendOne({ officer, deputy }: { officer: Session; deputy: Session }, n: number): Promise<string> {
  const draft = await officer.post('/api/v1/items', peerRequest(n));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const signed = await deputy.post(`/api/v1/items/${draft.body.id}/sign`, { version: draft.body.version });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  const sent = await officer.post(`/api/v1/items/${draft.body.id}/send`, { outgoingNumber: `7-${n}`, outgoingDate: today(), version: signed.body.version });
  expect(sent.body.status, JSON.stringify(sent.body)).toBe('sent');
  return draft.body.id as string;
}

async function queueDepth(node: RunningServer, peer = 'kz-node'): Promise<number> {
  const res = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const m = new RegExp(`^bc_exchange_queue_depth\\{peer="${peer}"\\} (\\d+)$`, 'm').exec(await res.text());
  return m ? Number(m[1]) : Number.NaN;
}

type Store = 'pglite' | 'postgresql';

/**
 * The pairs: each node on its own PGlite directory (the PGlite project), each on its own PostgreSQL
 * database, and a mixed pair — the Russian node on PGlite, the Kazakh one on PostgreSQL (the
 * PostgreSQL project, which has TEST_DATABASE_URL). Each runs once, under the project of its name.
 */
const PAIRS: { name: string; stores: [Store, Store]; project: typeof DRIVER }[] = [
  { name: 'both on PGlite', stores: ['pglite', 'pglite'], project: 'pglite' },
  { name: 'both on PostgreSQL', stores: ['postgresql', 'postgresql'], project: 'postgresql' },
  { name: 'PGlite and PostgreSQL', stores: ['pglite', 'postgresql'], project: 'postgresql' },
];

/** An empty database of its own for a node (the server migrates it as the owner and runs as the application role). */
async function nodeDatabase(node: 'ru' | 'kz', created: string[]): Promise<NonNullable<PairNode['postgres']>> {
  const url = process.env.TEST_DATABASE_URL!;
  // `bc_t_…_<base36 time>`: a run that dies before its teardown leaves it to the next run's clean-up.
  const name = `bc_t_crash${node}_${randomBytes(3).toString('hex')}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  return { url: appUrl(url, name), ownerUrl: adminUrl(url, name) };
}

/**
 * under crashes: two real node processes (mutual TLS + RFC 9421 on loopback), each killed
 * with SIGKILL while requests are being sent and delivered, restarted on the same data — and nothing
 * sent is lost, nothing is applied twice, every delivery has a signed receipt.
 */
for (const variant of PAIRS)
  describe.skipIf(DRIVER !== variant.project)(`exchange crash safety of two node processes, ${variant.name} [${variant.project}]`, () => {
    let root: string | null = null;
    const running: RunningServer[] = [];
    const logs: string[] = [];
    const databases: string[] = [];
    afterAll(async () => {
      for (const s of running) if (s.process.exitCode === null) await s.kill9();
      if (root) fs.rmSync(root, { recursive: true, force: true });
      for (const name of databases) await dropPostgresDatabase(process.env.TEST_DATABASE_URL!, name);
    });

    it('A-5.1 kill -9 of either node mid-exchange: every sent request reaches the Kazakh node once, with the same chain and a verified receipt', async () => {
      const [ruPort, ruExchange, kzPort, kzExchange] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-pair-crash-'));
      const [ruNode, kzNode] = pairNodes(root, { ru: ruPort, ruExchange, kz: kzPort, kzExchange });
      if (variant.stores[0] === 'postgresql') ruNode.postgres = await nodeDatabase('ru', databases);
      if (variant.stores[1] === 'postgresql') kzNode.postgres = await nodeDatabase('kz', databases);
      // Only a PGlite node has a data directory lock to take over after a kill.
      const tookOver = (n: PairNode, s: RunningServer) => {
        if (!n.postgres) expect(s.output()).toMatch(/took over the data directory lock/);
      };
      await introducePair([ruNode, kzNode]);
      const track = (s: RunningServer) => (running.push(s), s);
      let [ru, kz] = (await Promise.all([start(ruNode), start(kzNode)])).map(track) as [RunningServer, RunningServer];

      const acknowledged: string[] = [];
      let users = await orenburg(ru);
      const send = async (from: number, to: number) => {
        for (let n = from; n <= to; n++) acknowledged.push(await sendOne(users, n));
      };
      await send(1, 7);
      // The Russian node dies while the relay delivers the first requests and the eighth is being sent.
      // The eighth is cut wherever the kill finds it: acknowledged or not, what the node committed must cross.
      const inFlight = sendOne(users, 8).catch(() => null);
      await new Promise((r) => setTimeout(r, 60));
      await ru.kill9();
      logs.push(ru.output());
      const eighth = await inFlight;
      if (eighth) acknowledged.push(eighth);
      ru = track(await start(ruNode));
      users = await orenburg(ru);
      tookOver(ruNode, ru);
      await send(9, 13);
      // The Kazakh node dies while it receives; the Russian node goes on sending and queueing meanwhile.
      await kz.kill9();
      logs.push(kz.output());
      await send(14, 16);
      kz = track(await start(kzNode));
      tookOver(kzNode, kz);
      await send(17, REQUESTS);
      expect(acknowledged.length).toBeGreaterThanOrEqual(REQUESTS - 1);

      const deadline = Date.now() + 45_000;
      while ((await queueDepth(ru)) !== 0) {
        if (Date.now() > deadline) throw new Error(`the Russian outbox did not drain: ${await queueDepth(ru)} waiting`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // …and the Kazakh node's receipts of them back.
      while ((await queueDepth(kz, 'ru-node')) !== 0) {
        if (Date.now() > deadline) throw new Error(`the Kazakh outbox did not drain: ${await queueDepth(kz, 'ru-node')} waiting`);
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const s of [ru, kz]) {
        expect(await s.stop()).toBe(0);
        logs.push(s.output());
      }

      const ruDb = await openDatabase({ databaseUrl: ruNode.postgres?.ownerUrl, dataDir: ruNode.dir });
      const kzDb = await openDatabase({ databaseUrl: kzNode.postgres?.ownerUrl, dataDir: kzNode.dir });
      try {
        const outbox = repo.rowsOf<Record<string, unknown>>(await ruDb.db.execute(sql`select * from exchange_outbox order by stream_index`));
        const inbox = repo.rowsOf<Record<string, unknown>>(await kzDb.db.execute(sql`select * from exchange_inbox order by stream_index`));
        // Each sent request is three messages (create, sign, send); what was sent but not acknowledged before the kill crossed too.
        const subjects = [...new Set(outbox.map((m) => m.subject_id as string))];
        expect(subjects).toEqual(expect.arrayContaining(acknowledged));
        // …and every request the Russian node holds as sent is in its outbox (none sent without its messages).
        const sentHere = repo.rowsOf<{ id: string }>(await ruDb.db.execute(sql`select id from items where status = 'sent'`)).map((r) => r.id);
        expect([...sentHere].sort()).toEqual([...subjects].sort());
        expect(outbox.length).toBe(subjects.length * 3);
        expect(outbox.map((m) => Number(m.stream_index))).toEqual(outbox.map((_, i) => i + 1));

        // The Kazakh inbox holds each message once, at the sender's index, applied, with the same content.
        expect(inbox.map((m) => [m.message_id, Number(m.stream_index), m.payload_hash, m.state])).toEqual(
          outbox.map((m) => [m.message_id, Number(m.stream_index), m.payload_hash, 'applied']),
        );
        expect(new Set(inbox.map((m) => m.message_id)).size).toBe(inbox.length);

        // Every outgoing message is delivered with a receipt the Kazakh node signed, naming it.
        const kzPeer = (await repo.findPeer(ruDb.db, { nodeId: 'kz-node' }))!;
        for (const m of outbox) {
          expect(m.state).toBe('delivered');
          const v = await verifyJws<Receipt>(m.receipt as string, kzPeer.keys, RECEIPT_TYPE);
          expect(v.ok).toBe(true);
          if (v.ok) expect(v.value.payload).toMatchObject({ type: 'receipt', messageId: m.message_id, payloadHash: m.payload_hash, node: 'kz-node' });
        }

        // Both nodes hold the same actions of each request, in order, and each chain verifies.
        for (const id of subjects) {
          const [a, b] = await Promise.all([actionsOf(ruDb.db, id), actionsOf(kzDb.db, id)]);
          expect(b.map((x) => [x.id, x.seq, x.prevHash, x.hash])).toEqual(a.map((x) => [x.id, x.seq, x.prevHash, x.hash]));
          // Create, sign, send — and the Kazakh node's receipt, from which the answer's term runs.
          expect(a.map((x) => x.kind)).toEqual(['create', 'sign', 'send', 'receipt']);
          expect(await verifySubject(kzDb.db, id)).toBeNull();
        }
      } finally {
        await Promise.all([ruDb.close(), kzDb.close()]);
      }

      // No request ended in a server error on either node, before or after the kills.
      const all = logs.join('\n');
      expect(all).toMatch(/"statusCode":200/);
      expect(all).not.toMatch(/"statusCode":5\d\d/);
      expect(all).not.toMatch(/unhandled error|database error|response serialization failed/);
      // 80–130 s on two busy shared cores, ~70 s of CPU (two nodes prepared on empty directories, four server starts): a guard against a hang, not a speed goal.
    }, 240_000);
  });
