import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';

/** What can be wrong with a stored file: its bytes no longer hash to its address, or it is gone. */
export type StoredFileFault = 'damaged' | 'missing';

/**
 * A stored file failed its integrity check on reading. It is an AppError (ATTACHMENT_DAMAGED, 409):
 * the file is in a state the request cannot be served from, which is not a fault of the code; the
 * details name the fault only — never the hash or a file name, which the caller may not be allowed
 * to know.
 */
export class StoredFileError extends AppError {
  readonly fault: StoredFileFault;
  readonly sha256: string;
  constructor(fault: StoredFileFault, sha256: string) {
    super('ATTACHMENT_DAMAGED', fault === 'missing' ? 'The stored file is missing' : 'The stored file does not match its recorded SHA-256', { reason: fault });
    this.fault = fault;
    this.sha256 = sha256;
  }
}

export function isStoredFileError(e: unknown): e is StoredFileError {
  return e instanceof StoredFileError;
}

/**
 * Content-addressed file storage outside the main tables: a file is stored once under its SHA-256
 * (`ab/abcdef…`). Writes go to a temporary file that is fsynced and renamed, so a crash leaves
 * either the whole file or none.
 *
 * Every read is verified: `get` hashes what it read and throws StoredFileError ('damaged' or
 * 'missing') unless it matches the address, so no reader can hand out changed bytes under the
 * original hash. Files are read whole, then checked, then sent: at the attachment limit (25 MB by
 * default) that costs little memory, and it is the only way to refuse before the first byte leaves
 * (a hash computed while streaming is known only after the last byte was sent).
 */
export interface FileStore {
  put(data: Buffer): Promise<{ sha256: string; size: number }>;
  /** The verified bytes stored under `sha256`; StoredFileError when they are missing or changed. */
  get(sha256: string): Promise<Buffer>;
  /** Verifies the stored file without keeping its bytes (streamed). */
  check(sha256: string): Promise<'ok' | StoredFileFault>;
  exists(sha256: string): boolean;
  /** Where the file lives, relative to the store's root (FILES_DIR): what an administrator restores from a backup. */
  relativePath(sha256: string): string;
}

const SHA = /^[0-9a-f]{64}$/;

const isMissing = (e: unknown) => ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((e as NodeJS.ErrnoException).code ?? '');

export function fileStore(root: string): FileStore {
  const relativePath = (sha: string) => {
    if (!SHA.test(sha)) throw new Error('invalid content address');
    return path.join(sha.slice(0, 2), sha);
  };
  const pathOf = (sha: string) => path.join(root, relativePath(sha));

  async function check(sha256: string): Promise<'ok' | StoredFileFault> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of fs.createReadStream(pathOf(sha256))) hash.update(chunk as Buffer);
    } catch (e) {
      if (isMissing(e)) return 'missing';
      throw e;
    }
    return hash.digest('hex') === sha256 ? 'ok' : 'damaged';
  }

  return {
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const target = pathOf(sha256);
      // A file already there is kept only if it is intact: uploading the original again repairs a damaged one.
      if (!fs.existsSync(target) || (await check(sha256)) !== 'ok') {
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
    async get(sha256) {
      let data: Buffer;
      try {
        data = await fs.promises.readFile(pathOf(sha256));
      } catch (e) {
        if (isMissing(e)) throw new StoredFileError('missing', sha256);
        throw e;
      }
      if (createHash('sha256').update(data).digest('hex') !== sha256) throw new StoredFileError('damaged', sha256);
      return data;
    },
    check,
    exists: (sha256) => fs.existsSync(pathOf(sha256)),
    relativePath,
  };
}
