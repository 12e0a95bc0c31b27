import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type TestContext } from '../../test/build-test-app.ts';
import { FIXTURE_PASSWORD } from '../../test/fixtures.ts';

describe(`accounts and sessions ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  const login = (login: string, password: string) => ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password } });

  it('GET /api/health answers ok with the database driver and version', async () => {
    const res = await ctx.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: ctx.database.driver, version: 'test' });
  });

  it('logs in with an HttpOnly, SameSite=Strict session cookie and returns the CSRF token', async () => {
    const res = await login('oreOfficer', FIXTURE_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^bc_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain http in tests
    const body = res.json();
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.user).toMatchObject({ login: 'oreofficer', roles: ['officer'], office: { code: 'RU-ORE', party: 'RU', timeZone: 'Asia/Yekaterinburg' } });
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
  });

  it('sets the Secure flag when served over HTTPS behind a proxy', async () => {
    const secure = await createTestContext({ env: { TRUST_PROXY: 'true' } });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { login: 'oreofficer', password: FIXTURE_PASSWORD },
      });
      expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('security: with an https PUBLIC_URL behind a proxy and no TRUST_PROXY the session cookie is always Secure', async () => {
    for (const cookieSecure of ['auto', 'false']) {
      const proxied = await createTestContext({ env: { PUBLIC_URL: 'https://bc.prokuratura.example', COOKIE_SECURE: cookieSecure } });
      try {
        // The proxy talks plain http to the app; its X-Forwarded-Proto is not trusted without TRUST_PROXY.
        for (const headers of [{}, { 'x-forwarded-proto': 'https' }]) {
          const res = await proxied.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            headers,
            payload: { login: 'oreofficer', password: FIXTURE_PASSWORD },
          });
          expect(res.statusCode).toBe(200);
          const cookie = String(res.headers['set-cookie']);
          expect(cookie, `COOKIE_SECURE=${cookieSecure}`).toMatch(/^bc_session=[^;]+;.*; Secure/);
          expect(cookie).toMatch(/HttpOnly/);
          const out = await proxied.app.inject({
            method: 'POST',
            url: '/api/v1/auth/logout',
            headers: { cookie: cookie.split(';')[0]!, 'x-csrf-token': res.json().csrfToken },
          });
          expect(out.statusCode).toBe(204);
          expect(String(out.headers['set-cookie'])).toMatch(/^bc_session=;.*; Secure/);
        }
      } finally {
        await proxied.close();
      }
    }
  });

  it('does not reveal whether a login exists: same status, code and message', async () => {
    const unknown = await login('no-such-user', 'Wrong-password-123');
    const wrong = await login('oreHead', 'Wrong-password-123');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks a login for 15 minutes after 5 consecutive failures, for real and unknown logins alike', async () => {
    for (const name of ['oreDeputy', 'ghost-user']) {
      for (let i = 1; i <= 4; i++) expect((await login(name, 'Wrong-password-123')).json().code).toBe('INVALID_CREDENTIALS');
      expect((await login(name, 'Wrong-password-123')).json().code).toBe('ACCOUNT_LOCKED');
    }
    const locked = await login('oreDeputy', FIXTURE_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    ctx.clock.advance(15 * 60_000 + 1000);
    expect((await login('oreDeputy', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('requires a session for the API: 401 without the cookie', async () => {
    const res = await ctx.anonymous.get('/api/v1/offices');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('requires the X-CSRF-Token header for state changes made with the cookie', async () => {
    const client = await ctx.as('oreOfficer');
    const res = await ctx.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: { cookie: client.cookie }, payload: { locale: 'kk' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: client.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: { locale: 'kk' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await client.patch('/api/v1/auth/me', { locale: 'kk' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.locale).toBe('kk');
  });

  it('a user keeps a work telephone in the profile (printed as the executor under letters); an invalid number is refused by rule', async () => {
    const client = await ctx.as('oreDeputy');
    const bad = await client.patch('/api/v1/auth/me', { phone: 'не телефон' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues).toEqual([expect.objectContaining({ field: 'body.phone', rule: 'phone' })]);
    const ok = await client.patch('/api/v1/auth/me', { phone: '+7 (3532) 77-12-34' });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ phone: '+7 (3532) 77-12-34', locale: 'ru' });
    expect((await client.get('/api/v1/auth/me')).body.user.phone).toBe('+7 (3532) 77-12-34');
    const cleared = await client.patch('/api/v1/auth/me', { phone: '' });
    expect(cleared.body.user.phone).toBeNull();
    // An administrator edits it with the rest of the user.
    const admin = await ctx.as('admin');
    const found = (await admin.get('/api/v1/users?q=oreDeputy')).body.items[0];
    const set = await admin.patch(`/api/v1/users/${found.id}`, { phone: '+7 7132 55 00 11', version: found.version });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.phone).toBe('+7 7132 55 00 11');
  });

  it('logout revokes the session server-side: the old cookie stops working', async () => {
    const client = await ctx.as('aktOfficer');
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const client = await ctx.as('aktHead');
    ctx.clock.advance(29 * 60_000);
    expect((await client.get('/api/v1/auth/me')).status).toBe(200);
    ctx.clock.advance(31 * 60_000);
    const idle = await client.get('/api/v1/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('SESSION_EXPIRED');

    const c2 = await ctx.as('aktHead');
    for (let i = 0; i < 29; i++) {
      // 29 × 25 min = 12 h 5 min: never idle for 30 min, yet past the 12-hour absolute limit
      ctx.clock.advance(25 * 60_000);
      await c2.get('/api/v1/auth/me');
    }
    const absolute = await c2.get('/api/v1/auth/me');
    expect(absolute.status).toBe(401);
    expect(absolute.body.code).toBe('SESSION_EXPIRED');
  });

  it('changing the password revokes the user’s other sessions', async () => {
    const a = await ctx.as('vosOfficer');
    const b = await ctx.as('vosOfficer');
    const res = await a.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'Another-Strong-Pass-1' });
    expect(res.status).toBe(204);
    expect((await a.get('/api/v1/auth/me')).status).toBe(200);
    expect((await b.get('/api/v1/auth/me')).status).toBe(401);
    expect((await login('vosOfficer', 'Another-Strong-Pass-1')).statusCode).toBe(200);
  });

  it('rejects a new password shorter than 12 characters with a field error, changing nothing', async () => {
    const a = await ctx.as('omsOfficer');
    const res = await a.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'short-1' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues[0]).toMatchObject({ field: 'body.newPassword', rule: 'too_small' });
    expect((await login('omsOfficer', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('security: a too simple new password is refused with the rule it breaks, on the new password’s field; nothing changes', async () => {
    const a = await ctx.as('omsOfficer');
    const res = await a.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'Password2026!' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PASSWORD_TOO_WEAK');
    expect(res.body.details.issues).toEqual([expect.objectContaining({ field: 'body.newPassword', rule: 'password_common' })]);
    const login = await a.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'omsofficer-123456' });
    expect(login.body.details.issues.map((i: { rule: string }) => i.rule)).toEqual(['password_contains_login']);
    const run = await a.post('/api/v1/auth/password', { currentPassword: FIXTURE_PASSWORD, newPassword: '1234567890123' });
    expect(run.body.details.issues.map((i: { rule: string }) => i.rule)).toEqual(['password_sequence']);
    expect((await a.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('sends security headers on every response and no-store on the API', async () => {
    const res = await ctx.anonymous.get('/api/health');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers malformed JSON and unknown routes with 4xx and a stable code, never 500', async () => {
    const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_JSON');
    const missing = await ctx.anonymous.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const noBody = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'x' } });
    expect(noBody.statusCode).toBe(400);
    expect(noBody.json().details.issues[0].field).toBe('body.password');
  });

  it('rate-limits login attempts per client', async () => {
    const limited = await createTestContext({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: `u${i}`, password: 'Wrong-password-123' } })).statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('serves the OpenAPI document of the API without a session', async () => {
    const res = await ctx.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/v1/auth/login', '/api/v1/offices', '/api/v1/users']));
  });
});
