/**
 * Every request one node sends another is signed, on top of mutual TLS (./tls.ts): TLS proves which
 * machine is on the other end of the connection, the signature proves which node's key wrote this
 * request — what it asks for, where, and with exactly which bytes — and keeps that proof valid past
 * any proxy that ends TLS.
 *
 * RFC 9421 (HTTP Message Signatures), one profile only: label `bc`, covered components
 * `"@method" "@target-uri" "content-digest" "content-type"`, parameters `created`, `nonce`, `keyid`,
 * `alg="ed25519"` (RFC 9421 §3.3.6, Ed25519 of RFC 8032). The body is bound through RFC 9530
 * `Content-Digest` (sha-256), which the verifier recomputes from the bytes it received (RFC 9421
 * §7.2.8: a signature over the digest field alone proves nothing about the content).
 *
 * The signature base (component values, field canonicalisation) is built by `http-message-signatures`,
 * whose output the tests check against RFC 9421 Appendix B; the structured fields are parsed and
 * written by `structured-headers` (RFC 8941/9651). Signing and checking are node:crypto, synchronous.
 */
import { createHash, randomUUID, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { httpbis } from 'http-message-signatures';
import { isInnerList, parseDictionary, serializeDictionary, serializeInnerList, serializeItem, type InnerList, type Item } from 'structured-headers';
import type { FastifyRequest } from 'fastify';

/** The signature label of this profile (RFC 9421 §4.1). */
export const SIGNATURE_LABEL = 'bc';
/** The components every request's signature covers, in this order. */
export const COVERED_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'content-type'] as const;

export type HeaderValue = string | string[] | undefined;
export type Headers = Record<string, HeaderValue>;

export interface HttpRequestParts {
  method: string;
  /** The absolute target URI, as the client sent it (`https://host:port/path?query`). */
  url: string;
  headers: Headers;
}

export type VerifyFailure = 'missing_signature' | 'bad_digest' | 'unknown_key' | 'bad_signature' | 'expired' | 'replayed_nonce' | 'malformed';
export type VerifyResult = { ok: true; keyId: string } | { ok: false; reason: VerifyFailure };

const DIGESTS = { 'sha-256': 'sha256', 'sha-512': 'sha512' } as const;

function bytesOf(body: Uint8Array | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** RFC 9530 §2: `sha-256=:<base64 of SHA-256 over the content bytes>:`. */
export function contentDigest(body: Uint8Array | string): string {
  const digest = createHash('sha256').update(bytesOf(body)).digest();
  return serializeDictionary(new Map([['sha-256', [digest, new Map()]]]));
}

/**
 * Whether a Content-Digest field matches the body: at least one algorithm we know (sha-256,
 * sha-512) is present and every one we know matches; unknown algorithms are ignored (RFC 9530 §2).
 * Null when the field cannot be parsed.
 */
export function contentDigestMatches(field: string, body: Uint8Array | string): boolean | null {
  let parsed;
  try {
    parsed = parseDictionary(field);
  } catch {
    return null;
  }
  const bytes = bytesOf(body);
  let checked = 0;
  for (const [name, member] of parsed) {
    if (!(name in DIGESTS)) continue;
    const value = isInnerList(member) ? null : member[0];
    if (!(value instanceof ArrayBuffer)) return null;
    const expected = createHash(DIGESTS[name as keyof typeof DIGESTS])
      .update(bytes)
      .digest();
    const given = Buffer.from(value);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    checked++;
  }
  return checked > 0;
}

function flatHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

/**
 * The RFC 9421 §2.5 signature base for the given covered components and signature parameters
 * (the `@signature-params` line is the serialization of that inner list). Exported for the tests,
 * which hold it against the RFC's examples.
 */
export function signatureBase(request: HttpRequestParts, signatureParams: InnerList): string {
  const fields = signatureParams[0].map((item) => serializeItem(item));
  const base = httpbis.createSignatureBase({ fields }, { method: request.method, url: request.url, headers: flatHeaders(request.headers) });
  base.push(['"@signature-params"', [serializeInnerList(signatureParams)]]);
  return httpbis.formatSignatureBase(base);
}

/** The headers `signRequest` adds (a `Record<string, string>`). */
export type SignatureHeaders = { 'content-digest': string; 'signature-input': string; signature: string };

export interface SignRequestInput extends HttpRequestParts {
  body: Uint8Array | string;
  /** The Ed25519 private key, or a function that signs with a key kept sealed elsewhere (the node's signature provider). */
  key: KeyObject | ((data: Buffer) => Buffer);
  keyId: string;
  /** Unix seconds; now when omitted. */
  created?: number;
  /** Unique per request (the verifier refuses a second use); random when omitted. */
  nonce?: string;
}

/**
 * The headers to add to a request so the peer can verify it: `content-digest`, `signature-input`,
 * `signature`. The request's own headers must already carry `content-type`.
 */
export function signRequest(input: SignRequestInput): SignatureHeaders {
  const key = input.key;
  if (typeof key !== 'function' && (key.asymmetricKeyType !== 'ed25519' || key.type !== 'private')) throw new Error('signRequest needs an Ed25519 private key');
  const digest = contentDigest(input.body);
  const headers: Record<string, string | string[]> = { ...flatHeaders(input.headers), 'content-digest': digest };
  if (headers['content-type'] === undefined) throw new Error('signRequest: the request has no content-type header');
  const created = input.created ?? Math.floor(Date.now() / 1000);
  const nonce = input.nonce ?? randomUUID();
  const params: InnerList = [
    COVERED_COMPONENTS.map((name): Item => [name, new Map()]),
    new Map<string, string | number>([
      ['created', created],
      ['nonce', nonce],
      ['keyid', input.keyId],
      ['alg', 'ed25519'],
    ]),
  ];
  const base = signatureBase({ method: input.method, url: input.url, headers }, params);
  const signature = typeof key === 'function' ? key(Buffer.from(base, 'utf8')) : sign(null, Buffer.from(base, 'utf8'), key);
  return {
    'content-digest': digest,
    'signature-input': serializeDictionary(new Map([[SIGNATURE_LABEL, params]])),
    signature: serializeDictionary(new Map([[SIGNATURE_LABEL, [signature, new Map()]]])),
  };
}

export interface VerifyRequestInput extends HttpRequestParts {
  body: Uint8Array | string;
  now: Date;
  /** How far `created` may lie from `now`, in either direction. */
  maxSkewSeconds: number;
  /** The peer's Ed25519 public key for a key id, null when the id is not one of our peers'. */
  resolveKey: (keyId: string) => KeyObject | null;
  /** Records the nonce and answers whether it had been seen before; called only for a valid signature. */
  seenNonce?: (keyId: string, nonce: string) => boolean;
}

function headerText(headers: Headers, name: string): string | undefined {
  const value = flatHeaders(headers)[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Checks a request signed by `signRequest`; any other profile (other components, no nonce, another algorithm) is `malformed`. */
export function verifyRequest(input: VerifyRequestInput): VerifyResult {
  const fail = (reason: VerifyFailure): VerifyResult => ({ ok: false, reason });
  const inputField = headerText(input.headers, 'signature-input');
  const signatureField = headerText(input.headers, 'signature');
  if (inputField === undefined && signatureField === undefined) return fail('missing_signature');
  if (inputField === undefined || signatureField === undefined) return fail('malformed');

  let signatureParams: InnerList;
  let signature: Buffer;
  try {
    const inputs = parseDictionary(inputField);
    const signatures = parseDictionary(signatureField);
    const params = inputs.get(SIGNATURE_LABEL);
    const value = signatures.get(SIGNATURE_LABEL);
    if (params === undefined && value === undefined) return fail('missing_signature');
    if (params === undefined || value === undefined || !isInnerList(params) || isInnerList(value) || !(value[0] instanceof ArrayBuffer)) {
      return fail('malformed');
    }
    signatureParams = params;
    signature = Buffer.from(value[0]);
  } catch {
    return fail('malformed');
  }

  // The profile is enforced, not merely checked for a valid signature: a signature that covers
  // less (RFC 9421 §7.2.1) or carries no nonce would verify over a message it does not bind.
  const [items, params] = signatureParams;
  const components = items.map(([name, itemParams]) => (typeof name === 'string' && itemParams.size === 0 ? name : null));
  if (components.includes(null) || new Set(components).size !== components.length) return fail('malformed');
  if (!COVERED_COMPONENTS.every((name) => components.includes(name))) return fail('malformed');
  const created = params.get('created');
  const nonce = params.get('nonce');
  const keyId = params.get('keyid');
  const expires = params.get('expires');
  if (!Number.isInteger(created) || typeof nonce !== 'string' || nonce === '' || typeof keyId !== 'string' || params.get('alg') !== 'ed25519') {
    return fail('malformed');
  }
  if (expires !== undefined && !Number.isInteger(expires)) return fail('malformed');

  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (Math.abs(nowSeconds - (created as number)) > input.maxSkewSeconds) return fail('expired');
  if (expires !== undefined && nowSeconds > (expires as number)) return fail('expired');

  const key = input.resolveKey(keyId);
  if (!key || key.asymmetricKeyType !== 'ed25519') return fail('unknown_key');

  const digestField = headerText(input.headers, 'content-digest');
  if (digestField === undefined) return fail('malformed');
  const digestOk = contentDigestMatches(digestField, input.body);
  if (digestOk === null) return fail('malformed');
  if (!digestOk) return fail('bad_digest');

  let base: string;
  try {
    base = signatureBase(input, signatureParams);
  } catch {
    // A covered header the request does not carry.
    return fail('malformed');
  }
  if (!verify(null, Buffer.from(base, 'utf8'), key, signature)) return fail('bad_signature');

  if (input.seenNonce?.(keyId, nonce)) return fail('replayed_nonce');
  return { ok: true, keyId };
}

/** The `@target-uri` of a request as this server received it: always https, the Host the client named. */
export function requestTargetUri(request: FastifyRequest): string {
  return `https://${request.host}${request.url}`;
}
