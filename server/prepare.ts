import type { NodeParty } from '../domain/node.ts';
import type { Clock } from '../domain/time.ts';
import type { Config } from './config.ts';
import { openPostgres, type Database, type Db } from './db/client.ts';
import { currentRole, lockStartupWork, migrateDatabase, schemaIsCurrent } from './db/migrate.ts';
import { seedReferenceData } from './db/seed.ts';
import { applyNodeHosting } from './modules/registry/index.ts';
import { bootstrapAdmin, disableUsersNotHostedHere } from './modules/users/index.ts';

/**
 * Makes the database the node NODE_PARTY says (README, The node): when it last ran as another
 * node, the offices' hosting follows (each move in the office's history and the audit log), and any
 * active user of an office not hosted here is disabled with the reason `office_not_hosted`
 * (audited, sessions ended). One transaction under the start-up lock; nothing happens when the
 * node is unchanged and every user's office is hosted here.
 */
export async function applyNodeParty(db: Db, clock: Clock, node: NodeParty) {
  return db.transaction(async (tx) => {
    await lockStartupWork(tx);
    const hosting = await applyNodeHosting(tx, { clock }, node);
    const disabledUsers = await disableUsersNotHostedHere(tx, { clock });
    return { previous: hosting.from, moved: hosting.moved, disabledUsers };
  });
}

/**
 * Start-up work shared by the server and the CLI: migrations, reference data, first administrator.
 * With a MIGRATION_DATABASE_URL the schema work runs as the owner role, which then grants the
 * application's role (the one `database` is connected as) exactly what it needs; the rest is
 * plain DML and runs as the application, as everything after start-up does. Without it, a current
 * schema is left alone, so the server may run as the application role alone once
 * `npm run db:migrate` was run with the owner's URL.
 */
export async function prepareDatabase(
  database: Database,
  config: Pick<Config, 'admin'> & { migrationDatabaseUrl?: string | undefined; nodeParty?: NodeParty },
  clock: Clock,
) {
  const node = config.nodeParty ?? 'both';
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
  const seeded = await seedReferenceData(database.db, clock.now(), node);
  const applied = await applyNodeParty(database.db, clock, node);
  const admin = await bootstrapAdmin({ db: database.db, clock }, config.admin, node);
  return { seeded: seeded.loaded, admin, node: { party: node, ...applied } };
}
