import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { actorOf, attachmentDisposition, commonErrors, type App } from '../../lib/http.ts';
import { loadVisible } from '../items/index.ts';
import { sha256Hex } from './exchange.envelope.ts';
import { evidenceBundle } from './exchange.evidence.ts';
import { checkProof } from './exchange.proof.ts';
import { answerCheckpoint, rangeRoot } from './exchange.checkpoints.ts';
import { receive } from './exchange.inbox.ts';
import { trustBundle } from './exchange.keys.ts';
import { exchangeMetricsRegistry, metricsTokenMatches } from './exchange.metrics.ts';
import { requeueForPeer, importPeer, itemDelivery, linkState, resendMessage, revokeNodeKey, rotateNodeKeys, ownTrustBundle } from './exchange.service.ts';

/**
 * Two surfaces. `/exchange/v1/*` is the node-to-node protocol: not a user API (no session), every
 * request authenticated by the peer's node signature — the envelope's own, or a signed proof for
 * the requests around it (files, gap requests); hidden from the OpenAPI document of the user API.
 * `/api/v1/exchange/*` is the link page of administrators and coordinators.
 */

const refused = { code: 'UNKNOWN_PEER', message: 'The request is not signed by a configured peer' };

/**
 * The node-to-node protocol as a plugin: on the main app when no exchange listener is configured
 * (tests, one process behind a proxy), or on the mutual-TLS listener (`exchange.listener.ts`), whose
 * `guard` checks the client certificate and the RFC 9421 signature of every request first.
 */
export function peerRoutes(deps: Deps, guard?: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {
  return async (peer: App) => {
    if (guard) peer.addHook('preHandler', guard);
    peer.removeAllContentTypeParsers();
    peer.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    peer.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 210 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    const hide = { hide: true } as const;

    peer.post('/exchange/v1/messages', { schema: hide, bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
      const answer = await receive(deps, String(request.body ?? ''));
      return reply.code(answer.status).type(answer.contentType).send(answer.body);
    });

    peer.post('/exchange/v1/files/missing', { schema: hide }, async (request, reply) => {
      const body = String(request.body ?? '');
      if (!(await checkProof(deps, request.headers['x-bc-proof'], 'files/missing', body))) return reply.code(403).send(refused);
      const parsed = z.object({ sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(1000) }).safeParse(JSON.parse(body || '{}'));
      if (!parsed.success) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'sha256: a list of SHA-256 hex digests' });
      return { missing: parsed.data.sha256.filter((s) => !deps.files.exists(s)) };
    });

    peer.put('/exchange/v1/files/:sha256', { schema: hide, bodyLimit: 210 * 1024 * 1024 }, async (request, reply) => {
      const sha = (request.params as { sha256: string }).sha256;
      const bytes = request.body as Buffer;
      if (!Buffer.isBuffer(bytes)) return reply.code(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'application/octet-stream' });
      if (!(await checkProof(deps, request.headers['x-bc-proof'], `files/${sha}`, bytes))) return reply.code(403).send(refused);
      if (sha256Hex(bytes) !== sha) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'The bytes do not have that SHA-256' });
      await deps.files.put(bytes);
      return { stored: sha };
    });

    peer.post('/exchange/v1/resend', { schema: hide }, async (request, reply) => {
      const body = String(request.body ?? '');
      const from = await checkProof(deps, request.headers['x-bc-proof'], 'resend', body);
      if (!from) return reply.code(403).send(refused);
      const parsed = z.object({ subjectId: z.uuid(), fromSeq: z.number().int().min(1), toSeq: z.number().int().min(1) }).safeParse(JSON.parse(body || '{}'));
      if (!parsed.success) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'subjectId, fromSeq, toSeq' });
      const n = await requeueForPeer(deps, from.id, parsed.data);
      return { requeued: n };
    });

    peer.post('/exchange/v1/checkpoints', { schema: hide }, async (request) => answerCheckpoint(deps, String(request.body ?? '')));

    peer.post('/exchange/v1/range-root', { schema: hide }, async (request, reply) => {
      const body = String(request.body ?? '');
      const from = await checkProof(deps, request.headers['x-bc-proof'], 'range-root', body);
      if (!from) return reply.code(403).send(refused);
      const parsed = z
        .object({ size: z.number().int().min(1), start: z.number().int().min(0), end: z.number().int().min(1) })
        .safeParse(JSON.parse(body || '{}'));
      const root = parsed.success ? await rangeRoot(deps, from.id, parsed.data) : null;
      if (root === null) return reply.code(400).send({ code: 'BAD_REQUEST', message: 'size, start, end: a range of the stream this node holds' });
      return { root };
    });

    peer.get('/exchange/v1/trust', { schema: hide }, async (_request, reply) => {
      const { jws } = await trustBundle(deps);
      return reply.type('application/json').send(jws);
    });
  };
}

export function registerExchangeRoutes(app: App, deps: Deps): void {
  // The peer protocol keeps the exact bytes it verifies: bodies are read as text or bytes, not parsed.
  if (!deps.config.exchange.port) void app.register(peerRoutes(deps));

  // Prometheus scrapes with a bearer token, not a session: outside /api, hidden from the user API's document.
  // Registered even without a token so that /metrics answers 404 rather than the web UI's index page.
  const token = deps.config.metricsToken;
  const registry = token ? exchangeMetricsRegistry(deps) : null;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!token || !registry) return reply.code(404).send({ code: 'NOT_FOUND', message: 'No route GET /metrics' });
    if (!metricsTokenMatches(token, request.headers.authorization)) {
      return reply.code(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHENTICATED', message: 'A valid bearer token is required' });
    }
    return reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });

  const tags = ['exchange'];
  const Key = z.object({
    kid: z.string(),
    jwk: z.record(z.string(), z.unknown()),
    notBefore: z.string(),
    notAfter: z.string(),
    revokedAt: z.string().nullable(),
  });
  const Link = z.object({
    node: z.object({ nodeId: z.string(), party: z.string(), keys: z.array(Key) }),
    peers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        nodeId: z.string(),
        party: z.string(),
        url: z.string(),
        state: z.enum(['ok', 'sending', 'down']),
        lastHeardAt: z.string().nullable(),
        lastSuccessAt: z.string().nullable(),
        queued: z.number(),
        delivered: z.number(),
        rejected: z.number(),
        oldestQueuedAt: z.string().nullable(),
        oldestAgeSeconds: z.number().nullable(),
        received: z.number(),
        held: z.number(),
        refused: z.number(),
        keyExpiry: z.string().nullable(),
        checkpoint: z
          .object({
            size: z.number(),
            status: z.enum(['agreed', 'differs', 'incomplete', 'unanswered']),
            at: z.string(),
            timestamp: z.enum(['pending', 'stamped']).nullable(),
            timestampAt: z.string().nullable(),
          })
          .nullable(),
        timestampsPending: z.number(),
        keys: z.array(Key),
        rejectedMessages: z.array(
          z.object({ messageId: z.string(), subjectId: z.string(), seq: z.number(), code: z.string().nullable(), at: z.string().nullable() }),
        ),
      }),
    ),
    alerts: z.array(
      z.object({
        id: z.string(),
        peerId: z.string().nullable(),
        kind: z.string(),
        messageId: z.string().nullable(),
        subjectId: z.string().nullable(),
        details: z.unknown(),
        at: z.string(),
      }),
    ),
  });
  app.get('/api/v1/exchange/link', { schema: { tags, summary: 'The link with each peer node', response: { 200: Link, ...commonErrors } } }, async (request) =>
    linkState(deps, actorOf(request)),
  );
  app.get(
    '/api/v1/exchange/trust',
    {
      schema: {
        tags,
        summary: 'Administrator: this node’s signed trust bundle and its hash, to hand to the peer’s administrator',
        response: { 200: z.object({ bundle: z.string(), hash: z.string(), nodeId: z.string(), party: z.string(), url: z.string() }), ...commonErrors },
      },
    },
    async (request) => ownTrustBundle(deps, actorOf(request)),
  );
  app.post(
    '/api/v1/exchange/peers',
    {
      schema: {
        tags,
        summary: 'Administrator: add or update a peer node from its trust bundle, checked against the hash read out by its administrator',
        body: z.object({ bundle: z.string().min(10).max(200_000), hash: z.string().regex(/^\s*[0-9a-fA-F]{64}\s*$/), name: z.string().trim().min(1).max(200) }),
        response: { 200: z.object({ id: z.string(), nodeId: z.string(), name: z.string() }), ...commonErrors },
      },
    },
    async (request) => importPeer(deps, actorOf(request), request.body),
  );
  app.post(
    '/api/v1/exchange/keys/rotate',
    {
      schema: {
        tags,
        summary: 'Administrator: start a key rotation (the current keys sign on for the overlap)',
        body: z.object({ overlapDays: z.number().int().min(0).max(90) }),
        response: { 200: z.object({ keys: z.array(Key) }), ...commonErrors },
      },
    },
    async (request) => rotateNodeKeys(deps, actorOf(request), request.body.overlapDays),
  );
  app.post(
    '/api/v1/exchange/keys/:kid/revoke',
    {
      schema: {
        tags,
        summary: 'Administrator: revoke a node key',
        params: z.object({ kid: z.string().min(1).max(100) }),
        response: { 200: z.object({ keys: z.array(Key) }), ...commonErrors },
      },
    },
    async (request) => revokeNodeKey(deps, actorOf(request), request.params.kid),
  );
  app.post(
    '/api/v1/exchange/peers/:peerId/messages/:messageId/resend',
    {
      schema: {
        tags,
        summary: 'Administrator: try a waiting message again now (the same message id)',
        params: z.object({ peerId: z.uuid(), messageId: z.uuid() }),
        response: { 200: z.object({ queued: z.boolean() }), ...commonErrors },
      },
    },
    async (request) => resendMessage(deps, actorOf(request), request.params.peerId, request.params.messageId),
  );
  app.get(
    '/api/v1/items/:id/delivery',
    {
      schema: {
        tags,
        summary: 'How the item’s actions stand with the peer node: queued, delivered (signed receipt), rejected',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                messageId: z.string(),
                seq: z.number(),
                state: z.enum(['queued', 'delivered', 'rejected']),
                attempts: z.number(),
                receivedAt: z.string().nullable(),
                rejectionCode: z.string().nullable(),
                lastError: z.string().nullable(),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      await loadVisible(deps, actorOf(request), request.params.id);
      return { items: await itemDelivery(deps, request.params.id) };
    },
  );

  app.get(
    '/api/v1/items/:id/evidence.zip',
    {
      schema: {
        tags,
        summary:
          'Evidence bundle of the item for a court or an audit: its action log, the signed envelopes and receipts that crossed, the node keys, the files by hash, a summary in Russian and Kazakh; checked offline by `npm run evidence:verify`',
        params: z.object({ id: z.uuid() }),
        produces: ['application/zip'],
        response: { 200: z.any(), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { buffer, fileName } = await evidenceBundle(deps, actorOf(request), request.params.id);
      return reply.type('application/zip').header('content-disposition', attachmentDisposition(fileName)).send(Buffer.from(buffer));
    },
  );
}
