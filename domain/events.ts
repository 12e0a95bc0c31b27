import { hasRole, isOfficeStaff, type Role } from './access.ts';
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

/** Who acts on an event: the proposing office's staff, or the coordinator of its Party. */
export type EventSide = 'office' | 'coordinator';

export interface EventActor {
  side: EventSide | null;
  roles: readonly Role[];
}

interface Transition {
  from: readonly EventStatus[];
  /** null: the status stays. */
  to: EventStatus | null;
  side: EventSide;
  roles: readonly Role[];
  /** The event must be over (reports). */
  ended?: boolean;
  /** The proposal must be complete (submission). */
  complete?: boolean;
  /** The report must be complete. */
  reportComplete?: boolean;
  /** A reason is required (return, reject, cancel, return of a report). */
  reason?: boolean;
}

const HEADS: readonly Role[] = ['head', 'deputy_head'];
const STAFF: readonly Role[] = ['head', 'deputy_head', 'officer'];
const COORDINATOR: readonly Role[] = ['coordinator'];

/**
 * The transition table. An officer prepares; the head or a deputy submits for the office (the
 * proposal is the office's letter to its coordinator); the coordinator decides.
 */
export const EVENT_TRANSITIONS: Record<EventAction, Transition> = {
  update: { from: ['draft', 'returned'], to: null, side: 'office', roles: STAFF },
  submit: { from: ['draft', 'returned'], to: 'submitted', side: 'office', roles: HEADS, complete: true },
  approve: { from: ['submitted'], to: 'approved', side: 'coordinator', roles: COORDINATOR },
  return: { from: ['submitted'], to: 'returned', side: 'coordinator', roles: COORDINATOR, reason: true },
  reject: { from: ['submitted'], to: 'rejected', side: 'coordinator', roles: COORDINATOR, reason: true },
  cancel: { from: ['draft', 'returned', 'submitted', 'approved'], to: 'cancelled', side: 'office', roles: HEADS, reason: true },
  save_report: { from: ['approved'], to: null, side: 'office', roles: STAFF, ended: true },
  submit_report: { from: ['approved'], to: 'reported', side: 'office', roles: HEADS, ended: true, reportComplete: true },
  return_report: { from: ['reported'], to: 'approved', side: 'coordinator', roles: COORDINATOR, reason: true },
};

export interface EventState {
  status: EventStatus;
  /** The end has passed (a report can be written). */
  ended: boolean;
  complete: boolean;
  reportComplete: boolean;
}

export type EventRefusal = 'NOT_ALLOWED_IN_STATUS' | 'NOT_YOUR_SIDE' | 'ROLE_REQUIRED' | 'NOT_ENDED' | 'CONTENT_INCOMPLETE' | 'REPORT_INCOMPLETE' | 'REASON_REQUIRED';

export function eventRefusalOf(state: EventState, action: EventAction, actor: EventActor, input: { reason?: string | null } = {}): EventRefusal | null {
  const t = EVENT_TRANSITIONS[action];
  if (!t.from.includes(state.status)) return 'NOT_ALLOWED_IN_STATUS';
  if (actor.side !== t.side) return 'NOT_YOUR_SIDE';
  if (!hasRole(actor, ...t.roles)) return 'ROLE_REQUIRED';
  if (t.ended && !state.ended) return 'NOT_ENDED';
  if (t.complete && !state.complete) return 'CONTENT_INCOMPLETE';
  if (t.reportComplete && !state.reportComplete) return 'REPORT_INCOMPLETE';
  if (t.reason && !(input.reason && input.reason.trim().length >= 3)) return 'REASON_REQUIRED';
  return null;
}

export function nextEventStatus(status: EventStatus, action: EventAction): EventStatus {
  return EVENT_TRANSITIONS[action].to ?? status;
}

/** The actions the web offers: those the table allows this user now (content checks are left to the server's message). */
export function availableEventActions(state: EventState, actor: EventActor): EventAction[] {
  return EVENT_ACTIONS.filter((a) => {
    const r = eventRefusalOf({ ...state, complete: true, reportComplete: true }, a, actor, { reason: 'xxx' });
    return r === null;
  });
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

export const EVENT_MANDATORY = ['type', 'venue', 'form', 'title', 'country', 'city', 'timeZone', 'startsAt', 'endsAt', 'counterpartOfficeIds', 'participants', 'agenda', 'priorityAreas'] as const;

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

/** Where an event stands beyond its status, for lists and the dashboard. */
export function eventStage(e: { status: EventStatus; endsAt: Date | null; reportDueAt: Date | null }, now: Date): 'planned' | 'awaiting_report' | 'report_overdue' | null {
  if (e.status !== 'approved' || !e.endsAt) return null;
  if (now < e.endsAt) return 'planned';
  if (e.reportDueAt && now >= e.reportDueAt) return 'report_overdue';
  return 'awaiting_report';
}
