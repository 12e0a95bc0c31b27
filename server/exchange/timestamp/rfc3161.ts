/**
 * RFC 3161 time-stamps: a client of a time-stamp authority (TSA) over HTTP (RFC 3161 §3.4) and the
 * offline check of a TimeStampToken, with pkijs and asn1js.
 * - The request (§2.4.1): TimeStampReq v1, messageImprint = SHA-256 of the datum, a random 64-bit
 *   nonce, certReq TRUE (the TSA puts its certificate in the token, so the token verifies alone).
 * - The answer (§2.4.2): TimeStampResp; only `granted` (0) or `grantedWithMods` (1) carry a token.
 *   The client checks the token before it accepts it: its messageImprint is the digest it sent, the
 *   nonce is its own, and the CMS signature (RFC 5652) verifies with the certificate the token
 *   carries, a certificate whose extended key usage is id-kp-timeStamping (§2.3), valid at genTime
 *   and named by the ESS signing-certificate attribute (§2.4.2, RFC 5035).
 * The token carries only the digest, so the check is given the digest, never the datum. Whether the
 * TSA's certificate is the national authority's is for the reader to decide: the check reports its
 * subject and SHA-256 fingerprint. Signature algorithms are those of WebCrypto (RSA, ECDSA, Ed25519);
 * a token signed with GOST does not verify here.
 */
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** Stamps a SHA-256 digest: the DER TimeStampToken (a CMS ContentInfo), checked before it is returned. */
export interface TimestampAuthority {
  stamp(digest: Buffer): Promise<Buffer>;
}

export type TimestampFailure =
  'unreachable' | 'http_status' | 'malformed' | 'rejected' | 'imprint_mismatch' | 'nonce_mismatch' | 'bad_signature' | 'bad_certificate';

export class TimestampError extends Error {
  override name = 'TimestampError';
  readonly code: TimestampFailure;
  constructor(code: TimestampFailure, message: string) {
    super(message);
    this.code = code;
  }
}

export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_EXT_KEY_USAGE = '2.5.29.37';
const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_COMMON_NAME = '2.5.4.3';
const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const HASH_OF_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  [OID_SHA256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const MAX_RESPONSE_BYTES = 1024 * 1024;

/** One WebCrypto engine for pkijs, passed explicitly (no process-global engine). */
export const pkiEngine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'],
});

const bytes = (view: ArrayBuffer | ArrayBufferView): Buffer =>
  view instanceof ArrayBuffer ? Buffer.from(view) : Buffer.from(view.buffer, view.byteOffset, view.byteLength);

/** A positive 64-bit nonce, minimally encoded (its first byte 0x40–0x7f). */
export function newNonce(): Buffer {
  const n = randomBytes(8);
  n[0] = (n[0]! & 0x3f) | 0x40;
  return n;
}

/** The DER TimeStampReq for a SHA-256 digest. */
export function timestampRequest(digest: Buffer, nonce: Buffer): Buffer {
  if (digest.length !== 32) throw new TypeError('a SHA-256 digest is 32 bytes');
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: digest }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  return Buffer.from(req.toSchema().toBER());
}

/** The status of a TimeStampResp and its token's bytes exactly as the TSA sent them. */
export function parseTimestampResponse(der: Uint8Array): { status: number; token: Buffer | null; text: string | null } {
  let resp: pkijs.TimeStampResp;
  let tokenBytes: Buffer | null = null;
  try {
    resp = pkijs.TimeStampResp.fromBER(der);
    const asn = asn1js.fromBER(der);
    const token = (asn.result as asn1js.Sequence).valueBlock.value[1];
    if (token) tokenBytes = bytes(token.valueBeforeDecodeView);
  } catch {
    throw new TimestampError('malformed', 'the answer is not a TimeStampResp');
  }
  const text = resp.status.statusStrings?.map((s) => String(s.valueBlock.value)).join('; ') ?? null;
  return { status: resp.status.status, token: tokenBytes, text };
}

export interface VerifiedTimestamp {
  genTime: Date;
  /** The token's serial number and nonce, hex. */
  serial: string;
  nonce: string | null;
  policy: string;
  /** The TSA certificate's common name (or whole subject) and the SHA-256 of its DER. */
  tsa: string;
  certificateSha256: string;
}

/**
 * RFC 3161 §2.4.2 / RFC 5035: the signed attributes name the signing certificate by its hash (ESS
 * SigningCertificate, SHA-1, or SigningCertificateV2, SHA-256 unless stated): it must be this one.
 */
function namesSigningCertificate(attributes: pkijs.Attribute[], certDer: Buffer): boolean {
  try {
    const v2 = attributes.find((a) => a.type === OID_SIGNING_CERTIFICATE_V2)?.values[0] as asn1js.Sequence | undefined;
    const v1 = attributes.find((a) => a.type === OID_SIGNING_CERTIFICATE)?.values[0] as asn1js.Sequence | undefined;
    const first = ((v2 ?? v1)?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
    if (!first) return false;
    const parts = first.valueBlock.value;
    let algorithm = v2 ? 'sha256' : 'sha1';
    let hash = parts[0];
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      algorithm = HASH_OF_OID[new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId] ?? '';
      hash = parts[1];
    }
    if (!algorithm || !(hash instanceof asn1js.OctetString)) return false;
    return createHash(algorithm).update(certDer).digest().equals(bytes(hash.valueBlock.valueHexView));
  } catch {
    return false;
  }
}

function subjectOf(cert: pkijs.Certificate): string {
  const parts = cert.subject.typesAndValues.map((tv) => ({ type: tv.type, value: String(tv.value.valueBlock.value) }));
  return parts.find((p) => p.type === OID_COMMON_NAME)?.value ?? parts.map((p) => `${p.type}=${p.value}`).join(', ');
}

/**
 * Checks a DER TimeStampToken against the SHA-256 digest it should stamp: a CMS SignedData of a
 * TSTInfo whose messageImprint is that digest, signed (with signed attributes naming the TSTInfo
 * content type) by the certificate it carries, a time-stamping certificate valid at genTime.
 * Never throws: a token is data from outside.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  digest: Uint8Array,
): Promise<{ ok: true; value: VerifiedTimestamp } | { ok: false; reason: TimestampFailure; detail: string }> {
  const no = (reason: TimestampFailure, detail: string) => ({ ok: false as const, reason, detail });
  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  try {
    const info = pkijs.ContentInfo.fromBER(token);
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) return no('malformed', 'not a CMS SignedData');
    signed = new pkijs.SignedData({ schema: info.content });
    const content = signed.encapContentInfo;
    if (content.eContentType !== pkijs.id_eContentType_TSTInfo || !content.eContent) return no('malformed', 'the content is not a TSTInfo');
    tst = pkijs.TSTInfo.fromBER(content.eContent.getValue());
  } catch {
    return no('malformed', 'not a TimeStampToken');
  }
  if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) return no('imprint_mismatch', 'the imprint is not SHA-256');
  if (!bytes(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(bytes(digest))) return no('imprint_mismatch', 'the token stamps another digest');
  const signer = signed.signerInfos[0];
  if (signed.signerInfos.length !== 1 || !signer?.signedAttrs) return no('bad_signature', 'one signer with signed attributes is required');
  const contentType = signer.signedAttrs.attributes.find((a) => a.type === OID_CONTENT_TYPE)?.values[0] as asn1js.ObjectIdentifier | undefined;
  if (contentType?.valueBlock.toString() !== pkijs.id_eContentType_TSTInfo) return no('bad_signature', 'the signed content type is not TSTInfo');
  let cert: pkijs.Certificate;
  try {
    // pkijs's own TSTInfo path hashes the datum itself; the imprint was compared above, so the
    // signature is checked over the encapsulated TSTInfo as plain data (message digest attribute, then the signature).
    signed.encapContentInfo.eContentType = pkijs.id_ContentType_Data;
    const result = await signed.verify({ signer: 0, extendedMode: true, checkChain: false }, pkiEngine);
    if (!result.signatureVerified || !result.signerCertificate) return no('bad_signature', 'the CMS signature does not verify');
    cert = result.signerCertificate;
  } catch (err) {
    return no('bad_signature', err instanceof Error ? err.message : 'the CMS signature does not verify');
  }
  const eku = cert.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE)?.parsedValue as pkijs.ExtKeyUsage | undefined;
  if (!eku?.keyPurposes.includes(OID_KP_TIME_STAMPING)) return no('bad_certificate', 'the signing certificate is not a time-stamping certificate');
  if (tst.genTime < cert.notBefore.value || tst.genTime > cert.notAfter.value) return no('bad_certificate', 'the signing certificate was not valid at genTime');
  const certDer = bytes(cert.toSchema().toBER());
  if (!namesSigningCertificate(signer.signedAttrs.attributes, certDer))
    return no('bad_certificate', 'the signed attributes do not name this signing certificate');
  return {
    ok: true,
    value: {
      genTime: tst.genTime,
      serial: bytes(tst.serialNumber.valueBlock.valueHexView).toString('hex'),
      nonce: tst.nonce ? bytes(tst.nonce.valueBlock.valueHexView).toString('hex') : null,
      policy: tst.policy,
      tsa: subjectOf(cert),
      certificateSha256: createHash('sha256').update(certDer).digest('hex'),
    },
  };
}

/**
 * The HTTP client of a TSA (RFC 3161 §3.4): POST application/timestamp-query, expect
 * application/timestamp-reply. Throws TimestampError (`unreachable` for a network failure or a
 * timeout) and returns only a token that verified against the digest and the nonce it sent.
 */
export function rfc3161Client(url: string, opts: { timeoutMs?: number } = {}): TimestampAuthority {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async stamp(digest) {
      const nonce = newNonce();
      const body = timestampRequest(digest, nonce);
      let res: Response;
      let answer: Buffer;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (Number(res.headers.get('content-length') ?? 0) > MAX_RESPONSE_BYTES) throw new TimestampError('malformed', 'the answer is too large');
        answer = Buffer.from(await res.arrayBuffer());
      } catch (err) {
        if (err instanceof TimestampError) throw err;
        throw new TimestampError('unreachable', `the time-stamp authority is unreachable (${err instanceof Error ? err.name : 'error'})`);
      }
      if (res.status !== 200) throw new TimestampError('http_status', `the time-stamp authority answered HTTP ${res.status}`);
      if (answer.length > MAX_RESPONSE_BYTES) throw new TimestampError('malformed', 'the answer is too large');
      const parsed = parseTimestampResponse(answer);
      if (parsed.status !== 0 && parsed.status !== 1) throw new TimestampError('rejected', `status ${parsed.status}${parsed.text ? `: ${parsed.text}` : ''}`);
      if (!parsed.token) throw new TimestampError('malformed', 'a granted answer without a token');
      const v = await verifyTimestampToken(parsed.token, digest);
      if (!v.ok) throw new TimestampError(v.reason, v.detail);
      if (v.value.nonce !== nonce.toString('hex')) throw new TimestampError('nonce_mismatch', 'the token does not carry the nonce sent');
      return parsed.token;
    },
  };
}
