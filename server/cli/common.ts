import { ConfigError, loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { APP_VERSION } from '../paths.ts';

/** CLI commands read the same configuration as the server and take the same data-directory lock. */
export async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  let config: Config;
  let database: Database;
  try {
    config = loadConfig(process.env, APP_VERSION);
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
