import { X509Certificate } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import type { Party } from '../../../domain/registry.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import {
  ENVELOPE_TYPE,
  signJws,
  verifyJws,
  type NodeKeyRecord,
  type RecordEnvelope,
  type RejectionCode,
  type SigningKey,
  type VerifyingKey,
} from './exchange.envelope.ts';
import { publishedKeys, revokeKey, rotateKeys, signingKeys, tlsOf } from './exchange.keys.ts';
import { queueRecord } from './exchange.records.ts';
import * as repo from './exchange.repository.ts';

/**
 * A change of this node's keys reaches every peer by itself: a rotation or a revocation is a signed
 * record (`node_key`) queued for each peer in the transaction that made it, carrying every key of
 * the node with its validity and the node's TLS certificate. It is signed like every envelope, by
 * the node's keys — during a rotation the old key, which the peer already trusts, vouches for the
 * new one, and the new one signs too (proof that the node holds it). The peer takes a new key only
 * on the word of a key it already trusted for this node and that is in force now; a key named by a
 * message that only that key signed verifies with nothing the peer knows and is refused unsigned
 * (`exchange.inbox.ts`, alert `bad_signature`). Keys are never dropped: expired and revoked ones
 * verify the archive.
 */

/** A rotation: the new key, announced to every peer in the same transaction. */
export async function rotateAndAnnounce(deps: Deps, tx: Db, overlapDays: number): Promise<string> {
  const { kid, signers } = await rotateKeys(deps, tx, overlapDays);
  await announce(deps, tx, { type: 'rotated', kid }, signers);
  return kid;
}

/**
 * A revocation, announced to every peer; what still waits for a peer is signed again by the keys
 * in force (a peer refuses new messages signed only by a key it knows as revoked) — except earlier
 * key records, which the relay delivers first, in stream order, as they were signed. The revoked key
 * signs its own revocation as well: a revocation only takes trust away, and so a peer learns it
 * even when the key was the node's only one (its successor then needs a new trust bundle).
 */
export async function revokeAndAnnounce(deps: Deps, tx: Db, kid: string): Promise<boolean> {
  const revoked = await revokeKey(tx, kid, deps.clock.now());
  if (!revoked) return false;
  const keys = await signingKeys(deps, tx);
  for (const m of await repo.queuedEnvelopes(tx)) {
    // A key record keeps the signatures it was made with: a waiting rotation stays vouched for by the old key.
    if ((m.subjectType as string) === 'node_key') continue;
    const { payload } = JSON.parse(m.envelope) as { payload: string };
    const again = signJws(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object, keys, deps.signer, ENVELOPE_TYPE);
    await repo.setEnvelope(tx, m.peerId, m.streamIndex, again.jws);
  }
  await announce(deps, tx, { type: 'revoked', kid }, [revoked, ...keys.slice(-3)]);
  return true;
}

async function announce(deps: Deps, tx: Db, change: NodeKeyRecord['change'], signers: SigningKey[]): Promise<void> {
  const peers = await repo.listPeers(tx);
  if (peers.length === 0) return;
  const record: NodeKeyRecord = { kind: 'node_key', change, keys: await publishedKeys(tx), tls: tlsOf(deps) };
  await queueRecord(tx, deps, peers, uuidv7(), record, signers);
}

// ─── the receiving node ──────────────────────────────────────────────────────

const ISO = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v));

/** A public Ed25519 key as a node publishes it, its `kid` its RFC 7638 thumbprint; null when it is anything else. */
async function publicKeyOf(k: unknown): Promise<VerifyingKey | null> {
  const key = k as Partial<VerifyingKey> | null;
  const jwk = key?.jwk as Record<string, unknown> | undefined;
  if (!key || typeof key.kid !== 'string' || !jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk) return null;
  if (!ISO(key.notBefore) || !ISO(key.notAfter) || !(key.revokedAt === null || ISO(key.revokedAt))) return null;
  const clean = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  try {
    if ((await calculateJwkThumbprint(clean as JWK)) !== key.kid) return null;
  } catch {
    return null;
  }
  return { kid: key.kid, jwk: { ...clean, kid: key.kid }, notBefore: key.notBefore, notAfter: key.notAfter, revokedAt: key.revokedAt };
}

const inForce = (k: VerifyingKey, now: Date) =>
  Date.parse(k.notBefore) <= now.getTime() && now.getTime() < Date.parse(k.notAfter) && (k.revokedAt === null || now.getTime() < Date.parse(k.revokedAt));

const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * Applies a peer's `node_key` record (its envelope verified with `kids`, keys this node already
 * trusted for that peer). Keys it knows: the validity can only shrink (an overlap's end) and a
 * revocation stays. A key it does not know is added only when a key trusted here, in force now and
 * not revoked by this very record, signed the message, and the new key signed it too. The change is
 * audited (before and after), the administrators and coordinators are told in the application; the
 * envelope itself stays in the inbox.
 */
export async function applyNodeKeys(
  tx: Db,
  deps: Deps,
  peer: repo.PeerRow,
  env: RecordEnvelope,
  text: string,
  kids: readonly string[],
): Promise<{ code: RejectionCode; detail: string | null } | null> {
  const r = env.record as NodeKeyRecord;
  if (!r.change || !['rotated', 'revoked'].includes(r.change.type) || typeof r.change.kid !== 'string' || !Array.isArray(r.keys) || r.keys.length > 100)
    return { code: 'MALFORMED', detail: 'node_key' };
  const announced: VerifyingKey[] = [];
  for (const k of r.keys) {
    const key = await publicKeyOf(k);
    if (!key) return { code: 'MALFORMED', detail: 'node_key.keys' };
    announced.push(key);
  }
  const subject = announced.find((k) => k.kid === r.change.kid);
  if (!subject || (r.change.type === 'revoked') !== (subject.revokedAt !== null)) return { code: 'MALFORMED', detail: 'node_key.change' };

  const now = deps.clock.now();
  const revokedHere = new Set(announced.filter((k) => k.revokedAt !== null).map((k) => k.kid));
  const vouchers = peer.keys.filter((k) => kids.includes(k.kid) && inForce(k, now) && !revokedHere.has(k.kid)).map((k) => k.kid);

  const keys: VerifyingKey[] = peer.keys.map((k) => {
    const a = announced.find((x) => x.kid === k.kid);
    if (!a) return k;
    const notAfter = Date.parse(a.notAfter) < Date.parse(k.notAfter) ? a.notAfter : k.notAfter;
    return { ...k, notAfter, revokedAt: earlier(k.revokedAt, a.revokedAt) };
  });
  const added: string[] = [];
  const skipped: string[] = [];
  for (const a of announced) {
    if (peer.keys.some((k) => k.kid === a.kid)) continue;
    // The new key's own signature on this very message: the node holds it.
    const own = vouchers.length > 0 && (await verifyJws(text, [a], ENVELOPE_TYPE)).ok;
    if (own) {
      keys.push(a);
      added.push(a.kid);
    } else skipped.push(a.kid);
  }
  if (r.change.type === 'rotated' && !added.includes(r.change.kid) && !peer.keys.some((k) => k.kid === r.change.kid))
    return { code: 'ACTION_NOT_ALLOWED', detail: 'node_key.not_vouched' };

  const revoked = keys.filter((k) => k.revokedAt !== null && !peer.keys.find((p) => p.kid === k.kid)?.revokedAt).map((k) => k.kid);
  const shortened = keys.filter((k) => peer.keys.some((p) => p.kid === k.kid && p.notAfter !== k.notAfter)).map((k) => k.kid);
  // The pinned TLS certificate follows on the same word (its fingerprint recomputed, not taken from the record).
  let tls: { tlsCertificate: string; tlsFingerprint: string } | null = null;
  if (r.tls && vouchers.length > 0) {
    let cert: X509Certificate | null = null;
    try {
      cert = new X509Certificate(String(r.tls.certificate));
    } catch {
      return { code: 'MALFORMED', detail: 'node_key.tls' };
    }
    if (cert.fingerprint256 !== peer.tlsFingerprint) tls = { tlsCertificate: String(r.tls.certificate), tlsFingerprint: cert.fingerprint256 };
  }
  if (added.length + revoked.length + shortened.length === 0 && !tls) return null;

  await repo.setPeerKeys(tx, peer.id, { keys, ...tls }, now);
  const view = (ks: readonly VerifyingKey[]) => ks.map((k) => ({ kid: k.kid, notBefore: k.notBefore, notAfter: k.notAfter, revokedAt: k.revokedAt }));
  await recordAudit(tx, deps, null, {
    action: 'exchange.peer_keys_received',
    objectType: 'exchange_peer',
    objectId: peer.id,
    before: { keys: view(peer.keys), tlsFingerprint: peer.tlsFingerprint },
    after: {
      keys: view(keys),
      tlsFingerprint: tls?.tlsFingerprint ?? peer.tlsFingerprint,
      messageId: env.messageId,
      change: r.change,
      added,
      revoked,
      shortened,
      skipped,
      signedBy: [...kids],
    },
  });
  const ownParty = deps.config.nodeParty === 'both' ? undefined : (deps.config.nodeParty as Party);
  await notify(tx, deps, {
    recipients: { party: ownParty, roles: ['admin', 'coordinator'] },
    kind: r.change.type === 'rotated' ? 'exchange.peer_key_rotated' : 'exchange.peer_key_revoked',
    subjectType: 'exchange_peer',
    subjectId: peer.id,
    payload: { peer: peer.name, kid: r.change.kid.slice(0, 12) },
    link: '/exchange',
  });
  return null;
}
