import { systemClock } from '../../domain/time.ts';
import { prepareDatabase } from '../prepare.ts';
import { withDatabase } from './common.ts';

/** `npm run db:migrate`: applies the committed migrations, loads reference data on a new database. */
await withDatabase(async (database, config) => {
  const result = await prepareDatabase(database, config, systemClock);
  process.stdout.write(`Migrations applied on ${database.driver}.${result.seeded ? ' Reference data loaded.' : ''}\n`);
  if (result.admin?.generated) process.stdout.write(`Administrator created: login ${result.admin.login}, one-time password ${result.admin.password}\n`);
});
