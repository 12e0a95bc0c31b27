import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type TestContext } from '../../test/build-test-app.ts';

describe(`run-time settings ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx?.close());

  it('an administrator shortens the idle timeout; it applies to live sessions', async () => {
    const admin = await ctx.as('admin');
    expect((await admin.get('/api/v1/settings')).body).toMatchObject({
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      contactDesignationDays: 15,
    });
    const user = await ctx.as('oreOfficer');
    const res = await admin.patch('/api/v1/settings', { sessionIdleMinutes: 10 });
    expect(res.status).toBe(200);
    expect(res.body.sessionIdleMinutes).toBe(10);
    ctx.clock.advance(11 * 60_000);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('O-3.1 the designation deadline is a setting (15 days by default)', async () => {
    const admin = await ctx.as('admin');
    await admin.patch('/api/v1/settings', { contactDesignationDays: 20 });
    const gumps = await ctx.as('gumps');
    const comp = await gumps.get('/api/v1/contacts/compliance');
    expect(comp.body.items.find((r: any) => r.office.code === 'RU-ORE').deadline).toMatchObject({ rule: 'calendarDays:20', lastDay: '2022-03-30' });
  });

  it('refuses inconsistent or out-of-range values, naming the field, and changes nothing', async () => {
    const admin = await ctx.as('admin');
    const bad = await admin.patch('/api/v1/settings', { sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0]).toMatchObject({ field: 'body.sessionIdleMinutes', rule: 'idle_exceeds_absolute' });
    const range = await admin.patch('/api/v1/settings', { loginMaxFailures: 1 });
    expect(range.status).toBe(400);
    expect(range.body.details.issues[0].field).toBe('body.loginMaxFailures');
    expect((await admin.get('/api/v1/settings')).body).toMatchObject({ sessionAbsoluteHours: 12, loginMaxFailures: 5 });
    expect((await (await ctx.as('gumps')).get('/api/v1/settings')).status).toBe(403);
  });

  it('every signed-in user reads the upload limits the web checks before sending; they follow the setting', async () => {
    const officer = await ctx.as('aktOfficer');
    expect((await officer.get('/api/v1/settings/uploads')).body).toEqual({ attachmentMaxMb: 25, maxFiles: 10 });
    await (await ctx.as('admin')).patch('/api/v1/settings', { attachmentMaxMb: 5 });
    expect((await officer.get('/api/v1/settings/uploads')).body).toEqual({ attachmentMaxMb: 5, maxFiles: 10 });
    expect((await ctx.anonymous.get('/api/v1/settings/uploads')).status).toBe(401);
  });
});
