import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Party } from '../../../domain/registry.ts';
import { readAll, type Db } from '../../db/client.ts';
import { eventHeldSql } from '../../db/predicates.ts';
import {
  analysisReports,
  annualBlocks,
  contacts,
  events,
  itemAnswerDaysMonthly,
  itemAreaMonthly,
  itemGroundMonthly,
  itemStatsMonthly,
  users,
} from '../../db/schema.ts';

export type AnalysisReportRow = typeof analysisReports.$inferSelect;

/**
 * The Party's traffic for a year from the monthly aggregates: rows of the Party's reporting offices
 * whose counterpart is an office of the other Party, so each item exchanged counts once. A few
 * thousand aggregate rows however many items there are.
 */
export async function partyStats(db: Db, officeIds: string[], counterpartIds: string[], year: number) {
  if (officeIds.length === 0 || counterpartIds.length === 0) return { stats: [], areas: [], grounds: [], days: [] };
  const scope = <T extends typeof itemStatsMonthly | typeof itemAreaMonthly | typeof itemGroundMonthly>(t: T) =>
    and(inArray(t.officeId, officeIds), inArray(t.counterpartId, counterpartIds), gte(t.month, `${year}-01-01`), sql`${t.month} <= ${`${year}-12-01`}`);
  const s = itemStatsMonthly;
  const [stats, areas, grounds, days] = await readAll(db, [
    () =>
      db
        .select({
          month: s.month,
          officeId: s.officeId,
          direction: s.direction,
          counterpartId: s.counterpartId,
          kind: s.kind,
          form: s.form,
          status: s.status,
          mode: s.mode,
          n: sql<number>`sum(${s.n})::int`,
          answered: sql<number>`sum(${s.answered})::int`,
          answeredInTime: sql<number>`sum(${s.answeredInTime})::int`,
          answerDaysSum: sql<number>`sum(${s.answerDaysSum})::int`,
          oralConfirmedInTime: sql<number>`sum(${s.oralConfirmedInTime})::int`,
          oralConfirmedLate: sql<number>`sum(${s.oralConfirmedLate})::int`,
          conditionsProposed: sql<number>`sum(${s.conditionsProposed})::int`,
          conditionsAccepted: sql<number>`sum(${s.conditionsAccepted})::int`,
        })
        .from(s)
        .where(scope(s))
        .groupBy(s.month, s.officeId, s.direction, s.counterpartId, s.kind, s.form, s.status, s.mode),
    () =>
      db
        .select({ direction: itemAreaMonthly.direction, area: itemAreaMonthly.area, n: sql<number>`sum(${itemAreaMonthly.n})::int` })
        .from(itemAreaMonthly)
        .where(scope(itemAreaMonthly))
        .groupBy(itemAreaMonthly.direction, itemAreaMonthly.area),
    () =>
      db
        .select({ direction: itemGroundMonthly.direction, ground: itemGroundMonthly.ground, n: sql<number>`sum(${itemGroundMonthly.n})::int` })
        .from(itemGroundMonthly)
        .where(scope(itemGroundMonthly))
        .groupBy(itemGroundMonthly.direction, itemGroundMonthly.ground),
    // The histogram has no counterpart: the Party's offices answer only the other Party's requests
    // directly, and a routed matter (to the coordinator) has no answer deadline of its own.
    () =>
      db
        .select({ direction: itemAnswerDaysMonthly.direction, days: itemAnswerDaysMonthly.days, n: sql<number>`sum(${itemAnswerDaysMonthly.n})::int` })
        .from(itemAnswerDaysMonthly)
        .where(
          and(
            inArray(itemAnswerDaysMonthly.officeId, officeIds),
            gte(itemAnswerDaysMonthly.month, `${year}-01-01`),
            sql`${itemAnswerDaysMonthly.month} <= ${`${year}-12-01`}`,
          ),
        )
        .groupBy(itemAnswerDaysMonthly.direction, itemAnswerDaysMonthly.days),
  ]);
  return { stats, areas, grounds, days };
}

/** Events of the Party's offices starting in the period, by office and type. */
export async function partyEvents(db: Db, officeIds: string[], from: Date, to: Date, now: Date) {
  if (officeIds.length === 0) return [];
  return db
    .select({
      officeId: events.officeId,
      type: events.type,
      proposed: sql<number>`count(*) filter (where ${events.submittedAt} is not null)::int`,
      held: sql<number>`count(*) filter (where ${eventHeldSql(events, now)})::int`,
      reported: sql<number>`count(*) filter (where ${events.status} = 'reported')::int`,
    })
    .from(events)
    .where(and(inArray(events.officeId, officeIds), gte(events.startsAt, from), lt(events.startsAt, to)))
    .groupBy(events.officeId, events.type);
}

/** The offices' proposals for improving cooperation, from their submitted blocks (O-3.6 → O-4.3). */
export async function submittedProposals(db: Db, officeIds: string[], year: number) {
  if (officeIds.length === 0) return [];
  return db
    .select({ officeId: annualBlocks.officeId, proposals: annualBlocks.proposals })
    .from(annualBlocks)
    .where(
      and(inArray(annualBlocks.officeId, officeIds), eq(annualBlocks.year, year), eq(annualBlocks.status, 'submitted'), isNotNull(annualBlocks.submittedAt)),
    );
}

export async function findReport(
  db: Db,
  party: Party,
  year: number,
  forUpdate = false,
): Promise<(AnalysisReportRow & { updatedByName: string | null }) | undefined> {
  const q = db
    .select({ r: analysisReports, updatedByName: users.fullName })
    .from(analysisReports)
    .leftJoin(users, eq(users.id, analysisReports.updatedBy))
    .where(and(eq(analysisReports.party, party), eq(analysisReports.year, year)));
  const [row] = forUpdate ? await q.for('update', { of: analysisReports }) : await q;
  return row ? { ...row.r, updatedByName: row.updatedByName } : undefined;
}

export async function upsertReport(
  tx: Db,
  values: { party: Party; year: number; conclusions: string; proposals: string; updatedBy: string; now: Date },
): Promise<void> {
  await tx
    .insert(analysisReports)
    .values({
      party: values.party,
      year: values.year,
      conclusions: values.conclusions,
      proposals: values.proposals,
      updatedBy: values.updatedBy,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoUpdate({
      target: [analysisReports.party, analysisReports.year],
      set: {
        conclusions: values.conclusions,
        proposals: values.proposals,
        updatedBy: values.updatedBy,
        updatedAt: values.now,
        version: sql`${analysisReports.version} + 1`,
      },
    });
}

/** The active head of an office (the analysis is signed by the coordinating unit's head), if any. */
export async function officeHead(db: Db, officeId: string): Promise<{ fullName: string; roles: string[] } | undefined> {
  const [row] = await db
    .select({ fullName: users.fullName, roles: users.roles })
    .from(users)
    .where(and(eq(users.officeId, officeId), isNull(users.disabledAt), sql`'head' = any(${users.roles})`))
    .orderBy(asc(users.createdAt))
    .limit(1);
  return row;
}

/**
 * The executor line of a document: the user's name, and the work phone of the office's designated
 * contact of that name, when the user is one (users themselves have no phone).
 */
export async function executorOf(db: Db, userId: string, today: string): Promise<{ fullName: string; roles: string[]; phone: string | null } | undefined> {
  const [row] = await db
    .select({ fullName: users.fullName, roles: users.roles, phone: contacts.phone })
    .from(users)
    .leftJoin(
      contacts,
      and(
        eq(contacts.officeId, users.officeId),
        sql`concat_ws(' ', ${contacts.surname}, ${contacts.firstName}, ${contacts.patronymic}) = ${users.fullName}`,
        lte(contacts.designatedFrom, today),
        or(isNull(contacts.designatedTo), gte(contacts.designatedTo, today)),
      ),
    )
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}
