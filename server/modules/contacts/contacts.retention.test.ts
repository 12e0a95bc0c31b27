import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type TestContext } from '../../test/build-test-app.ts';
import { erasePersonalDataPastRetention } from './index.ts';

describe(`personal-data retention ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2022-03-15T05:00:00Z' });
  });
  afterAll(async () => ctx?.close());

  it('erases a former contact person’s data once the retention period (a setting) has passed, keeping the designation period', async () => {
    const officer = await ctx.as('oreOfficer');
    const ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
    const created = await officer.post(`/api/v1/offices/${ore}/contacts`, {
      surname: 'Бывший',
      firstName: 'Борис',
      position: 'прокурор',
      phone: '+7 3532 12-12-12',
      email: 'old@orenprok.ru',
      designatedFrom: '2022-03-15',
    });
    const ended = await officer.post(`/api/v1/contacts/${created.body.id}/end`, { designatedTo: '2022-12-31', version: created.body.version });
    expect(ended.status).toBe(200);

    ctx.clock.set('2027-12-30T00:00:00Z'); // under 5 years after the end: kept
    expect(await erasePersonalDataPastRetention({ db: ctx.database.db, clock: ctx.clock })).toBe(0);
    ctx.clock.set('2028-01-02T00:00:00Z');
    expect(await erasePersonalDataPastRetention({ db: ctx.database.db, clock: ctx.clock })).toBe(1);
    expect(await erasePersonalDataPastRetention({ db: ctx.database.db, clock: ctx.clock })).toBe(0); // idempotent

    const gumps = await ctx.as('gumps');
    const list = await gumps.get(`/api/v1/offices/${ore}/contacts?includeEnded=true`);
    expect(list.body.items[0]).toMatchObject({ surname: '—', email: '—', designatedFrom: '2022-03-15', designatedTo: '2022-12-31' });
    const hist = await gumps.get(`/api/v1/contacts/${created.body.id}/history`);
    expect(JSON.stringify(hist.body)).not.toMatch(/Бывший|old@orenprok/);

    const admin = await ctx.as('admin');
    expect((await admin.patch('/api/v1/settings', { personalDataRetentionYears: 10 })).body.personalDataRetentionYears).toBe(10);
  });
});
