import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { verifyTimestampToken } from '../../exchange/timestamp/rfc3161.ts';
import { startTestTsa, type TestTsa } from '../../test/tsa.ts';
import { checkpointPeers, stampCheckpoints } from './exchange.checkpoints.ts';
import * as repo from './exchange.repository.ts';

describe(`exchange: two records that prove they agree ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('A-5.1 after delivery the Kazakh node countersigns the Russian node’s checkpoint; a checkpoint with nothing new is not repeated', async () => {
    await sendRequest(pair, 1);
    await pair.pump();
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    const peer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const last = (await repo.lastCheckpoint(pair.ru.database.db, peer.id, 'out'))!;
    expect(last).toMatchObject({ size: 3, status: 'agreed' });
    expect(last.note).toContain('border-cooperation/exchange/ru-node/kz-node\n3\n');
    expect(last.cosignature).toMatch(/^— kz-node /);
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([]);
  });

  it('reconciliation: messages the peer lost (a restore from an older backup) are named by its view of the checkpoint and sent again, then it agrees', async () => {
    const id = await sendRequest(pair, 2);
    await pair.pump();
    // The Kazakh node loses the last two messages it received, as a restore would.
    const ruOnKz = (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
    await pair.kz.database.owner.db.execute(sql`delete from exchange_inbox where peer_id = ${ruOnKz.id} and subject_id = ${id} and seq > 1`);
    const [first] = await checkpointPeers(pair.ru.deps, pair.toKz);
    expect(first).toEqual({ peer: 'kz-node', status: 'incomplete' });
    await pair.pump();
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
  });

  it('security: a rewritten record is detected by the peer: the checkpoints differ and the alert names the first differing message', async () => {
    await sendRequest(pair, 3);
    await pair.pump();
    const kzOnRu = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const stream = await repo.outStream(pair.ru.database.db, kzOnRu.id);
    const target = stream[4]!;
    // Someone with the database owner's rights rewrites what the Russian node says it sent.
    await pair.ru.database.owner.db.execute(
      sql`update exchange_outbox set payload_hash = ${'f'.repeat(64)} where peer_id = ${kzOnRu.id} and stream_index = ${target.index}`,
    );
    const [result] = await checkpointPeers(pair.ru.deps, pair.toKz);
    expect(result).toEqual({ peer: 'kz-node', status: 'differs', firstDifference: target.index });
    const ruAlerts = await repo.openAlerts(pair.ru.database.db);
    expect(ruAlerts.find((a) => a.kind === 'checkpoint_mismatch')).toMatchObject({ messageId: target.messageId, details: { firstDifference: target.index } });
    expect((await repo.openAlerts(pair.kz.database.db)).some((a) => a.kind === 'checkpoint_mismatch')).toBe(true);
  });
});

describe(`exchange: RFC 3161 time-stamps of the checkpoints a node signs ${TAG}`, () => {
  const TOKEN = 'metrics-token-for-timestamps';
  let pair: Pair;
  let tsa: TestTsa;
  beforeAll(async () => {
    tsa = await startTestTsa({ name: 'Test national TSA' });
    // The Russian node has an authority; the Kazakh node has none.
    pair = await createPair({ env: { ru: { TSA_URL: tsa.url, METRICS_TOKEN: TOKEN } } });
  });
  afterAll(async () => {
    await pair?.close();
    await tsa?.stop();
  });

  const kzOnRu = async () => (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
  const pendingMetric = async () => {
    const res = await pair.ru.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    const m = /^bc_exchange_checkpoints_timestamp_pending\{peer="kz-node"\} (\d+)$/m.exec(res.body);
    return m ? Number(m[1]) : null;
  };
  const link = async () => (await (await pair.ru.as('admin')).get('/api/v1/exchange/link')).body.peers[0];

  it('a checkpoint is pending when signed and stamped by the job: the token verifies over the SHA-256 of the signed note; a tampered one does not', async () => {
    await sendRequest(pair, 1);
    await pair.pump();
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    const peer = await kzOnRu();
    expect(await repo.lastCheckpoint(pair.ru.database.db, peer.id, 'out')).toMatchObject({ timestampState: 'pending', timestampToken: null });
    expect(await pendingMetric()).toBe(1);
    expect(await stampCheckpoints(pair.ru.deps)).toEqual({ stamped: 1, failed: 0 });
    const last = (await repo.lastCheckpoint(pair.ru.database.db, peer.id, 'out'))!;
    expect(last).toMatchObject({ status: 'agreed', timestampState: 'stamped' });
    const token = Buffer.from(last.timestampToken!, 'base64');
    const v = await verifyTimestampToken(token, createHash('sha256').update(last.note).digest());
    expect(v).toMatchObject({ ok: true, value: { tsa: 'Test national TSA' } });
    expect(last.timestampAt?.getTime()).toBe(v.ok ? v.value.genTime.getTime() : NaN);
    expect(await pendingMetric()).toBe(0);
    expect(await link()).toMatchObject({
      checkpoint: { size: 3, status: 'agreed', timestamp: 'stamped', timestampAt: last.timestampAt!.toISOString() },
      timestampsPending: 0,
    });
    // The token stamps this note, not another one; a changed byte of the token fails.
    expect((await verifyTimestampToken(token, createHash('sha256').update(`${last.note} `).digest())).ok).toBe(false);
    const tampered = Buffer.from(token);
    tampered[tampered.length - 5]! ^= 0x01;
    expect((await verifyTimestampToken(tampered, createHash('sha256').update(last.note).digest())).ok).toBe(false);
    // The Kazakh node has no authority: its checkpoints carry no time-stamp and nothing is pending.
    const ruOnKz = (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
    expect(await stampCheckpoints(pair.kz.deps)).toEqual({ stamped: 0, failed: 0 });
    expect((await repo.checkpointStats(pair.kz.database.db, ruOnKz.id)).timestampsPending).toBe(0);
    expect(await repo.lastCheckpoint(pair.kz.database.db, ruOnKz.id, 'in')).toMatchObject({ timestampState: null, timestampToken: null });
  });

  it('an unreachable authority leaves checkpoints pending while messages deliver and checkpoints are countersigned; back, the retry job stamps them', async () => {
    await tsa.stop();
    const before = tsa.stamped;
    await sendRequest(pair, 2);
    expect(await pair.pump()).toBe(4);
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    expect(await stampCheckpoints(pair.ru.deps)).toEqual({ stamped: 0, failed: 1 });
    await sendRequest(pair, 3);
    expect(await pair.pump()).toBe(4);
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    const peer = await kzOnRu();
    expect(await repo.lastCheckpoint(pair.ru.database.db, peer.id, 'out')).toMatchObject({ size: 9, status: 'agreed', timestampState: 'pending' });
    expect(await pendingMetric()).toBe(2);
    expect(await link()).toMatchObject({ checkpoint: { size: 9, timestamp: 'pending', timestampAt: null }, timestampsPending: 2 });
    // The authority comes back; once the back-off has passed the job stamps both.
    await tsa.start();
    pair.advance(3600_000);
    expect(await stampCheckpoints(pair.ru.deps)).toEqual({ stamped: 2, failed: 0 });
    expect(tsa.stamped).toBe(before + 2);
    expect(await pendingMetric()).toBe(0);
    const rows = await repo.checkpointsOf(pair.ru.database.db, peer.id, 'out');
    expect(rows.map((r) => [r.size, r.timestampState])).toEqual([
      [3, 'stamped'],
      [6, 'stamped'],
      [9, 'stamped'],
    ]);
    for (const r of rows)
      expect((await verifyTimestampToken(Buffer.from(r.timestampToken!, 'base64'), createHash('sha256').update(r.note).digest())).ok).toBe(true);
  });
});
