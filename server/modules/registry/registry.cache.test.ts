import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapPool } from '../../db/client.ts';
import { createTestContext, DRIVER, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

/** The office list as a browser asks for it: with the cookie and, once it has one, If-None-Match. */
async function officeList(ctx: TestContext, who: Client, etag?: string, query = '?party=RU&limit=200') {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/offices${query}`,
    headers: { cookie: who.cookie, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  return {
    status: res.statusCode,
    etag: res.headers.etag as string | undefined,
    cacheControl: res.headers['cache-control'],
    length: res.headers['content-length'],
    body: res.body,
  };
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`the office list is cached under the registry's version ${TAG}`, () => {
  let a: TestContext;
  let b: TestContext;
  let second: pg.Pool | null = null;
  let officerA: Client;
  let officerB: Client;
  let gumps: Client;
  let oreId: string;
  beforeAll(async () => {
    a = await createTestContext({ now: '2026-03-02T07:00:00Z' });
    // A second instance on the same database: on PostgreSQL its own pool and listener, as a second
    // server would have; PGlite is one process's database, so there the same client.
    const shared =
      DRIVER === 'postgresql'
        ? { ...wrapPool((second = new pg.Pool({ connectionString: a.database.urls!.app, max: 3 }))), owner: a.database.owner }
        : { ...a.database };
    b = await createTestContext({ now: '2026-03-02T07:00:00Z', database: { ...shared, close: async () => undefined, drop: async () => undefined } });
    [officerA, officerB, gumps] = await Promise.all([a.as('oreOfficer'), b.as('aktOfficer'), a.as('gumps')]);
    const list = JSON.parse((await officeList(a, officerA)).body);
    oreId = list.items.find((o: { code: string }) => o.code === 'RU-ORE').id;
  });
  afterAll(async () => {
    await b?.close();
    await second?.end();
    await a?.close();
  });

  it('answers with an ETag the browser revalidates (private, no-cache), then 304 without a body while nothing changed', async () => {
    const first = await officeList(a, officerA);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^"r\d+\./);
    expect(first.cacheControl).toBe('private, no-cache');
    expect(JSON.parse(first.body).items.every((o: { party: string }) => o.party === 'RU')).toBe(true);
    const again = await officeList(a, officerA, first.etag);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    // No length announced for a body a 304 never has: a client keeping the connection alive would wait for it.
    expect(again.length ?? '0').toBe('0');
    expect(again.etag).toBe(first.etag);
    // Another query is another answer with its own body; the same ETag is per address.
    const kz = await officeList(a, officerA, undefined, '?party=KZ&limit=200');
    expect(kz.status).toBe(200);
    expect(JSON.parse(kz.body).items.every((o: { party: string }) => o.party === 'KZ')).toBe(true);
    // Each instance gives the same ETag for the same registry: a browser moved to the other still gets 304.
    expect((await officeList(b, officerB, first.etag)).status).toBe(304);
  });

  it('security: the cache answers no one without a session, whatever ETag is sent', async () => {
    const { etag } = await officeList(a, officerA);
    const anonymous = await a.app.inject({ method: 'GET', url: '/api/v1/offices?party=RU&limit=200', headers: { 'if-none-match': etag! } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('an edit on one instance is seen at once there, and on the other instance as soon as the notice arrives', async () => {
    const before = await officeList(a, officerA);
    const onB = await officeList(b, officerB);
    expect(onB.etag).toBe(before.etag);
    const cur = await gumps.get(`/api/v1/offices/${oreId}`);
    const edit = await gumps.patch(`/api/v1/offices/${oreId}`, { notes: 'кабинет 412', version: cur.body.version });
    expect(edit.status).toBe(200);
    const after = await officeList(a, officerA, before.etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.body).items.find((o: { id: string }) => o.id === oreId).notes).toBe('кабинет 412');
    const bAfter = await until(
      () => officeList(b, officerB, onB.etag),
      (r) => r.status === 200,
    );
    expect(bAfter.status).toBe(200);
    expect(bAfter.etag).toBe(after.etag);
    expect(JSON.parse(bAfter.body).items.find((o: { id: string }) => o.id === oreId).notes).toBe('кабинет 412');
  });

  it('a change written past the application (the exchange, a migration, an administrator’s SQL) reaches every instance through the trigger’s notice', async () => {
    const before = await officeList(a, officerA);
    await a.database.owner.db.execute(sql`update offices set notes = 'переезд' where id = ${oreId}`);
    for (const [ctx, who] of [
      [a, officerA],
      [b, officerB],
    ] as const) {
      const r = await until(
        () => officeList(ctx, who, before.etag),
        (x) => x.status === 200,
      );
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).items.find((o: { id: string }) => o.id === oreId).notes).toBe('переезд');
    }
  });

  it('the journals name the offices as the registry has them now: a renamed office shows its new name at once', async () => {
    const draft = await officerA.post('/api/v1/items', {
      kind: 'request',
      toOfficeCode: 'KZ-AKT',
      subject: 'О взаимодействии',
      essence: 'Проверка кэша реестра',
      purpose: 'Проверка соблюдения законодательства',
      assistance: 'Предоставить сведения',
      form: 'crime_information',
      priorityAreas: ['organized_crime'],
    });
    const journal = async () => (await officerA.get('/api/v1/items?box=outgoing')).body.items.find((i: { id: string }) => i.id === draft.body.id);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect((await journal()).fromOffice.name.ru).toBe('Прокуратура Оренбургской области');
    await a.database.owner.db.execute(sql`update offices set name_ru = 'Прокуратура Оренбургской области (переименована)' where id = ${oreId}`);
    const renamed = await until(journal, (r) => r.fromOffice.name.ru !== 'Прокуратура Оренбургской области');
    expect(renamed.fromOffice.name.ru).toBe('Прокуратура Оренбургской области (переименована)');
  });

  it.runIf(DRIVER === 'postgresql')(
    'an instance whose listener lost its connection reads the version every time, so it never answers from a stale list',
    async () => {
      const before = await officeList(b, officerB);
      // Every listener of this database: both instances lose theirs.
      await a.database.owner.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`,
      );
      await new Promise((r) => setTimeout(r, 50));
      await a.database.owner.db.execute(sql`update offices set notes = 'без слушателя' where id = ${oreId}`);
      const r = await officeList(b, officerB, before.etag);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body).items.find((o: { id: string }) => o.id === oreId).notes).toBe('без слушателя');
      // It listens again within seconds, and then a 304 is answered from memory again.
      const listeners = async () => {
        const res = (await a.database.owner.db.execute(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen %'`,
        )) as unknown as { rows: { n: number }[] };
        return res.rows[0]!;
      };
      const back = await until(listeners, (x) => x.n >= 2);
      expect(back.n).toBeGreaterThanOrEqual(2);
      expect((await officeList(b, officerB, r.etag)).status).toBe(304);
    },
  );
});
