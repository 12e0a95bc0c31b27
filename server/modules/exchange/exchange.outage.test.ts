import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, verifySubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { checkpointPeers } from './exchange.checkpoints.ts';
import { RECEIPT_TYPE, verifyJws, type Receipt } from './exchange.envelope.ts';
import * as repo from './exchange.repository.ts';

/**
 * Issue 12 §7: a three-day outage with hundreds of actions queued on both sides, then recovery —
 * nothing lost, nothing applied twice, every receipt verifies, the checkpoints agree; and nodes whose
 * clocks disagree still keep one record, each receipt in its receiver's time.
 */

const ok = (res: { status: number; body: { code?: string } }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, any>;
};

const aqtobeToday = (pair: Pair) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Aqtobe' }).format(pair.kz.clock.now());

async function sameRecords(pair: Pair, ids: readonly string[]): Promise<number> {
  let actions = 0;
  for (const id of ids) {
    const [ru, kz] = await Promise.all([actionsOf(pair.ru.database.db, id), actionsOf(pair.kz.database.db, id)]);
    expect(kz.map((a) => a.hash)).toEqual(ru.map((a) => a.hash));
    expect(await verifySubject(pair.kz.database.db, id)).toBeNull();
    actions += ru.length;
  }
  return actions;
}

/** Every message each node sent is delivered, with a receipt the other signed that names it; none waits, none is held or refused. */
async function everyReceiptVerifies(pair: Pair, ids: readonly string[]): Promise<number> {
  let n = 0;
  for (const [from, to, toId] of [
    [pair.ru, pair.kz, 'kz-node'],
    [pair.kz, pair.ru, 'ru-node'],
  ] as const) {
    const peer = (await repo.findPeer(from.database.db, { nodeId: toId }))!;
    expect(await repo.outboxStats(from.database.db, peer.id)).toMatchObject({ queued: 0 });
    for (const m of (await Promise.all(ids.map((id) => repo.outboxOfSubject(from.database.db, id)))).flat()) {
      expect(m.state, m.messageId).toBe('delivered');
      const v = await verifyJws<Receipt>(m.receipt!, peer.keys, RECEIPT_TYPE);
      expect(v.ok && v.value.payload).toMatchObject({ type: 'receipt', messageId: m.messageId, payloadHash: m.payloadHash, status: 'applied' });
      n++;
    }
    const back = (await repo.findPeer(to.database.db, { nodeId: from.deps.config.exchange.nodeId }))!;
    expect(await repo.inboxStats(to.database.db, back.id)).toMatchObject({ held: 0, rejected: 0 });
  }
  return n;
}

describe(`exchange: long outages and skewed clocks ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('A-5.1 three days apart with hundreds of actions queued on both sides: after the link is back nothing is lost or applied twice, every receipt verifies and the checkpoints agree', async () => {
    const DELIVERED = 34;
    const delivered: string[] = [];
    for (let n = 0; n < DELIVERED; n++) delivered.push(await sendRequest(pair, 500 + n));
    await pair.pump();
    pair.link.down = true;
    // Orenburg goes on sending; Aktobe registers what it has, opens consultations and writes in them.
    const apart: string[] = [];
    for (let n = 0; n < DELIVERED; n++) apart.push(await sendRequest(pair, 600 + n));
    let akt: Client = await pair.kz.as('aktOfficer');
    for (const id of delivered) {
      let item = ok(await akt.get(`/api/v1/items/${id}`));
      item = ok(
        await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: `вх-${id.slice(-6)}`, incomingDate: aqtobeToday(pair), version: item.version }),
      );
      item = ok(await akt.post(`/api/v1/items/${id}/consultation`, { body: 'Просим уточнить период проверки.', version: item.version }));
      ok(await akt.post(`/api/v1/items/${id}/messages`, { body: 'Уточняем: 2025 год.', version: item.version }));
    }
    const ruPeer = (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const queued = { ru: (await repo.outboxStats(pair.ru.database.db, kzPeer.id)).queued, kz: (await repo.outboxStats(pair.kz.database.db, ruPeer.id)).queued };
    expect(queued.ru).toBeGreaterThanOrEqual(100);
    expect(queued.kz).toBeGreaterThanOrEqual(100);
    // The relays try at once and keep trying (each failed pass lets an hour go by): the alerts escalate at 1 h, 24 h, 72 h.
    await pair.pump(3);
    for (let day = 0; day < 3; day++) {
      pair.advance(24 * 3600_000);
      await pair.pump(2);
    }
    for (const node of [pair.ru, pair.kz]) {
      const hours = (await repo.openAlerts(node.database.db, 5000)).filter((a) => a.kind === 'undelivered').map((a) => (a.details as { hours: number }).hours);
      expect(new Set(hours)).toEqual(new Set([1, 24, 72]));
    }
    pair.link.down = false;
    await pair.pump(200);
    // Each request: create, sign, send, Aktobe's receipt; the first ones also register, consultation, message.
    expect(await sameRecords(pair, [...delivered, ...apart])).toBe(DELIVERED * 7 + DELIVERED * 4);
    expect(await everyReceiptVerifies(pair, [...delivered, ...apart])).toBe(DELIVERED * 3 * 2 + DELIVERED * 5);
    // Each message applied once: as many applied as sent.
    expect((await repo.inboxStats(pair.kz.database.db, ruPeer.id)).applied).toBe(DELIVERED * 6);
    expect((await repo.inboxStats(pair.ru.database.db, kzPeer.id)).applied).toBe(DELIVERED * 5);
    expect(await checkpointPeers(pair.ru.deps, pair.toKz)).toEqual([{ peer: 'kz-node', status: 'agreed' }]);
    expect(await checkpointPeers(pair.kz.deps, pair.toRu)).toEqual([{ peer: 'ru-node', status: 'agreed' }]);
    const registered = ok(await (await pair.ru.as('oreOfficer')).get(`/api/v1/items/${delivered[0]}`));
    expect(registered).toMatchObject({ status: 'consultation', registration: { incomingNumber: `вх-${delivered[0]!.slice(-6)}` } });
    akt = await pair.kz.as('aktOfficer');
    expect(ok(await akt.get(`/api/v1/items/${apart[0]}`)).status).toBe('sent');
  }, 240_000);

  it('A-5.1 nodes whose clocks disagree by hours keep one record; each receipt is stamped in its receiver’s time', async () => {
    const skewed = await createPair();
    try {
      // The Kazakh node's clock runs seven hours ahead of the Russian one.
      skewed.kz.clock.advance(7 * 3600_000);
      const id = await sendRequest(skewed, 1);
      await skewed.pump();
      const send = (await repo.outboxOfSubject(skewed.ru.database.db, id)).find((m) => m.seq === 3)!;
      expect(send.receivedAt!.getTime() - skewed.ru.clock.now().getTime()).toBe(7 * 3600_000);
      const akt = await skewed.kz.as('aktOfficer');
      const item = ok(await akt.get(`/api/v1/items/${id}`));
      ok(await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-skew', incomingDate: aqtobeToday(skewed), version: item.version }));
      await skewed.pump();
      // The order is the chain's, not the clocks': Aktobe's actions are dated after Orenburg's by its own clock, and both nodes agree.
      const log = await actionsOf(skewed.ru.database.db, id);
      expect(log.map((a) => a.kind)).toEqual(['create', 'sign', 'send', 'receipt', 'register']);
      expect(await sameRecords(skewed, [id])).toBe(5);
      const seen = ok(await (await skewed.ru.as('oreOfficer')).get(`/api/v1/items/${id}`));
      expect(seen).toMatchObject({ status: 'registered', registration: { incomingNumber: 'вх-skew' } });
    } finally {
      await skewed.close();
    }
  });
});
