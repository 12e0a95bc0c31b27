import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { newPglite } from '../db/pglite.ts';
import pg from 'pg';
import { inject } from 'vitest';
import { fixedClock } from '../../domain/time.ts';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Deps } from '../lib/deps.ts';
import { enqueueForPeers, enqueueRecord, timestampAuthority } from '../modules/exchange/index.ts';
import { wrapPglite, wrapPool, type Database, type DriverName } from '../db/client.ts';
import type { App } from '../lib/http.ts';
import { applyNodeParty } from '../prepare.ts';
import { fileStore } from '../lib/storage.ts';
import { ed25519Provider, type SignatureProvider, type SignatureProviders } from '../modules/signing/signer.ts';
import { FIXTURE_PASSWORD, type FixtureUser } from './fixtures.ts';
import { adminUrl, appUrl, dropPostgresDatabase } from './template.ts';

/** The driver this test project runs on; test names carry it so CI can see both suites ran. */
export const DRIVER: DriverName = process.env.TEST_DRIVER === 'postgresql' ? 'postgresql' : 'pglite';
export const TAG = `[${DRIVER}]`;

/**
 * A database of one test file. On PostgreSQL the database itself is the application role's
 * connection (as in production with two roles) and `owner` the schema owner's, for the few tests
 * that deliberately need owner powers; PGlite has one role, so there `owner` is the same database.
 */
export type TestDatabase = Database & {
  owner: Database;
  /** PostgreSQL: the owner's URL (MIGRATION_DATABASE_URL) and the application role's (DATABASE_URL). */
  urls?: { owner: string; app: string };
  drop(): Promise<void>;
};

async function postgresTestDatabase(template: string | null): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `bc_t_${process.pid}_${randomBytes(3).toString('hex')}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const urls = { owner: adminUrl(url, name), app: appUrl(url, name) };
  const database = wrapPool(new pg.Pool({ connectionString: urls.app, max: 5 }));
  const owner = wrapPool(new pg.Pool({ connectionString: urls.owner, max: 2 }));
  return {
    ...database,
    owner,
    urls,
    async close() {
      await Promise.all([database.close(), owner.close()]);
    },
    drop: () => dropPostgresDatabase(url, name),
  };
}

/** A fresh database for one test file, cloned from the run's migrated and seeded template. */
export async function freshDatabase(): Promise<TestDatabase> {
  if (DRIVER === 'postgresql') return postgresTestDatabase(inject('postgresTemplate'));
  const dump = fs.readFileSync(inject('pgliteTemplate'));
  const client = newPglite({ loadDataDir: new Blob([dump]) });
  await client.waitReady;
  const database = wrapPglite(client);
  return { ...database, owner: database, drop: async () => undefined };
}

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
}

export interface Client {
  login: string;
  csrfToken: string;
  cookie: string;
  get<T = any>(url: string): Promise<TestResponse<T>>;
  post<T = any>(url: string, body?: unknown): Promise<TestResponse<T>>;
  put<T = any>(url: string, body?: unknown): Promise<TestResponse<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<TestResponse<T>>;
  del<T = any>(url: string): Promise<TestResponse<T>>;
}

export interface TestContext {
  app: App;
  /** The application's connection (on PostgreSQL the application role; `database.owner` is the owner's). */
  database: TestDatabase;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  /** The services' dependencies as the app has them (background jobs run with these: the exchange relay). */
  deps: Deps;
  as(user: FixtureUser | string, password?: string): Promise<Client>;
  anonymous: Omit<Client, 'login' | 'csrfToken' | 'cookie'>;
  close(): Promise<void>;
}

function toResponse(res: { statusCode: number; headers: Record<string, any>; rawPayload: Buffer; body: string }): TestResponse {
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: /[/+]json\b/.test(type) && res.body ? JSON.parse(res.body) : res.body, headers: res.headers, raw: res.rawPayload };
}

function makeClient(app: App, cookie: string, csrfToken: string) {
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const res = await app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    return toResponse(res as any);
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body?: unknown) => call('POST', url, body),
    put: (url: string, body?: unknown) => call('PUT', url, body),
    patch: (url: string, body?: unknown) => call('PATCH', url, body),
    del: (url: string) => call('DELETE', url),
  };
}

/** A test application; on a fresh copy of the template database unless one is given (a migration test's). */
export async function createTestContext(
  opts: {
    now?: string;
    env?: Record<string, string>;
    logger?: Parameters<typeof buildApp>[0]['logger'];
    database?: TestDatabase;
    /** Document signature providers (default: the context's Ed25519 signer alone). */
    signatures?: (signer: SignatureProvider) => SignatureProviders;
  } = {},
): Promise<TestContext> {
  const database = opts.database ?? (await freshDatabase());
  const clock = fixedClock(opts.now ?? '2026-03-02T07:00:00Z');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-test-data-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
      SCHEDULER: 'off',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      DATA_DIR: dataDir,
      // No CI report unless a test gives one: the run in progress must not read the previous run's.
      TEST_REPORT_FILE: path.join(dataDir, 'no-report.json'),
      ...opts.env,
    },
    'test',
  );
  // The template is a `both` node; another NODE_PARTY is applied as a start on that database would:
  // the other Party's offices go off the system and its fixture users are disabled (office_not_hosted).
  if (config.nodeParty !== 'both') await applyNodeParty(database.db, clock, config.nodeParty);
  // Each test file gets its own signing secret and file store, like a separate installation.
  const signer = ed25519Provider(randomBytes(32));
  const files = fileStore(config.filesDir);
  const signatures = opts.signatures?.(signer);
  const app = await buildApp({ config, database, clock, logger: opts.logger, signer, files, ...(signatures ? { signatures } : {}) });
  await app.ready();
  const anonymous = makeClient(app, '', '');
  return {
    app,
    database,
    config,
    clock,
    deps: {
      db: database.db,
      driver: database.driver,
      clock,
      config,
      signer,
      ...(signatures ? { signatures } : {}),
      files,
      tsa: timestampAuthority(config),
      afterAction: enqueueForPeers,
      sendRecord: enqueueRecord,
    },
    anonymous,
    async as(user, password = FIXTURE_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: user, password } });
      if (res.statusCode !== 200) throw new Error(`login as ${user} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
      const { csrfToken } = res.json() as { csrfToken: string };
      return { login: user, csrfToken, cookie, ...makeClient(app, cookie, csrfToken) };
    },
    async close() {
      await app.close();
      await database.close();
      await database.drop();
    },
  };
}

/**
 * An empty database (no migrations, no data), for start-up tests. On PostgreSQL it is connected as
 * the application role: pass `urls.owner` as migrationDatabaseUrl to prepare it.
 */
export async function emptyDatabase(): Promise<TestDatabase> {
  if (DRIVER === 'postgresql') return postgresTestDatabase(null);
  const client = newPglite();
  await client.waitReady;
  const database = wrapPglite(client);
  return { ...database, owner: database, drop: async () => undefined };
}
