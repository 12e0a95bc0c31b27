import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { signRequest, verifyRequest, type SignatureHeaders, type VerifyRequestInput } from './http-signature.ts';

const ru = generateKeyPairSync('ed25519');
const kz = generateKeyPairSync('ed25519');
const NOW = new Date('2026-03-02T10:00:00Z');
const CREATED = Math.floor(NOW.getTime() / 1000);
const URL_ = 'https://kz-node.example:8443/api/exchange/inbox';
const BODY = '{"type":"item.sent","id":"0195"}';

function signed(
  overrides: { body?: string; created?: number; nonce?: string; key?: KeyObject; keyId?: string } = {},
): SignatureHeaders & { 'content-type': string } {
  const headers = { 'content-type': 'application/json' };
  const added = signRequest({
    method: 'POST',
    url: URL_,
    headers,
    body: overrides.body ?? BODY,
    key: overrides.key ?? ru.privateKey,
    keyId: overrides.keyId ?? 'ru-node-2026',
    created: overrides.created ?? CREATED,
    nonce: overrides.nonce ?? 'n-1',
  });
  return { ...headers, ...added };
}

function check(headers: Record<string, string>, overrides: Partial<VerifyRequestInput> = {}) {
  return verifyRequest({
    method: 'POST',
    url: URL_,
    headers,
    body: BODY,
    now: NOW,
    maxSkewSeconds: 300,
    resolveKey: (keyId) => (keyId === 'ru-node-2026' ? ru.publicKey : null),
    ...overrides,
  });
}

describe(`HTTP message signatures between nodes ${TAG}`, () => {
  it('signs with the profile’s label, components and parameters, and the peer verifies it', () => {
    const headers = signed();
    expect(headers['content-digest']).toMatch(/^sha-256=:[A-Za-z0-9+/]+=*:$/);
    expect(headers['signature-input']).toBe(
      'bc=("@method" "@target-uri" "content-digest" "content-type");created=1772445600;nonce="n-1";keyid="ru-node-2026";alg="ed25519"',
    );
    expect(headers['signature']).toMatch(/^bc=:[A-Za-z0-9+/]{86}==:$/);
    expect(check(headers)).toEqual({ ok: true, keyId: 'ru-node-2026' });
    // The body may arrive as the bytes read from the socket.
    expect(check(headers, { body: Buffer.from(BODY) })).toEqual({ ok: true, keyId: 'ru-node-2026' });
    // Ed25519 is deterministic: same input, same signature.
    expect(signed().signature).toBe(headers.signature);
  });

  it('a changed body is bad_digest; a digest rewritten to match it is bad_signature', () => {
    const headers = signed();
    expect(check(headers, { body: BODY.replace('0195', '0196') })).toEqual({ ok: false, reason: 'bad_digest' });
    const forged = { ...headers, 'content-digest': signed({ body: '{"x":1}' })['content-digest'] };
    expect(check(forged, { body: '{"x":1}' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a changed method, target URI or content type is bad_signature', () => {
    const headers = signed();
    expect(check(headers, { method: 'PUT' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check(headers, { url: 'https://kz-node.example:8443/api/exchange/other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ ...headers, 'content-type': 'text/plain' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a key the verifier does not know is unknown_key; a known id with another node’s key is bad_signature', () => {
    expect(check(signed({ keyId: 'stranger' }))).toEqual({ ok: false, reason: 'unknown_key' });
    expect(check(signed({ key: kz.privateKey }))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('created outside the allowed skew, in the past or the future, is expired; at the edge it passes', () => {
    expect(check(signed({ created: CREATED - 301 }))).toEqual({ ok: false, reason: 'expired' });
    expect(check(signed({ created: CREATED + 301 }))).toEqual({ ok: false, reason: 'expired' });
    expect(check(signed({ created: CREATED - 300 })).ok).toBe(true);
    expect(check(signed({ created: CREATED + 300 })).ok).toBe(true);
  });

  it('a nonce seen before is replayed_nonce; the store is asked only once the signature holds', () => {
    const seen = new Set<string>();
    const calls: string[] = [];
    const seenNonce = (keyId: string, nonce: string) => {
      calls.push(`${keyId}/${nonce}`);
      const key = `${keyId}/${nonce}`;
      const had = seen.has(key);
      seen.add(key);
      return had;
    };
    const headers = signed({ nonce: 'once' });
    expect(check(headers, { seenNonce })).toEqual({ ok: true, keyId: 'ru-node-2026' });
    expect(check(headers, { seenNonce })).toEqual({ ok: false, reason: 'replayed_nonce' });
    expect(check(signed({ nonce: 'twice' }), { seenNonce }).ok).toBe(true);
    // A forged request does not burn a nonce the real sender has yet to use.
    expect(check(signed({ nonce: 'later' }), { seenNonce, method: 'DELETE' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(calls).toEqual(['ru-node-2026/once', 'ru-node-2026/once', 'ru-node-2026/twice']);
  });

  it('no signature is missing_signature; a signature under another label only is missing_signature too', () => {
    expect(check({ 'content-type': 'application/json' })).toEqual({ ok: false, reason: 'missing_signature' });
    const headers = signed();
    expect(
      check({ ...headers, 'signature-input': headers['signature-input'].replace(/^bc=/, 'other='), signature: headers.signature.replace(/^bc=/, 'other=') }),
    ).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
  });

  it('garbage, a half signature or a weaker profile is malformed', () => {
    const headers = signed();
    const input = headers['signature-input'];
    expect(check({ ...headers, signature: 'bc=:not base64' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ ...headers, 'signature-input': 'bc=(' })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ 'content-type': 'application/json', 'signature-input': input, 'content-digest': headers['content-digest'] })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    // Covers less than the profile asks (no content-digest), so the body would be unbound.
    expect(check({ ...headers, 'signature-input': input.replace(' "content-digest"', '') })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ ...headers, 'signature-input': input.replace(';nonce="n-1"', '') })).toEqual({ ok: false, reason: 'malformed' });
    expect(check({ ...headers, 'signature-input': input.replace('alg="ed25519"', 'alg="hmac-sha256"') })).toEqual({ ok: false, reason: 'malformed' });
    const { 'content-digest': _digest, ...withoutDigest } = headers;
    expect(check(withoutDigest)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('an expires parameter in the past is expired', () => {
    const headers = signed();
    expect(check({ ...headers, 'signature-input': `${headers['signature-input']};expires=${CREATED - 1}` })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses to sign without a content type or with a key that is not Ed25519', () => {
    expect(() => signRequest({ method: 'POST', url: URL_, headers: {}, body: BODY, key: ru.privateKey, keyId: 'k' })).toThrow(/content-type/);
    expect(() =>
      signRequest({ method: 'POST', url: URL_, headers: { 'content-type': 'application/json' }, body: BODY, key: ru.publicKey, keyId: 'k' }),
    ).toThrow(/Ed25519/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() =>
      signRequest({ method: 'POST', url: URL_, headers: { 'content-type': 'application/json' }, body: BODY, key: ec.privateKey, keyId: 'k' }),
    ).toThrow(/Ed25519/);
  });
});
