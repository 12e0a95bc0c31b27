import { and, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { AreaRow, DaysRow, GroundRow, StatsRow } from '../../../domain/annual.ts';
import { readAll, type Db } from '../../db/client.ts';
import { eventApprovedSql, eventHeldSql, eventStageSql } from '../../db/predicates.ts';
import {
  annualBlocks,
  annualRemindersSent,
  consents,
  events,
  itemAnswerDaysMonthly,
  itemAreaMonthly,
  itemGroundMonthly,
  itemStatsMonthly,
  users,
} from '../../db/schema.ts';

export type BlockRow = typeof annualBlocks.$inferSelect;
export type BlockInsert = typeof annualBlocks.$inferInsert;

/** Months are stored as the first day in the office's own zone: a year is twelve of them. */
const months = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-01` });

export async function officeStats(
  db: Db,
  officeId: string,
  year: number,
): Promise<{ stats: StatsRow[]; areas: AreaRow[]; grounds: GroundRow[]; days: DaysRow[] }> {
  const m = months(year);
  const inYear = (t: typeof itemStatsMonthly | typeof itemAreaMonthly | typeof itemGroundMonthly | typeof itemAnswerDaysMonthly) =>
    and(eq(t.officeId, officeId), gte(t.month, m.from), sql`${t.month} <= ${m.to}`);
  const [stats, areas, grounds, days] = await readAll(db, [
    () =>
      db
        .select({
          direction: itemStatsMonthly.direction,
          counterpartId: itemStatsMonthly.counterpartId,
          kind: itemStatsMonthly.kind,
          form: itemStatsMonthly.form,
          status: itemStatsMonthly.status,
          mode: itemStatsMonthly.mode,
          route: itemStatsMonthly.route,
          n: sql<number>`sum(${itemStatsMonthly.n})::int`,
          answered: sql<number>`sum(${itemStatsMonthly.answered})::int`,
          answeredInTime: sql<number>`sum(${itemStatsMonthly.answeredInTime})::int`,
          answerDaysSum: sql<number>`sum(${itemStatsMonthly.answerDaysSum})::int`,
          oralConfirmedInTime: sql<number>`sum(${itemStatsMonthly.oralConfirmedInTime})::int`,
          oralConfirmedLate: sql<number>`sum(${itemStatsMonthly.oralConfirmedLate})::int`,
          conditionsProposed: sql<number>`sum(${itemStatsMonthly.conditionsProposed})::int`,
          conditionsAccepted: sql<number>`sum(${itemStatsMonthly.conditionsAccepted})::int`,
        })
        .from(itemStatsMonthly)
        .where(inYear(itemStatsMonthly))
        .groupBy(
          itemStatsMonthly.direction,
          itemStatsMonthly.counterpartId,
          itemStatsMonthly.kind,
          itemStatsMonthly.form,
          itemStatsMonthly.status,
          itemStatsMonthly.mode,
          itemStatsMonthly.route,
        ),
    () =>
      db
        .select({
          direction: itemAreaMonthly.direction,
          counterpartId: itemAreaMonthly.counterpartId,
          area: itemAreaMonthly.area,
          n: sql<number>`sum(${itemAreaMonthly.n})::int`,
        })
        .from(itemAreaMonthly)
        .where(inYear(itemAreaMonthly))
        .groupBy(itemAreaMonthly.direction, itemAreaMonthly.counterpartId, itemAreaMonthly.area),
    () =>
      db
        .select({
          direction: itemGroundMonthly.direction,
          counterpartId: itemGroundMonthly.counterpartId,
          ground: itemGroundMonthly.ground,
          n: sql<number>`sum(${itemGroundMonthly.n})::int`,
        })
        .from(itemGroundMonthly)
        .where(inYear(itemGroundMonthly))
        .groupBy(itemGroundMonthly.direction, itemGroundMonthly.counterpartId, itemGroundMonthly.ground),
    () =>
      db
        .select({ direction: itemAnswerDaysMonthly.direction, days: itemAnswerDaysMonthly.days, n: sql<number>`sum(${itemAnswerDaysMonthly.n})::int` })
        .from(itemAnswerDaysMonthly)
        .where(inYear(itemAnswerDaysMonthly))
        .groupBy(itemAnswerDaysMonthly.direction, itemAnswerDaysMonthly.days),
  ]);
  return { stats, areas, grounds, days };
}

export async function officeConsents(db: Db, officeId: string, from: Date, to: Date) {
  return consentsOf(db, [officeId], from, to);
}

/** consent requests of the period asked by these offices, and asked of them with their decisions. */
export async function consentsOf(db: Db, officeIds: string[], from: Date, to: Date) {
  const none = { requested: 0, received: 0, granted: 0, refused: 0, pending: 0 };
  if (officeIds.length === 0) return none;
  const inPeriod = and(gte(consents.requestedAt, from), lt(consents.requestedAt, to));
  const asked = inArray(consents.requesterOfficeId, officeIds);
  const askedOf = inArray(consents.providerOfficeId, officeIds);
  const [row] = await db
    .select({
      requested: sql<number>`count(*) filter (where ${asked})::int`,
      received: sql<number>`count(*) filter (where ${askedOf})::int`,
      granted: sql<number>`count(*) filter (where ${askedOf} and ${consents.status} = 'granted')::int`,
      refused: sql<number>`count(*) filter (where ${askedOf} and ${consents.status} = 'refused')::int`,
      pending: sql<number>`count(*) filter (where ${askedOf} and ${consents.status} = 'pending')::int`,
    })
    .from(consents)
    .where(and(inPeriod, or(asked, askedOf)));
  return row ?? none;
}

/** Events starting in the period (O-3.5): proposed (submitted at least once), approved, held, reported, report overdue. */
export async function officeEvents(db: Db, officeId: string, from: Date, to: Date, now: Date) {
  const [row] = await db
    .select({
      proposed: sql<number>`count(*) filter (where ${events.submittedAt} is not null)::int`,
      approved: sql<number>`count(*) filter (where ${eventApprovedSql(events)})::int`,
      held: sql<number>`count(*) filter (where ${eventHeldSql(events, now)})::int`,
      reported: sql<number>`count(*) filter (where ${events.status} = 'reported')::int`,
      reportOverdue: sql<number>`count(*) filter (where ${eventStageSql(events, 'report_overdue', now)})::int`,
    })
    .from(events)
    .where(and(eq(events.officeId, officeId), gte(events.startsAt, from), lt(events.startsAt, to)));
  return row ?? { proposed: 0, approved: 0, held: 0, reported: 0, reportOverdue: 0 };
}

// ─── blocks ──────────────────────────────────────────────────────────────────

export async function findBlock(db: Db, officeId: string, year: number, forUpdate = false): Promise<BlockRow | undefined> {
  const q = db
    .select()
    .from(annualBlocks)
    .where(and(eq(annualBlocks.officeId, officeId), eq(annualBlocks.year, year)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findBlockById(db: Db, id: string, forUpdate = false): Promise<BlockRow | undefined> {
  const q = db.select().from(annualBlocks).where(eq(annualBlocks.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function blocksOfYear(db: Db, officeIds: string[], year: number): Promise<BlockRow[]> {
  if (officeIds.length === 0) return [];
  return db
    .select()
    .from(annualBlocks)
    .where(and(eq(annualBlocks.year, year), inArray(annualBlocks.officeId, officeIds)));
}

export async function userName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [row] = await db.select({ fullName: users.fullName, roles: users.roles }).from(users).where(eq(users.id, id));
  return row?.fullName ?? null;
}

export async function userWithRoles(db: Db, id: string | null): Promise<{ fullName: string; roles: string[] } | undefined> {
  if (!id) return undefined;
  const [row] = await db.select({ fullName: users.fullName, roles: users.roles }).from(users).where(eq(users.id, id));
  return row;
}

export async function claimBlockReminder(tx: Db, officeId: string, year: number, key: string, at: Date): Promise<boolean> {
  const rows = await tx
    .insert(annualRemindersSent)
    .values({ officeId, year, key, sentAt: at })
    .onConflictDoNothing()
    .returning({ key: annualRemindersSent.key });
  return rows.length > 0;
}
