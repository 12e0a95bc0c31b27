import fs from 'node:fs';
import path from 'node:path';
import { newPglite } from '../db/pglite.ts';
import { loadConfig } from '../config.ts';
import { acquireDataDirLock } from '../db/lock.ts';

/** `npm run restore -- <file>`: restores a backup into an empty DATA_DIR (refuses to overwrite data). */
const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  process.stderr.write('Usage: npm run restore -- <backup.tar.gz>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const lock = acquireDataDirLock(config.dataDir);
try {
  const pgdata = path.join(config.dataDir, 'pgdata');
  if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
    process.stderr.write(`${pgdata} is not empty: move it away first; restore never overwrites data.\n`);
    process.exitCode = 2;
  } else {
    const client = newPglite({ dataDir: pgdata, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await client.waitReady;
    await client.close();
    process.stdout.write(`Restored ${file} into ${pgdata}\n`);
  }
} finally {
  lock.release();
}
