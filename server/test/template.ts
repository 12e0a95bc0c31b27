import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { wrapPglite, wrapPool, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { seedReferenceData } from '../db/seed.ts';
import { insertFixtureUsers } from './fixtures.ts';

/** "Now" of the template: the fixture rows are created at this instant. */
export const TEMPLATE_TIME = new Date('2026-01-15T06:00:00Z');

async function fill(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedReferenceData(database.db, TEMPLATE_TIME);
  await insertFixtureUsers(database.db, TEMPLATE_TIME);
}

/** Builds the migrated, seeded PGlite once per run and dumps it; each test file loads the dump (~0.4 s). */
export async function buildPgliteTemplate(): Promise<string> {
  const client = new PGlite();
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
    await fill(database);
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
