import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { CONFIRMATION_ENDS_IN, type ReminderSchedule } from '../../domain/deadlines.ts';
import { EVENT_APPROVED_STATUSES, EVENT_REPORT_AWAITED, type EventStage } from '../../domain/events.ts';
import { OPEN_STATUSES, UNSENT_STATUSES } from '../../domain/item-status.ts';

/**
 * The rules of domain/ as SQL: every predicate a repository or a partial index of schema.ts needs
 * about statuses and deadlines is built here from the domain's constants, never written out again
 * (server/db/predicates.test.ts checks the indexes in the database against the constants). Each
 * builder takes the table (or its alias) it applies to, so schema.ts uses the same function for an
 * index's predicate as a repository for the query the index serves.
 *
 * Values are SQL literals, not parameters: PostgreSQL uses a partial index only when it can prove
 * from the query that the index's predicate holds, which it cannot for a parameter of a generic
 * plan (a named prepared statement after its fifth run).
 */

const LITERAL = /^[a-z_]+$/;

function literals(values: readonly string[]): SQL {
  if (values.length === 0 || values.some((v) => !LITERAL.test(v))) throw new Error(`Not a list of domain constants: ${values.join(', ')}`);
  return sql.raw(values.map((v) => `'${v}'`).join(', '));
}

/** `column in (…)`; one value is written `= '…'`, as PostgreSQL stores it. */
export function inList(column: AnyPgColumn | SQL, values: readonly string[]): SQL {
  return values.length === 1 ? sql`${column} = ${literals(values)}` : sql`${column} in (${literals(values)})`;
}

/** `column not in (…)`; one value is written `<> '…'`, as PostgreSQL stores it. */
export function notInList(column: AnyPgColumn | SQL, values: readonly string[]): SQL {
  return values.length === 1 ? sql`${column} <> ${literals(values)}` : sql`${column} not in (${literals(values)})`;
}

/** An instant: a value, or a placeholder of a prepared statement. */
type At = Date | SQLWrapper;

// ─── items ───────────────────────────────────────────────────────────────────

interface ItemColumns {
  status: AnyPgColumn;
  mode: AnyPgColumn;
  oralConfirmedAt: AnyPgColumn;
  answerDueAt: AnyPgColumn;
  confirmationDueAt: AnyPgColumn;
}

/** The item has left the sending office (domain UNSENT_STATUSES): the incoming journals and their indexes. */
export const wasSentSql = (t: Pick<ItemColumns, 'status'>): SQL => notInList(t.status, UNSENT_STATUSES);

/** A-8.2: the answer's term runs (domain answerRuns): the open statuses. */
export const answerRunsSql = (t: Pick<ItemColumns, 'status'>): SQL => inList(t.status, OPEN_STATUSES);

/** An oral request without its written confirmation: the predicate of the confirmation deadlines' index. */
export const oralUnconfirmedSql = (t: Pick<ItemColumns, 'mode' | 'oralConfirmedAt'>): SQL => sql`${t.mode} = 'oral' and ${t.oralConfirmedAt} is null`;

/** A-6.2: the written confirmation is awaited (domain awaitsConfirmation). */
export const awaitsConfirmationSql = (t: Pick<ItemColumns, 'mode' | 'oralConfirmedAt' | 'status'>): SQL =>
  sql`(${oralUnconfirmedSql(t)} and ${notInList(t.status, CONFIRMATION_ENDS_IN)})`;

/** The answer is late (domain answerOverdue). */
export const answerOverdueSql = (t: Pick<ItemColumns, 'status' | 'answerDueAt'>, now: At): SQL =>
  sql`(${answerRunsSql(t)} and ${t.answerDueAt} <= ${now}::timestamptz)`;

/** The written confirmation is late (domain confirmationOverdue). */
export const confirmationOverdueSql = (t: Pick<ItemColumns, 'mode' | 'oralConfirmedAt' | 'status' | 'confirmationDueAt'>, now: At): SQL =>
  sql`(${awaitsConfirmationSql(t)} and ${t.confirmationDueAt} <= ${now}::timestamptz)`;

/**
 * Overdue (domain isOverdue), as a filter: a NULL row is selected by neither it nor its negation.
 * Each branch implies a partial index's predicate (items_answer_due_idx, items_confirmation_due_idx),
 * so «overdue only» reads the few overdue items.
 */
export const overdueWhereSql = (t: ItemColumns, now: At): SQL => sql`(${answerOverdueSql(t, now)} or ${confirmationOverdueSql(t, now)})`;

/** Overdue as a value: never null, so it can be negated and selected. */
export const overdueSql = (t: ItemColumns, now: At): SQL => sql`coalesce(${overdueWhereSql(t, now)}, false)`;

// ─── events ──────────────────────────────────────────────────────────────────

interface EventColumns {
  status: AnyPgColumn;
  endsAt: AnyPgColumn;
  reportDueAt: AnyPgColumn;
}

/** The report is awaited (domain EVENT_REPORT_AWAITED): the predicate of events_report_due_idx. */
export const reportAwaitedSql = (t: Pick<EventColumns, 'status'>): SQL => inList(t.status, EVENT_REPORT_AWAITED);

/** Approved, reported or not (domain EVENT_APPROVED_STATUSES). */
export const eventApprovedSql = (t: Pick<EventColumns, 'status'>): SQL => inList(t.status, EVENT_APPROVED_STATUSES);

/** Approved and ended by `now`: the events held. */
export const eventHeldSql = (t: Pick<EventColumns, 'status' | 'endsAt'>, now: At): SQL => sql`(${eventApprovedSql(t)} and ${t.endsAt} <= ${now})`;

/** Where an event stands beyond its status (domain eventStage), with the same boundaries. */
export function eventStageSql(t: EventColumns, stage: EventStage, now: At): SQL {
  switch (stage) {
    case 'planned':
      return sql`(${reportAwaitedSql(t)} and ${t.endsAt} > ${now})`;
    case 'awaiting_report':
      return sql`(${reportAwaitedSql(t)} and ${t.endsAt} <= ${now} and ${t.reportDueAt} > ${now})`;
    case 'report_overdue':
      return sql`(${reportAwaitedSql(t)} and ${t.reportDueAt} <= ${now})`;
  }
}

// ─── reminders ───────────────────────────────────────────────────────────────

/**
 * The reminder a deadline is at now (domain currentReminder), as a CASE: the overdue notice once
 * past, else the latest step whose moment has come, else ''. A scheduler skips the rows whose
 * current reminder is already recorded as sent, so a backlog larger than a batch moves on.
 */
export function currentReminderSql(dueAt: AnyPgColumn, now: Date, schedule: ReminderSchedule): SQL {
  const steps = [...schedule.steps].sort((a, b) => a.beforeMs - b.beforeMs);
  return sql`case when ${dueAt} <= ${now}::timestamptz then ${schedule.overdue}
    ${sql.join(
      steps.map((st) => sql`when ${dueAt} <= ${new Date(now.getTime() + st.beforeMs)}::timestamptz then ${st.key}`),
      sql` `,
    )}
    else '' end`;
}

/** The month of an instant (UTC) as one integer, year × 12 + month. Immutable (a fixed zone), so it can be indexed. */
export function monthSql(at: AnyPgColumn | SQL): SQL {
  return sql`((extract(year from (${at} at time zone 'UTC')) * 12 + extract(month from (${at} at time zone 'UTC')))::integer)`;
}

/** The same month of a date, computed in JavaScript. */
export function monthOf(at: Date): number {
  return at.getUTCFullYear() * 12 + at.getUTCMonth() + 1;
}

/** The first instant of such a month (UTC). */
export function monthStart(month: number): Date {
  return new Date(Date.UTC(Math.floor((month - 1) / 12), (month - 1) % 12, 1));
}

/**
 * An office and a month as one key, `<office id>:<month>`: the search index's key for «this
 * office's items of this month». One equality key, so the index intersects one office-month's few
 * hundred items with a word's, whatever the size of the office or of the table (a range of months
 * in the index would merge every office's items of those months first).
 */
export function officeMonthSql(office: AnyPgColumn | SQL, at: AnyPgColumn | SQL): SQL {
  return sql`(${office}::text || ':' || ${monthSql(at)}::text)`;
}

/** The same key computed in JavaScript. */
export function officeMonthKey(officeId: string, month: number): string {
  return `${officeId}:${month}`;
}
