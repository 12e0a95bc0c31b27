import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import { openPostgres, type Database } from './db/client.ts';
import { currentRole, migrateDatabase } from './db/migrate.ts';
import { seedReferenceData } from './db/seed.ts';
import { bootstrapAdmin } from './modules/users/index.ts';

/**
 * Start-up work shared by the server and the CLI: migrations, reference data, first administrator.
 * With a MIGRATION_DATABASE_URL the schema work runs as the owner role, which then grants the
 * application's role (the one `database` is connected as) exactly what it needs; the rest is
 * plain DML and runs as the application, as everything after start-up does.
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
  } else {
    await migrateDatabase(database);
  }
  const seeded = await seedReferenceData(database.db, clock.now());
  const admin = await bootstrapAdmin({ db: database.db, clock }, config.admin);
  return { seeded: seeded.loaded, admin };
}
