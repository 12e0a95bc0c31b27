/**
 * Checkpoints of the exchange log and their signatures, in the C2SP formats transparency logs use, so
 * that each node's signed tree head and the peer's countersignature are plain text any tlog tool reads:
 * - c2sp.org/tlog-checkpoint: the body — origin line, decimal tree size, base64 RFC 6962 root hash,
 *   optional extension lines, each ending in a newline;
 * - c2sp.org/signed-note (as golang.org/x/mod/sumdb/note): the body, a blank line, then one
 *   "— <name> base64(keyID ‖ signature)" line per signature; Ed25519 keys are of type 0x01 and
 *   keyID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4];
 * - c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1": the peer's countersignature, of key type 0x04,
 *   whose signature is an 8-byte big-endian POSIX timestamp ‖ Ed25519 over
 *   "cosignature/v1\ntime <t>\n" ‖ body — "as of t, this is the largest consistent tree I saw".
 * The note text is data from the peer: parsing refuses anything malformed (MalformedNoteError) and a
 * signature is "verified" only when a configured key (name and key ID both) checks it.
 */
import { type KeyObject, createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

/** Signature type bytes of c2sp.org/signed-note. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

const EM_DASH = '\u2014';
const HASH_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const TIMESTAMP_SIZE = 8;
/** sumdb/note refuses more; c2sp asks verifiers to accept at least 16. */
const MAX_SIGNATURES = 100;

export class MalformedNoteError extends Error {
  override name = 'MalformedNoteError';
}

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export interface ParsedCheckpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

/**
 * A key that signs notes: the log's own (Ed25519, type 0x01) or a cosigner's (type 0x04). Either the
 * private key itself, or its public key and a function that signs with it (a key kept sealed by a
 * signature provider never leaves it).
 */
export type NoteSigner = { name: string; privateKey: KeyObject } | { name: string; publicKey: KeyObject; sign: (data: Buffer) => Buffer };

const publicOf = (s: NoteSigner): KeyObject => ('privateKey' in s ? s.privateKey : s.publicKey);
const signWith = (s: NoteSigner, data: Buffer): Buffer => ('privateKey' in s ? sign(null, data, s.privateKey) : s.sign(data));

/** A key a reader trusts; `type` picks which signatures it checks (plain Ed25519 unless told). */
export interface NoteVerifier {
  name: string;
  publicKey: KeyObject;
  type?: 'ed25519' | 'cosignature/v1';
}

export interface NoteSignature {
  name: string;
  keyId: Buffer;
  /** The signature bytes after the key ID (for a cosignature: timestamp ‖ Ed25519 signature). */
  signature: Buffer;
  /** True only when a configured key with this name and key ID checked the signature. */
  verified: boolean;
  /** `invalid`: a configured key matched but the signature does not check — reject the note (signed-note §Signatures). */
  status: 'verified' | 'invalid' | 'unknown';
  /** For a cosignature checked by a cosignature/v1 verifier: the time it states (POSIX seconds). */
  timestamp?: number;
}

export interface OpenedNote {
  body: string;
  signatures: NoteSignature[];
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return true;
  }
  return false;
}

/** Text that is valid UTF-8 once encoded (no lone surrogates) and has no control character but newline. */
function isNoteText(text: string): boolean {
  return text.isWellFormed() && !hasControlCharacter(text);
}

/** signed-note: key names are non-empty, without Unicode spaces or '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && isNoteText(name);
}

/** Strict standard base64 (RFC 4648 §4): decoding then encoding must give back the same text. */
function decodeBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** c2sp.org/tlog-checkpoint §Note text. */
export function checkpointBody({ origin, size, rootHash, extensions = [] }: Checkpoint): string {
  if (origin.length === 0 || origin.includes('\n') || !isNoteText(origin)) throw new MalformedNoteError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new MalformedNoteError(`checkpoint size must be a non-negative integer, not ${size}`);
  if (rootHash.length !== HASH_SIZE) throw new MalformedNoteError('checkpoint root hash must be 32 bytes');
  for (const line of extensions) {
    if (line.length === 0 || line.includes('\n') || !isNoteText(line))
      throw new MalformedNoteError('checkpoint extension lines must be non-empty single lines');
  }
  return [origin, String(size), Buffer.from(rootHash).toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

/** The reverse of checkpointBody; refuses anything it would not have written. */
export function parseCheckpoint(body: string): ParsedCheckpoint {
  if (!body.endsWith('\n') || !isNoteText(body)) throw new MalformedNoteError('checkpoint body must be newline-terminated text');
  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split('\n');
  if (!origin || sizeText === undefined || rootText === undefined) throw new MalformedNoteError('checkpoint needs origin, size and root hash lines');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw new MalformedNoteError(`bad checkpoint size "${sizeText}"`);
  const rootHash = decodeBase64(rootText);
  if (!rootHash || rootHash.length !== HASH_SIZE) throw new MalformedNoteError('checkpoint root hash must be base64 of 32 bytes');
  if (extensions.some((line) => line.length === 0)) throw new MalformedNoteError('checkpoint extension lines must be non-empty');
  return { origin, size: Number(sizeText), rootHash, extensions };
}

/** The 32-byte RFC 8032 encoding of an Ed25519 key (public, or the public half of a private one). */
export function ed25519PublicKeyRaw(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${publicKey.asymmetricKeyType}`);
  const { x } = publicKey.export({ format: 'jwk' });
  return Buffer.from(x ?? '', 'base64url');
}

/** An Ed25519 private key from its 32-byte RFC 8032 seed (the form sumdb/note private keys carry). */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed is 32 bytes');
  // PKCS#8 PrivateKeyInfo for id-Ed25519 (RFC 8410 §7) around the seed.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** signed-note §Signatures: SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]. */
export function keyId(name: string, publicKeyRaw: Uint8Array, type: number = SIG_TYPE_ED25519): Buffer {
  return createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, type]))
    .update(publicKeyRaw)
    .digest()
    .subarray(0, 4);
}

/** signed-note §Verifier keys: "<name>+<hex key ID>+base64(type ‖ public key)". */
export function formatVerifierKey(name: string, publicKey: KeyObject, type: number = SIG_TYPE_ED25519): string {
  const raw = ed25519PublicKeyRaw(publicKey);
  return `${name}+${keyId(name, raw, type).toString('hex')}+${Buffer.concat([Buffer.from([type]), raw]).toString('base64')}`;
}

/** Parses a vkey of type 0x01 or 0x04, checking its key ID. */
export function parseVerifierKey(vkey: string): NoteVerifier & { keyId: Buffer } {
  // The name holds no '+', the base64 may: split at the first two only.
  const [name, idHex, ...keyParts] = vkey.split('+');
  const key = decodeBase64(keyParts.join('+'));
  if (!name || !isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex ?? '') || !key || key.length !== 33) {
    throw new MalformedNoteError('malformed verifier key');
  }
  const type = key[0]!;
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1) throw new MalformedNoteError(`unsupported verifier key type ${type}`);
  const raw = key.subarray(1);
  const id = keyId(name, raw, type);
  if (id.toString('hex') !== idHex) throw new MalformedNoteError('verifier key ID does not match the key');
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { name, keyId: id, publicKey, type: type === SIG_TYPE_ED25519 ? 'ed25519' : 'cosignature/v1' };
}

function signatureLine(name: string, id: Buffer, signature: Uint8Array): string {
  return `${EM_DASH} ${name} ${Buffer.concat([id, signature]).toString('base64')}\n`;
}

function checkSigner(signer: NoteSigner): void {
  if (!isValidKeyName(signer.name)) throw new MalformedNoteError(`invalid key name "${signer.name}"`);
}

function checkBody(body: string): void {
  // The body ends in a newline and holds no blank line at its end, or the blank line would be misread.
  if (!body.endsWith('\n') || body === '\n' || body.endsWith('\n\n') || !isNoteText(body)) {
    throw new MalformedNoteError('note text must be newline-terminated text without control characters');
  }
}

/** Signs `body` with an Ed25519 key (type 0x01): the body, a blank line, the signature line. */
export function signNote(body: string, signer: NoteSigner): string {
  checkBody(body);
  checkSigner(signer);
  const id = keyId(signer.name, ed25519PublicKeyRaw(publicOf(signer)));
  return `${body}\n${signatureLine(signer.name, id, signWith(signer, Buffer.from(body)))}`;
}

/** Adds signature lines (e.g. the peer's cosignature) to a signed note. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  if (!note.includes('\n\n') || !note.endsWith('\n')) throw new MalformedNoteError('not a signed note');
  return note + lines.map((line) => (line.endsWith('\n') ? line : `${line}\n`)).join('');
}

/** tlog-cosignature §Ed25519 signed message. */
export function cosignatureMessage(body: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${body}`);
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`cosignature timestamp must be non-negative POSIX seconds, not ${timestamp}`);
}

/**
 * The cosigner's signature line for a checkpoint it checked: key type 0x04, signature
 * timestamp (u64 big-endian) ‖ Ed25519(cosignature/v1 message). Append it with addSignatureLines.
 */
export function cosign(checkpointText: string, cosigner: NoteSigner, timestampSeconds: number): string {
  checkBody(checkpointText);
  parseCheckpoint(checkpointText);
  checkSigner(cosigner);
  checkTimestamp(timestampSeconds);
  const id = keyId(cosigner.name, ed25519PublicKeyRaw(publicOf(cosigner)), SIG_TYPE_COSIGNATURE_V1);
  const stamp = Buffer.alloc(TIMESTAMP_SIZE);
  stamp.writeBigUInt64BE(BigInt(timestampSeconds));
  const signature = signWith(cosigner, cosignatureMessage(checkpointText, timestampSeconds));
  return signatureLine(cosigner.name, id, Buffer.concat([stamp, signature]));
}

function parseSignatureLine(line: string): { name: string; keyId: Buffer; signature: Buffer } {
  const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
  const name = match?.[1];
  const bytes = decodeBase64(match?.[2] ?? '');
  if (!name || !isValidKeyName(name) || !bytes || bytes.length < 5) throw new MalformedNoteError('malformed signature line');
  return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}

/** Checks one signature with a verifier whose name and key ID match it; the timestamp for a cosignature. */
function check(body: string, signature: Buffer, verifier: NoteVerifier): { ok: boolean; timestamp?: number } {
  if (verifier.type !== 'cosignature/v1') {
    return { ok: signature.length === ED25519_SIGNATURE_SIZE && verify(null, Buffer.from(body), verifier.publicKey, signature) };
  }
  if (signature.length !== TIMESTAMP_SIZE + ED25519_SIGNATURE_SIZE) return { ok: false };
  const stamp = signature.readBigUInt64BE(0);
  if (stamp > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false };
  const timestamp = Number(stamp);
  const ok = verify(null, cosignatureMessage(body, timestamp), verifier.publicKey, signature.subarray(TIMESTAMP_SIZE));
  return ok ? { ok, timestamp } : { ok };
}

/**
 * Splits a signed note into its body and signatures and checks each signature made by a configured key
 * (same name and key ID; the key ID depends on the verifier's type). Signatures of other keys are
 * kept as `unknown`. Throws MalformedNoteError on anything that is not a signed note. The caller
 * decides what suffices: typically at least one `verified` and no `invalid`.
 */
export function openNote(text: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  if (!isNoteText(text) || !text.endsWith('\n')) throw new MalformedNoteError('a note is newline-terminated text without control characters');
  // The body ends at the last blank line (signed-note §Format); signature lines hold no blank line.
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new MalformedNoteError('a signed note needs a blank line before its signatures');
  const body = text.slice(0, split + 1);
  const lines = text.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new MalformedNoteError('too many signatures');
  const known = verifiers.map((v) => {
    const type = v.type === 'cosignature/v1' ? SIG_TYPE_COSIGNATURE_V1 : SIG_TYPE_ED25519;
    return { verifier: v, keyId: keyId(v.name, ed25519PublicKeyRaw(v.publicKey), type) };
  });
  const signatures = lines.map((line): NoteSignature => {
    const parsed = parseSignatureLine(line);
    const match = known.find((k) => k.verifier.name === parsed.name && k.keyId.equals(parsed.keyId));
    if (!match) return { ...parsed, verified: false, status: 'unknown' };
    const { ok, timestamp } = check(body, parsed.signature, match.verifier);
    return { ...parsed, verified: ok, status: ok ? 'verified' : 'invalid', ...(timestamp === undefined ? {} : { timestamp }) };
  });
  return { body, signatures };
}

/**
 * Checks a cosigner's signature line over a checkpoint body: the time it states (POSIX seconds), or
 * null when the line is not a valid cosignature/v1 by this cosigner.
 */
export function verifyCosignature(checkpointText: string, line: string, cosigner: { name: string; publicKey: KeyObject }): number | null {
  try {
    checkBody(checkpointText);
    parseCheckpoint(checkpointText);
    const opened = openNote(`${checkpointText}\n${line.endsWith('\n') ? line : `${line}\n`}`, [{ ...cosigner, type: 'cosignature/v1' }]);
    const [signature] = opened.signatures;
    return opened.signatures.length === 1 && signature?.verified ? (signature.timestamp ?? null) : null;
  } catch (err) {
    if (err instanceof MalformedNoteError) return null;
    throw err;
  }
}
