import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from '../db/client.ts';
import { MIGRATIONS_FOLDER } from '../db/migrate.ts';

/**
 * For tests of a data migration: a copy of the committed migrations that stops before the first one
 * whose tag ends with `tagSuffix`, and a way to apply it — so a test can plant rows of the old shape
 * and then run the real migration over them.
 */
export function migrationsBefore(tagSuffix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-migrations-'));
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (cut <= 0) throw new Error(`no migration ends with ${tagSuffix}`);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

export async function migrateWith(database: Database, folder: string): Promise<void> {
  if (database.driver === 'pglite') await migratePglite(drizzlePglite({ client: database.pglite! }), { migrationsFolder: folder });
  else await migratePg(drizzlePg({ client: database.pool! }), { migrationsFolder: folder });
}
