import { fetch as undiciFetch, type Agent } from 'undici';
import { peerAgent } from '../../exchange/transport/tls.ts';
import type { NodeTls } from './exchange.tls.ts';
/**
 * How a node reaches a peer. The relay and the reconciliation speak through this interface only, so
 * tests put a fault-injecting transport between two nodes (drop, duplicate, reorder, delay, cut,
 * corrupt, replay) and a deployment uses HTTPS.
 */
export interface PeerRequest {
  method: 'POST' | 'PUT' | 'GET';
  path: string;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface PeerResponse {
  status: number;
  body: string;
}

export interface PeerAddress {
  url: string;
  nodeId: string;
  /** The peer's pinned TLS certificate (from its trust bundle): with it, the transport speaks mutual TLS. */
  tlsCertificate?: string | null;
  tlsFingerprint?: string | null;
}

export interface PeerTransport {
  send(peer: PeerAddress, req: PeerRequest): Promise<PeerResponse>;
}

/**
 * HTTPS to the peer: mutual TLS with this node's certificate, accepting only the certificate pinned
 * for the peer, and every request signed per RFC 9421 with this node's key (exchange.listener.ts
 * checks both). A peer without a certificate in its bundle (a node behind a proxy that terminates
 * TLS) is reached with plain fetch; the envelopes are signed either way.
 */
export function httpTransport(opts: { timeoutMs?: number; tls?: NodeTls | null; signer?: RequestSigner } = {}): PeerTransport {
  const agents = new Map<string, Agent>();
  const agentFor = (peer: PeerAddress): Agent | undefined => {
    if (!opts.tls || !peer.tlsCertificate || !peer.tlsFingerprint) return undefined;
    let agent = agents.get(peer.tlsFingerprint);
    if (!agent) {
      agent = peerAgent({ keyPem: opts.tls.keyPem, certPem: opts.tls.certPem, peerCertPem: peer.tlsCertificate, pinnedFingerprint256: peer.tlsFingerprint });
      agents.set(peer.tlsFingerprint, agent);
    }
    return agent;
  };
  return {
    async send(peer, req) {
      const url = new URL(req.path, peer.url).toString();
      const body = req.body ?? '';
      const headers: Record<string, string> = { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}) };
      if (opts.signer && req.contentType) Object.assign(headers, await opts.signer({ method: req.method, url, headers, body }));
      const dispatcher = agentFor(peer);
      const res = await undiciFetch(url, {
        method: req.method,
        headers,
        body: req.method === 'GET' ? undefined : body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        ...(dispatcher ? { dispatcher } : {}),
      });
      return { status: res.status, body: await res.text() };
    },
  };
}

/** Signs a request for the peer (RFC 9421): the headers to add. */
export type RequestSigner = (r: { method: string; url: string; headers: Record<string, string>; body: string | Buffer }) => Promise<Record<string, string>>;
