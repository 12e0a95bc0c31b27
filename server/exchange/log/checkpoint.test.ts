import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MalformedNoteError,
  SIG_TYPE_COSIGNATURE_V1,
  addSignatureLines,
  checkpointBody,
  cosign,
  cosignatureMessage,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyRaw,
  formatVerifierKey,
  keyId,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  signNote,
  verifyCosignature,
} from './checkpoint.ts';
import { leafHash, rootOf } from './merkle.ts';

// golang.org/x/mod/sumdb/note note_test.go: the PeterNeumann and EnochRoot keys and signatures.
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

/** The signer of a sumdb/note private key "PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ seed)". */
function signerFromSkey(skey: string) {
  const [, , name, , ...key] = skey.split('+');
  const bytes = Buffer.from(key.join('+'), 'base64'); // base64 may hold '+' itself
  expect(bytes[0]).toBe(0x01);
  return { name: name!, privateKey: ed25519PrivateKeyFromSeed(bytes.subarray(1)) };
}

const peter = parseVerifierKey(PETER_VKEY);
const enoch = parseVerifierKey(ENOCH_VKEY);
const peterSigner = signerFromSkey(PETER_SKEY);

function newKey(name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { name, privateKey, publicKey };
}

const ROOT = rootOf(['a', 'b', 'c'].map((s) => leafHash(Buffer.from(s))));
const RU = newKey('border-cooperation.ru/exchange/kz');
const KZ = newKey('border-cooperation.kz/witness');

describe('signed note (c2sp.org/signed-note, sumdb/note vectors)', () => {
  it('computes the published key IDs from name and public key', () => {
    expect(keyId('PeterNeumann', ed25519PublicKeyRaw(peter.publicKey)).toString('hex')).toBe('c74f20a3');
    expect(keyId('EnochRoot', ed25519PublicKeyRaw(enoch.publicKey)).toString('hex')).toBe('af0cfe78');
    expect(ed25519PublicKeyRaw(peterSigner.privateKey)).toEqual(ed25519PublicKeyRaw(peter.publicKey));
    expect(formatVerifierKey('PeterNeumann', peter.publicKey)).toBe(PETER_VKEY);
    // sumdb/note's mangled keys: a key ID that does not match, an unknown type byte.
    expect(() => parseVerifierKey(PETER_VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(MalformedNoteError);
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(MalformedNoteError);
    // The same key as a cosigner has another ID: the type byte is hashed in.
    expect(keyId('PeterNeumann', ed25519PublicKeyRaw(peter.publicKey), SIG_TYPE_COSIGNATURE_V1).toString('hex')).not.toBe('c74f20a3');
  });

  it('reproduces the published PeterNeumann signature byte for byte', () => {
    expect(signNote(TEXT, peterSigner)).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('reproduces the c2sp.org/signed-note example', () => {
    const v = parseVerifierKey('example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k');
    const note =
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    expect(openNote(note, [v]).signatures.map((s) => s.status)).toEqual(['verified']);
  });

  it('opens the published two-signature note with one, both or no known keys', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(note, [peter]);
    expect(one.body).toBe(TEXT);
    expect(one.signatures.map((s) => [s.name, s.keyId.toString('hex'), s.status])).toEqual([
      ['PeterNeumann', 'c74f20a3', 'verified'],
      ['EnochRoot', 'af0cfe78', 'unknown'],
    ]);
    expect(openNote(note, [peter, enoch]).signatures.every((s) => s.verified)).toBe(true);
    expect(openNote(note, []).signatures.map((s) => s.status)).toEqual(['unknown', 'unknown']);
  });

  it('marks a signature invalid when the body, the key or the signature bytes change', () => {
    const changedBody = `${TEXT.replace('cryptography', 'cryptographY')}\n${PETER_SIG}`;
    expect(openNote(changedBody, [peter]).signatures[0]).toMatchObject({ status: 'invalid', verified: false });
    // sumdb/note's "invalid signature" probe: four characters spliced into the base64.
    const spliced = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    expect(openNote(spliced, [peter]).signatures[0]).toMatchObject({ status: 'invalid', verified: false });
    // The right name and key ID but another public key: must not verify.
    const impostor = { name: 'PeterNeumann', publicKey: newKey('x').publicKey };
    const note = `${TEXT}\n${PETER_SIG}`;
    expect(openNote(note, [impostor]).signatures[0]!.status).toBe('unknown');
    expect(openNote(note, [{ ...peter, name: 'PeterNeuman' }]).signatures[0]!.status).toBe('unknown');
  });

  it('refuses a truncated signature and other malformed notes (sumdb/note probes)', () => {
    const truncated = PETER_SIG.replace(/[A-Za-z0-9+/]{8}=\n$/u, '=\n');
    expect(() => openNote(`${TEXT}\n${truncated}`, [peter])).toThrow(MalformedNoteError);
    const shortButBase64 = `— PeterNeumann ${Buffer.from(PETER_SIG.split(' ')[2]!, 'base64').subarray(0, 40).toString('base64')}\n`;
    expect(openNote(`${TEXT}\n${shortButBase64}`, [peter]).signatures[0]!.status).toBe('invalid');
    for (const bad of [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\u0001${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ]) {
      expect(() => openNote(bad, [peter]), JSON.stringify(bad)).toThrow(MalformedNoteError);
    }
  });

  it('round-trips a checkpoint signed with a fresh key, and refuses to sign what it could not read back', () => {
    const body = checkpointBody({ origin: RU.name, size: 3, rootHash: ROOT });
    const note = signNote(body, RU);
    const opened = openNote(note, [{ name: RU.name, publicKey: RU.publicKey }]);
    expect(opened.body).toBe(body);
    expect(opened.signatures.map((s) => s.status)).toEqual(['verified']);
    expect(() => signNote('no newline', RU)).toThrow(MalformedNoteError);
    expect(() => signNote(`${body}\n`, RU)).toThrow(MalformedNoteError);
    expect(() => signNote(body, { ...RU, name: 'has space' })).toThrow(MalformedNoteError);
  });
});

describe('checkpoint (c2sp.org/tlog-checkpoint)', () => {
  it('writes the spec example and reads it back', () => {
    const rootHash = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');
    const body = checkpointBody({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash });
    expect(body).toBe('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(parseCheckpoint(body)).toEqual({ origin: 'example.com/behind-the-sofa', size: 20852163, rootHash, extensions: [] });
    const withExt = checkpointBody({ origin: 'o', size: 0, rootHash, extensions: ['ext one', 'two'] });
    expect(withExt.endsWith('\next one\ntwo\n')).toBe(true);
    expect(parseCheckpoint(withExt).extensions).toEqual(['ext one', 'two']);
  });

  it('refuses malformed bodies', () => {
    const root = ROOT.toString('base64');
    for (const bad of [
      `o\n3\n${root}`,
      `o\n03\n${root}\n`,
      `o\n-1\n${root}\n`,
      `o\n3\n${root.slice(0, -4)}\n`,
      `o\n3\n${root}\n\n`,
      `\n3\n${root}\n`,
      `o\n3\n`,
      `o\n99999999999999999999\n${root}\n`,
    ]) {
      expect(() => parseCheckpoint(bad), JSON.stringify(bad)).toThrow(MalformedNoteError);
    }
    expect(() => checkpointBody({ origin: 'a\nb', size: 1, rootHash: ROOT })).toThrow(MalformedNoteError);
    expect(() => checkpointBody({ origin: 'o', size: 1.5, rootHash: ROOT })).toThrow(MalformedNoteError);
    expect(() => checkpointBody({ origin: 'o', size: 1, rootHash: ROOT.subarray(1) })).toThrow(MalformedNoteError);
  });
});

describe('cosignature/v1 (c2sp.org/tlog-cosignature)', () => {
  it('signs the spec message: header, time line, then the body', () => {
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    expect(cosignatureMessage(body, 1679315147).toString()).toBe(`cosignature/v1\ntime 1679315147\n${body}`);
  });

  it('reads the layout of the spec example line: key ID, 8-byte big-endian time, 64-byte signature', () => {
    const example = '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const [sig] = openNote(`${body}\n${example}`, []).signatures;
    expect(sig!.name).toBe('witness.example.com/w1');
    expect(sig!.signature.length).toBe(72);
    // 1679315147, the time of the spec's message example.
    expect(Number(sig!.signature.readBigUInt64BE(0))).toBe(1679315147);
    const ours = cosign(body, KZ, 1679315147);
    const [mine] = openNote(`${body}\n${ours}`, []).signatures;
    expect(mine!.signature.subarray(0, 8)).toEqual(sig!.signature.subarray(0, 8));
    expect(mine!.keyId).toEqual(keyId(KZ.name, ed25519PublicKeyRaw(KZ.publicKey), 0x04));
  });

  it('the peer countersigns the signed checkpoint; both signatures verify on the combined note', () => {
    const body = checkpointBody({ origin: RU.name, size: 3, rootHash: ROOT });
    const note = signNote(body, RU);
    const line = cosign(body, KZ, 1_800_000_000);
    expect(verifyCosignature(body, line, KZ)).toBe(1_800_000_000);
    const both = openNote(addSignatureLines(note, [line]), [
      { name: RU.name, publicKey: RU.publicKey },
      { name: KZ.name, publicKey: KZ.publicKey, type: 'cosignature/v1' },
    ]);
    expect(both.signatures.map((s) => [s.name, s.status, s.timestamp])).toEqual([
      [RU.name, 'verified', undefined],
      [KZ.name, 'verified', 1_800_000_000],
    ]);
    // A plain Ed25519 verifier of the same key does not take the cosignature for a note signature.
    expect(openNote(addSignatureLines(note, [line]), [{ name: KZ.name, publicKey: KZ.publicKey }]).signatures[1]!.status).toBe('unknown');
  });

  it('refuses a cosignature on a changed body, by another key, with a changed time or truncated', () => {
    const body = checkpointBody({ origin: RU.name, size: 3, rootHash: ROOT });
    const line = cosign(body, KZ, 1_800_000_000);
    const other = checkpointBody({ origin: RU.name, size: 4, rootHash: ROOT });
    expect(verifyCosignature(other, line, KZ)).toBeNull();
    expect(verifyCosignature(body, line, { name: KZ.name, publicKey: RU.publicKey })).toBeNull();
    expect(verifyCosignature(body, line, { name: 'someone.else', publicKey: KZ.publicKey })).toBeNull();
    const bytes = Buffer.from(line.trim().split(' ')[2]!, 'base64');
    const retimed = Buffer.from(bytes);
    retimed[11] = retimed[11]! ^ 0x01;
    expect(verifyCosignature(body, `— ${KZ.name} ${retimed.toString('base64')}`, KZ)).toBeNull();
    expect(verifyCosignature(body, `— ${KZ.name} ${bytes.subarray(0, 40).toString('base64')}`, KZ)).toBeNull();
    expect(verifyCosignature(body, `— ${KZ.name} !!`, KZ)).toBeNull();
    expect(() => cosign('just one line\n', KZ, 1)).toThrow(MalformedNoteError);
    expect(() => cosign(body, KZ, -1)).toThrow(RangeError);
  });
});
