import fs from 'node:fs';
import path from 'node:path';
import { withDatabase } from './common.ts';

/**
 * `npm run backup [-- <file>]`: a consistent copy of the embedded database (a .tar.gz of its data
 * directory). It takes the data-directory lock, so it refuses while the server runs on the same
 * directory. On PostgreSQL, use pg_dump (see README).
 */
const target = process.argv[2];
await withDatabase(async (database) => {
  if (database.driver !== 'pglite') {
    process.stderr.write('DATABASE_URL is set: back up PostgreSQL with pg_dump, e.g. pg_dump -Fc "$DATABASE_URL" > bc.dump\n');
    process.exitCode = 2;
    return;
  }
  const dump = await database.pglite!.dumpDataDir('gzip');
  const file = path.resolve(target ?? path.join('backups', `bc-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.tar.gz`));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.stdout.write(`Backup written: ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)\n`);
});
