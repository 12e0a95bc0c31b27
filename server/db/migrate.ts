import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import type { Database, Db } from './client.ts';
import { fromRoot } from '../paths.ts';

export const MIGRATIONS_FOLDER = fromRoot('server', 'migrations');

/** Arbitrary constant: the advisory lock that serializes migrations and seeding across instances. */
export const SCHEMA_LOCK_KEY = 7_240_301;

/** Tables a trigger keeps append-only; the application's role may only INSERT into and SELECT them. */
export const APPEND_ONLY_TABLES = ['audit_log', 'actions', 'action_forks'] as const;

/**
 * Applies the committed SQL migrations. On PostgreSQL several instances may start at once: a
 * session advisory lock lets exactly one migrate while the others wait and then find nothing to do.
 * With `grantTo` (the application's role, when `database` is the schema owner's connection) the
 * role's privileges are set again after every migration, under the same lock: concurrent GRANTs on
 * one object fail with "tuple concurrently updated".
 */
export async function migrateDatabase(database: Database, opts: { grantTo?: string } = {}): Promise<void> {
  if (database.driver === 'pglite') {
    await migratePglite(drizzlePglite({ client: database.pglite! }), { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    try {
      await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
      if (opts.grantTo) await grantApplicationRole(client, opts.grantTo);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * The application role's privileges, set from scratch in one transaction (idempotent; tables added
 * by later migrations are covered because this runs after every migration): plain DML on every
 * table and sequence of the schema, but only INSERT and SELECT on the append-only tables (the audit
 * log, the action log) and SELECT/UPDATE on the audit log's head row. The role owns nothing, so it can neither disable the audit log's triggers nor
 * alter, truncate or drop a table.
 */
export async function grantApplicationRole(client: pg.PoolClient | pg.Client, role: string): Promise<void> {
  const r = pg.escapeIdentifier(role);
  const [{ same }] = (await client.query<{ same: boolean }>('select current_user = $1::name as same', [role])).rows as [{ same: boolean }];
  // Revoking from the owner itself would strip its own rights; one role means no separation anyway.
  if (same) return;
  await client.query('begin');
  try {
    await client.query(`grant usage on schema public to ${r}`);
    await client.query(`revoke all on all tables in schema public from ${r}`);
    await client.query(`grant select, insert, update, delete on all tables in schema public to ${r}`);
    await client.query(`revoke update, delete on ${APPEND_ONLY_TABLES.join(', ')}, audit_head from ${r}`);
    await client.query(`revoke insert on audit_head from ${r}`);
    await client.query(`grant update on audit_head to ${r}`);
    await client.query(`revoke all on all sequences in schema public from ${r}`);
    await client.query(`grant usage, select on all sequences in schema public to ${r}`);
    // Read-only sight of the applied migrations: a server started without the owner's URL checks
    // that the schema is current instead of trying to migrate.
    await client.query(`grant usage on schema drizzle to ${r}`);
    await client.query(`grant select on drizzle.__drizzle_migrations to ${r}`);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
}

/** Whether every committed migration is applied (the check drizzle's migrator makes), without writing. */
export async function schemaIsCurrent(db: Db): Promise<boolean> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  try {
    const res = (await db.execute(sql`select max(created_at) as at from drizzle.__drizzle_migrations`)) as unknown as {
      rows: { at: string | number | null }[];
    };
    return Number(res.rows[0]?.at ?? 0) >= (files.at(-1)?.folderMillis ?? 0);
  } catch {
    return false; // no migrations table yet, or no right to read it
  }
}

/** The role a connection runs as (the application role, when two roles are configured). */
export async function currentRole(db: Db): Promise<string> {
  const res = (await db.execute(sql`select current_user as role`)) as unknown as { rows: { role: string }[] };
  return res.rows[0]!.role;
}

/** Serializes one-time start-up work (seeding, first administrator) across instances. */
export async function lockStartupWork(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SCHEMA_LOCK_KEY})`);
}
