import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSecret, type Config } from '../config.ts';

/**
 * The secret that encrypts signing keys at rest: SIGNING_SECRET, or a file created once in the
 * data directory (mode 0600). Instances sharing PostgreSQL must share the same SIGNING_SECRET.
 */
export function resolveSigningSecret(config: Pick<Config, 'signingSecret' | 'dataDir'>): Buffer {
  if (config.signingSecret) return decodeSecret(config.signingSecret);
  const file = path.join(config.dataDir, 'signing.secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another instance made it first
    }
  }
  return decodeSecret(fs.readFileSync(file, 'utf8').trim());
}
