import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Content-addressed file storage outside the main tables: a file is stored once under its SHA-256
 * (`ab/abcdef…`). Writes go to a temporary file that is fsynced and renamed, so a crash leaves
 * either the whole file or none.
 */
export interface FileStore {
  put(data: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer>;
  exists(sha256: string): boolean;
}

const SHA = /^[0-9a-f]{64}$/;

export function fileStore(root: string): FileStore {
  const pathOf = (sha: string) => {
    if (!SHA.test(sha)) throw new Error('invalid content address');
    return path.join(root, sha.slice(0, 2), sha);
  };
  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const target = pathOf(sha256);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
        const fh = await fs.promises.open(tmp, 'w', 0o600);
        try {
          await fh.writeFile(data);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await fs.promises.rename(tmp, target);
      }
      return { sha256, size: data.length };
    },
    get: (sha256) => fs.promises.readFile(pathOf(sha256)),
    exists: (sha256) => fs.existsSync(pathOf(sha256)),
  };
}
