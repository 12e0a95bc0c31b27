import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf } from '../../kernel/index.ts';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { openTrustBundle, peerOf, rotateKeys, trustBundle } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';

const signaturesOf = (jws: string) => (JSON.parse(jws) as { signatures: unknown[] }).signatures.length;

describe(`exchange: node keys rotate with an overlap ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('during the overlap every message carries both signatures and the peer that knows only the old key still verifies it; after the overlap it needs the new bundle', async () => {
    await pair.ru.database.db.transaction((tx) => rotateKeys(pair.ru.deps, tx, 7));
    const first = await sendRequest(pair, 1);
    const queued = await repo.outboxOfSubject(pair.ru.database.db, first);
    expect(queued.every((m) => signaturesOf(m.envelope) === 2)).toBe(true);
    await pair.pump();
    expect((await actionsOf(pair.kz.database.db, first)).length).toBe(3);

    // Eight days on, the old key has stopped signing; the Kazakh node has not imported the new bundle.
    pair.advance(8 * 24 * 3600_000);
    const second = await sendRequest(pair, 2);
    expect(signaturesOf((await repo.outboxOfSubject(pair.ru.database.db, second))[0]!.envelope)).toBe(1);
    await pair.pump(3);
    expect(await actionsOf(pair.kz.database.db, second)).toEqual([]);
    expect((await repo.openAlerts(pair.kz.database.db)).some((a) => a.kind === 'bad_signature')).toBe(true);
    // The administrators exchange the new bundle: the waiting messages go through, same ids.
    const { bundle } = (await openTrustBundle((await trustBundle(pair.ru.deps)).jws))!;
    await repo.upsertPeer(pair.kz.database.db, peerOf(bundle, bundle.nodeId), pair.kz.clock.now());
    await pair.pump();
    expect((await actionsOf(pair.kz.database.db, second)).length).toBe(3);
  });
});
