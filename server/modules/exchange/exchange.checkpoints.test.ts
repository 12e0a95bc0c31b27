import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { checkpointPeers } from './exchange.checkpoints.ts';
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
