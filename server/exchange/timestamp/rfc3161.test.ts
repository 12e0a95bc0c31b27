import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { startTestTsa, type TestTsa } from '../../test/tsa.ts';
import { newNonce, OID_SHA256, rfc3161Client, TimestampError, timestampRequest, verifyTimestampToken } from './rfc3161.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const note = 'border-cooperation/exchange/ru-node/kz-node\n3\nAAAA\n\n— ru-node abcd\n';

async function failure(p: Promise<unknown>): Promise<TimestampError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TimestampError) return err;
    throw err;
  }
  throw new Error('expected a TimestampError');
}

describe(`RFC 3161 time-stamp client ${TAG}`, () => {
  let tsa: TestTsa;
  beforeAll(async () => {
    tsa = await startTestTsa({ name: 'Border Test TSA' });
  });
  afterAll(async () => tsa?.stop());

  it('the request is a DER TimeStampReq v1 with a SHA-256 imprint, the nonce and certReq', () => {
    const digest = sha256(note);
    const nonce = newNonce();
    const req = pkijs.TimeStampReq.fromBER(timestampRequest(digest, nonce));
    expect(req.version).toBe(1);
    expect(req.messageImprint.hashAlgorithm.algorithmId).toBe(OID_SHA256);
    expect(Buffer.from(req.messageImprint.hashedMessage.valueBlock.valueHexView).equals(digest)).toBe(true);
    expect(Buffer.from(req.nonce!.valueBlock.valueHexView).equals(nonce)).toBe(true);
    expect(req.certReq).toBe(true);
    expect(() => timestampRequest(Buffer.alloc(20), nonce)).toThrow(TypeError);
  });

  it('a granted token verifies over the digest it stamps, with its time, serial and the TSA certificate', async () => {
    const digest = sha256(note);
    const before = Date.now();
    const token = await rfc3161Client(tsa.url).stamp(digest);
    const v = await verifyTimestampToken(token, digest);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.tsa).toBe('Border Test TSA');
    expect(v.value.certificateSha256).toBe(createHash('sha256').update(tsa.certificate).digest('hex'));
    expect(v.value.genTime.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(v.value.policy).toBe('1.2.3.4.1');
    // Over another datum it does not.
    expect(await verifyTimestampToken(token, sha256(`${note}x`))).toMatchObject({ ok: false, reason: 'imprint_mismatch' });
  });

  it('a tampered token fails: a byte of the signed TSTInfo, of the signature, or garbage', async () => {
    const digest = sha256(note);
    const token = await rfc3161Client(tsa.url).stamp(digest);
    // The genTime digits sit inside the TSTInfo: change one and the message digest no longer matches.
    const text = token.toString('latin1');
    const at = text.search(/20\d{12}Z/) + 3;
    const time = Buffer.from(token);
    time[at] = time[at] === 0x31 ? 0x32 : 0x31;
    expect(await verifyTimestampToken(time, digest)).toMatchObject({ ok: false, reason: 'bad_signature' });
    // The last bytes are the ECDSA signature.
    const sig = Buffer.from(token);
    sig[sig.length - 3]! ^= 0x01;
    expect(await verifyTimestampToken(sig, digest)).toMatchObject({ ok: false, reason: expect.stringMatching(/bad_signature|malformed/) });
    expect(await verifyTimestampToken(Buffer.from('not a token'), digest)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('the client refuses a rejection, another digest, another nonce, a signing certificate not named by the signed attributes and an HTTP error; a closed port is unreachable', async () => {
    const digest = sha256(note);
    const client = rfc3161Client(tsa.url);
    const cases: [TestTsa['mode'], string][] = [
      ['reject', 'rejected'],
      ['other_digest', 'imprint_mismatch'],
      ['other_nonce', 'nonce_mismatch'],
      ['other_certificate', 'bad_certificate'],
      ['http_500', 'http_status'],
    ];
    for (const [mode, code] of cases) {
      tsa.mode = mode;
      expect((await failure(client.stamp(digest))).code, mode).toBe(code);
    }
    tsa.mode = 'ok';
    await tsa.stop();
    expect((await failure(client.stamp(digest))).code).toBe('unreachable');
    await tsa.start();
    expect((await verifyTimestampToken(await client.stamp(digest), digest)).ok).toBe(true);
  });
});
