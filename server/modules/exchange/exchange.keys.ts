import { calculateJwkThumbprint, exportJWK, importSPKI } from 'jose';
import type { Deps } from '../../lib/deps.ts';
import type { Party } from '../../../domain/registry.ts';
import type { Db } from '../../db/client.ts';
import { signJws, verifyJws, type SigningKey, type VerifyingKey } from './exchange.envelope.ts';
import * as repo from './exchange.repository.ts';
import { readNodeTls } from './exchange.tls.ts';
import type { RequestSigner } from './exchange.transport.ts';
import { signRequest } from '../../exchange/transport/http-signature.ts';

/**
 * The node's keys. A key signs for a year; a rotation adds the next key and lets the old one sign
 * on for an overlap, so every message in between carries both signatures and a peer that has not
 * imported the new key yet still verifies it; the rotation itself reaches the peers as a signed
 * record (`exchange.nodekeys.ts`). Keys are never deleted: they verify the archive.
 */

const YEAR_MS = 365 * 24 * 3600 * 1000;
export const TRUST_TYPE = 'bc-trust+json';

async function publicJwkOf(pem: string): Promise<Record<string, unknown>> {
  return (await exportJWK(await importSPKI(pem, 'EdDSA'))) as Record<string, unknown>;
}

async function createKey(deps: Deps, tx: Db, from: Date): Promise<string> {
  const material = deps.signer.generateKey();
  if (material.algorithm !== 'Ed25519') throw new Error('exchange: node keys need an Ed25519 signature provider');
  const jwk = await publicJwkOf(material.publicKey);
  const kid = await calculateJwkThumbprint(jwk as never);
  await repo.insertNodeKey(tx, {
    kid,
    publicJwk: { ...jwk, kid },
    encryptedPrivateKey: material.encryptedPrivateKey,
    notBefore: from,
    notAfter: new Date(from.getTime() + YEAR_MS),
  });
  return kid;
}

const asSigning = (k: { kid: string; encryptedPrivateKey: string }): SigningKey => ({
  kid: k.kid,
  material: { algorithm: 'Ed25519', publicKey: '', encryptedPrivateKey: k.encryptedPrivateKey },
});

/** The keys that sign now; a node's first message creates its first key. */
export async function signingKeys(deps: Deps, tx: Db): Promise<SigningKey[]> {
  const now = deps.clock.now();
  let keys = await repo.validNodeKeys(tx, now);
  if (keys.length === 0) {
    await repo.lockNodeKeys(tx);
    keys = await repo.validNodeKeys(tx, now);
    if (keys.length === 0) {
      await createKey(deps, tx, now);
      keys = await repo.validNodeKeys(tx, now);
    }
  }
  return keys.map(asSigning);
}

/**
 * Starts a rotation: a new key from now; the current ones sign on for `overlapDays` more. Returns
 * the new key's id and the keys that sign its announcement to the peers: the ones valid until now
 * (which the peers trust — even with no overlap at all) and the new one (its proof of possession).
 */
export async function rotateKeys(deps: Deps, tx: Db, overlapDays: number): Promise<{ kid: string; signers: SigningKey[] }> {
  const now = deps.clock.now();
  await repo.lockNodeKeys(tx);
  const current = await repo.validNodeKeys(tx, now);
  const end = new Date(now.getTime() + overlapDays * 24 * 3600 * 1000);
  for (const k of current) if (k.notAfter > end) await repo.setNodeKeyEnd(tx, k.kid, end);
  const kid = await createKey(deps, tx, now);
  const created = (await repo.allNodeKeys(tx)).find((k) => k.kid === kid)!;
  // A JWS carries at most four signatures: the newest current keys and the new one.
  return { kid, signers: [...current.slice(-3), created].map(asSigning) };
}

/** Revokes a key; returns it (to sign its own revocation: a revocation only takes trust away), or null when no such key was in force. */
export async function revokeKey(tx: Db, kid: string, at: Date): Promise<SigningKey | null> {
  const row = await repo.revokeNodeKey(tx, kid, at);
  return row ? asSigning(row) : null;
}

export async function publishedKeys(db: Db): Promise<VerifyingKey[]> {
  return (await repo.allNodeKeys(db)).map((k) => ({
    kid: k.kid,
    jwk: k.publicJwk,
    notBefore: k.notBefore.toISOString(),
    notAfter: k.notAfter.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }));
}

/** When the last of the keys not revoked nor expired at `now` expires (null: none is left): after it nothing verifies. */
export function keyExpiry(keys: readonly VerifyingKey[], now: Date): Date | null {
  const valid = keys.filter((k) => !k.revokedAt && Date.parse(k.notAfter) > now.getTime());
  return valid.length ? new Date(Math.max(...valid.map((k) => Date.parse(k.notAfter)))) : null;
}

export interface TrustBundle {
  v: 1;
  type: 'trust';
  nodeId: string;
  party: string;
  url: string;
  keys: VerifyingKey[];
  /** The node's TLS certificate for the exchange, which the peer pins (null when it has none: a node behind a TLS-terminating proxy). */
  tls: { certificate: string; fingerprint256: string } | null;
  at: string;
}

/** This node's trust bundle: who it is, where, and its keys, signed by its valid keys. */
export async function trustBundle(deps: Deps): Promise<{ jws: string; payloadHash: string; bundle: TrustBundle }> {
  return deps.db.transaction(async (tx) => {
    const keys = await signingKeys(deps, tx);
    const bundle: TrustBundle = {
      v: 1,
      type: 'trust',
      nodeId: deps.config.exchange.nodeId,
      party: deps.config.nodeParty,
      url: deps.config.exchange.url,
      keys: await publishedKeys(tx),
      tls: tlsOf(deps),
      at: deps.clock.now().toISOString(),
    };
    return { ...signJws(bundle, keys, deps.signer, TRUST_TYPE), bundle };
  });
}

export function tlsOf(deps: Deps): TrustBundle['tls'] {
  const tls = readNodeTls(deps.config);
  return tls ? { certificate: tls.certPem, fingerprint256: tls.fingerprint256 } : null;
}

/** Signs requests to peers per RFC 9421 with this node's first valid key (the listener verifies them). */
export function nodeRequestSigner(deps: Deps): RequestSigner {
  return async ({ method, url, headers, body }) => {
    const [key] = await deps.db.transaction(async (tx) => signingKeys(deps, tx));
    return signRequest({
      method,
      url,
      headers,
      body,
      keyId: key!.kid,
      key: (data) => Buffer.from(deps.signer.sign(key!.material, data), 'base64'),
      created: Math.floor(deps.clock.now().getTime() / 1000),
    });
  };
}

/** A peer as its trust bundle describes it, under the name this node's registry uses for it. */
export function peerOf(b: TrustBundle, name: string) {
  return {
    nodeId: b.nodeId,
    name,
    party: b.party as Party,
    url: b.url,
    keys: b.keys,
    tlsCertificate: b.tls?.certificate ?? null,
    tlsFingerprint: b.tls?.fingerprint256 ?? null,
  };
}

/** Reads a trust bundle: it must be signed by the keys it lists. */
export async function openTrustBundle(jws: string): Promise<{ bundle: TrustBundle; payloadHash: string } | null> {
  let listed: VerifyingKey[];
  try {
    const payload = JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8')) as TrustBundle;
    listed = Array.isArray(payload.keys) ? payload.keys : [];
  } catch {
    return null;
  }
  const v = await verifyJws<TrustBundle>(jws, listed, TRUST_TYPE);
  if (!v.ok || v.value.payload.type !== 'trust') return null;
  return { bundle: v.value.payload, payloadHash: v.value.payloadHash };
}
