import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf } from '../../kernel/index.ts';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { nodeRequestSigner } from './exchange.keys.ts';
import { buildExchangeListener } from './exchange.listener.ts';
import { relayOnce } from './exchange.outbox.ts';
import { readNodeTls } from './exchange.tls.ts';
import { httpTransport, type PeerTransport } from './exchange.transport.ts';
import * as repo from './exchange.repository.ts';

describe(`exchange over HTTPS with mutual TLS and RFC 9421 signatures ${TAG}`, () => {
  let pair: Pair;
  let close: () => Promise<void>;
  let kzUrl: string;
  beforeAll(async () => {
    pair = await createPair({ tls: true });
    const listener = await buildExchangeListener(pair.kz.deps, readNodeTls(pair.kz.config)!);
    await listener.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (listener.app.server.address() as { port: number }).port;
    kzUrl = `https://127.0.0.1:${port}`;
    close = listener.close;
    await pair.ru.database.db.execute(sql`update exchange_peers set url = ${kzUrl} where node_id = 'kz-node'`);
  });
  afterAll(async () => {
    await close?.();
    await pair?.close();
  });

  it('A-5.1 a request crosses to the Kazakh node’s listener: the client certificate is pinned, every request is signed and verified', async () => {
    const id = await sendRequest(pair, 1);
    const transport = httpTransport({ tls: readNodeTls(pair.ru.config), signer: nodeRequestSigner(pair.ru.deps) });
    expect(await relayOnce(pair.ru.deps, transport)).toMatchObject({ delivered: 3, failed: 0 });
    expect((await actionsOf(pair.kz.database.db, id)).length).toBe(4);
  });

  it('security: a request without the node’s HTTP signature, or signed with another key, is refused before it is read', async () => {
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const unsigned: PeerTransport = httpTransport({ tls: readNodeTls(pair.ru.config) });
    const bare = await unsigned.send(kzPeer, { method: 'POST', path: '/exchange/v1/messages', body: '{}', contentType: 'application/json' });
    expect(bare.status).toBe(401);
    expect(JSON.parse(bare.body)).toMatchObject({ code: 'BAD_SIGNATURE', details: { reason: 'missing_signature' } });
    // Signed by the Kazakh node's own key, presented with the Russian certificate: not the peer's key.
    const wrongKey = httpTransport({ tls: readNodeTls(pair.ru.config), signer: nodeRequestSigner(pair.kz.deps) });
    const res = await wrongKey.send(kzPeer, { method: 'POST', path: '/exchange/v1/messages', body: '{}', contentType: 'application/json' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).details.reason).toBe('unknown_key');
  });

  it('security: a client that does not present a peer’s certificate is refused by TLS itself', async () => {
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    // The Kazakh node's own certificate is not a peer's certificate on the Kazakh node.
    const impostor = httpTransport({ tls: readNodeTls(pair.kz.config), signer: nodeRequestSigner(pair.ru.deps) });
    await expect(impostor.send(kzPeer, { method: 'POST', path: '/exchange/v1/messages', body: '{}', contentType: 'application/json' })).rejects.toThrow(
      'fetch failed',
    );
  });
});
