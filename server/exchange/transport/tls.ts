/**
 * The two nodes talk over mutual TLS where each side trusts exactly one certificate: the peer's own,
 * self-signed, exchanged out of band with its SHA-256 fingerprint. No public or system CA is ever
 * trusted, so a certificate any CA issued for the peer's name does not get in.
 *
 * - Certificates (RFC 5280) are ECDSA P-256 / SHA-256, which Node's TLS (OpenSSL) takes for both
 *   server and client authentication (RFC 8446 §4.2.3 ecdsa_secp256r1_sha256); they are
 *   `cA:false` with only digitalSignature, so the peer's key cannot issue further certificates
 *   that the trust list would accept. Made with `@peculiar/x509` over WebCrypto.
 * - The server asks for and verifies the client certificate against the peers' certificates only
 *   (TLS 1.3, RFC 8446 §4.3.2 CertificateRequest), before any HTTP is read.
 * - The client (an undici Agent) presents our certificate, verifies the server's against the
 *   peer's certificate and then pins its SHA-256 fingerprint: identity is the pin, not the host
 *   name, so a node may be reached at an address its certificate does not list.
 *
 * The request signatures of ./http-signature.ts sit on top: TLS authenticates the connection,
 * the signature the request.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { ServerOptions } from 'node:https';
import { TLSSocket, type PeerCertificate } from 'node:tls';
import * as x509 from '@peculiar/x509';
import type { FastifyRequest } from 'fastify';
import { Agent } from 'undici';

export interface NodeCertificate {
  keyPem: string;
  certPem: string;
  /** As Node prints it: upper-case hex pairs joined by colons. */
  fingerprint256: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
// The peer's clock may run behind ours; a certificate must not be "not yet valid" there.
const BACKDATE_MS = 60 * 60 * 1000;

function pem(label: string, der: ArrayBuffer): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Upper-case hex without separators, so pins compare whatever their spelling. */
function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/** A self-signed certificate for one node, good for both ends of mutual TLS. */
export async function generateNodeCertificate(input: { commonName: string; days: number; hostnames?: string[] }): Promise<NodeCertificate> {
  const keys = await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const names = [...new Set(['127.0.0.1', 'localhost', ...(input.hostnames ?? [])])];
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [input.commonName] }],
      keys,
      notBefore: new Date(now - BACKDATE_MS),
      notAfter: new Date(now + input.days * DAY_MS),
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIP(value) ? 'ip' : 'dns', value }))),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, globalThis.crypto),
      ],
    },
    globalThis.crypto,
  );
  const certPem = cert.toString('pem') + '\n';
  const keyPem = pem('PRIVATE KEY', await globalThis.crypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { keyPem, certPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

/** Options for Fastify's `https`: our certificate, and only the peers' certificates trusted for clients. */
export function serverTlsOptions(input: { keyPem: string; certPem: string; peerCertsPem: string[] }): ServerOptions {
  if (input.peerCertsPem.length === 0) throw new Error('serverTlsOptions: no peer certificate to trust');
  return {
    key: input.keyPem,
    cert: input.certPem,
    // Replaces Node's bundled roots: without `ca` the system store would be trusted.
    ca: input.peerCertsPem,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.3',
  };
}

/** SHA-256 fingerprint of the client certificate that authenticated this connection; null if none did. */
export function peerFingerprint(request: FastifyRequest): string | null {
  const socket = request.raw.socket;
  if (!(socket instanceof TLSSocket) || !socket.authorized) return null;
  const cert: PeerCertificate | Record<string, never> = socket.getPeerCertificate();
  return typeof cert.fingerprint256 === 'string' && cert.fingerprint256 !== '' ? cert.fingerprint256 : null;
}

/** An HTTP client for one peer: presents our certificate and accepts only the pinned peer certificate. */
export function peerAgent(input: { keyPem: string; certPem: string; peerCertPem: string; pinnedFingerprint256: string }): Agent {
  const pin = normalizeFingerprint(input.pinnedFingerprint256);
  if (pin.length !== 64) throw new Error('peerAgent: the pinned fingerprint is not a SHA-256 fingerprint');
  return new Agent({
    connect: {
      key: input.keyPem,
      cert: input.certPem,
      ca: [input.peerCertPem],
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
      // Called only after the chain verified against `ca`; the pin then names the one certificate.
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        normalizeFingerprint(cert.fingerprint256 ?? '') === pin
          ? undefined
          : new Error(`peer certificate does not match the pinned fingerprint (got ${cert.fingerprint256})`),
    },
  });
}
