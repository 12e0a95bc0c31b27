import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign as cryptoSign,
  type KeyObject,
} from 'node:crypto';
import type { KeyMaterial, SignatureProvider } from '../../server/modules/signing/signer.ts';

/**
 * Signing for demo data at scale. The provider unseals the private key for every signature
 * (≈ 0.2 ms), which is right for a server and too slow for a million items; here each key is
 * unsealed once and kept in memory. Keys are sealed the way the provider seals them (AES-256-GCM
 * under a key derived from the server secret), and every key is checked against the provider
 * itself before use (Ed25519 is deterministic: both must give the same signature), so a change of
 * scheme in the provider falls back to its own, slower path instead of writing unusable keys.
 */
const KDF_LABEL = 'border-cooperation/signing-keys';

function aesKey(secret: Buffer): Buffer {
  return createHash('sha256').update(KDF_LABEL).update(secret).digest();
}

function seal(secret: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function unseal(secret: Buffer, sealed: string): Buffer {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', aesKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export interface DemoKey {
  material: KeyMaterial;
  sign(data: Buffer): string;
}

const PROBE = Buffer.from('border-cooperation demo key check');

export function demoKeyring(provider: SignatureProvider, secret: Buffer) {
  const slow = (material: KeyMaterial): DemoKey => ({ material, sign: (data) => provider.sign(material, data) });
  /** The in-memory key, if it is the one the provider unseals from `material`. */
  const fast = (material: KeyMaterial, privateKey: KeyObject): DemoKey | null => {
    try {
      if (provider.sign(material, PROBE) !== cryptoSign(null, PROBE, privateKey).toString('base64')) return null;
    } catch {
      return null;
    }
    return { material, sign: (data) => cryptoSign(null, data, privateKey).toString('base64') };
  };
  return {
    /** A key stored earlier; throws when it cannot be used under this secret. */
    open(material: KeyMaterial): DemoKey {
      provider.sign(material, PROBE);
      try {
        return fast(material, createPrivateKey({ key: unseal(secret, material.encryptedPrivateKey), format: 'der', type: 'pkcs8' })) ?? slow(material);
      } catch {
        return slow(material);
      }
    },
    generate(): DemoKey {
      if (provider.algorithm === 'Ed25519') {
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const material: KeyMaterial = {
          algorithm: 'Ed25519',
          publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          encryptedPrivateKey: seal(secret, privateKey.export({ type: 'pkcs8', format: 'der' })),
        };
        const key = fast(material, privateKey);
        if (key) return key;
      }
      // Sealed differently from the provider (or another algorithm): a key the provider made.
      return slow(provider.generateKey());
    },
  };
}
