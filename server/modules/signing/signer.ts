import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';

/**
 * Electronic signatures behind an interface, so that a certified GOST provider can replace the
 * Ed25519 one in deployment without touching the workflow.
 */
export interface KeyMaterial {
  algorithm: string;
  publicKey: string;
  encryptedPrivateKey: string;
}

export interface SignatureProvider {
  readonly algorithm: string;
  generateKey(): KeyMaterial;
  sign(key: KeyMaterial, data: Buffer): string;
  verify(publicKey: string, data: Buffer, signature: string): boolean;
}

/** AES-256-GCM under a key derived from the server secret: iv ‖ tag ‖ ciphertext, base64. */
function encrypt(secret: Buffer, plain: Buffer): string {
  const key = createHash('sha256').update('border-cooperation/signing-keys').update(secret).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decrypt(secret: Buffer, sealed: string): Buffer {
  const key = createHash('sha256').update('border-cooperation/signing-keys').update(secret).digest();
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export function ed25519Provider(secret: Buffer): SignatureProvider {
  return {
    algorithm: 'Ed25519',
    generateKey() {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      return {
        algorithm: 'Ed25519',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        encryptedPrivateKey: encrypt(secret, privateKey.export({ type: 'pkcs8', format: 'der' })),
      };
    },
    sign(key, data) {
      const privateKey = createPrivateKey({ key: decrypt(secret, key.encryptedPrivateKey), format: 'der', type: 'pkcs8' });
      return cryptoSign(null, data, privateKey).toString('base64');
    },
    verify(publicKey, data, signature) {
      try {
        return cryptoVerify(null, data, createPublicKey(publicKey), Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/**
 * The document signature providers of a node, by algorithm: the one its heads and deputies sign
 * with, and every one it can verify with. A signature whose key's algorithm has no provider here (a
 * GOST R 34.10-2012 key on a node without a certified GOST provider) cannot be verified here: the
 * receiving node then shows the sending node's attested check (issue 12, `exchange.outbox.ts`).
 */
export interface SignatureProviders {
  /** The provider this node's signers sign with (and generate their keys with). */
  readonly signing: SignatureProvider;
  /** The provider for a key's algorithm, if this node has one. */
  forAlgorithm(algorithm: string): SignatureProvider | undefined;
}

/** `signing` first; the others verify (and sign with keys of their algorithm). The first provider of an algorithm wins. */
export function signatureProviders(signing: SignatureProvider, others: readonly SignatureProvider[] = []): SignatureProviders {
  const byAlgorithm = new Map<string, SignatureProvider>();
  for (const p of [signing, ...others]) if (!byAlgorithm.has(p.algorithm)) byAlgorithm.set(p.algorithm, p);
  return { signing, forAlgorithm: (algorithm) => byAlgorithm.get(algorithm) };
}

/** A node's document signature providers: those configured, or its one provider (Ed25519 by default). */
export const providersOf = (deps: { signer: SignatureProvider; signatures?: SignatureProviders }): SignatureProviders =>
  deps.signatures ?? signatureProviders(deps.signer);

export const sha256Hex = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
