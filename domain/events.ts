import { hasRole, isOfficeStaff, type Role } from './access.ts';
import type { FieldIssue } from './errors.ts';
import type { LetterChannel, LetterRef } from './letters.ts';
import { availableActions, refusalOf, type ActorView, type BaseRefusal, type Machine, type Transition } from './machine.ts';
import type { ReminderSchedule } from './deadlines.ts';
import { isHostedHere, type Hosting } from './node.ts';
import { calendarDaysDeadline, localDate, type Deadline } from './time.ts';

/**
 * International events with the other Party's prosecutors (O-3.5, A-11, O-2 forms 2–3): an office
 * proposes participation in or the holding of one, its coordinator approves, returns or rejects it,
 * and after it the office reports. Labels live in the i18n files under the same keys.
 */

export const EVENT_TYPES = ['working_meeting', 'conference', 'seminar', 'internship', 'consultation', 'other'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** O-3.5: participation abroad, or holding the event in the office's own country. */
export const EVENT_VENUES = ['abroad', 'home'] as const;
export type EventVenue = (typeof EVENT_VENUES)[number];

/** O-2 forms 2 and 3: the forms of interaction events serve. */
export const EVENT_FORMS = ['experience_exchange', 'working_meetings'] as const;
export type EventForm = (typeof EVENT_FORMS)[number];

export const EVENT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'cancelled', 'reported'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EVENT_ACTIONS = ['update', 'submit', 'approve', 'return', 'reject', 'cancel', 'save_report', 'submit_report', 'return_report'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** The office prepares its proposal, and corrects it once the coordinator returned it. */
export const EVENT_EDITABLE: readonly EventStatus[] = ['draft', 'returned'];

/** Who acts on an event: the proposing office's staff, or the coordinator of its Party. */
export type EventSide = 'office' | 'coordinator';

export type EventActor = ActorView<EventSide>;

type EventGuard = 'ended' | 'complete' | 'reportComplete' | 'reason';

const HEADS: readonly Role[] = ['head', 'deputy_head'];
const STAFF: readonly Role[] = ['head', 'deputy_head', 'officer'];
const COORDINATOR: readonly Role[] = ['coordinator'];

/**
 * The transitions. An officer prepares; the head or a deputy submits for the office (the proposal
 * is the office's letter to its coordinator); the coordinator decides. Reports come after the event.
 */
export const EVENT_TRANSITIONS: readonly Transition<EventStatus, EventAction, EventSide, EventGuard, never, EventState>[] = [
  { action: 'update', from: EVENT_EDITABLE, to: 'same', side: 'office', roles: STAFF, article: 'O-3.5' },
  { action: 'submit', from: EVENT_EDITABLE, to: 'submitted', side: 'office', roles: HEADS, article: 'O-3.5', guards: ['complete'] },
  { action: 'approve', from: ['submitted'], to: 'approved', side: 'coordinator', roles: COORDINATOR, article: 'O-3.5' },
  { action: 'return', from: ['submitted'], to: 'returned', side: 'coordinator', roles: COORDINATOR, article: 'O-3.5', guards: ['reason'] },
  { action: 'reject', from: ['submitted'], to: 'rejected', side: 'coordinator', roles: COORDINATOR, article: 'O-3.5', guards: ['reason'] },
  {
    action: 'cancel',
    from: ['draft', 'returned', 'submitted', 'approved'],
    to: 'cancelled',
    side: 'office',
    roles: HEADS,
    article: 'O-3.5',
    guards: ['reason'],
  },
  { action: 'save_report', from: ['approved'], to: 'same', side: 'office', roles: STAFF, article: 'O-3.5', guards: ['ended'] },
  { action: 'submit_report', from: ['approved'], to: 'reported', side: 'office', roles: HEADS, article: 'O-3.5', guards: ['ended', 'reportComplete'] },
  { action: 'return_report', from: ['reported'], to: 'approved', side: 'coordinator', roles: COORDINATOR, article: 'O-3.5', guards: ['reason'] },
];

export interface EventState {
  status: EventStatus;
  /** The end has passed (a report can be written). */
  ended: boolean;
  complete: boolean;
  reportComplete: boolean;
}

export type EventRefusal = BaseRefusal | 'NOT_ENDED' | 'CONTENT_INCOMPLETE' | 'REPORT_INCOMPLETE' | 'REASON_REQUIRED';

export interface EventInput {
  reason?: string | null;
  /** For `update`: whether the proposal is complete after it (O-3.5). */
  complete?: boolean;
  /** For `save_report`: whether the report is complete after it. */
  reportComplete?: boolean;
}

const SUBMITTED_OR_LATER: readonly EventStatus[] = ['submitted', 'approved', 'reported'];

/** The event's machine (O-3.5) in the one shape of domain/machine.ts. */
export const EVENT_MACHINE: Machine<EventStatus, EventAction, EventSide, EventState, EventInput, EventRefusal, EventGuard> = {
  statuses: EVENT_STATUSES,
  actions: EVENT_ACTIONS,
  transitions: EVENT_TRANSITIONS,
  guards: {
    ended: (s) => (s.ended ? null : 'NOT_ENDED'),
    complete: (s) => (s.complete ? null : 'CONTENT_INCOMPLETE'),
    reportComplete: (s) => (s.reportComplete ? null : 'REPORT_INCOMPLETE'),
    // A return, a rejection, a cancellation and a returned report say why.
    reason: (_s, i) => (i.reason && i.reason.trim().length >= 3 ? null : 'REASON_REQUIRED'),
  },
  // The web offers these actions and the server explains what is missing when one is taken.
  unlisted: ['complete', 'reportComplete', 'reason'],
  rules: {},
  effects: {
    update: (s, i) => ({ complete: i.complete ?? s.complete }),
    save_report: (s, i) => ({ reportComplete: i.reportComplete ?? s.reportComplete }),
  },
  invariants: [
    { name: 'a proposal left the office incomplete', holds: (s) => !(SUBMITTED_OR_LATER.includes(s.status) && !s.complete) },
    { name: 'a report before the event ended', holds: (s) => !(s.status === 'reported' && !s.ended) },
    { name: 'a report submitted without its outcomes', holds: (s) => !(s.status === 'reported' && !s.reportComplete) },
  ],
  emptyInput: {},
};

export function eventRefusalOf(state: EventState, action: EventAction, actor: EventActor, input: EventInput = {}): EventRefusal | null {
  return refusalOf(EVENT_MACHINE, state, action, actor, input);
}

export function nextEventStatus(status: EventStatus, action: EventAction): EventStatus {
  const t = EVENT_TRANSITIONS.find((x) => x.action === action)!;
  return t.to === 'same' ? status : t.to;
}

/** The actions the web offers: those the table allows this user now (content checks are left to the server's message). */
export function availableEventActions(state: EventState, actor: EventActor): EventAction[] {
  return availableActions(EVENT_MACHINE, state, actor);
}

/** Which side a user is on for an event of an office of a Party. */
export function eventSideOf(actor: { officeId: string; party: string; roles: readonly Role[] }, event: { officeId: string; party: string }): EventSide | null {
  if (actor.officeId === event.officeId && isOfficeStaff(actor)) return 'office';
  if (hasRole(actor, 'coordinator') && actor.party === event.party) return 'coordinator';
  return null;
}

// ─── content ─────────────────────────────────────────────────────────────────

export interface EventParticipant {
  side: 'own' | 'counterpart';
  fullName: string;
  position: string;
  /** The counterpart office whose letter named this participant (recorded from it); absent when the office named them in its proposal. */
  officeId?: string | null;
}

export interface EventContent {
  type: EventType | null;
  venue: EventVenue | null;
  form: EventForm | null;
  title: string;
  country: string;
  city: string;
  timeZone: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  counterpartOfficeIds: readonly string[];
  participants: readonly EventParticipant[];
  agenda: string;
  priorityAreas: readonly string[];
  costArrangement: string;
  costTerms: string | null;
}

export const EVENT_MANDATORY = [
  'type',
  'venue',
  'form',
  'title',
  'country',
  'city',
  'timeZone',
  'startsAt',
  'endsAt',
  'counterpartOfficeIds',
  'participants',
  'agenda',
  'priorityAreas',
] as const;

/** O-3.5: what a proposal must state before the office submits it. */
export function missingEventFields(c: EventContent): string[] {
  const missing: string[] = [];
  for (const f of EVENT_MANDATORY) {
    const v = c[f];
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)) missing.push(f);
  }
  if (!missing.includes('participants') && !c.participants.some((p) => p.side === 'own')) missing.push('participants');
  if (c.costArrangement === 'agreed' && !c.costTerms?.trim()) missing.push('costTerms');
  return missing;
}

export interface EventReport {
  outcomes: string | null;
  agreements: string | null;
  followUp: string | null;
}

export function missingReportFields(r: EventReport): string[] {
  return r.outcomes?.trim() ? [] : ['outcomes'];
}

// ─── deadlines ───────────────────────────────────────────────────────────────

/** O-3.5: the report is due a number of days (a setting, default 10) after the event ends, in the reporting office's zone. */
export const DEFAULT_EVENT_REPORT_DAYS = 10;

export function eventReportDeadline(endsAt: Date, days: number, officeTimeZone: string): Deadline {
  return calendarDaysDeadline(localDate(endsAt, officeTimeZone), days, officeTimeZone);
}

export const EVENT_REPORT_REMINDERS = [
  { key: 'report_3d', beforeMs: 3 * 86_400_000 },
  { key: 'report_1d', beforeMs: 86_400_000 },
] as const;

/** O-3.5: the report's reminders before it is due and the notice after (one at a time: the latest whose moment has come). */
export const EVENT_REPORT_SCHEDULE: ReminderSchedule = { steps: EVENT_REPORT_REMINDERS, overdue: 'report_overdue' };

/**
 * The sets of event statuses the rest of the system speaks of, written once (the SQL of
 * server/db/predicates.ts, the partial index of the reports awaited, the presenters import them).
 */
/** Approved by the coordinator and not yet reported: the report is awaited (its term runs). */
export const EVENT_REPORT_AWAITED: readonly EventStatus[] = ['approved'];
/** Approved, whether reported yet or not: the events that take place (held once ended). */
export const EVENT_APPROVED_STATUSES: readonly EventStatus[] = ['approved', 'reported'];

export const EVENT_STAGES = ['planned', 'awaiting_report', 'report_overdue'] as const;
export type EventStage = (typeof EVENT_STAGES)[number];

/** Where an event stands beyond its status, for lists and the dashboard. */
export function eventStage(e: { status: EventStatus; endsAt: Date | null; reportDueAt: Date | null }, now: Date): EventStage | null {
  if (!EVENT_REPORT_AWAITED.includes(e.status) || !e.endsAt) return null;
  if (now < e.endsAt) return 'planned';
  if (e.reportDueAt && now >= e.reportDueAt) return 'report_overdue';
  return 'awaiting_report';
}

// ─── counterparts off the system (issue 10, part 3) ──────────────────────────

/**
 * A counterpart office that is not hosted on this node (off the system, or at a peer node the event
 * did not reach — see counterpartActsInSystem, issue 12) tells the event's office by letter who takes part for it and how it
 * sees the results. The office's staff record that letter, as the counterpart's act on its behalf:
 * its participants become the event's (side 'counterpart', attributed to that office) and its
 * statement of the outcomes is kept beside the office's own report, one per counterpart office.
 */

/**
 * The statuses in which such a letter is recorded: once the coordinator has approved the event (it
 * takes place, so its participants are confirmed and its results stated), and still after the office
 * reported (a counterpart's account arriving later belongs to the record and leaves the office's own
 * report as submitted). Not while the proposal is prepared or decided: the office then states the
 * counterpart's participants in the proposal itself, and the coordinator decides on what it was
 * sent (O-3.5); nor for an event rejected or cancelled, which does not take place.
 */
export const EVENT_LETTER_STATUSES: readonly EventStatus[] = EVENT_APPROVED_STATUSES;

/**
 * Where a counterpart's act came from: its letter as recorded, or (channel `peer`) its statement made
 * in the system at its own node, the exchange message as the reference (`exchange:<message id>`)
 * and its signer the head or deputy who made it (issue 12).
 */
export type CounterpartSource = Omit<LetterRef, 'channel'> & { channel: LetterChannel | 'peer' };

/** The counterpart's account of the results, in its own words, from its latest letter (or statement in the system) that gave one. */
export interface CounterpartStatement {
  officeId: string;
  outcomes: string;
  agreements: string | null;
  letter: CounterpartSource;
}

/** What a counterpart's letter about the event says: its participants (none: it does not name them) and/or its statement of the outcomes. */
export interface EventLetterContent {
  letter: LetterRef;
  participants: readonly { fullName: string; position: string }[];
  statement: { outcomes: string | null; agreements: string | null } | null;
}

export type EventLetterRefusal = 'NOT_YOUR_SIDE' | 'ROLE_REQUIRED' | 'NOT_A_COUNTERPART' | 'COUNTERPART_IN_SYSTEM' | 'NOT_ALLOWED_IN_STATUS' | 'NOT_ENDED';

/**
 * May this actor record a letter about the event now — and, when the office is given, a letter of
 * that office? The event office's staff, as for its report (O-3.5); in the statuses above; only of
 * a counterpart of the event that is not hosted here (one hosted here acts in the system itself); a
 * statement of the outcomes once the event has ended. Without the office (before the request's body
 * is read) only who and when are judged.
 */
export function eventLetterRefusal(q: {
  state: EventState;
  actor: EventActor;
  counterpartOfficeIds?: readonly string[];
  office?: CounterpartHosting;
  statement?: boolean;
}): EventLetterRefusal | null {
  if (q.actor.side !== 'office') return 'NOT_YOUR_SIDE';
  if (!q.actor.roles.some((r) => STAFF.includes(r))) return 'ROLE_REQUIRED';
  if (!EVENT_LETTER_STATUSES.includes(q.state.status)) return 'NOT_ALLOWED_IN_STATUS';
  if (q.office) {
    if (!q.counterpartOfficeIds?.includes(q.office.id)) return 'NOT_A_COUNTERPART';
    if (counterpartActsInSystem(q.office)) return 'COUNTERPART_IN_SYSTEM';
  }
  if (q.statement && !q.state.ended) return 'NOT_ENDED';
  return null;
}

/**
 * A counterpart office as the letter rules see it: where it is hosted, and — for one at a peer node —
 * whether this event was shared with that node (issue 12: a joint event crosses once approved).
 */
export interface CounterpartHosting {
  id: string;
  hosting: Hosting;
  /** The event went to the office's peer node: the office acts on it there, through the exchange. */
  viaExchange?: boolean;
}

/**
 * Whether a counterpart acts on the event in the system itself: hosted here, or at a peer node that
 * holds the event (its participants and statement come back through the exchange). Only then are its
 * letters not recorded for it; a peer never reached (not connected when the event was approved)
 * still answers by letter.
 */
export const counterpartActsInSystem = (office: CounterpartHosting): boolean =>
  isHostedHere(office) || (office.hosting === 'peer' && office.viaExchange === true);

/** The roles of the actor that allow recording the letter (the action's recorded roles). */
export const eventLetterRoles = (actor: EventActor): Role[] => actor.roles.filter((r) => STAFF.includes(r));

/** The counterpart offices whose letters this actor may record now (the web offers one dialog each). */
export function eventLetterOffices<O extends CounterpartHosting>(state: EventState, actor: EventActor, counterparts: readonly O[]): O[] {
  const ids = counterparts.map((o) => o.id);
  return counterparts.filter((office) => eventLetterRefusal({ state, actor, counterpartOfficeIds: ids, office }) === null);
}

/**
 * What is wrong with a letter as recorded: its number and its scan (none for a telephone call), its
 * date not after the recording office's today; it says something (participants or a statement); a statement
 * of the outcomes comes in writing, signed (its signer as printed), and states the outcomes.
 */
export function eventLetterIssues(c: EventLetterContent, today: string, scans: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { letter, statement } = c;
  if (letter.channel !== 'phone' && !letter.number?.trim())
    issues.push({ field: 'body.letter.number', rule: 'required', message: 'The letter’s outgoing number' });
  // What came in writing is kept as it came: its scan, or the e-mail or fax itself.
  if (letter.channel !== 'phone' && scans === 0)
    issues.push({ field: 'body.file', rule: 'scan_required', message: 'Attach the scan of the letter (or the e-mail, the fax)' });
  if (letter.date > today)
    issues.push({ field: 'body.letter.date', rule: 'date_in_future', message: 'Not after today in the office’s time zone', params: { limit: today } });
  if (c.participants.length === 0 && !statement)
    issues.push({ field: 'body.participants', rule: 'letter_content', message: 'Give the participants the letter names, or its statement of the outcomes' });
  if (statement) {
    if (letter.channel === 'phone')
      issues.push({ field: 'body.letter.channel', rule: 'letter_in_writing', message: 'A statement of the outcomes comes in writing' });
    if (!statement.outcomes?.trim()) issues.push({ field: 'body.statement.outcomes', rule: 'required', message: 'The outcomes as the letter states them' });
    if (!letter.signerName?.trim()) issues.push({ field: 'body.letter.signerName', rule: 'required', message: 'Who signed the letter, as printed' });
    if (!letter.signerPosition?.trim()) issues.push({ field: 'body.letter.signerPosition', rule: 'required', message: 'The signer’s position, as printed' });
  }
  return issues;
}

/**
 * The event's participants after a letter of `officeId` that names some: they replace those the
 * office's earlier letters named (its latest letter says who comes); the office's own participants
 * and those stated in the proposal stay.
 */
export function participantsAfterLetter(
  current: readonly EventParticipant[],
  officeId: string,
  named: readonly { fullName: string; position: string }[],
): EventParticipant[] {
  if (named.length === 0) return [...current];
  const kept = current.filter((p) => !(p.side === 'counterpart' && p.officeId === officeId));
  return [...kept, ...named.map((p) => ({ side: 'counterpart' as const, fullName: p.fullName, position: p.position, officeId }))];
}

/** The statements after a letter: the office's latest statement replaces its earlier one, in the order the offices first stated. */
export function statementsAfterLetter(current: readonly CounterpartStatement[] | null, next: CounterpartStatement): CounterpartStatement[] {
  const list = [...(current ?? [])];
  const at = list.findIndex((s) => s.officeId === next.officeId);
  if (at >= 0) list[at] = next;
  else list.push(next);
  return list;
}

// ─── counterparts at a peer node: their acts in the system (issue 12) ────────

/**
 * A joint event crosses to the node hosting a counterpart office once the coordinator approved it,
 * and again on each later change (cancelled, reported, its participants or statements changed): a
 * read-only copy there. The counterpart office's staff state on that copy, in the system, what a
 * letter would say — its participants, and once the event has ended its statement of the outcomes —
 * with the same rules; it goes back to the proposing node and is applied there as the letter would be.
 */

/** The statuses in which a joint event is shared (before approval it is the proposing Party's internal procedure). */
export const EVENT_SHARED_STATUSES: readonly EventStatus[] = [...EVENT_APPROVED_STATUSES, 'cancelled'];

export type EventStatementRefusal = 'NOT_YOUR_SIDE' | 'ROLE_REQUIRED' | 'NOT_ALLOWED_IN_STATUS' | 'NOT_ENDED';

/**
 * May this user state, on a peer's joint event, its office's participants (and with `statement`
 * the outcomes)? The staff of a counterpart office of the event (head, deputy, officer: as a letter
 * is written by its staff); a statement of the outcomes is signed by the head or a deputy (as the
 * letter that states them is) and comes once the event has ended; in the statuses a letter is recorded in.
 */
export function eventStatementRefusal(q: {
  state: EventState;
  actor: { officeId: string; roles: readonly Role[] };
  counterpartOfficeIds: readonly string[];
  statement?: boolean;
}): EventStatementRefusal | null {
  if (!q.counterpartOfficeIds.includes(q.actor.officeId) || !q.actor.roles.some((r) => STAFF.includes(r))) return 'NOT_YOUR_SIDE';
  if (q.statement && !q.actor.roles.some((r) => HEADS.includes(r))) return 'ROLE_REQUIRED';
  if (!EVENT_LETTER_STATUSES.includes(q.state.status)) return 'NOT_ALLOWED_IN_STATUS';
  if (q.statement && !q.state.ended) return 'NOT_ENDED';
  return null;
}

/** The roles that allow the statement (recorded with the action): a statement of the outcomes is the head's or a deputy's. */
export const eventStatementRoles = (roles: readonly Role[], statement: boolean): Role[] => roles.filter((r) => (statement ? HEADS : STAFF).includes(r));

/** What is wrong with a statement made in the system: as a letter's content — it says something, and a statement states the outcomes. */
export function eventStatementIssues(c: {
  participants: readonly { fullName: string; position: string }[];
  statement: { outcomes: string | null; agreements: string | null } | null;
}): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.participants.length === 0 && !c.statement)
    issues.push({ field: 'body.participants', rule: 'letter_content', message: 'Give your participants, or your statement of the outcomes' });
  if (c.statement && !c.statement.outcomes?.trim())
    issues.push({ field: 'body.statement.outcomes', rule: 'required', message: 'The outcomes as your office states them' });
  return issues;
}
