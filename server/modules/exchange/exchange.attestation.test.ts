import { randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519Provider, signatureProviders, type SignatureProvider } from '../signing/index.ts';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import type { SignatureAttestation } from '../../../domain/signatures.ts';
import { ENVELOPE_TYPE, RECEIPT_TYPE, signJws, verifyJws, type ActionEnvelope, type Rejection } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';
import { receive } from './exchange.inbox.ts';

/**
 * Issue 12, A-6.4: a document signature travels with the sending node's attested check of it, inside
 * the envelope its node keys sign. The receiving node verifies with its own provider for the key's
 * algorithm when it has one; otherwise it shows the sender's attested check, marked as such, or
 * «unverifiable».
 */

const GOST_TEST = 'GOST3410-2012-256-test';

/** A stand-in for a certified GOST R 34.10-2012 provider: its own algorithm name, Ed25519 under the hood. */
function gostTestProvider(): SignatureProvider {
  const inner = ed25519Provider(randomBytes(32));
  return {
    algorithm: GOST_TEST,
    generateKey: () => ({ ...inner.generateKey(), algorithm: GOST_TEST }),
    sign: (key, data) => inner.sign(key, data),
    verify: (publicKey, data, signature) => inner.verify(publicKey, data, signature),
  };
}

/** An Ed25519 provider whose own check always fails: a sender that attests «invalid». */
function failingCheckProvider(): SignatureProvider {
  const inner = ed25519Provider(randomBytes(32));
  return { ...inner, verify: () => false };
}

const payloadOf = (jws: string) => JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8')) as ActionEnvelope;

/** The envelope with its payload replaced and its node signatures kept. */
function withPayload(jws: string, payload: ActionEnvelope): string {
  const parsed = JSON.parse(jws) as { payload: string; signatures: unknown[] };
  return JSON.stringify({ ...parsed, payload: Buffer.from(canonicalize(payload)!, 'utf8').toString('base64url') });
}

async function storedAttestation(pair: Pair, signatureId: string) {
  const rows = await pair.kz.database.db.execute(sql`select attestation from signatures where id = ${signatureId}`);
  return ((rows as unknown as { rows?: { attestation: unknown }[] }).rows ?? (rows as unknown as { attestation: unknown }[]))[0]?.attestation;
}

describe(`exchange: signature attestations, Ed25519 on both nodes ${TAG}`, () => {
  let pair: Pair;
  let id: string;
  beforeAll(async () => {
    pair = await createPair();
    id = await sendRequest(pair, 1);
    expect(await pair.pump()).toBe(4); // three out, the Kazakh node's receipt back
  });
  afterAll(async () => pair?.close());

  it('A-6.4 A-5.1 the receiving node verifies an Ed25519 signature itself; the sender’s attested check came in the signed envelope and is kept', async () => {
    const [kzAkt, ruDeputy] = await Promise.all([pair.kz.as('aktOfficer'), pair.ru.as('oreDeputy')]);
    const seen = await kzAkt.get(`/api/v1/items/${id}/signature`);
    expect(seen.body).toMatchObject({
      status: 'valid',
      verifiedBy: 'this_node',
      algorithm: 'Ed25519',
      attestation: { node: 'ru-node', result: 'valid' },
    });
    // On the signing node the signature is its own: verified there, nobody attested it.
    expect((await ruDeputy.get(`/api/v1/items/${id}/signature`)).body).toMatchObject({ status: 'valid', verifiedBy: 'this_node', attestation: null });
    // The envelope carries the attestation: signature, key, algorithm, the signed content's hash, result, time, node.
    const send = (await repo.outboxOfSubject(pair.ru.database.db, id))[2]!;
    const sig = payloadOf(send.envelope).sideRows.signatures![0]!;
    expect(payloadOf(send.envelope).attestations).toEqual([
      {
        signatureId: sig.id,
        keyId: sig.keyId,
        algorithm: 'Ed25519',
        contentHash: sig.contentHash,
        result: 'valid',
        checkedAt: pair.ru.clock.now().toISOString(),
        node: 'ru-node',
      },
    ]);
    expect(await storedAttestation(pair, String(sig.id))).toMatchObject({ signatureId: sig.id, result: 'valid', node: 'ru-node', messageId: send.messageId });
    // Kept beside the signature, not as a side row: both nodes' side rows stay the same.
    const [ru, kz] = await Promise.all([repo.itemSideRows(pair.ru.database.db, id), repo.itemSideRows(pair.kz.database.db, id)]);
    expect(kz.signatures).toEqual(ru.signatures);
    expect(kz.signatures[0]).not.toHaveProperty('attestation');
  });

  it('security: an attestation cannot be changed on the way — an envelope with its result changed fails the node signature (BAD_SIGNATURE)', async () => {
    const send = (await repo.outboxOfSubject(pair.ru.database.db, id))[2]!;
    // The same payload put back as it was verifies (a duplicate: the stored receipt again).
    const again = await receive(pair.kz.deps, withPayload(send.envelope, payloadOf(send.envelope)));
    expect(again.status).toBe(200);
    expect(again.body).toBe(send.receipt);
    const forged = payloadOf(send.envelope);
    expect(forged.attestations![0]!.result).toBe('valid');
    forged.attestations![0]!.result = 'invalid';
    const answer = await receive(pair.kz.deps, withPayload(send.envelope, forged));
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect((await repo.openAlerts(pair.kz.database.db)).some((a) => a.kind === 'bad_signature')).toBe(true);
    // Nothing of it was kept.
    expect(await storedAttestation(pair, String(forged.attestations![0]!.signatureId))).toMatchObject({ result: 'valid' });
  });
});

describe(`exchange: an attestation that is not the sender's own ${TAG}`, () => {
  let pair: Pair;
  afterAll(async () => pair?.close());

  it('security: an envelope signed by the Russian node attesting in another node’s name, or a signature it does not carry, is refused MALFORMED', async () => {
    pair = await createPair();
    const keys = await pair.ru.database.db.transaction((tx) => signingKeys(pair.ru.deps, tx));
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    // The first message of a request (its create), its attestation changed and signed again by the Russian node's keys.
    const forge = async (n: number, change: (a: SignatureAttestation) => void) => {
      const id = await sendRequest(pair, n);
      const payload = payloadOf((await repo.outboxOfSubject(pair.ru.database.db, id))[0]!.envelope);
      change(payload.attestations![0]!);
      const answer = await receive(pair.kz.deps, signJws(payload, keys, pair.ru.deps.signer, ENVELOPE_TYPE).jws);
      const v = await verifyJws<Rejection>(answer.body, kzPeer.keys, RECEIPT_TYPE);
      return v.ok ? v.value.payload : null;
    };
    const malformed = { type: 'rejection', code: 'MALFORMED', detail: 'attestations' };
    expect(await forge(1, (a) => (a.node = 'other-node'))).toMatchObject(malformed);
    expect(await forge(2, (a) => (a.signatureId = '01900000-0000-7000-8000-000000000009'))).toMatchObject(malformed);
    expect(await forge(3, (a) => (a.contentHash = '0'.repeat(64)))).toMatchObject(malformed);
    // Unchanged, the same message is applied.
    expect(await forge(4, () => undefined)).toMatchObject({ type: 'receipt', status: 'applied' });
  });
});

describe(`exchange: a signature whose algorithm the receiving node has no provider for ${TAG}`, () => {
  let pair: Pair;
  let id: string;
  beforeAll(async () => {
    // The Russian node signs documents with the test GOST provider; the Kazakh node has Ed25519 only.
    pair = await createPair({ signatures: { ru: () => signatureProviders(gostTestProvider()) } });
    id = await sendRequest(pair, 1);
    expect(await pair.pump()).toBe(4); // three out, the Kazakh node's receipt back
  });
  afterAll(async () => pair?.close());

  it('A-6.4 A-5.1 the Kazakh node shows the Russian node’s attested check, marked as the sending node’s, with its node and time', async () => {
    const [kzAkt, ruDeputy] = await Promise.all([pair.kz.as('aktOfficer'), pair.ru.as('oreDeputy')]);
    expect((await ruDeputy.get(`/api/v1/items/${id}/signature`)).body).toMatchObject({ status: 'valid', verifiedBy: 'this_node', algorithm: GOST_TEST });
    const seen = await kzAkt.get(`/api/v1/items/${id}/signature`);
    expect(seen.body).toMatchObject({
      status: 'valid',
      verifiedBy: 'peer_node',
      algorithm: GOST_TEST,
      attestation: { node: 'ru-node', result: 'valid', checkedAt: '2026-03-02T05:00:00.000Z' },
      signer: { fullName: 'Заместителев Антон Павлович' },
    });
    // The key that travelled with it is published with its algorithm.
    const keys = await repo.signingKeysByIds(pair.kz.database.db, [
      String(payloadOf((await repo.outboxOfSubject(pair.ru.database.db, id))[2]!.envelope).sideRows.signatures![0]!.keyId),
    ]);
    expect(keys[0]).toMatchObject({ algorithm: GOST_TEST });
  });

  it('A-6.4 no provider and no attestation (a message from before attestations): «unverifiable», never valid', async () => {
    const kzAkt = await pair.kz.as('aktOfficer');
    await pair.kz.database.db.execute(sql`update signatures set attestation = null where item_id = ${id}`);
    expect((await kzAkt.get(`/api/v1/items/${id}/signature`)).body).toMatchObject({
      status: 'unverifiable',
      verifiedBy: null,
      attestation: null,
      algorithm: GOST_TEST,
    });
  });

  it('A-6.4 content changed here after signing is invalid by this node’s own hash check, whatever was attested', async () => {
    const id2 = await sendRequest(pair, 2);
    await pair.pump();
    const kzAkt = await pair.kz.as('aktOfficer');
    expect((await kzAkt.get(`/api/v1/items/${id2}/signature`)).body).toMatchObject({ status: 'valid', verifiedBy: 'peer_node' });
    await pair.kz.database.db.execute(sql`update items set essence = 'Изменено' where id = ${id2}`);
    expect((await kzAkt.get(`/api/v1/items/${id2}/signature`)).body).toMatchObject({ status: 'invalid', verifiedBy: 'this_node' });
  });
});

describe(`exchange: the receiving node's check and the sender's attested one differ ${TAG}`, () => {
  let pair: Pair;
  afterAll(async () => pair?.close());

  it('A-6.4 A-5.1 the Kazakh node finds valid what the Russian node attested invalid: invalid, and an exchange alert once', async () => {
    pair = await createPair({ signatures: { ru: () => signatureProviders(failingCheckProvider()) } });
    const id = await sendRequest(pair, 1);
    expect(await pair.pump()).toBe(4); // three out, the Kazakh node's receipt back
    const kzAkt = await pair.kz.as('aktOfficer');
    expect((await kzAkt.get(`/api/v1/items/${id}/signature`)).body).toMatchObject({
      status: 'invalid',
      verifiedBy: 'this_node',
      attestation: { node: 'ru-node', result: 'invalid' },
    });
    const alerts = (await repo.openAlerts(pair.kz.database.db)).filter((a) => a.kind === 'signature_check_mismatch');
    // Three messages carried the same attestation: one alert.
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ subjectId: id, details: { attested: 'invalid', here: 'valid', algorithm: 'Ed25519' } });
  });
});
