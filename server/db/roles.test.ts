import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/time.ts';
import { roleCanRewriteAuditLog } from '../modules/audit/index.ts';
import { prepareDatabase } from '../prepare.ts';
import { DRIVER, emptyDatabase, freshDatabase } from '../test/build-test-app.ts';
import { TEST_APP_ROLE } from '../test/template.ts';
import type { Db } from './client.ts';
import { APPEND_ONLY_TABLES, migrateDatabase } from './migrate.ts';
import { startServer } from '../../e2e/harness.ts';

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

/**
 * The two roles of a PostgreSQL installation (MIGRATION_DATABASE_URL owns the schema, DATABASE_URL
 * only works in it). PostgreSQL only: PGlite has a single role, nothing to separate.
 */
describe.skipIf(DRIVER === 'pglite')('two database roles: the schema owner migrates, the server’s role owns nothing [postgresql]', () => {
  it('security: on a new database the owner migrates and grants; the server’s role owns no table and may only INSERT and SELECT the audit log, the action log and the superseded actions', async () => {
    const database = await emptyDatabase();
    try {
      const clock = fixedClock('2026-01-01T00:00:00Z');
      const first = await prepareDatabase(database, { admin: undefined, migrationDatabaseUrl: database.urls!.owner }, clock);
      expect(first.seeded).toBe(true);
      const app = database.db;
      const owned = await rows<{ relname: string }>(
        app,
        sql`select relname from pg_class where pg_has_role(current_user, relowner, 'MEMBER') and relnamespace = 'public'::regnamespace`,
      );
      expect(owned).toEqual([]);
      // The append-only tables: the audit log, the action log and its superseded actions (docs/KERNEL.md).
      for (const table of APPEND_ONLY_TABLES) {
        const privileges = await rows<Record<string, boolean>>(
          app,
          sql`select ${sql.raw(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES'].map((p) => `has_table_privilege('${table}', '${p}') as "${p}"`).join(', '))}`,
        );
        expect(privileges[0], table).toEqual({ SELECT: true, INSERT: true, UPDATE: false, DELETE: false, TRUNCATE: false, TRIGGER: false, REFERENCES: false });
      }
      const head = await rows<Record<string, boolean>>(
        app,
        sql`select has_table_privilege('audit_head', 'SELECT, UPDATE') as rw, has_table_privilege('audit_head', 'INSERT, DELETE, TRUNCATE') as more`,
      );
      expect(head[0]).toEqual({ rw: true, more: false });
      expect(await roleCanRewriteAuditLog(app)).toBe(false);
      // Every other table: plain DML, never TRUNCATE.
      const tables = await rows<{ name: string; dml: boolean; truncate: boolean }>(
        app,
        sql`select relname as name, has_table_privilege(oid, 'SELECT') and has_table_privilege(oid, 'INSERT') and has_table_privilege(oid, 'UPDATE') and has_table_privilege(oid, 'DELETE') as dml, has_table_privilege(oid, 'TRUNCATE') as truncate
              from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and relname not in ('audit_log', 'audit_head', 'actions', 'action_forks')`,
      );
      expect(tables.length).toBeGreaterThan(20);
      expect(tables.filter((t) => !t.dml || t.truncate)).toEqual([]);

      // Later starts: with the owner's URL the grants are set again (idempotent); without it, a
      // current schema is left alone, so the server may run with the application role alone.
      expect(await prepareDatabase(database, { admin: undefined, migrationDatabaseUrl: database.urls!.owner }, clock)).toMatchObject({
        seeded: false,
        admin: null,
      });
      expect(await prepareDatabase(database, { admin: undefined }, clock)).toMatchObject({ seeded: false, admin: null });
    } finally {
      await database.close();
      await database.drop();
    }
  });

  it('a database that needs migrations is not touched by the server’s role: the start fails and names MIGRATION_DATABASE_URL', async () => {
    const database = await emptyDatabase();
    try {
      await expect(prepareDatabase(database, { admin: undefined }, fixedClock('2026-01-01T00:00:00Z'))).rejects.toThrow(/MIGRATION_DATABASE_URL/);
    } finally {
      await database.close();
      await database.drop();
    }
  });

  it('security: the server warns at start when its role could rewrite the audit log, and not when it runs as the application role', async () => {
    const database = await freshDatabase();
    try {
      for (const [env, warns] of [
        [{ DATABASE_URL: database.urls!.owner }, true],
        [{ DATABASE_URL: database.urls!.app, MIGRATION_DATABASE_URL: database.urls!.owner }, false],
      ] as const) {
        const server = await startServer({ env: { ...env, SCHEDULER: 'off' } });
        try {
          expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        } finally {
          expect(await server.stop()).toBe(0);
        }
        expect(server.output().includes('only protected by its trigger'), server.output()).toBe(warns);
      }
    } finally {
      await database.close();
      await database.drop();
    }
  }, 120_000);

  it('a table added by a later migration is granted to the server’s role by the next migrate', async () => {
    const database = await freshDatabase();
    try {
      await database.owner.db.execute(sql`create table later_table (id int primary key)`);
      const denied = await database.db.execute(sql`insert into later_table values (1)`).then(
        () => null,
        (e: { cause?: { code?: string } }) => e.cause?.code,
      );
      expect(denied).toBe('42501');
      await migrateDatabase(database.owner, { grantTo: TEST_APP_ROLE });
      await database.db.execute(sql`insert into later_table values (1)`);
      expect(await rows(database.db, sql`select id from later_table`)).toEqual([{ id: 1 }]);
    } finally {
      await database.close();
      await database.drop();
    }
  });
});
