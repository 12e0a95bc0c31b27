import { sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, importSPKI } from 'jose';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf } from '../../kernel/index.ts';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { ENVELOPE_TYPE, signJws, type RecordEnvelope, type SigningKey, type VerifyingKey } from './exchange.envelope.ts';
import { publishedKeys } from './exchange.keys.ts';
import { ensureNodeTls, readNodeTls } from './exchange.tls.ts';
import * as repo from './exchange.repository.ts';

const signaturesOf = (jws: string) => (JSON.parse(jws) as { signatures: unknown[] }).signatures.length;
const payloadOf = (jws: string) => JSON.parse(Buffer.from((JSON.parse(jws) as { payload: string }).payload, 'base64url').toString('utf8')) as object;
const rows = async <T>(db: Pair['ru']['database']['db'], q: ReturnType<typeof sql>) => repo.rowsOf<T>(await db.execute(q));

/** The Russian node as the Kazakh node holds it. */
const ruAtKz = async (pair: Pair) => (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
const kzAtRu = async (pair: Pair) => (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;

/** A key of the Russian node with its private half, to sign with as an attacker who holds it would. */
async function ruKey(pair: Pair, kid: string): Promise<SigningKey> {
  const [k] = await rows<{ encrypted_private_key: string }>(pair.ru.database.db, sql`select encrypted_private_key from exchange_keys where kid = ${kid}`);
  return { kid, material: { algorithm: 'Ed25519', publicKey: '', encryptedPrivateKey: k!.encrypted_private_key } };
}

/** A key made outside the node (an attacker's): its private half and its public key as a node publishes it. */
async function strangerKey(pair: Pair): Promise<{ signing: SigningKey; published: VerifyingKey }> {
  const material = pair.ru.deps.signer.generateKey();
  const jwk = (await exportJWK(await importSPKI(material.publicKey, 'EdDSA'))) as Record<string, unknown>;
  const kid = await calculateJwkThumbprint(jwk as never);
  const now = pair.ru.clock.now();
  return {
    signing: { kid, material },
    published: { kid, jwk: { ...jwk, kid }, notBefore: now.toISOString(), notAfter: new Date(now.getTime() + 365 * 86_400_000).toISOString(), revokedAt: null },
  };
}

/** Posts a node_key record to the Kazakh node, signed by `keys`, as if the Russian node had sent it. */
async function postKeyRecord(pair: Pair, keys: SigningKey[], announced: VerifyingKey[]) {
  const kz = await kzAtRu(pair);
  const env: RecordEnvelope = {
    v: 1,
    type: 'record',
    messageId: crypto.randomUUID(),
    stream: { from: 'ru-node', to: 'kz-node', index: 10_000 + Math.floor(Math.random() * 1000) },
    at: pair.ru.clock.now().toISOString(),
    record: { kind: 'node_key', change: { type: 'rotated', kid: announced.at(-1)!.kid }, keys: announced, tls: null },
  };
  const { jws } = signJws(env, keys, pair.ru.deps.signer, ENVELOPE_TYPE);
  return pair.toKz.send(kz, { method: 'POST', path: '/exchange/v1/messages', body: jws, contentType: 'application/json' });
}

const openAlertsOf = async (pair: Pair, kind: string) => (await repo.openAlerts(pair.kz.database.db)).filter((a) => a.kind === kind).length;

describe(`exchange: a node's key rotation and revocation reach the peer by themselves ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair({ tls: true });
  });
  afterAll(async () => pair?.close());

  it('a rotation on the Russian node reaches the Kazakh node, vouched by the old key; once the old key has expired, messages signed only by the new one are accepted without any re-import', async () => {
    const before = (await publishedKeys(pair.ru.database.db)).map((k) => k.kid);
    // The node's first key exists once it has signed something: the trust bundles of the pair.
    expect(before).toHaveLength(1);
    pair.advance(60_000);
    const admin = await pair.ru.as('admin');
    const rotated = await admin.post('/api/v1/exchange/keys/rotate', { overlapDays: 7 });
    expect(rotated.status).toBe(200);
    const newKid = (rotated.body.keys as VerifyingKey[]).find((k) => !before.includes(k.kid))!.kid;

    // The announcement waits in the outbox, signed by the old key (which the peer trusts) and the new one.
    const [queued] = await rows<{ envelope: string; message_id: string; receipt: string | null }>(
      pair.ru.database.db,
      sql`select envelope, message_id, receipt from exchange_outbox where subject_type = 'node_key'`,
    );
    expect(signaturesOf(queued!.envelope)).toBe(2);
    expect(payloadOf(queued!.envelope)).toMatchObject({ record: { kind: 'node_key', change: { type: 'rotated', kid: newKid } } });
    expect((await ruAtKz(pair)).keys.map((k) => k.kid)).toEqual(before);

    await pair.pump();
    // The Kazakh node holds the new key with the validity the Russian node gave it, and the old one's overlap end.
    const mine = await publishedKeys(pair.ru.database.db);
    const held = (await ruAtKz(pair)).keys;
    expect(held.map((k) => [k.kid, k.notBefore, k.notAfter, k.revokedAt])).toEqual(mine.map((k) => [k.kid, k.notBefore, k.notAfter, k.revokedAt]));
    // Kept: the signed record in the inbox, the change in the audit log (before and after).
    const [inbox] = await rows<{ state: string; response: string }>(
      pair.kz.database.db,
      sql`select state, response from exchange_inbox where message_id = ${queued!.message_id}`,
    );
    expect(inbox!.state).toBe('applied');
    const [audit] = await rows<{ before: { keys: { kid: string }[] }; after: { added: string[]; signedBy: string[] } }>(
      pair.kz.database.db,
      sql`select before, after from audit_log where action = 'exchange.peer_keys_received'`,
    );
    expect(audit!.before.keys.map((k) => k.kid)).toEqual(before);
    expect(audit!.after).toMatchObject({ added: [newKid], signedBy: before });
    // Told in the application: the coordinator's bell and the link page.
    const dms = await pair.kz.as('dms');
    const bell = await dms.get('/api/v1/notifications');
    expect(bell.body.items[0]).toMatchObject({ kind: 'exchange.peer_key_rotated', payload: { peer: 'ru-node', kid: newKid.slice(0, 12), link: '/exchange' } });
    const link = await dms.get('/api/v1/exchange/link');
    expect(link.status).toBe(200);
    expect(link.body.peers[0].keys.map((k: VerifyingKey) => k.kid)).toEqual([...before, newKid]);

    // The sender holds the signed receipt; the same record again gets the same answer.
    const [delivered] = await rows<{ state: string; receipt: string }>(
      pair.ru.database.db,
      sql`select state, receipt from exchange_outbox where subject_type = 'node_key'`,
    );
    expect(delivered!.state).toBe('delivered');
    const again = await pair.toKz.send(await kzAtRu(pair), {
      method: 'POST',
      path: '/exchange/v1/messages',
      body: queued!.envelope,
      contentType: 'application/json',
    });
    expect(again).toEqual({ status: 200, body: inbox!.response });
    expect(delivered!.receipt).toBe(inbox!.response);

    // Eight days on the old key no longer signs; nobody imported a bundle, and the messages go through.
    pair.advance(8 * 24 * 3600_000);
    const item = await sendRequest(pair, 1);
    const envelopes = await repo.outboxOfSubject(pair.ru.database.db, item);
    expect(envelopes.map((m) => signaturesOf(m.envelope))).toEqual([1, 1, 1]);
    await pair.pump();
    expect((await actionsOf(pair.kz.database.db, item)).length).toBe(4);
    expect(await openAlertsOf(pair, 'bad_signature')).toBe(0);
  });

  it('security: a key record signed only by the key it introduces is refused unsigned and raises an alert; one whose new key did not sign it is refused too', async () => {
    const trusted = (await ruAtKz(pair)).keys.map((k) => k.kid);
    const stranger = await strangerKey(pair);
    const current = (await publishedKeys(pair.ru.database.db)).filter((k) => !k.revokedAt && Date.parse(k.notAfter) > pair.ru.clock.now().getTime());

    // Forged: only the unknown key signs its own introduction.
    const forged = await postKeyRecord(pair, [stranger.signing], [...current, stranger.published]);
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ code: 'BAD_SIGNATURE', details: { reason: 'unknown_key' } });
    expect(await openAlertsOf(pair, 'bad_signature')).toBe(1);

    // Signed by a key the Kazakh node trusts, but naming a key that did not sign: no proof the node holds it.
    const unproven = await postKeyRecord(pair, [await ruKey(pair, current[0]!.kid)], [...current, stranger.published]);
    expect(unproven.status).toBe(200);
    expect(payloadOf(unproven.body)).toMatchObject({ type: 'rejection', code: 'ACTION_NOT_ALLOWED', detail: 'node_key.not_vouched' });
    expect(await openAlertsOf(pair, 'rejected_from_peer')).toBe(1);

    expect((await ruAtKz(pair)).keys.map((k) => k.kid)).toEqual(trusted);
  });

  it('security: a revocation reaches the Kazakh node, what waited is signed again by the keys in force, and a message signed only by the revoked key is refused — even back-dated', async () => {
    const admin = await pair.ru.as('admin');
    const old = (await publishedKeys(pair.ru.database.db)).filter((k) => !k.revokedAt && Date.parse(k.notAfter) > pair.ru.clock.now().getTime());
    expect(old).toHaveLength(1);
    const rotated = await admin.post('/api/v1/exchange/keys/rotate', { overlapDays: 7 });
    const next = (rotated.body.keys as VerifyingKey[]).at(-1)!.kid;
    await pair.pump();
    expect((await ruAtKz(pair)).keys.map((k) => k.kid)).toContain(next);

    // The link is down: a request waits, signed by both keys; then the old key is revoked (compromised, say).
    pair.link.down = true;
    const item = await sendRequest(pair, 2);
    expect((await repo.outboxOfSubject(pair.ru.database.db, item)).map((m) => signaturesOf(m.envelope))).toEqual([2, 2, 2]);
    const revokedAt = pair.ru.clock.now();
    const revoked = await admin.post(`/api/v1/exchange/keys/${encodeURIComponent(old[0]!.kid)}/revoke`);
    expect(revoked.status).toBe(200);
    // What waits is signed again by the key in force alone: same payload, same hash.
    const waiting = await repo.outboxOfSubject(pair.ru.database.db, item);
    expect(waiting.map((m) => signaturesOf(m.envelope))).toEqual([1, 1, 1]);
    expect(waiting.map((m) => JSON.parse(m.envelope).signatures[0].protected)).toEqual(
      waiting.map(() => Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: next, typ: ENVELOPE_TYPE })).toString('base64url')),
    );

    pair.link.down = false;
    pair.advance(60_000);
    await pair.pump();
    expect((await actionsOf(pair.kz.database.db, item)).length).toBe(4);
    const held = (await ruAtKz(pair)).keys.find((k) => k.kid === old[0]!.kid)!;
    expect(held.revokedAt).toBe(revokedAt.toISOString());
    const dms = await pair.kz.as('dms');
    expect((await dms.get('/api/v1/notifications')).body.items[0]).toMatchObject({ kind: 'exchange.peer_key_revoked', payload: { peer: 'ru-node' } });

    // A message signed only by the revoked key: refused now, and refused back-dated to before the revocation.
    const third = await sendRequest(pair, 3);
    const [first] = await repo.outboxOfSubject(pair.ru.database.db, third);
    const revokedKey = await ruKey(pair, old[0]!.kid);
    const kz = await kzAtRu(pair);
    const alertsBefore = await openAlertsOf(pair, 'bad_signature');
    const now = signJws(payloadOf(first!.envelope), [revokedKey], pair.ru.deps.signer, ENVELOPE_TYPE);
    const refusedNow = await pair.toKz.send(kz, { method: 'POST', path: '/exchange/v1/messages', body: now.jws, contentType: 'application/json' });
    expect(refusedNow.status).toBe(401);
    const backdated = signJws(
      { ...payloadOf(first!.envelope), at: new Date(revokedAt.getTime() - 3600_000).toISOString() },
      [revokedKey],
      pair.ru.deps.signer,
      ENVELOPE_TYPE,
    );
    const refusedBackdated = await pair.toKz.send(kz, { method: 'POST', path: '/exchange/v1/messages', body: backdated.jws, contentType: 'application/json' });
    expect(refusedBackdated.status).toBe(401);
    expect(JSON.parse(refusedBackdated.body)).toMatchObject({ code: 'BAD_SIGNATURE', details: { reason: 'key_revoked' } });
    expect(await openAlertsOf(pair, 'bad_signature')).toBe(alertsBefore + 2);
    expect(await actionsOf(pair.kz.database.db, third)).toEqual([]);
    // The real messages, signed by the key in force, go through.
    await pair.pump();
    expect((await actionsOf(pair.kz.database.db, third)).length).toBe(4);
  });

  it('security: a new TLS certificate of the Russian node travels with its next key record and the Kazakh node pins it, on the word of the trusted key', async () => {
    const pinned = (await ruAtKz(pair)).tlsFingerprint;
    expect(pinned).toBe(readNodeTls(pair.ru.config)!.fingerprint256);
    fs.rmSync(pair.ru.config.exchange.tlsCertFile);
    fs.rmSync(pair.ru.config.exchange.tlsKeyFile);
    const renewed = await ensureNodeTls(pair.ru.config);
    expect(renewed.fingerprint256).not.toBe(pinned);
    const admin = await pair.ru.as('admin');
    expect((await admin.post('/api/v1/exchange/keys/rotate', { overlapDays: 1 })).status).toBe(200);
    await pair.pump();
    const peer = await ruAtKz(pair);
    expect([peer.tlsFingerprint, peer.tlsCertificate]).toEqual([renewed.fingerprint256, renewed.certPem]);
    const [audit] = await rows<{ before: { tlsFingerprint: string }; after: { tlsFingerprint: string } }>(
      pair.kz.database.db,
      sql`select before, after from audit_log where action = 'exchange.peer_keys_received' order by seq desc limit 1`,
    );
    expect([audit!.before.tlsFingerprint, audit!.after.tlsFingerprint]).toEqual([pinned, renewed.fingerprint256]);
  });
});
