import { X509Certificate, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../test/build-test-app.ts';
import { requestTargetUri, signRequest, verifyRequest } from './http-signature.ts';
import { generateNodeCertificate, peerAgent, peerFingerprint, serverTlsOptions, type NodeCertificate } from './tls.ts';

interface Node {
  cert: NodeCertificate;
  signing: { publicKey: KeyObject; privateKey: KeyObject };
  keyId: string;
  app: FastifyInstance;
  origin: string;
  /** Requests that reached a route: a refused handshake must leave it unchanged. */
  hits: number;
}

/** A node's server: trusts the peer's certificate, verifies the peer's request signatures over the raw body. */
async function startNode(cert: NodeCertificate, peerCertPem: string, keyId: string, peer: () => Node): Promise<Node> {
  const app = Fastify({ https: serverTlsOptions({ keyPem: cert.keyPem, certPem: cert.certPem, peerCertsPem: [peerCertPem] }) });
  const node: Node = { cert, signing: generateKeyPairSync('ed25519'), keyId, app, origin: '', hits: 0 };
  const nonces = new Set<string>();
  app.addHook('onRequest', async () => {
    node.hits++;
  });
  // The signature covers the bytes as sent: keep them, parse JSON only once they verified.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.get('/whoami', async (req) => ({ peer: peerFingerprint(req) }));
  app.post('/inbox', async (req, reply) => {
    const raw = req.body as Buffer;
    const result = verifyRequest({
      method: req.method,
      url: requestTargetUri(req),
      headers: req.headers,
      body: raw,
      now: new Date(),
      maxSkewSeconds: 300,
      resolveKey: (id) => (id === peer().keyId ? peer().signing.publicKey : null),
      seenNonce: (id, nonce) => nonces.has(`${id}/${nonce}`) || (nonces.add(`${id}/${nonce}`), false),
    });
    if (!result.ok) return reply.code(401).send({ reason: result.reason });
    return { keyId: result.keyId, peer: peerFingerprint(req), message: JSON.parse(raw.toString('utf8')) as unknown };
  });
  node.origin = await app.listen({ host: '127.0.0.1', port: 0 });
  return node;
}

function agentOf(from: Node, to: Node): Agent {
  return peerAgent({ keyPem: from.cert.keyPem, certPem: from.cert.certPem, peerCertPem: to.cert.certPem, pinnedFingerprint256: to.cert.fingerprint256 });
}

describe(`mutual TLS between the two nodes ${TAG}`, () => {
  let ru: Node;
  let kz: Node;
  let stranger: NodeCertificate;
  const agents: Agent[] = [];

  beforeAll(async () => {
    const [ruCert, kzCert, strangerCert] = await Promise.all([
      generateNodeCertificate({ commonName: 'bc-ru', days: 30, hostnames: ['ru.bc.example'] }),
      generateNodeCertificate({ commonName: 'bc-kz', days: 30 }),
      generateNodeCertificate({ commonName: 'bc-ru', days: 30 }),
    ]);
    stranger = strangerCert;
    ru = await startNode(ruCert, kzCert.certPem, 'ru-node', () => kz);
    kz = await startNode(kzCert, ruCert.certPem, 'kz-node', () => ru);
  });

  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.close()));
    await Promise.all([ru?.app.close(), kz?.app.close()]);
  });

  const track = (agent: Agent) => (agents.push(agent), agent);

  it('the certificate names 127.0.0.1, localhost and the given host, serves both TLS ends and reports its fingerprint', () => {
    const cert = new X509Certificate(ru.cert.certPem);
    expect(cert.subjectAltName?.split(', ').sort()).toEqual(['DNS:localhost', 'DNS:ru.bc.example', 'IP Address:127.0.0.1']);
    expect(cert.subject).toBe('CN=bc-ru');
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage?.sort()).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.fingerprint256).toBe(ru.cert.fingerprint256);
    expect(cert.checkPrivateKey(createPrivateKey(ru.cert.keyPem))).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(stranger.keyPem))).toBe(false);
    expect(ru.cert.fingerprint256).not.toBe(stranger.fingerprint256);
  });

  it('each node’s client reaches the other node (200), which sees the client certificate’s fingerprint', async () => {
    const toKz = await request(`${kz.origin}/whoami`, { dispatcher: track(agentOf(ru, kz)) });
    expect(toKz.statusCode).toBe(200);
    expect(await toKz.body.json()).toEqual({ peer: ru.cert.fingerprint256 });
    const toRu = await request(`${ru.origin}/whoami`, { dispatcher: track(agentOf(kz, ru)) });
    expect(toRu.statusCode).toBe(200);
    expect(await toRu.body.json()).toEqual({ peer: kz.cert.fingerprint256 });
  });

  it('a client with a certificate the server does not trust, or with none, is refused in the handshake', async () => {
    const before = kz.hits;
    // Same common name as the real RU node, other key: only the certificate itself counts.
    const impostor = track(
      peerAgent({ keyPem: stranger.keyPem, certPem: stranger.certPem, peerCertPem: kz.cert.certPem, pinnedFingerprint256: kz.cert.fingerprint256 }),
    );
    // TLS 1.3: the client has sent its certificate when the server's alert closes the socket.
    await expect(request(`${kz.origin}/whoami`, { dispatcher: impostor })).rejects.toMatchObject({
      code: expect.stringMatching(/^(UND_ERR_SOCKET|ERR_SSL_|ECONNRESET)/) as unknown,
    });
    const anonymous = track(new Agent({ connect: { ca: [kz.cert.certPem], checkServerIdentity: () => undefined } }));
    await expect(request(`${kz.origin}/whoami`, { dispatcher: anonymous })).rejects.toMatchObject({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    expect(kz.hits).toBe(before);
  });

  it('a client pinned to another fingerprint refuses the server, even though its chain verifies', async () => {
    const before = kz.hits;
    const pinnedElsewhere = track(
      peerAgent({ keyPem: ru.cert.keyPem, certPem: ru.cert.certPem, peerCertPem: kz.cert.certPem, pinnedFingerprint256: stranger.fingerprint256 }),
    );
    await expect(request(`${kz.origin}/whoami`, { dispatcher: pinnedElsewhere })).rejects.toThrow(/pinned fingerprint/);
    // A client trusting only another certificate refuses the server before any pin is looked at.
    const trustsOther = track(
      peerAgent({ keyPem: ru.cert.keyPem, certPem: ru.cert.certPem, peerCertPem: stranger.certPem, pinnedFingerprint256: kz.cert.fingerprint256 }),
    );
    await expect(request(`${kz.origin}/whoami`, { dispatcher: trustsOther })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(kz.hits).toBe(before);
  });

  it('a signed request verifies in the route over the exact bytes; a tampered body is bad_digest; a replay is refused', async () => {
    const agent = track(agentOf(ru, kz));
    const url = `${kz.origin}/inbox`;
    // Spacing a JSON re-serialisation would not keep: the digest is over the bytes, not the value.
    const body = '{ "type": "item.sent",  "id": "0195" }';
    const headers = { 'content-type': 'application/json' };
    const signature = signRequest({ method: 'POST', url, headers, body, key: ru.signing.privateKey, keyId: ru.keyId });

    const ok = await request(url, { method: 'POST', dispatcher: agent, headers: { ...headers, ...signature }, body });
    expect(ok.statusCode).toBe(200);
    expect(await ok.body.json()).toEqual({ keyId: 'ru-node', peer: ru.cert.fingerprint256, message: { type: 'item.sent', id: '0195' } });

    const replay = await request(url, { method: 'POST', dispatcher: agent, headers: { ...headers, ...signature }, body });
    expect(replay.statusCode).toBe(401);
    expect(await replay.body.json()).toEqual({ reason: 'replayed_nonce' });

    const fresh = signRequest({ method: 'POST', url, headers, body, key: ru.signing.privateKey, keyId: ru.keyId });
    const tampered = await request(url, { method: 'POST', dispatcher: agent, headers: { ...headers, ...fresh }, body: body.replace('0195', '0196') });
    expect(tampered.statusCode).toBe(401);
    expect(await tampered.body.json()).toEqual({ reason: 'bad_digest' });

    // Signed for the RU node's inbox, sent to the KZ node's: the target URI is covered.
    const elsewhere = signRequest({ method: 'POST', url: `${ru.origin}/inbox`, headers, body, key: ru.signing.privateKey, keyId: ru.keyId });
    const misdirected = await request(url, { method: 'POST', dispatcher: agent, headers: { ...headers, ...elsewhere }, body });
    expect(misdirected.statusCode).toBe(401);
    expect(await misdirected.body.json()).toEqual({ reason: 'bad_signature' });
  });
});
