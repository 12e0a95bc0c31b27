import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOverdue, confirmationOverdue, currentReminder, isOverdue, REMINDER_SCHEDULES } from '../../domain/deadlines.ts';
import { EVENT_REPORT_AWAITED, EVENT_REPORT_SCHEDULE, EVENT_STAGES, EVENT_STATUSES, eventStage } from '../../domain/events.ts';
import { OPEN_STATUSES, UNSENT_STATUSES } from '../../domain/item-status.ts';
import { PRIORITY_AREAS } from '../../domain/items.ts';
import { freshDatabase, TAG, type TestDatabase } from '../test/build-test-app.ts';
import { itemArb, itemValues } from '../test/random-items.ts';
import { answerOverdueSql, confirmationOverdueSql, currentReminderSql, eventStageSql, overdueSql } from './predicates.ts';
import { events, items, offices } from './schema.ts';

/**
 * The rules of domain/ live once: the SQL of the repositories and the partial indexes is built from
 * the domain's constants (server/db/predicates.ts). These tests fail when the database's copy and the
 * domain's disagree — an index whose predicate no longer matches the rule, or a predicate that
 * computes something else than the function the presenters and the web use.
 */
describe(`the domain's rules in SQL ${TAG}`, () => {
  let database: TestDatabase;
  const officeIds = new Map<string, string>();
  const zones = new Map<string, string>();

  beforeAll(async () => {
    database = await freshDatabase();
    for (const o of await database.db.select().from(offices)) {
      officeIds.set(o.code, o.id);
      zones.set(o.id, o.timeZone);
    }
  });
  afterAll(async () => {
    await database?.close();
    await database?.drop();
  });

  /** The statuses an index's stored predicate names, as PostgreSQL normalized it. */
  async function indexStatuses(name: string): Promise<{ def: string; statuses: string[] }> {
    const res = (await database.db.execute(sql`select indexdef from pg_indexes where indexname = ${name}`)) as unknown as { rows: { indexdef: string }[] };
    const def = res.rows[0]?.indexdef;
    if (!def) throw new Error(`no index ${name}`);
    const where = def.slice(def.indexOf(' WHERE '));
    const status = /\(?status\s*(?:=|<>)\s*(?:(?:ANY|ALL)\s*\(ARRAY\[([^\]]*)\]\)|('[a-z_]+'::text))/.exec(where);
    const list = status ? (status[1] ?? status[2]!) : '';
    return { def: where, statuses: [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!) };
  }

  it("the partial indexes of the journals and the deadlines are built from the domain's status sets", async () => {
    const answer = await indexStatuses('items_answer_due_idx');
    expect(answer.def).toMatch(/status = ANY/);
    expect(answer.statuses).toEqual([...OPEN_STATUSES]);
    for (const name of ['items_incoming_idx', 'items_incoming_status_idx', ...PRIORITY_AREAS.map((a) => `items_incoming_${a}_idx`)]) {
      const sent = await indexStatuses(name);
      expect(sent.def, name).toMatch(/status <> ALL/);
      expect(sent.statuses, name).toEqual([...UNSENT_STATUSES]);
    }
    const reports = await indexStatuses('events_report_due_idx');
    expect(reports.statuses).toEqual([...EVENT_REPORT_AWAITED]);
    const confirmation = await indexStatuses('items_confirmation_due_idx');
    expect(confirmation.def).toMatch(/mode = 'oral'::text\) AND \(oral_confirmed_at IS NULL/);
  });

  it('A-8.2 A-6.2 overdue in SQL is domain isOverdue, and the reminder due now is domain currentReminder, for random items at random instants', async () => {
    const db = database.db;
    const instant = fc.date({ min: new Date('2025-12-15T00:00:00Z'), max: new Date('2027-02-01T00:00:00Z'), noInvalidDate: true });
    await fc.assert(
      fc.asyncProperty(fc.array(itemArb, { minLength: 1, maxLength: 25 }), instant, async (gen, now) => {
        await db.delete(items);
        await db.insert(items).values(gen.map((g) => ({ id: uuidv7(), ...itemValues(g, officeIds, zones) })));
        const rows = await db
          .select({
            item: items,
            overdue: sql<boolean>`${overdueSql(items, now)}`,
            answer: sql<boolean | null>`${answerOverdueSql(items, now)}`,
            confirmation: sql<boolean | null>`${confirmationOverdueSql(items, now)}`,
            answerReminder: sql<string>`${currentReminderSql(items.answerDueAt, now, REMINDER_SCHEDULES.answer)}`,
            confirmationReminder: sql<string>`${currentReminderSql(items.confirmationDueAt, now, REMINDER_SCHEDULES.confirmation)}`,
          })
          .from(items);
        for (const r of rows) {
          const i = r.item;
          expect(r.overdue, i.id).toBe(isOverdue(i, now));
          expect(r.answer ?? false).toBe(answerOverdue(i, now));
          expect(r.confirmation ?? false).toBe(confirmationOverdue(i, now));
          // A reminder is due only within its schedule's horizon; past it the SQL's CASE says ''.
          if (i.answerDueAt) expect(r.answerReminder || null).toBe(currentReminder(REMINDER_SCHEDULES.answer, i.answerDueAt, now));
          if (i.confirmationDueAt) expect(r.confirmationReminder || null).toBe(currentReminder(REMINDER_SCHEDULES.confirmation, i.confirmationDueAt, now));
        }
      }),
      { numRuns: 15 },
    );
  });

  it('O-3.5 the stages of an event in SQL are domain eventStage, and its report reminder is domain currentReminder', async () => {
    const db = database.db;
    const day = 86_400_000;
    const eventArb = fc.record({
      status: fc.constantFrom(...EVENT_STATUSES),
      endsAt: fc.option(fc.integer({ min: -30, max: 30 }), { nil: null }),
      reportAfter: fc.integer({ min: 0, max: 15 }),
      hours: fc.integer({ min: 0, max: 23 }),
    });
    const office = officeIds.get('RU-ORE')!;
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 20 }), async (gen) => {
        const now = new Date('2026-06-15T06:00:00Z');
        await db.delete(events);
        await db.insert(events).values(
          gen.map((g) => {
            const endsAt = g.endsAt === null ? null : new Date(now.getTime() + g.endsAt * day + g.hours * 3_600_000);
            return { id: uuidv7(), officeId: office, status: g.status, endsAt, reportDueAt: endsAt ? new Date(endsAt.getTime() + g.reportAfter * day) : null };
          }),
        );
        const rows = await db
          .select({
            event: events,
            reminder: sql<string>`${currentReminderSql(events.reportDueAt, now, EVENT_REPORT_SCHEDULE)}`,
            ...Object.fromEntries(EVENT_STAGES.map((s) => [s, sql<boolean | null>`${eventStageSql(events, s, now)}`])),
          })
          .from(events);
        for (const r of rows as ({ event: typeof events.$inferSelect; reminder: string } & Record<string, boolean | null>)[]) {
          const stage = eventStage(r.event, now);
          for (const s of EVENT_STAGES) expect(r[s] ?? false, `${r.event.status} ${s}`).toBe(stage === s);
          if (r.event.reportDueAt) expect(r.reminder || null).toBe(currentReminder(EVENT_REPORT_SCHEDULE, r.event.reportDueAt, now));
        }
      }),
      { numRuns: 15 },
    );
  });
});
