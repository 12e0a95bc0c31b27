import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import { openPostgres, type Database } from './db/client.ts';
import { currentRole, migrateDatabase, schemaIsCurrent } from './db/migrate.ts';
import { seedReferenceData } from './db/seed.ts';
import { bootstrapAdmin } from './modules/users/index.ts';

/**
 * Start-up work shared by the server and the CLI: migrations, reference data, first administrator.
 * With a MIGRATION_DATABASE_URL the schema work runs as the owner role, which then grants the
 * application's role (the one `database` is connected as) exactly what it needs; the rest is
 * plain DML and runs as the application, as everything after start-up does. Without it, a current
 * schema is left alone, so the server may run as the application role alone once
 * `npm run db:migrate` was run with the owner's URL.
 */
export async function prepareDatabase(database: Database, config: Pick<Config, 'admin'> & { migrationDatabaseUrl?: string | undefined }, clock: Clock) {
  if (database.driver === 'postgresql' && config.migrationDatabaseUrl) {
    const appRole = await currentRole(database.db);
    const owner = openPostgres(config.migrationDatabaseUrl, 1);
    try {
      await migrateDatabase(owner, { grantTo: appRole });
    } finally {
      await owner.close();
    }
  } else if (database.driver === 'postgresql' && (await schemaIsCurrent(database.db))) {
    // Nothing to apply: also how a server that runs as the application role, without the owner's
    // URL in its environment, starts after `npm run db:migrate` was run with MIGRATION_DATABASE_URL.
  } else {
    try {
      await migrateDatabase(database);
    } catch (e) {
      if ((e as { cause?: { code?: string }; code?: string }).cause?.code === '42501' || (e as { code?: string }).code === '42501') {
        throw new Error(
          'The database needs migrations that the DATABASE_URL role may not apply: set MIGRATION_DATABASE_URL to the schema owner (or run `npm run db:migrate` with it first; README, PostgreSQL)',
          { cause: e },
        );
      }
      throw e;
    }
  }
  const seeded = await seedReferenceData(database.db, clock.now());
  const admin = await bootstrapAdmin({ db: database.db, clock }, config.admin);
  return { seeded: seeded.loaded, admin };
}
