import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializers } from '../app.ts';
import { createTestContext, TAG, type TestContext } from './build-test-app.ts';

/** Personal data never goes into technical logs, even at the most verbose level. */
describe(`technical logs ${TAG}`, () => {
  let ctx: TestContext;
  let log = '';
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        log += chunk.toString();
        cb();
      },
    });
    ctx = await createTestContext({ logger: { level: 'trace', stream, serializers } });
  });
  afterAll(async () => ctx?.close());

  it('logs requests without bodies or query strings: contact data stays out', async () => {
    const officer = await ctx.as('oreOfficer');
    const ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
    const pd = { surname: 'Логовский', firstName: 'Лев', patronymic: 'Львович', position: 'прокурор', phone: '+7 3532 98-76-54', email: 'logovsky@orenprok.ru' };
    expect((await officer.post(`/api/v1/offices/${ore}/contacts`, pd)).status).toBe(201);
    expect((await officer.post(`/api/v1/offices/${ore}/contacts`, { ...pd, phone: '+7 3532 98-76-5', email: 'logovsky-bad' })).status).toBe(400);
    expect((await officer.get(`/api/v1/offices/${ore}/contacts?on=2026-03-01`)).status).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'oreOfficer', password: 'Логовский-пароль' } });
    expect(log).toContain('incoming request'); // the log is really being written
    expect(log).not.toMatch(/Логовский|Лев|logovsky|98-76|987 654|98 76 54|Логовский-пароль|on=2026/);
  });
});
