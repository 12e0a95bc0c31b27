import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPglite } from '../db/pglite.ts';
import pg from 'pg';
import { wrapPglite, wrapPool, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedReferenceData } from '../db/seed.ts';
import { fixedClock } from '../../domain/time.ts';
import { applyNodeParty } from '../prepare.ts';
import { insertFixtureUsers } from './fixtures.ts';

/** "Now" of the template: the fixture rows are created at this instant. */
export const TEMPLATE_TIME = new Date('2026-01-15T06:00:00Z');

/**
 * On PostgreSQL the suite runs as the production setup does: TEST_DATABASE_URL is the owner
 * (migrations, grants, test set-up that needs ownership) and every test app connects as this
 * role, which owns nothing and may only INSERT and SELECT the audit log.
 */
export const TEST_APP_ROLE = 'bc_test_app';
const TEST_APP_PASSWORD = 'bc-test-app';

async function fill(database: Database, grantTo?: string): Promise<void> {
  await migrateDatabase(database, grantTo ? { grantTo } : {});
  await seedReferenceData(database.db, TEMPLATE_TIME);
  // The template is a `both` node (the suite's default); createTestContext applies another NODE_PARTY as a start would.
  await applyNodeParty(database.db, fixedClock(TEMPLATE_TIME.toISOString()), 'both');
  await insertFixtureUsers(database.db, TEMPLATE_TIME);
}

/** Builds the migrated, seeded PGlite once per run and dumps it; each test file loads the dump (~0.4 s). */
export async function buildPgliteTemplate(): Promise<string> {
  const client = newPglite();
  const database = wrapPglite(client);
  await fill(database);
  const dump = await client.dumpDataDir('none');
  const file = path.join(os.tmpdir(), `bc-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  return file;
}

export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The URL of `database` as the application role (same server as the owner's URL). */
export function appUrl(url: string, database: string): string {
  const u = new URL(adminUrl(url, database));
  u.username = TEST_APP_ROLE;
  u.password = TEST_APP_PASSWORD;
  return u.toString();
}

/** Creates the application role once per cluster (kept between runs; runs may race to create it). */
export async function ensureAppRole(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const found = await admin.query<{ powers: boolean }>(
      'select rolsuper or rolcreatedb or rolcreaterole or rolbypassrls as powers from pg_roles where rolname = $1',
      [TEST_APP_ROLE],
    );
    if (!found.rowCount) {
      try {
        await admin.query(`create role ${TEST_APP_ROLE} login password '${TEST_APP_PASSWORD}'`);
      } catch (e) {
        // 42710 duplicate_object / 23505 unique_violation: another run created it first.
        if (!['42710', '23505'].includes((e as { code?: string }).code ?? '')) throw e;
      }
    }
    // Whatever an earlier run left: an application role with no powers beyond its grants.
    if (found.rows[0]?.powers) await admin.query(`alter role ${TEST_APP_ROLE} nosuperuser nocreatedb nocreaterole nobypassrls`);
  } finally {
    await admin.end();
  }
}

/** Creates a migrated, seeded template database; each test file clones it with CREATE DATABASE … TEMPLATE. */
export async function buildPostgresTemplate(url: string): Promise<string> {
  const name = `bc_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const database = wrapPool(new pg.Pool({ connectionString: adminUrl(url, name), max: 2 }));
  try {
    await fill(database, TEST_APP_ROLE);
  } finally {
    await database.close();
  }
  return name;
}

export async function dropPostgresDatabase(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Drops databases left by earlier runs that crashed before their teardown. */
export async function dropStaleTestDatabases(url: string, olderThanMs = 3_600_000): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^bc_(tpl|t)_'`);
    for (const { datname } of rows) {
      const stamp = datname.split('_').at(-1) ?? '';
      const created = Number.parseInt(stamp, 36);
      if (Number.isFinite(created) && Date.now() - created > olderThanMs) await admin.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await admin.end();
  }
}
