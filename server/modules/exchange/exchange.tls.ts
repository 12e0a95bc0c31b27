import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { generateNodeCertificate } from '../../exchange/transport/tls.ts';
import { X509Certificate } from 'node:crypto';

/**
 * This node's TLS identity for the exchange: a self-signed certificate whose fingerprint its trust
 * bundle carries, so the peer pins it (no CA, no system trust store). Made once on first start.
 */
export interface NodeTls {
  keyPem: string;
  certPem: string;
  fingerprint256: string;
}

export function readNodeTls(config: Pick<Config, 'exchange'>): NodeTls | null {
  const { tlsKeyFile, tlsCertFile } = config.exchange;
  if (!fs.existsSync(tlsKeyFile) || !fs.existsSync(tlsCertFile)) return null;
  const certPem = fs.readFileSync(tlsCertFile, 'utf8');
  return { keyPem: fs.readFileSync(tlsKeyFile, 'utf8'), certPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

export async function ensureNodeTls(config: Pick<Config, 'exchange'>): Promise<NodeTls> {
  const existing = readNodeTls(config);
  if (existing) return existing;
  const host = new URL(config.exchange.url).hostname;
  const made = await generateNodeCertificate({ commonName: config.exchange.nodeId, days: 825, hostnames: [host] });
  fs.mkdirSync(path.dirname(config.exchange.tlsKeyFile), { recursive: true });
  fs.writeFileSync(config.exchange.tlsKeyFile, made.keyPem, { mode: 0o600 });
  fs.writeFileSync(config.exchange.tlsCertFile, made.certPem);
  return readNodeTls(config)!;
}
