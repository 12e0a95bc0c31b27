import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { newPglite } from './pglite.ts';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';
import { acquireDataDirLock, type DataDirLock, type LockOwner } from './lock.ts';

/** One type for both drivers; a transaction object is assignable to it too. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Independent reads: at once on the pool (each on its own connection), one after another inside a
 * transaction — its one connection runs one query at a time, and node-postgres warns (and will
 * refuse) when queries are queued on a client that is still executing one.
 */
export async function readAll<T extends readonly unknown[]>(db: Db, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((r) => r()))) as unknown as T;
  const out: unknown[] = [];
  for (const r of reads) out.push(await r());
  return out as unknown as T;
}
export type DriverName = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  driver: DriverName;
  /** Present on PGlite; the raw client (tests clone it, backups dump it). */
  pglite?: PGlite;
  /** Present on PostgreSQL. */
  pool?: pg.Pool;
  /** Set when the embedded database's lock of a crashed process was taken over. */
  recoveredLock: LockOwner | null;
  /**
   * Listens on a NOTIFY channel. `onState(true)` once listening (again): notices may have been
   * missed before it, so a listener's caches start afresh; `onState(false)` while the connection is
   * lost (PostgreSQL reconnects by itself every second). Returns the way to stop.
   */
  listen(channel: string, onNotice: (payload: string) => void, onState: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// DATE columns stay 'YYYY-MM-DD' strings on both drivers (node-postgres would make them local Dates).
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export function wrapPglite(client: PGlite, lock: DataDirLock | null = null): Database {
  return {
    db: drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db,
    driver: 'pglite',
    pglite: client,
    recoveredLock: lock?.recovered ?? null,
    async listen(channel, onNotice, onState) {
      // In process, one connection: nothing can be missed.
      const stop = await client.listen(channel, onNotice);
      onState(true);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export function wrapPool(pool: pg.Pool): Database {
  // An idle client losing its connection (server restart, failover) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', () => undefined);
  return {
    db: drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db,
    driver: 'postgresql',
    pool,
    recoveredLock: null,
    listen: (channel, onNotice, onState) => listenPostgres(pool, channel, onNotice, onState),
    async close() {
      await pool.end();
    },
  };
}

/** A connection of its own (a pooled one would be handed to queries), re-established when lost. */
async function listenPostgres(pool: pg.Pool, channel: string, onNotice: (payload: string) => void, onState: (listening: boolean) => void) {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client((pool as unknown as { options: pg.ClientConfig }).options);
    c.on('notification', (m) => {
      if (m.channel === channel) onNotice(m.payload ?? '');
    });
    // A lost connection emits 'error' then 'end'; the process must not crash on it.
    c.on('error', () => undefined);
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      onState(false);
      if (!stopped) retry = setTimeout(() => void connect(), 1000).unref();
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (stopped) return void (await c.end());
      client = c;
      onState(true);
    } catch {
      void c.end().catch(() => undefined);
      onState(false);
      if (!stopped) retry = setTimeout(() => void connect(), 1000).unref();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}

export async function openPglite(dataDir: string): Promise<Database> {
  const lock = acquireDataDirLock(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    // We hold the directory lock, so a postmaster.pid left here can only be a crashed run's.
    fs.rmSync(path.join(pgdata, 'postmaster.pid'), { force: true });
    const client = newPglite({ dataDir: pgdata });
    await client.waitReady;
    return wrapPglite(client, lock);
  } catch (e) {
    lock.release();
    throw e;
  }
}

export function openPostgres(url: string, poolSize: number): Database {
  return wrapPool(new pg.Pool({ connectionString: url, max: poolSize, application_name: 'border-cooperation' }));
}

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string; poolSize?: number }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

/**
 * Reads that do not depend on each other: together on the pool, one after another inside a
 * transaction — its one connection would otherwise get concurrent queries, which node-postgres
 * queues with a deprecation warning and pg 9 refuses.
 */
export async function independentReads<T extends unknown[]>(db: Db, pool: Db, reads: [...{ [K in keyof T]: () => Promise<T[K]> }]): Promise<T> {
  if (db === pool) return (await Promise.all(reads.map((read) => read()))) as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as T;
}
