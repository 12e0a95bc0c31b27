import { and, arrayOverlaps, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { reminderHorizonMs } from '../../../domain/deadlines.ts';
import { EVENT_REPORT_AWAITED, EVENT_REPORT_SCHEDULE, type EventStatus, type EventType } from '../../../domain/events.ts';
import type { Db } from '../../db/client.ts';
import { currentReminderSql, eventStageSql, inList, reportAwaitedSql } from '../../db/predicates.ts';
import { actions, eventAttachments, eventRemindersSent, events, exchangeOutbox, exchangePeers, offices, users } from '../../db/schema.ts';

export type EventRow = typeof events.$inferSelect;
export type EventInsert = typeof events.$inferInsert;
export type EventAttachmentRow = typeof eventAttachments.$inferSelect;

/** With `forUpdate` the row stays locked to the end of the transaction: concurrent actions queue. */
export async function findEvent(db: Db, id: string, forUpdate = false): Promise<EventRow | undefined> {
  const q = db.select().from(events).where(eq(events.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((v): v is string => !!v))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

export async function userWithRoles(db: Db, id: string): Promise<{ fullName: string; roles: string[] } | undefined> {
  if (!id) return undefined;
  const [row] = await db.select({ fullName: users.fullName, roles: users.roles }).from(users).where(eq(users.id, id));
  return row;
}

export async function insertAttachment(tx: Db, values: typeof eventAttachments.$inferInsert): Promise<EventAttachmentRow> {
  const [row] = await tx.insert(eventAttachments).values(values).returning();
  return row!;
}

export async function listAttachments(db: Db, eventId: string) {
  return db
    .select({ a: eventAttachments, officeCode: offices.code })
    .from(eventAttachments)
    .leftJoin(offices, eq(offices.id, eventAttachments.officeId))
    .where(and(eq(eventAttachments.eventId, eventId), isNull(eventAttachments.removedAt)))
    .orderBy(asc(eventAttachments.createdAt), asc(eventAttachments.id));
}

/** The kind of action that records a counterpart's letter about the event. */
export const COUNTERPART_LETTER = 'counterpart_letter';

/** The counterpart letters recorded on the event, from its log, with who recorded each. */
export async function listLetters(db: Db, eventId: string) {
  return db
    .select({ a: actions, actorName: users.fullName })
    .from(actions)
    .leftJoin(users, eq(users.id, actions.actorUserId))
    .where(and(eq(actions.subjectId, eventId), eq(actions.kind, COUNTERPART_LETTER)))
    .orderBy(asc(actions.seq));
}

export async function findAttachment(db: Db, eventId: string, id: string): Promise<EventAttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(eventAttachments)
    .where(and(eq(eventAttachments.id, id), eq(eventAttachments.eventId, eventId), isNull(eventAttachments.removedAt)));
  return row;
}

// ─── the calendar and the list ───────────────────────────────────────────────

export interface EventFilter {
  /** The offices whose events the viewer may see. */
  officeIds: readonly string[];
  /** Only events submitted at least once (the coordinator's and leadership's view). */
  submittedOnly: boolean;
  /** Issue 12: besides, the peers' joint events of these offices that name one of these counterpart offices. */
  peerCopies?: { officeIds: readonly string[]; counterpartIds: readonly string[] } | null;
  office?: string;
  counterpart?: string;
  types?: EventType[];
  statuses?: EventStatus[];
  stage?: 'planned' | 'awaiting_report' | 'report_overdue';
  /** Events overlapping [fromAt, toAt). */
  fromAt?: Date;
  toAt?: Date;
  q?: string;
  sort: 'startsAt' | 'number' | 'reportDueAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  now: Date;
}

function stageSql(stage: EventFilter['stage'], now: Date): SQL | undefined {
  return stage ? eventStageSql(events, stage, now) : undefined;
}

export async function listEvents(db: Db, f: EventFilter): Promise<{ rows: EventRow[]; total: number }> {
  const copies = f.peerCopies && f.peerCopies.counterpartIds.length > 0 ? f.peerCopies : null;
  if (f.officeIds.length === 0 && !copies) return { rows: [], total: 0 };
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const own = f.officeIds.length > 0 ? and(inArray(events.officeId, [...f.officeIds]), f.submittedOnly ? isNotNull(events.submittedAt) : undefined) : undefined;
  const theirs = copies
    ? and(inArray(events.officeId, [...copies.officeIds]), arrayOverlaps(events.counterpartOfficeIds, [...copies.counterpartIds]))
    : undefined;
  const where = and(
    own && theirs ? or(own, theirs) : (own ?? theirs),
    f.office ? eq(events.officeId, f.office) : undefined,
    f.counterpart ? arrayOverlaps(events.counterpartOfficeIds, [f.counterpart]) : undefined,
    f.types?.length ? inArray(events.type, f.types) : undefined,
    f.statuses?.length ? inArray(events.status, f.statuses) : undefined,
    stageSql(f.stage, f.now),
    // An undated draft shows in lists, not in a period.
    f.toAt ? lt(events.startsAt, f.toAt) : undefined,
    f.fromAt ? gte(events.endsAt, f.fromAt) : undefined,
    like ? or(ilike(events.title, like), ilike(events.city, like), ilike(events.agenda, like)) : undefined,
  );
  const dir = f.order === 'desc' ? desc : asc;
  // Numbers run per office and year: «by number» is by year, then number.
  const byNumber = [dir(events.numberYear), dir(events.number), dir(events.id)];
  const column = f.sort === 'reportDueAt' ? events.reportDueAt : events.startsAt;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(...(f.sort === 'number' ? byNumber : [sql`${dir(column)} nulls last`, ...byNumber]))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

// ─── report reminders ────────────────────────────────────────────────────────

/** Approved events, ended, whose report is due within the schedule's horizon (or past). */
export async function reportsDue(db: Db, now: Date, limit: number) {
  return db
    .select({ id: events.id, dueAt: events.reportDueAt, endsAt: events.endsAt })
    .from(events)
    .where(
      and(
        reportAwaitedSql(events),
        lte(events.reportDueAt, new Date(now.getTime() + reminderHorizonMs(EVENT_REPORT_SCHEDULE))),
        lte(events.endsAt, now),
        // Skipped when the reminder due now was already sent, so a backlog moves on.
        sql`not exists (select 1 from ${eventRemindersSent} r where r.event_id = ${events.id} and r.key = ${currentReminderSql(events.reportDueAt, now, EVENT_REPORT_SCHEDULE)})`,
      ),
    )
    .orderBy(events.reportDueAt)
    .limit(limit);
}

export async function claimReminder(tx: Db, eventId: string, key: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(eventRemindersSent).values({ eventId, key, sentAt: at }).onConflictDoNothing().returning({ key: eventRemindersSent.key });
  return rows.length > 0;
}

/** A returned report is due again: its reminders may be sent again. */
export async function clearReminders(tx: Db, eventId: string): Promise<void> {
  await tx.delete(eventRemindersSent).where(eq(eventRemindersSent.eventId, eventId));
}

/** Issue 12: the names of the peer nodes this event was shared with (a joint event record queued for them). */
export async function sharedPeerNames(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ name: exchangePeers.name })
    .from(exchangeOutbox)
    .innerJoin(exchangePeers, eq(exchangePeers.id, exchangeOutbox.peerId))
    .where(and(eq(exchangeOutbox.subjectId, eventId), eq(exchangeOutbox.subjectType, 'joint_event' as never)));
  return new Set(rows.map((r) => r.name));
}

/** Issue 12: whether a peer node of that name is configured (the exchange can carry a statement to it). */
export async function peerConnected(db: Db, name: string): Promise<boolean> {
  const [row] = await db.select({ id: exchangePeers.id }).from(exchangePeers).where(eq(exchangePeers.name, name));
  return !!row;
}

/** Issue 12: the position in the proposing node's log of the newest copy of a peer's joint event applied here (0: none). */
export async function copiedSeq(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ seq: sql<number>`coalesce(max((${actions.details}->>'seq')::int), 0)::int` })
    .from(actions)
    .where(and(eq(actions.subjectId, eventId), eq(actions.kind, PEER_COPY)));
  return row?.seq ?? 0;
}

/** The kind of action that keeps a peer's joint event here: its copy as the peer sent it. */
export const PEER_COPY = 'peer_copy';

/** O-4.1: per office, proposals awaiting the coordinator, reports awaited and reports overdue. */
export async function oversightCounts(db: Db, now: Date) {
  return db
    .select({
      officeId: events.officeId,
      awaitingDecision: sql<number>`count(*) filter (where ${events.status} = 'submitted')::int`,
      awaitingReport: sql<number>`count(*) filter (where ${eventStageSql(events, 'awaiting_report', now)})::int`,
      reportOverdue: sql<number>`count(*) filter (where ${eventStageSql(events, 'report_overdue', now)})::int`,
    })
    .from(events)
    .where(inList(events.status, ['submitted', ...EVENT_REPORT_AWAITED]))
    .groupBy(events.officeId);
}
