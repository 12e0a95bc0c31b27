import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { seedReferenceData } from './db/seed.ts';
import { bootstrapAdmin } from './modules/users/index.ts';

/** Start-up work shared by the server and the CLI: migrations, reference data, first administrator. */
export async function prepareDatabase(database: Database, config: Pick<Config, 'admin'>, clock: Clock) {
  await migrateDatabase(database);
  const seeded = await seedReferenceData(database.db, clock.now());
  const admin = await bootstrapAdmin({ db: database.db, clock }, config.admin);
  return { seeded: seeded.loaded, admin };
}
