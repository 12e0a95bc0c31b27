import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber, numberingYear } from '../../../domain/numbering.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { items } from '../../db/schema.ts';
import { createTestContext, emptyDatabase, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { migrateWith, migrationsBefore } from '../../test/migrations.ts';

const base = {
  kind: 'request',
  subject: 'О взаимодействии',
  essence: 'Существо дела',
  purpose: 'Цель',
  assistance: 'Содействие',
  form: 'crime_information',
};

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

describe(`item and event numbers: per office and year ${TAG}`, () => {
  let ctx: TestContext;
  let ore: Client, oms: Client, akt: Client;
  async function login() {
    const [a, b, c] = await Promise.all(['oreOfficer', 'omsOfficer', 'aktOfficer'].map((n) => ctx.as(n)));
    [ore, oms, akt] = [a!, b!, c!];
  }
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    await login();
  });
  afterAll(async () => ctx?.close());

  const create = async (client: Client, toOfficeCode: string) => {
    const res = await client.post('/api/v1/items', { ...base, toOfficeCode });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; number: number; numberYear: number; createdAt: string };
  };

  it('security: item numbers do not reveal other offices’ volume — each office counts its own from 1 each year', async () => {
    const oreItems = [await create(ore, 'KZ-AKT'), await create(ore, 'KZ-AKT')];
    const omsItems = [await create(oms, 'KZ-PAV')];
    oreItems.push(await create(ore, 'KZ-AKT'));
    const aktItems = [await create(akt, 'RU-ORE')];
    expect(oreItems.map(formatNumber)).toEqual(['1/2026', '2/2026', '3/2026']);
    expect(omsItems.map(formatNumber)).toEqual(['1/2026']);
    expect(aktItems.map(formatNumber)).toEqual(['1/2026']);
    // Events are numbered the same way, apart from the items.
    const events = [];
    for (const [client, title] of [
      [ore, 'Семинар'],
      [akt, 'Встреча'],
      [ore, 'Конференция'],
    ] as const)
      events.push((await client.post('/api/v1/events', { title })).body);
    expect(events.map((e) => `${e.office.code} ${formatNumber(e)}`)).toEqual(['RU-ORE 1/2026', 'KZ-AKT 1/2026', 'RU-ORE 2/2026']);
  });

  it('security: the year is the office’s own at creation — at 00:30 in Omsk on 01.01 it is still 31.12 in Orenburg', async () => {
    ctx.clock.set('2026-12-31T18:30:00Z'); // Omsk (UTC+6) 00:30 on 01.01.2027; Orenburg (UTC+5) 23:30 on 31.12.2026
    await login();
    const omsNew = await create(oms, 'KZ-PAV');
    const oreOld = await create(ore, 'KZ-AKT');
    expect(formatNumber(omsNew)).toBe('1/2027');
    expect(formatNumber(oreOld)).toBe('4/2026');
    // The database's year (trigger) is the domain's (numberingYear).
    expect(omsNew.numberYear).toBe(numberingYear(new Date(omsNew.createdAt), 'Asia/Omsk'));
    expect(oreOld.numberYear).toBe(numberingYear(new Date(oreOld.createdAt), 'Asia/Yekaterinburg'));
    ctx.clock.set('2027-01-01T00:00:00Z');
    ore = await ctx.as('oreOfficer');
    expect(formatNumber(await create(ore, 'KZ-AKT'))).toBe('1/2027');
    ctx.clock.set('2026-03-02T05:00:00Z');
    await login();
  });

  it('O-3.3 several creations at once get distinct consecutive numbers; a creation rolled back leaves no gap', async () => {
    const list = (await ore.get('/api/v1/items?box=outgoing&sort=number&order=desc&limit=10')).body.items as { number: number; numberYear: number }[];
    expect(list[0]).toMatchObject({ number: 1, numberYear: 2027 }); // by year, then number
    const before = list.find((i) => i.numberYear === 2026)!;
    const made = await Promise.all(Array.from({ length: 8 }, () => create(ore, 'KZ-AKT')));
    const numbers = made.map((m) => m.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => before.number + 1 + i));
    const events = await Promise.all(Array.from({ length: 5 }, (_, i) => akt.post('/api/v1/events', { title: `Встреча ${i}` })));
    expect(events.map((e) => e.body.number).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    // A creating transaction that fails after its insert takes its number back with it.
    const last = numbers.at(-1)!;
    const ids = rowsOf<{ id: string; code: string }>(await ctx.database.db.execute(sql`select id, code from offices where code in ('RU-ORE', 'KZ-AKT')`));
    const idOf = (code: string) => ids.find((o) => o.code === code)!.id;
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await tx.insert(items).values({ id: uuidv7(), kind: 'request', fromOfficeId: idOf('RU-ORE'), toOfficeId: idOf('KZ-AKT'), createdAt: ctx.clock.now() });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await create(ore, 'KZ-AKT')).number).toBe(last + 1);
  });

  it('the journal sorts by number within the year, and the number is shown with its year in the list', async () => {
    const page = (await ore.get('/api/v1/items?box=outgoing&sort=number&order=asc&limit=3')).body.items;
    expect(page.map((i: { number: number; numberYear: number }) => formatNumber(i))).toEqual(['1/2026', '2/2026', '3/2026']);
  });
});

describe(`item numbers: the migration renumbers existing rows ${TAG}`, () => {
  it('O-3.3 existing items and events are renumbered per office and year in creation order; notifications follow; figures unchanged; new rows continue', async () => {
    const database = await emptyDatabase();
    // Migrations and the planted rows are the schema owner's work (on PostgreSQL the application role may not migrate).
    const owner = database.owner;
    try {
      await migrateWith(owner, migrationsBefore('_item_numbers_per_office'));
      const db = owner.db;
      const [a, b] = [uuidv7(), uuidv7()];
      const office = (id: string, code: string, party: string, zone: string) =>
        db.execute(sql`insert into offices (id, code, party, kind, name_ru, name_kk, name_en, seat_ru, seat_kk, seat_en, time_zone, authorized)
          values (${id}, ${code}, ${party}, 'territorial', ${code}, ${code}, ${code}, '-', '-', '-', ${zone}, true)`);
      await office(a, 'RU-ORE', 'RU', 'Asia/Yekaterinburg'); // UTC+5
      await office(b, 'KZ-X', 'KZ', 'Europe/Moscow'); // UTC+3, so that a year boundary falls differently
      const ids: Record<string, string> = {};
      // Inserted out of creation order: the old global numbers follow the insertion, the new ones the creation.
      const plan: [string, string, string, string | null][] = [
        ['i5', a, '2026-01-06T05:00:00Z', '2026-01-07T05:00:00Z'],
        ['i1', a, '2025-12-31T18:30:00Z', null], // Orenburg 23:30 on 31.12.2025
        ['i6', a, '2026-01-06T05:00:00Z', null], // the same instant as i5, a later old number
        ['i3', a, '2025-12-31T19:30:00Z', null], // Orenburg 00:30 on 01.01.2026
        ['i2', b, '2025-12-31T19:30:00Z', '2026-01-02T05:00:00Z'], // Moscow 22:30 on 31.12.2025
        ['i4', b, '2026-01-05T05:00:00Z', null],
      ];
      for (const [name, from, createdAt, sentAt] of plan) {
        ids[name] = uuidv7();
        await db.execute(sql`insert into items (id, kind, from_office_id, to_office_id, status, created_at, sent_at)
          values (${ids[name]}, 'request', ${from}, ${from === a ? b : a}, ${sentAt ? 'sent' : 'draft'}, ${createdAt}::timestamptz, ${sentAt}::timestamptz)`);
      }
      for (const [name, officeId, createdAt] of [
        ['e1', a, '2026-02-01T05:00:00Z'],
        ['e2', b, '2026-02-02T05:00:00Z'],
        ['e3', a, '2026-02-03T05:00:00Z'],
      ] as const) {
        ids[name] = uuidv7();
        await db.execute(sql`insert into events (id, office_id, created_at) values (${ids[name]}, ${officeId}, ${createdAt}::timestamptz)`);
      }
      const user = uuidv7();
      await db.execute(sql`insert into users (id, login, full_name, office_id, roles, password_hash) values (${user}, 'u', 'U', ${a}, '{officer}', 'x')`);
      const oldNumber = rowsOf<{ number: number }>(await db.execute(sql`select number from items where id = ${ids.i6}`))[0]!.number;
      await db.execute(sql`insert into notifications (id, user_id, kind, subject_type, subject_id, payload) values
        (${uuidv7()}, ${user}, 'item.received', 'item', ${ids.i6}, ${JSON.stringify({ number: oldNumber, officeCode: 'RU-ORE' })}::jsonb),
        (${uuidv7()}, ${user}, 'event.approved', 'event', ${ids.e3}, ${JSON.stringify({ number: 3, title: 'T' })}::jsonb)`);
      const stats = async () => rowsOf(await db.execute(sql`select * from item_stats_monthly order by month, office_id, direction, counterpart_id, kind`));
      const statsBefore = await stats();
      expect(statsBefore.length).toBeGreaterThan(0);

      await migrateDatabase(owner);

      const numbered = new Map(
        rowsOf<{ id: string; number: number; number_year: number }>(
          await db.execute(sql`select id, number::int as number, number_year from items union all select id, number::int, number_year from events`),
        ).map((r) => [r.id, `${r.number}/${r.number_year}`]),
      );
      const expected = { i1: '1/2025', i3: '1/2026', i5: '2/2026', i6: '3/2026', i2: '1/2025', i4: '1/2026', e1: '1/2026', e3: '2/2026', e2: '1/2026' };
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, numbered.get(ids[k]!)]))).toEqual(expected);
      const payloads = rowsOf<{ subject_type: string; payload: { number: unknown } }>(
        await db.execute(sql`select subject_type, payload from notifications order by subject_type`),
      );
      expect(payloads.map((p) => [p.subject_type, p.payload.number])).toEqual([
        ['event', '2/2026'],
        ['item', '3/2026'],
      ]);
      expect(await stats()).toEqual(statsBefore); // the numbers feed no figure
      // New rows continue each office's year without a gap.
      const fresh = uuidv7();
      await db.execute(
        sql`insert into items (id, kind, from_office_id, to_office_id, created_at) values (${fresh}, 'request', ${a}, ${b}, '2026-02-10T05:00:00Z'::timestamptz)`,
      );
      const freshEvent = uuidv7();
      await db.execute(sql`insert into events (id, office_id, created_at) values (${freshEvent}, ${b}, '2026-02-10T05:00:00Z'::timestamptz)`);
      const next = rowsOf<{ n: string }>(
        await db.execute(
          sql`select number::text || '/' || number_year as n from items where id = ${fresh} union all select number::text || '/' || number_year from events where id = ${freshEvent}`,
        ),
      );
      expect(next.map((r) => r.n)).toEqual(['4/2026', '2/2026']);
      // A row moved to another office (a repair; the server never moves one) takes that office's next number.
      await db.execute(sql`update items set from_office_id = ${b} where id = ${fresh}`);
      const moved = rowsOf<{ n: string }>(await db.execute(sql`select number::text || '/' || number_year as n from items where id = ${fresh}`));
      expect(moved[0]!.n).toBe('2/2026'); // after i4, the other office's 1/2026

      const sequences = rowsOf(await db.execute(sql`select 1 from pg_class where relkind = 'S' and relname in ('item_number_seq', 'event_number_seq')`));
      expect(sequences).toEqual([]);
    } finally {
      await database.close();
      await database.drop();
    }
  });
});
