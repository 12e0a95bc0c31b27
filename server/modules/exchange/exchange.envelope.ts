import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { base64url, flattenedVerify, importJWK, type JWK } from 'jose';
import type { SignatureAttestation } from '../../../domain/signatures.ts';
import type { KeyMaterial, SignatureProvider } from '../signing/index.ts';

/**
 * The signed artefacts of the exchange: envelopes (one action of a shared subject, with the side
 * rows it made and the people it names) and the receipts and rejections a node answers with. Each
 * is RFC 8785 canonical JSON, signed as a JWS in the general JSON serialization (RFC 7515 §7.2.1)
 * by every key of the sending node valid at that moment — two during a rotation. The payload is
 * signed as its canonical bytes, so the SHA-256 of those bytes (the payload hash) names the content
 * whatever signatures it carries: a retry, a duplicate and the archive all agree on it.
 */

export const ENVELOPE_TYPE = 'bc-envelope+json';
export const RECEIPT_TYPE = 'bc-receipt+json';

export interface Person {
  id: string;
  fullName: string;
  officeCode: string;
  roles: string[];
}

export interface SigningKeyRow {
  id: string;
  userId: string;
  algorithm: string;
  publicKey: string;
}

export interface ActionEnvelope {
  v: 1;
  type: 'action';
  messageId: string;
  /** The per-peer stream: the n-th message from `from` to `to`, without gaps. */
  stream: { from: string; to: string; index: number };
  subject: { type: 'item' | 'event' | 'annual_block'; id: string; seq: number; prevHash: string; hash: string };
  /** The offices the subject runs between, by code, and the office that acted. */
  offices: { from: string; to: string; actor: string | null };
  /** The acting user, prefixed with the Party (as X-Road's userId). */
  actor: { userId: string; party: string; fullName: string; roles: string[] } | null;
  at: string;
  /** The subject's highest level of confidentiality after the action (A-9.2; each piece carries its own). */
  confidentiality: string;
  /** The action row as the sender's log holds it (instants as ISO strings). */
  action: Record<string, unknown>;
  /** The side rows of the subject as they stand after the action, by table. */
  sideRows: Record<string, Record<string, unknown>[]>;
  people: Person[];
  signingKeys: SigningKeyRow[];
  /** Files by SHA-256 and size; their bytes travel separately and are checked against the hash. */
  files: { sha256: string; size: number }[];
  /**
   * Issue 12: the sending node's check of each document signature its own signers made on the
   * subject (not voided), made when the message was — covered by the node's signature like the
   * rest. A receiver without a provider for a key's algorithm (GOST) shows it, marked as the
   * sender's; one with a provider checks for itself and raises an alert if they differ. Absent in
   * messages made before attestations.
   */
  attestations?: SignatureAttestation[];
}

/**
 * A record that is not an action of a subject's log: a change of a contact person (P-3, O-4.2), a
 * notice to the other Party's coordinator, a joint event or a statement on it (issue 12). Its
 * message id is the change's or notice's id (a fresh one per event record).
 */
export interface RecordEnvelope {
  v: 1;
  type: 'record';
  messageId: string;
  stream: { from: string; to: string; index: number };
  at: string;
  record:
    | { kind: 'contact_change'; officeCode: string; contact: Record<string, unknown>; change: Record<string, unknown>; notice: Record<string, unknown> }
    | { kind: 'party_notice'; officeCode: string | null; notice: Record<string, unknown> }
    /** Issue 12: a joint event (its office: the proposing one) and a counterpart's statement on it (its office: the counterpart). */
    | { kind: 'joint_event' | 'event_statement'; officeCode: string; content: Record<string, unknown> }
    | NodeKeyRecord;
}

/**
 * A change of the sending node's own keys (`exchange.nodekeys.ts`): a rotation (`kid` the new key)
 * or a revocation (`kid` the revoked key), with every key of the node as it stands after it and its
 * TLS certificate. Signed, like every envelope, by the node's keys valid then — during a rotation
 * the old key, which the peer trusts, vouches for the new one, which signs too.
 */
export interface NodeKeyRecord {
  kind: 'node_key';
  change: { type: 'rotated' | 'revoked'; kid: string };
  keys: VerifyingKey[];
  tls: { certificate: string; fingerprint256: string } | null;
}

export type ReceiptStatus = 'applied' | 'held';

export interface Receipt {
  v: 1;
  type: 'receipt';
  messageId: string;
  payloadHash: string;
  /** Who received it, from whom, at which index of their stream. */
  node: string;
  from: string;
  streamIndex: number;
  /** `applied` to the record; `held` stored and verified, waiting for an earlier action of its subject. */
  status: ReceiptStatus;
  receivedAt: string;
}

export interface Rejection {
  v: 1;
  type: 'rejection';
  messageId: string;
  payloadHash: string;
  node: string;
  from: string;
  streamIndex: number;
  code: RejectionCode;
  detail: string | null;
  at: string;
}

/** Why a message is refused for good (signed, stored, the same answer to every retry). */
export type RejectionCode =
  | 'NOT_ADDRESSED_HERE'
  | 'SUBJECT_NOT_SHARED'
  | 'ACTION_NOT_ALLOWED'
  | 'HASH_MISMATCH'
  | 'SEQUENCE_CONFLICT'
  /** Both nodes acted on the subject while apart and the other action stays (domain/forks.ts). */
  | 'FORK_LOST'
  | 'MESSAGE_ID_REUSED'
  | 'CONFIDENTIALITY_LOWERED'
  | 'MALFORMED';

export type Signed = ActionEnvelope | RecordEnvelope | Receipt | Rejection;

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export interface SigningKey {
  kid: string;
  material: KeyMaterial;
}

/** Signs a payload as a general-serialization JWS with each key given. */
export function signJws(payload: object, keys: readonly SigningKey[], signer: SignatureProvider, typ: string): { jws: string; payloadHash: string } {
  if (keys.length === 0) throw new Error('exchange: no valid node key to sign with');
  const bytes = Buffer.from(canonicalize(payload)!, 'utf8');
  const encoded = base64url.encode(bytes);
  const signatures = keys.map((k) => {
    const protectedHeader = base64url.encode(JSON.stringify({ alg: 'EdDSA', kid: k.kid, typ }));
    const sig = Buffer.from(signer.sign(k.material, Buffer.from(`${protectedHeader}.${encoded}`)), 'base64');
    return { protected: protectedHeader, signature: base64url.encode(sig) };
  });
  return { jws: JSON.stringify({ payload: encoded, signatures }), payloadHash: sha256Hex(bytes) };
}

/** A public key of a node with the time it may sign in. */
export interface VerifyingKey {
  kid: string;
  jwk: Record<string, unknown>;
  notBefore: string;
  notAfter: string;
  revokedAt: string | null;
}

export type VerifyFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'key_not_valid';

export interface Verified<T> {
  payload: T;
  payloadHash: string;
  kids: string[];
}

/**
 * Verifies a JWS against a node's keys. Every signature must verify with a key of that node, and
 * at least one key must have been valid (not before, not after, not revoked) at the time the
 * payload states (`at` or `receivedAt`): a message of last year verifies with last year's key.
 */
export async function verifyJws<T extends object>(
  text: string,
  keys: readonly VerifyingKey[],
  typ: string,
): Promise<{ ok: true; value: Verified<T> } | { ok: false; reason: VerifyFailure }> {
  let parsed: { payload?: unknown; signatures?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof parsed.payload !== 'string' || !Array.isArray(parsed.signatures) || parsed.signatures.length === 0 || parsed.signatures.length > 4)
    return { ok: false, reason: 'malformed' };
  let bytes: Uint8Array;
  let payload: T;
  try {
    bytes = base64url.decode(parsed.payload);
    payload = JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const kids: string[] = [];
  for (const s of parsed.signatures as { protected?: unknown; signature?: unknown }[]) {
    if (typeof s?.protected !== 'string' || typeof s.signature !== 'string') return { ok: false, reason: 'malformed' };
    let header: { alg?: string; kid?: string; typ?: string };
    try {
      header = JSON.parse(Buffer.from(base64url.decode(s.protected)).toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (header.alg !== 'EdDSA' || header.typ !== typ) return { ok: false, reason: 'malformed' };
    const key = keys.find((k) => k.kid === header.kid);
    // A key the reader has not imported yet (the sender's new key during a rotation) is passed over:
    // the message verifies by the other signature, the old key's, which the reader knows.
    if (!key) continue;
    try {
      await flattenedVerify({ payload: parsed.payload, protected: s.protected, signature: s.signature }, await importJWK(key.jwk as JWK, 'EdDSA'));
    } catch {
      return { ok: false, reason: 'bad_signature' };
    }
    kids.push(key.kid);
  }
  if (kids.length === 0) return { ok: false, reason: 'unknown_key' };
  const stated = Date.parse(String((payload as { at?: string; receivedAt?: string }).at ?? (payload as { receivedAt?: string }).receivedAt));
  const validAt = (k: VerifyingKey) =>
    Date.parse(k.notBefore) <= stated && stated < Date.parse(k.notAfter) && (k.revokedAt === null || stated < Date.parse(k.revokedAt));
  if (!keys.some((k) => kids.includes(k.kid) && validAt(k))) return { ok: false, reason: 'key_not_valid' };
  return { ok: true, value: { payload, payloadHash: sha256Hex(bytes), kids } };
}
