import fc from 'fast-check';
import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { itemAnswerDaysMonthly, itemAreaMonthly, itemGroundMonthly, items, itemStatsMonthly, offices } from '../../db/schema.ts';
import { freshDatabase, TAG } from '../../test/build-test-app.ts';
import { itemArb, itemValues } from '../../test/random-items.ts';

/**
 * O-3.6, O-4.3: the monthly aggregates that the annual blocks and the analysis read are kept by
 * triggers. Random sequences of inserts, updates (single and in batches) and deletes of items; after
 * each sequence, every aggregate row equals a count computed here, in TypeScript, from the items
 * themselves — an independent implementation of the same definitions.
 */
type Row = typeof items.$inferSelect;

describe(`item aggregates equal independent counts over the items ${TAG}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let db: Db;
  const officeIds = new Map<string, string>();
  const zones = new Map<string, string>();

  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    for (const o of await db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      zones.set(o.id, o.timeZone);
    }
  });
  afterAll(async () => {
    await database?.close();
    await database?.drop();
  });

  const op = fc.oneof(
    { arbitrary: fc.record({ t: fc.constant('insert' as const), items: fc.array(itemArb, { minLength: 1, maxLength: 6 }) }), weight: 4 },
    { arbitrary: fc.record({ t: fc.constant('update' as const), pick: fc.nat(), item: itemArb }), weight: 3 },
    { arbitrary: fc.record({ t: fc.constant('touch' as const), pick: fc.nat() }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('delete' as const), pick: fc.nat() }), weight: 1 },
  );

  /** The definitions, independently: month in the office's zone, the two sides, each measure. */
  function expected(rows: Row[]) {
    const stats = new Map<string, number[]>();
    const areas = new Map<string, number>();
    const grounds = new Map<string, number>();
    const days = new Map<string, number>();
    const add = <V>(m: Map<string, V>, k: string, f: (v: V | undefined) => V) => m.set(k, f(m.get(k)));
    for (const r of rows) {
      if (!r.sentAt) continue;
      const sides = [
        ['out', r.fromOfficeId, r.intendedOfficeId ?? r.toOfficeId],
        ['in', r.toOfficeId, r.fromOfficeId],
      ] as const;
      for (const [direction, office, counterpart] of sides) {
        const month = DateTime.fromJSDate(r.sentAt, { zone: zones.get(office)! })
          .startOf('month')
          .toISODate()!;
        const key = [month, office, direction, counterpart, r.kind, r.form ?? '', r.status, r.mode, r.route].join('|');
        const answered = r.outcomeAt !== null;
        const d =
          answered && r.answerDue
            ? DateTime.fromJSDate(r.outcomeAt!, { zone: r.answerDue.timeZone })
                .startOf('day')
                .diff(DateTime.fromISO(r.answerDue.start, { zone: r.answerDue.timeZone }), 'days').days
            : 0;
        const measures = [
          1,
          answered ? 1 : 0,
          answered && r.answerDueAt && r.outcomeAt! < r.answerDueAt ? 1 : 0,
          answered && r.answerDue ? Math.round(d) : 0,
          r.mode === 'oral' && r.oralConfirmedAt && r.oralConfirmedAt <= r.confirmationDueAt! ? 1 : 0,
          r.mode === 'oral' && r.oralConfirmedAt && r.oralConfirmedAt > r.confirmationDueAt! ? 1 : 0,
          r.conditionsStatus !== 'none' ? 1 : 0,
          r.conditionsStatus === 'accepted' ? 1 : 0,
        ];
        add(stats, key, (v) => (v ?? measures.map(() => 0)).map((x, i) => x + measures[i]!));
        for (const a of r.priorityAreas) add(areas, [month, office, direction, counterpart, a, r.status].join('|'), (v) => (v ?? 0) + 1);
        for (const g of r.refusalGrounds) add(grounds, [month, office, direction, counterpart, g].join('|'), (v) => (v ?? 0) + 1);
        if (answered && r.answerDue) add(days, [month, office, direction, Math.round(d)].join('|'), (v) => (v ?? 0) + 1);
      }
    }
    return { stats, areas, grounds, days };
  }

  async function actual() {
    const nonZero = <T>(m: Map<string, T>, isZero: (v: T) => boolean) => new Map([...m].filter(([, v]) => !isZero(v)));
    const stats = new Map(
      (await db.select().from(itemStatsMonthly)).map((r) => [
        [r.month, r.officeId, r.direction, r.counterpartId, r.kind, r.form, r.status, r.mode, r.route].join('|'),
        [r.n, r.answered, r.answeredInTime, r.answerDaysSum, r.oralConfirmedInTime, r.oralConfirmedLate, r.conditionsProposed, r.conditionsAccepted],
      ]),
    );
    return {
      stats: nonZero(stats, (v) => v.every((x) => x === 0)),
      areas: nonZero(
        new Map((await db.select().from(itemAreaMonthly)).map((r) => [[r.month, r.officeId, r.direction, r.counterpartId, r.area, r.status].join('|'), r.n])),
        (v) => v === 0,
      ),
      grounds: nonZero(
        new Map((await db.select().from(itemGroundMonthly)).map((r) => [[r.month, r.officeId, r.direction, r.counterpartId, r.ground].join('|'), r.n])),
        (v) => v === 0,
      ),
      days: nonZero(
        new Map((await db.select().from(itemAnswerDaysMonthly)).map((r) => [[r.month, r.officeId, r.direction, r.days].join('|'), r.n])),
        (v) => v === 0,
      ),
    };
  }

  it('O-3.6 O-4.3 after any sequence of inserts, updates and deletes, every aggregate equals the count over the items (months in each office’s zone, year ends included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        await db.delete(items);
        const ids: string[] = [];
        for (const o of ops) {
          if (o.t === 'insert') {
            const batch = o.items.map((g) => ({ id: uuidv7(), ...itemValues(g, officeIds, zones) }));
            await db.insert(items).values(batch);
            ids.push(...batch.map((b) => b.id));
          } else if (ids.length > 0) {
            const id = ids[o.pick % ids.length]!;
            const { eq } = await import('drizzle-orm');
            if (o.t === 'update')
              await db
                .update(items)
                .set(itemValues(o.item, officeIds, zones))
                .where(eq(items.id, id));
            else if (o.t === 'touch') await db.update(items).set({ updatedAt: new Date() }).where(eq(items.id, id));
            else {
              await db.delete(items).where(eq(items.id, id));
              ids.splice(ids.indexOf(id), 1);
            }
          }
        }
        const want = expected(await db.select().from(items));
        const got = await actual();
        expect(got.stats).toEqual(want.stats);
        expect(got.areas).toEqual(want.areas);
        expect(got.grounds).toEqual(want.grounds);
        expect(got.days).toEqual(want.days);
      }),
      { numRuns: 25 },
    );
  });

  it('O-4.3 a rebuild from the items gives the same aggregates as the triggers kept', async () => {
    const before = await actual();
    await db.execute('select item_stats_rebuild()');
    expect(await actual()).toEqual(before);
  });
});
