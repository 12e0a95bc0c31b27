import { newPglite } from '../server/db/pglite.ts';

/**
 * The start-up's baseline (bench/run.ts): open the PGlite directory given as the argument (DATA_DIR/pgdata) as the
 * server does (with btree_gin), run one query, print «ready», close. Nothing of the application.
 */
const db = newPglite({ dataDir: process.argv[2]! });
await db.query('select 1');
process.stdout.write('ready\n');
await db.close();
