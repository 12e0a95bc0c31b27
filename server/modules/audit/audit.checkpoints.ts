import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { AUDIT_CHECKPOINT_CONTEXT, AuditCheckpoint } from '../../../domain/schemas/audit.ts';

/**
 * Signed checkpoints of the audit chain, kept OUTSIDE the database: the key in a file (or wherever
 * AUDIT_CHECKPOINT_KEY_FILE points) and the checkpoints appended to a JSON-lines file. Whoever can
 * rewrite the table and recompute every hash cannot forge a checkpoint without the key, so a rewrite
 * of any row before the last checkpoint is found. Ed25519 from node:crypto; nothing hand-rolled.
 */

export interface CheckpointPublicKey {
  keyId: string;
  key: KeyObject;
  /** SPKI PEM, what auditors download. */
  pem: string;
}

export interface CheckpointSigner extends CheckpointPublicKey {
  sign(fields: Omit<AuditCheckpoint, 'v' | 'keyId' | 'signature'>): AuditCheckpoint;
}

/** sha256 of the key's SPKI DER, first 16 bytes in hex: names the key in every checkpoint. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

/** Reads a public key (or derives it from a private key) in PEM; Ed25519 only. */
export function publicKeyFromPem(pem: string): CheckpointPublicKey {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return { key, keyId: keyIdOf(key), pem: key.export({ type: 'spki', format: 'pem' }).toString() };
}

/** The bytes a checkpoint's signature covers: a context string and the RFC 8785 JSON of its fields. */
export function checkpointBytes(cp: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(AUDIT_CHECKPOINT_CONTEXT + canonicalize({ v: cp.v, seq: cp.seq, rows: cp.rows, hash: cp.hash, at: cp.at, keyId: cp.keyId }));
}

const signers = new Map<string, CheckpointSigner>();

/**
 * The signing key: the PKCS#8 PEM file, created once (mode 0600) when missing. Written to a
 * temporary file and linked into place, so instances starting together never read half a key.
 */
export function checkpointSigner(keyFile: string): CheckpointSigner {
  const cached = signers.get(keyFile);
  if (cached) return cached;
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const tmp = `${keyFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, keyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another instance made it first
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(keyFile));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile}: not an Ed25519 private key`);
  const pub = publicKeyFromPem(createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString());
  const signer: CheckpointSigner = {
    ...pub,
    sign(fields) {
      const unsigned = { v: 1 as const, seq: fields.seq, rows: fields.rows, hash: fields.hash, at: fields.at, keyId: pub.keyId };
      return { ...unsigned, signature: sign(null, checkpointBytes(unsigned), privateKey).toString('base64') };
    },
  };
  signers.set(keyFile, signer);
  return signer;
}

/** The public key of an existing key file, without creating one (the CLI must not make keys). */
export function existingCheckpointKey(keyFile: string): CheckpointPublicKey | null {
  return fs.existsSync(keyFile) ? publicKeyFromPem(fs.readFileSync(keyFile, 'utf8')) : null;
}

export function checkpointSignatureValid(cp: AuditCheckpoint, keys: readonly CheckpointPublicKey[]): boolean {
  const key = keys.find((k) => k.keyId === cp.keyId);
  if (!key) return false;
  try {
    return verify(null, checkpointBytes(cp), key.key, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Appends one checkpoint as a JSON line and flushes it to disk: it is evidence. */
export function appendCheckpoint(file: string, cp: AuditCheckpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o644);
  try {
    // One write of one short line: appends of several instances do not interleave.
    fs.writeSync(fd, `${JSON.stringify(cp)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface ParsedCheckpoints {
  checkpoints: { cp: AuditCheckpoint; line: number; file: string }[];
  malformed: { line: number; file: string; problem: string }[];
}

/** Parses a checkpoint file's text; blank lines are skipped, anything else must be a checkpoint. */
export function parseCheckpoints(text: string, file: string): ParsedCheckpoints {
  const out: ParsedCheckpoints = { checkpoints: [], malformed: [] };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      out.malformed.push({ line: i + 1, file, problem: 'not_json' });
      return;
    }
    const parsed = AuditCheckpoint.safeParse(value);
    if (parsed.success) out.checkpoints.push({ cp: parsed.data, line: i + 1, file });
    else out.malformed.push({ line: i + 1, file, problem: 'malformed' });
  });
  return out;
}

/** Reads checkpoint files; a missing file has no checkpoints (none was signed yet). */
export function readCheckpointFiles(files: readonly string[]): ParsedCheckpoints {
  const all: ParsedCheckpoints = { checkpoints: [], malformed: [] };
  for (const file of files) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const parsed = parseCheckpoints(text, file);
    all.checkpoints.push(...parsed.checkpoints);
    all.malformed.push(...parsed.malformed);
  }
  return all;
}

export function checkpointFileBytes(file: string): Buffer {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
}
