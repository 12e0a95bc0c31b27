import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pkiEngine } from '../exchange/timestamp/rfc3161.ts';

/**
 * A time-stamp authority for tests: an HTTP server on loopback that answers RFC 3161 requests with
 * a TimeStampResp signed (ECDSA P-256, CMS with signed attributes) by a self-signed time-stamping
 * certificate made here with pkijs. It can go away and come back on the same port, and misbehave
 * on demand (refuse, stamp another digest, answer another nonce).
 */

export type TsaMode = 'ok' | 'reject' | 'other_digest' | 'other_nonce' | 'other_certificate' | 'http_500';

export interface TestTsa {
  url: string;
  /** The TSA certificate (DER). */
  certificate: Buffer;
  mode: TsaMode;
  /** Requests answered since the start. */
  stamped: number;
  /** Closes the listener (the port then refuses connections). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

async function selfSignedTsaCertificate(keys: WebCrypto.CryptoKeyPair, name: string): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: Date.now() % 1_000_000_000 });
  const cn = () => new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: name }) });
  cert.subject.typesAndValues.push(cn());
  cert.issuer.typesAndValues.push(cn());
  cert.notBefore.value = new Date(Date.now() - 86_400_000);
  cert.notAfter.value = new Date(Date.now() + 365 * 86_400_000);
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: [OID_KP_TIME_STAMPING] });
  cert.extensions = [new pkijs.Extension({ extnID: '2.5.29.37', critical: true, extnValue: eku.toSchema().toBER(false), parsedValue: eku })];
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey, pkiEngine);
  await cert.sign(keys.privateKey, 'SHA-256', pkiEngine);
  return cert;
}

export async function startTestTsa(opts: { name?: string } = {}): Promise<TestTsa> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const cert = await selfSignedTsaCertificate(keys, opts.name ?? 'Test TSA');
  const certHash = createHash('sha256').update(Buffer.from(cert.toSchema().toBER())).digest();
  let serial = 1;

  async function answer(der: Buffer, tsa: TestTsa): Promise<Buffer> {
    const req = pkijs.TimeStampReq.fromBER(der);
    if (tsa.mode === 'reject') {
      return Buffer.from(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection }) }).toSchema().toBER());
    }
    const imprint =
      tsa.mode === 'other_digest'
        ? new pkijs.MessageImprint({
            hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '2.16.840.1.101.3.4.2.1' }),
            hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(32).fill(7) }),
          })
        : req.messageImprint;
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: '1.2.3.4.1',
      messageImprint: imprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      ...(req.nonce ? { nonce: tsa.mode === 'other_nonce' ? new asn1js.Integer({ value: 42 }) : req.nonce } : {}),
    });
    const tstDer = tst.toSchema().toBER();
    const digest = await webcrypto.subtle.digest('SHA-256', tstDer);
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: pkijs.id_eContentType_TSTInfo,
        eContent: new asn1js.OctetString({ valueHex: tstDer }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: pkijs.id_eContentType_TSTInfo })] }),
              new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
              // RFC 5035 SigningCertificateV2 { certs { ESSCertIDv2 { certHash (SHA-256, the default) } } }.
              new pkijs.Attribute({
                type: OID_SIGNING_CERTIFICATE_V2,
                values: [
                  new asn1js.Sequence({
                    value: [
                      new asn1js.Sequence({
                        value: [
                          new asn1js.Sequence({
                            value: [new asn1js.OctetString({ valueHex: tsa.mode === 'other_certificate' ? Buffer.alloc(32, 9) : certHash })],
                          }),
                        ],
                      }),
                    ],
                  }),
                ],
              }),
            ],
          }),
        }),
      ],
      ...(req.certReq ? { certificates: [cert] } : {}),
    });
    await signed.sign(keys.privateKey, 0, 'SHA-256', undefined, pkiEngine);
    const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signed.toSchema(true) });
    return Buffer.from(
      new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: token }).toSchema().toBER(),
    );
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (tsa.mode === 'http_500' || req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(tsa.mode === 'http_500' ? 500 : 400).end();
        return;
      }
      void (async () => {
        try {
          const body = await answer(Buffer.concat(chunks), tsa);
          tsa.stamped++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': body.length }).end(body);
        } catch {
          res.writeHead(400).end();
        }
      })();
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(0);
  const tsa: TestTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate: Buffer.from(cert.toSchema().toBER()),
    mode: 'ok',
    stamped: 0,
    async stop() {
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async start() {
      if (!server.listening) await listen(port);
    },
  };
  return tsa;
}
