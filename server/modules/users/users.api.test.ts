import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../domain/time.ts';
import { prepareDatabase } from '../../prepare.ts';
import { createTestContext, emptyDatabase, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { FIXTURE_PASSWORD } from '../../test/fixtures.ts';

describe(`user administration ${TAG}`, () => {
  let ctx: TestContext;
  let admin: Client;
  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await ctx.as('admin');
  });
  afterAll(async () => ctx?.close());

  const newUser = {
    login: 'Orsk.Officer',
    password: 'First-Password-2026',
    fullName: 'Орский Олег Олегович',
    officeCode: 'ru-ore',
    roles: ['officer'],
    email: 'Orsk@orenprok.ru',
  };

  it('POST /api/v1/users creates a user in an office with roles; the first password must be changed at first login', async () => {
    const res = await admin.post('/api/v1/users', newUser);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      login: 'orsk.officer',
      officeCode: 'RU-ORE',
      roles: ['officer'],
      email: 'orsk@orenprok.ru',
      mustChangePassword: true,
      disabled: false,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);

    const user = await ctx.as('orsk.officer', 'First-Password-2026');
    const blocked = await user.get('/api/v1/offices');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await user.get('/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    expect((await user.post('/api/v1/auth/password', { currentPassword: 'First-Password-2026', newPassword: 'Second-Password-2026' })).status).toBe(204);
    expect((await user.get('/api/v1/offices')).status).toBe(200);
  });

  it('validates new users: password length, login format, taken login, unknown office, role fitting the office', async () => {
    const short = await admin.post('/api/v1/users', { ...newUser, login: 'u1', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details.issues.map((i: any) => i.field).sort()).toEqual(['body.login', 'body.password']);
    const taken = await admin.post('/api/v1/users', newUser);
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'LOGIN_TAKEN', details: { issues: [{ field: 'body.login' }] } });
    const office = await admin.post('/api/v1/users', { ...newUser, login: 'user2', officeCode: 'RU-NOWHERE' });
    expect(office.status).toBe(400);
    expect(office.body.details.issues[0].field).toBe('body.officeCode');
    const role = await admin.post('/api/v1/users', { ...newUser, login: 'user3', roles: ['coordinator'] });
    expect(role.status).toBe(422);
    expect(role.body).toMatchObject({ code: 'OFFICE_NOT_ELIGIBLE', details: { issues: [{ field: 'body.roles', rule: 'role_office_kind' }] } });
    const weak = await admin.post('/api/v1/users', { ...newUser, login: 'user4', password: 'xuser4-user4-x' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');
    const badRole = await admin.post('/api/v1/users', { ...newUser, login: 'user5', roles: ['superuser'] });
    expect(badRole.status).toBe(400);
    expect((await admin.get('/api/v1/users?q=user')).body.total).toBe(0); // none of the rejected users was saved
  });

  it('disabling a user ends the user’s sessions on the spot; enabling lets the user back in', async () => {
    const victim = await ctx.as('omsOfficer');
    const list = await admin.get('/api/v1/users?q=omsofficer');
    const u = list.body.items[0];
    const res = await admin.patch(`/api/v1/users/${u.id}`, { disabled: true, version: u.version });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'omsOfficer', password: FIXTURE_PASSWORD } });
    expect(login.statusCode).toBe(401);
    expect(login.json().code).toBe('INVALID_CREDENTIALS');
    expect((await admin.patch(`/api/v1/users/${u.id}`, { disabled: false, version: res.body.version })).status).toBe(200);
    expect((await ctx.as('omsOfficer')).login).toBe('omsOfficer');
  });

  it('assigns office and roles; a reset password forces a change and ends sessions', async () => {
    const list = await admin.get('/api/v1/users?q=vosofficer');
    const u = list.body.items[0];
    const session = await ctx.as('vosOfficer');
    const moved = await admin.patch(`/api/v1/users/${u.id}`, { officeCode: 'KZ-AKT', roles: ['officer', 'deputy_head'], version: u.version });
    expect(moved.body).toMatchObject({ officeCode: 'KZ-AKT', roles: ['officer', 'deputy_head'] });
    expect((await session.get('/api/v1/auth/me')).status).toBe(401); // moved office: sessions end
    const reset = await admin.post(`/api/v1/users/${u.id}/reset-password`, { password: 'Reset-Password-2026' });
    expect(reset.body.mustChangePassword).toBe(true);
    const again = await ctx.as('vosOfficer', 'Reset-Password-2026');
    expect((await again.get('/api/v1/auth/me')).body.user).toMatchObject({ mustChangePassword: true, office: { code: 'KZ-AKT' } });
  });

  it('lifts a lockout', async () => {
    for (let i = 0; i < 5; i++)
      await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'aktHead', password: 'Wrong-password-123' } });
    const list = await admin.get('/api/v1/users?q=akthead');
    expect(list.body.items[0].lockedUntil).not.toBeNull();
    const res = await admin.post(`/api/v1/users/${list.body.items[0].id}/unlock`);
    expect(res.body.lockedUntil).toBeNull();
    expect((await ctx.as('aktHead')).login).toBe('aktHead');
  });

  it('an administrator cannot lock himself out', async () => {
    const me = (await admin.get('/api/v1/auth/me')).body.user;
    const u = (await admin.get(`/api/v1/users/${me.id}`)).body;
    const res = await admin.patch(`/api/v1/users/${me.id}`, { disabled: true, version: u.version });
    expect(res.status).toBe(422);
    expect(res.body.details.issues[0].rule).toBe('self_lockout');
  });

  it('only an administrator manages users', async () => {
    for (const who of ['gumps', 'oreHead', 'auditor', 'leader'] as const) {
      const c = await ctx.as(who);
      expect((await c.get('/api/v1/users')).status, who).toBe(403);
      expect((await c.post('/api/v1/users', { ...newUser, login: `x-${who.toLowerCase()}` })).status, who).toBe(403);
    }
  });

  it('lists users with filters and pagination', async () => {
    const byOffice = await admin.get('/api/v1/users?officeCode=RU-ORE&limit=2');
    expect(byOffice.body.items).toHaveLength(2);
    expect(byOffice.body.total).toBe(4);
    const byRole = await admin.get('/api/v1/users?role=coordinator');
    expect(byRole.body.items.map((u: any) => u.login).sort()).toEqual(['dms', 'gumps']);
  });
});

describe(`first start ${TAG}`, () => {
  it('creates the administrator from ADMIN_LOGIN/ADMIN_PASSWORD, or one with a one-time password; only once', async () => {
    for (const admin of [{ login: 'Chief', password: 'Chief-Admin-Password-1' }, undefined]) {
      const database = await emptyDatabase();
      try {
        const clock = fixedClock('2026-01-01T00:00:00Z');
        const first = await prepareDatabase(database, { admin, migrationDatabaseUrl: database.urls?.owner }, clock);
        expect(first.seeded).toBe(true);
        expect(first.admin).toMatchObject(admin ? { login: 'chief', password: admin.password, generated: false } : { login: 'admin', generated: true });
        expect(first.admin!.password.length).toBeGreaterThanOrEqual(12);
        const second = await prepareDatabase(database, { admin, migrationDatabaseUrl: database.urls?.owner }, clock);
        expect(second).toMatchObject({ seeded: false, admin: null });
      } finally {
        await database.close();
        await database.drop();
      }
    }
    // Two empty databases migrated from nothing: slow on a loaded machine.
  }, 120_000);
});
