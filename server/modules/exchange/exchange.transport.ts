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

export interface PeerTransport {
  send(peer: { url: string; nodeId: string }, req: PeerRequest): Promise<PeerResponse>;
}

/** Plain fetch to the peer's address (mutual TLS is configured on the agent by the transport layer). */
export function httpTransport(opts: { timeoutMs?: number } = {}): PeerTransport {
  return {
    async send(peer, req) {
      const res = await fetch(new URL(req.path, peer.url), {
        method: req.method,
        headers: { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}) },
        body: req.body as string | Uint8Array | undefined,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      return { status: res.status, body: await res.text() };
    },
  };
}
