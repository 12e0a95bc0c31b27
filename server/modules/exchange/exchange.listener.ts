import { createPublicKey } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Deps } from '../../lib/deps.ts';
import type { App } from '../../lib/http.ts';
import { requestTargetUri, verifyRequest } from '../../exchange/transport/http-signature.ts';
import { peerFingerprint, serverTlsOptions } from '../../exchange/transport/tls.ts';
import * as repo from './exchange.repository.ts';
import { peerRoutes } from './exchange.routes.ts';
import type { NodeTls } from './exchange.tls.ts';

/**
 * The exchange listener: HTTPS with mutual TLS on its own port, serving only the node-to-node
 * protocol. TLS admits only a client presenting a peer's certificate (the peers' certificates are
 * the only CAs, re-read every minute so a newly imported peer is admitted); then every request must
 * come from the certificate pinned for a peer and carry that peer's RFC 9421 signature over its
 * method, address, content digest and type — so a TLS-terminating proxy on the way does not weaken
 * authenticity — with a fresh nonce. The envelopes inside stay signed on their own.
 */

const SKEW_SECONDS = 300;

async function tlsOptions(deps: Deps, tls: NodeTls) {
  const peers = (await repo.listPeers(deps.db)).filter((p) => p.tlsCertificate);
  // With no peer yet, only this node's own certificate is trusted: nobody else gets in.
  return serverTlsOptions({ keyPem: tls.keyPem, certPem: tls.certPem, peerCertsPem: peers.length ? peers.map((p) => p.tlsCertificate!) : [tls.certPem] });
}

const normal = (f: string) => f.replace(/:/g, '').toUpperCase();

export async function buildExchangeListener(deps: Deps, tls: NodeTls): Promise<{ app: App; close(): Promise<void> }> {
  const app = Fastify({ https: await tlsOptions(deps, tls), logger: false, bodyLimit: 64 * 1024 * 1024 }) as unknown as App;
  const nonces = new Map<string, number>();
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const fingerprint = peerFingerprint(request);
    const peers = await repo.listPeers(deps.db);
    const peer = fingerprint ? peers.find((p) => p.tlsFingerprint && normal(p.tlsFingerprint) === normal(fingerprint)) : undefined;
    if (!peer) return reply.code(403).send({ code: 'UNKNOWN_PEER', message: 'The client certificate is not a peer’s' });
    const now = deps.clock.now();
    for (const [k, t] of nonces) if (t < now.getTime() - 2 * SKEW_SECONDS * 1000) nonces.delete(k);
    const body = request.body === undefined ? '' : Buffer.isBuffer(request.body) ? request.body : String(request.body);
    const checked = verifyRequest({
      method: request.method,
      url: requestTargetUri(request),
      headers: request.headers as Record<string, string>,
      body,
      now,
      maxSkewSeconds: SKEW_SECONDS,
      resolveKey: (kid) => {
        const key = peer.keys.find((k) => k.kid === kid && !k.revokedAt);
        return key ? createPublicKey({ key: key.jwk as never, format: 'jwk' }) : null;
      },
      seenNonce: (kid, nonce) => {
        const key = `${kid}:${nonce}`;
        if (nonces.has(key)) return true;
        nonces.set(key, now.getTime());
        return false;
      },
    });
    if (!checked.ok)
      return reply.code(401).send({ code: 'BAD_SIGNATURE', message: 'The request’s HTTP signature does not verify', details: { reason: checked.reason } });
    return undefined;
  };
  await app.register(peerRoutes(deps, guard));
  // A peer imported since start is admitted without a restart.
  const refresh = setInterval(() => {
    void tlsOptions(deps, tls)
      .then((o) => (app.server as unknown as { setSecureContext(o: object): void }).setSecureContext(o))
      .catch(() => undefined);
  }, 60_000);
  refresh.unref();
  return {
    app,
    async close() {
      clearInterval(refresh);
      await app.close();
    },
  };
}
