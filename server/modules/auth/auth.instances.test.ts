import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { wrapPool, type Database } from '../../db/client.ts';
import { createTestContext, DRIVER, TAG, type TestContext } from '../../test/build-test-app.ts';
import { FIXTURE_PASSWORD } from '../../test/fixtures.ts';

/**
 * Several instances share one database: sessions and lockouts live there, not in memory. On
 * PostgreSQL the second instance has its own connection pool, as a second process would.
 */
describe(`several app instances on one database ${TAG}`, () => {
  let ctx: TestContext;
  let second: Awaited<ReturnType<typeof buildApp>>;
  let secondDb: Database | null = null;
  beforeAll(async () => {
    ctx = await createTestContext();
    if (DRIVER === 'postgresql') {
      const { connectionString } = (ctx.database.pool as unknown as { options: { connectionString: string } }).options;
      secondDb = wrapPool(new pg.Pool({ connectionString, max: 3 }));
    }
    second = await buildApp({ config: ctx.config, database: secondDb ?? ctx.database, clock: ctx.clock });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await secondDb?.close();
    await ctx?.close();
  });

  it('a session created on one instance works on the other; logout on one ends it on both', async () => {
    const client = await ctx.as('oreHead');
    const headers = { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
    expect((await second.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    expect((await second.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(204);
    expect((await client.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('the lockout counts failures across instances', async () => {
    const attempt = (app: typeof second) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'aktOfficer', password: 'Wrong-password-123' } });
    for (const app of [ctx.app, second, ctx.app, second]) expect((await attempt(app)).json().code).toBe('INVALID_CREDENTIALS');
    expect((await attempt(ctx.app)).json().code).toBe('ACCOUNT_LOCKED');
    const right = await second.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'aktOfficer', password: FIXTURE_PASSWORD } });
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('a setting changed on one instance applies on the other within seconds', async () => {
    const admin = await ctx.as('admin');
    await admin.patch('/api/v1/settings', { sessionIdleMinutes: 6 });
    await new Promise((r) => setTimeout(r, 5100)); // the settings cache lives 5 s
    const user = await ctx.as('oreOfficer');
    ctx.clock.advance(7 * 60_000);
    const res = await second.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: user.cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe(`the login rate limit on two instances of one database ${TAG}`, () => {
  let ctx: TestContext;
  let second: Awaited<ReturnType<typeof buildApp>>;
  let secondDb: Database | null = null;
  beforeAll(async () => {
    ctx = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '4' } });
    if (DRIVER === 'postgresql') {
      const { connectionString } = (ctx.database.pool as unknown as { options: { connectionString: string } }).options;
      secondDb = wrapPool(new pg.Pool({ connectionString, max: 3 }));
    }
    second = await buildApp({ config: ctx.config, database: secondDb ?? ctx.database, clock: ctx.clock });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
    await secondDb?.close();
    await ctx?.close();
  });

  let n = 0;
  // A different login each time, so that the per-login lockout does not answer first.
  const attempt = (app: typeof second, ip: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { login: `nobody-${++n}`, password: 'Wrong-password-123' } });

  it('security: the login rate limit holds across instances', async () => {
    const statuses = [];
    for (const app of [ctx.app, second, ctx.app, second, ctx.app, second]) statuses.push((await attempt(app, '203.0.113.7')).statusCode);
    // 4 per minute for the client, whichever instance it reaches: not 4 on each.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await attempt(ctx.app, '203.0.113.7');
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
    expect(Number(limited.headers['retry-after'])).toBe(60);
    // Another client is not affected.
    expect((await attempt(second, '198.51.100.9')).statusCode).toBe(401);
    // A minute later the window has ended on both instances.
    ctx.clock.advance(60_000);
    expect((await attempt(second, '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt(ctx.app, '203.0.113.7')).statusCode).toBe(401);
  });

  it('security: concurrent attempts on both instances never pass the limit (the counter is one atomic upsert)', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? second : ctx.app, '192.0.2.44')));
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 429)).toHaveLength(8);
  });
});
