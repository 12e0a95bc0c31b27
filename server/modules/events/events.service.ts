import { exchangeReference } from '../../../domain/node.ts';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { hasRole, OFFICE_STAFF_ROLES, type Actor } from '../../../domain/access.ts';
import { AppError, type ErrorCode, fieldError, fieldIssue, validationError } from '../../../domain/errors.ts';
import { applyAction, grantingRoles } from '../../../domain/machine.ts';
import {
  EVENT_MACHINE,
  EVENT_TRANSITIONS,
  eventLetterIssues,
  eventLetterRefusal,
  eventLetterRoles,
  eventRefusalOf,
  eventReportDeadline,
  eventStatementIssues,
  eventStatementRefusal,
  eventStatementRoles,
  missingEventFields,
  missingReportFields,
  participantsAfterLetter,
  statementsAfterLetter,
  type CounterpartSource,
  type EventAction,
  type EventLetterRefusal,
  type EventStatementRefusal,
  type EventRefusal,
} from '../../../domain/events.ts';
import { formatNumber } from '../../../domain/numbering.ts';
import type {
  CreateEventBody,
  EventLetterBody,
  EventListQuery,
  EventReportBody,
  EventStatementBody,
  EventView,
  UpdateEventBody,
} from '../../../domain/schemas/events.ts';
import { instantOf, localDate, localDateTime, startOfDayIn, addDays } from '../../../domain/time.ts';
import { independentReads, type Db } from '../../db/client.ts';
import { events as eventsTable } from '../../db/schema.ts';
import { perform as kernel, listActions, type ActionContext, type Kind } from '../../kernel/index.ts';
import type { Deps } from '../../lib/deps.ts';
import { isStoredFileError } from '../../lib/storage.ts';
import { cleanName, detectType, type IncomingFile } from '../../lib/uploads.ts';
import { recordAudit, type AuditInput } from '../audit/index.ts';
import { sha256Hex } from '../signing/index.ts';
import { findRecipients, notify, type NotificationKind, type RecipientQuery } from '../notifications/index.ts';
import { allOffices, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import { getSettings } from '../settings/index.ts';
import { eventDocx, type EventDocument } from './events.documents.ts';
import { shareJointEvent } from './events.exchange.ts';
import { assertCanPropose, assertCanSeeEvent, eventActorOf, isPeerCopy, seesSubmittedOnly, visibleOfficeIds, visiblePeerCopies } from './events.policy.ts';
import { contentOf, presentEvent, presentEventAttachment, presentEventRow, stateOf, type LetterDetails } from './events.presenter.ts';
import * as repo from './events.repository.ts';

const REFUSAL_ERRORS: Record<EventRefusal, ErrorCode> = {
  NOT_ALLOWED_IN_STATUS: 'EVENT_ACTION_NOT_ALLOWED',
  NOT_YOUR_SIDE: 'FORBIDDEN',
  ROLE_REQUIRED: 'FORBIDDEN',
  NOT_ENDED: 'EVENT_NOT_ENDED',
  CONTENT_INCOMPLETE: 'MANDATORY_CONTENT_MISSING',
  REPORT_INCOMPLETE: 'MANDATORY_CONTENT_MISSING',
  REASON_REQUIRED: 'VALIDATION_FAILED',
};

const FIELD_OF: Record<string, string> = { startsAt: 'startsLocal', endsAt: 'endsLocal', counterpartOfficeIds: 'counterpartOfficeCodes' };

function refusalError(refusal: EventRefusal, action: EventAction, e: repo.EventRow): AppError {
  if (refusal === 'CONTENT_INCOMPLETE') {
    const missing = missingEventFields(contentOf(e));
    return new AppError('MANDATORY_CONTENT_MISSING', `Missing: ${missing.join(', ')}`, {
      issues: missing.map((f) => ({
        field: `body.${FIELD_OF[f] ?? f}`,
        rule: 'mandatory_content',
        message: `${f} is required before the proposal is submitted (O-3.5)`,
      })),
    });
  }
  if (refusal === 'REPORT_INCOMPLETE') {
    return new AppError('MANDATORY_CONTENT_MISSING', 'The report states the outcomes of the event', {
      issues: missingReportFields({ outcomes: e.reportOutcomes, agreements: e.reportAgreements, followUp: e.reportFollowUp }).map((f) => ({
        field: `body.${f}`,
        rule: 'mandatory_content',
        message: `${f} is required (O-3.5)`,
      })),
    });
  }
  if (refusal === 'REASON_REQUIRED') {
    return validationError(fieldIssue('body.reason', 'required', 'Give the reason'), 'A reason is required');
  }
  return new AppError(REFUSAL_ERRORS[refusal], `${action} is not possible now (${refusal})`, { action, status: e.status, refusal });
}

async function officesById(db: Db): Promise<Map<string, OfficeRow>> {
  return new Map((await allOffices(db)).map((o) => [o.id, o]));
}

async function loadVisible(deps: Deps, actor: Actor, id: string, db: Db = deps.db, forUpdate = false) {
  const event = await repo.findEvent(db, id, forUpdate);
  if (!event) throw new AppError('NOT_FOUND', 'No such event');
  const offices = await officesById(db);
  const office = offices.get(event.officeId)!;
  assertCanSeeEvent(actor, office, event);
  return { event, office, offices };
}

/** Permission first: an action of the other side or of another role is refused before anything else is looked at. */
function assertMayAct(actor: Actor, office: OfficeRow, action: EventAction): void {
  const t = EVENT_TRANSITIONS.find((x) => x.action === action)!;
  const who = eventActorOf(actor, office);
  if (who.side !== t.side || !hasRole(actor, ...t.roles)) throw new AppError('FORBIDDEN', `${action} is not yours to do`, { action });
}

async function view(deps: Deps, actor: Actor, event: repo.EventRow, offices: Map<string, OfficeRow>, db: Db = deps.db) {
  const [names, attachments, letters, sharedPeers] = await independentReads(db, deps.db, [
    () => repo.userNames(db, [event.decidedBy, event.reportedBy]),
    () => repo.listAttachments(db, event.id),
    () => repo.listLetters(db, event.id),
    () => repo.sharedPeerNames(db, event.id),
  ]);
  return presentEvent({ event, actor, offices, names, attachments, letters, sharedPeers, now: deps.clock.now() });
}

// ─── reading ─────────────────────────────────────────────────────────────────

export async function getEvent(deps: Deps, actor: Actor, id: string) {
  const { event, offices } = await loadVisible(deps, actor, id);
  return view(deps, actor, event, offices);
}

export async function listEvents(deps: Deps, actor: Actor, q: EventListQuery) {
  const all = await allOffices(deps.db);
  const officeIds = visibleOfficeIds(actor, all);
  const peerCopies = visiblePeerCopies(actor, all);
  const byCode = new Map(all.map((o) => [o.code, o]));
  const office = q.office ? byCode.get(q.office)?.id : undefined;
  const counterpart = q.counterpart ? byCode.get(q.counterpart)?.id : undefined;
  if ((q.office && !office) || (q.counterpart && !counterpart)) return { items: [], total: 0 };
  // A period is a span of calendar days; an event counts in it when it overlaps them anywhere.
  // The widest zone of the Parties (UTC+3 … UTC+7) is covered by widening a day on each side.
  const now = deps.clock.now();
  const { rows, total } = await repo.listEvents(deps.db, {
    officeIds,
    submittedOnly: seesSubmittedOnly(actor),
    peerCopies,
    office,
    counterpart,
    types: q.type,
    statuses: q.status,
    stage: q.stage,
    fromAt: q.from ? startOfDayIn(addDays(q.from, -1), 'UTC') : undefined,
    toAt: q.to ? startOfDayIn(addDays(q.to, 2), 'UTC') : undefined,
    q: q.q,
    sort: q.sort,
    order: q.order,
    limit: q.limit,
    offset: q.offset,
    now,
  });
  const offices = new Map(all.map((o) => [o.id, o]));
  return { items: rows.map((r) => presentEventRow(r, offices, now)), total };
}

/** Every step of the event, from its log. */
export async function timeline(deps: Deps, actor: Actor, id: string) {
  const { offices } = await loadVisible(deps, actor, id);
  const rows = await listActions(deps.db, id);
  const onBehalfOf = (officeId: string | null) => {
    const o = officeId ? offices.get(officeId) : undefined;
    return o ? presentOfficeRef(o) : null;
  };
  return {
    items: rows
      // Where a log taken over from the old history ends: the row as it stood, not a step anyone took.
      .filter((r) => r.a.kind !== 'baseline')
      .map((r) => ({
        id: r.a.id,
        at: r.a.at.toISOString(),
        action: r.a.kind,
        fromStatus: r.a.fromStatus,
        toStatus: r.a.toStatus,
        actor: r.a.actorUserId ? { id: r.a.actorUserId, fullName: r.actorName ?? '' } : null,
        officeCode: r.officeCode,
        channel: r.a.channel,
        onBehalfOf: onBehalfOf(r.a.onBehalfOfOfficeId),
        details: r.a.details ?? null,
      })),
  };
}

// ─── notifications ───────────────────────────────────────────────────────────

export async function notifyAbout(
  tx: Db,
  deps: Pick<Deps, 'clock' | 'config'>,
  event: repo.EventRow,
  office: OfficeRow,
  to: 'office' | 'coordinator',
  kind: NotificationKind,
  extra: Record<string, unknown> = {},
) {
  const recipients: RecipientQuery =
    to === 'office'
      ? { officeIds: [office.id], roles: [...OFFICE_STAFF_ROLES] }
      : { party: office.party, officeKinds: ['coordinator'], roles: ['coordinator'] };
  if ((await findRecipients(tx, recipients)).length === 0) return;
  await notify(tx, deps, {
    recipients,
    kind,
    officeId: office.id,
    subjectType: 'event',
    subjectId: event.id,
    payload: {
      number: formatNumber(event),
      title: event.title,
      officeCode: office.code,
      officeName: { ru: office.nameRu, kk: office.nameKk, en: office.nameEn },
      ...extra,
    },
    link: `/events/${event.id}`,
  });
}

// ─── content ─────────────────────────────────────────────────────────────────

type ContentInput = Partial<z.infer<typeof CreateEventBody>>;

/** Turns the body's office codes and local times into stored values, checking both. */
function contentValues(input: ContentInput, current: repo.EventRow | null, office: OfficeRow, offices: Map<string, OfficeRow>): Partial<repo.EventInsert> {
  const { counterpartOfficeCodes, startsLocal, endsLocal, timeZone, ...rest } = input;
  const values: Partial<repo.EventInsert> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (counterpartOfficeCodes) {
    const byCode = new Map([...offices.values()].map((o) => [o.code, o]));
    const ids: string[] = [];
    counterpartOfficeCodes.forEach((code, i) => {
      const o = byCode.get(code);
      if (!o || o.party === office.party || ['coordinator', 'leadership'].includes(o.kind)) {
        throw validationError(
          fieldIssue(`body.counterpartOfficeCodes.${i}`, 'counterpart_party', 'Choose an office of the other Party', { code }),
          `${code}: not a prosecutor's office of the other Party`,
        );
      }
      ids.push(o.id);
    });
    values.counterpartOfficeIds = ids;
  }
  if (startsLocal !== undefined || endsLocal !== undefined || timeZone !== undefined) {
    // The zone of the place; when none is given, the office's own (an event at home).
    const oldZone = current?.timeZone ?? null;
    const zone = (timeZone === undefined ? oldZone : timeZone) ?? office.timeZone;
    const keep = (d: Date | null | undefined) => (d && oldZone ? localDateTime(d, oldZone) : null);
    const s = startsLocal === undefined ? keep(current?.startsAt) : startsLocal;
    const e = endsLocal === undefined ? keep(current?.endsAt) : endsLocal;
    values.timeZone = s || e || timeZone ? zone : (timeZone ?? null);
    values.startsAt = s ? instantOf(s, zone) : null;
    values.endsAt = e ? instantOf(e, zone) : null;
    if (values.startsAt && values.endsAt && values.endsAt.getTime() < values.startsAt.getTime()) {
      throw fieldError('DATE_RANGE_INVALID', 'The event ends before it starts', fieldIssue('body.endsLocal', 'date_range', 'The end is before the start'));
    }
  }
  if (values.costArrangement === 'each_own') values.costTerms = null;
  return values;
}

export async function createEvent(deps: Deps, actor: Actor, body: z.infer<typeof CreateEventBody>) {
  const offices = await officesById(deps.db);
  const office = offices.get(actor.officeId);
  if (!office) throw new AppError('FORBIDDEN');
  assertCanPropose(actor, office);
  const values = contentValues(body, null, office, offices);
  return kernel<repo.EventRow, EventLoaded, EventView>(deps, {
    kind: EVENT,
    action: 'create',
    actor,
    input: body,
    subject: { create: (c) => ({ ...values, officeId: office.id, createdBy: actor.userId, createdAt: c.at, updatedAt: c.at }) },
    lock: async (tx, id) => ({ row: (await repo.findEvent(tx, id, true))!, office, offices }),
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The event has changed', { version: row.version }),
    // Participants' names are personal data: the audit row names the event, not them.
    audit: (_c, _l, row) => ({
      action: 'event.create',
      objectType: 'event',
      objectId: row.id,
      after: { number: row.number, numberYear: row.numberYear, type: row.type, title: row.title },
    }),
    view: (c, l, row) => view(c.deps, actor, row, l.offices, c.tx),
  });
}

// ─── the workflow: every change of an event is an action of the kernel ───────

const EVENT: Kind = { type: 'event', table: eventsTable };

/** The actions after which a joint event goes (again) to the peer nodes of its counterparts (issue 12). */
const SHARED_ACTIONS: readonly string[] = ['approve', 'cancel', 'submit_report', 'return_report'];

interface EventLoaded {
  row: repo.EventRow;
  office: OfficeRow;
  offices: Map<string, OfficeRow>;
}

interface Effect {
  values?: Partial<repo.EventInsert>;
  details?: Record<string, unknown>;
  after?: (c: ActionContext, event: repo.EventRow, office: OfficeRow) => Promise<void>;
}

/**
 * One action on an event, through the kernel (server/kernel): the row is locked, the actor's right
 * checked first, then the version; the machine decides, the effect runs, and the action, the row,
 * the audit row and the notifications are written together.
 */
async function perform(
  deps: Deps,
  actor: Actor,
  id: string,
  action: EventAction | 'attach',
  input: { version?: number; reason?: string } & Record<string, unknown>,
  effect: (c: ActionContext, event: repo.EventRow, office: OfficeRow, offices: Map<string, OfficeRow>) => Promise<Effect> = async () => ({}),
  opts: { stated?: Record<string, unknown>; audit?: (details: Record<string, unknown> | null) => AuditInput } = {},
) {
  const { version, ...stated } = input;
  const decision = { reason: input.reason };
  // Files are added as a change of the proposal, or of the report once the event is over.
  const machineAction: EventAction = action !== 'attach' ? action : input.role === 'proposal' ? 'update' : 'save_report';
  return kernel<repo.EventRow, EventLoaded, EventView>(deps, {
    kind: EVENT,
    action,
    actor,
    input: opts.stated ?? stated,
    version,
    subject: { id },
    lock: async (tx) => {
      const { event, office, offices } = await loadVisible(deps, actor, id, tx, true);
      if (action !== 'attach') assertMayAct(actor, office, action);
      return { row: event, office, offices };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The event has changed since you opened it; reload and try again', { version: row.version }),
    decide: (c, l) => {
      const who = eventActorOf(actor, l.office);
      const state = stateOf(l.row, c.at);
      const refusal = eventRefusalOf(state, machineAction, who, decision);
      if (refusal) throw refusalError(refusal, machineAction, l.row);
      return grantingRoles(EVENT_MACHINE, state, machineAction, who);
    },
    effect: async (c, l) => {
      const e = await effect(c, l.row, l.office, l.offices);
      return {
        values: e.values,
        details: { ...(input.reason ? { reason: input.reason } : {}), ...e.details },
        after: async (c2, next) => {
          await e.after?.(c2, next, l.office);
          // Issue 12: what the counterpart at a peer node needs to know goes there in this transaction.
          if (SHARED_ACTIONS.includes(action)) await shareJointEvent(c2.tx, c2.deps, next, l.offices);
        },
      };
    },
    settle: (c, l) => ({ status: applyAction(EVENT_MACHINE, stateOf(l.row, c.at), machineAction, eventActorOf(actor, l.office), decision).status }),
    audit: (_c, l, next, details) =>
      opts.audit?.(details) ?? {
        action: `event.${action}`,
        objectType: 'event',
        objectId: id,
        before: { status: l.row.status, version: l.row.version },
        after: { status: next.status, ...withoutReason(details, input.reason) },
      },
    view: (c, l, next) => view(c.deps, actor, next, l.offices, c.tx),
  });
}

/** The audit row carries the effect's facts; the reason given is in the log. */
function withoutReason(details: Record<string, unknown> | null, reason: string | undefined): Record<string, unknown> {
  if (!details || !reason) return details ?? {};
  const { reason: _reason, ...rest } = details;
  return rest;
}

export async function updateEvent(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateEventBody>) {
  const { version: _version, ...patch } = body;
  return perform(deps, actor, id, 'update', body, async (_c, event, office, offices) => {
    const values = contentValues(patch, event, office, offices);
    const changed = Object.keys(values).filter(
      (k) => JSON.stringify((event as Record<string, unknown>)[k]) !== JSON.stringify((values as Record<string, unknown>)[k]),
    );
    return { values, details: { changed } };
  });
}

export async function submitEvent(deps: Deps, actor: Actor, id: string, version: number) {
  return perform(deps, actor, id, 'submit', { version }, async (c) => ({
    values: { submittedAt: c.at, submittedBy: actor.userId, decisionAction: null, decisionReason: null, decidedAt: null, decidedBy: null },
    after: (c2, event, office) => notifyAbout(c2.tx, c2.deps, event, office, 'coordinator', 'event.submitted'),
  }));
}

/** The coordinator's decision; approval fixes when the report is due (O-3.5, a setting). */
export async function decideEvent(deps: Deps, actor: Actor, id: string, action: 'approve' | 'return' | 'reject', input: { version: number; reason?: string }) {
  const settings = await getSettings(deps.db);
  return perform(deps, actor, id, action, input, async (c, event, office) => {
    const values: Partial<repo.EventInsert> = { decisionAction: action, decisionReason: input.reason ?? null, decidedBy: actor.userId, decidedAt: c.at };
    if (action === 'approve') {
      const due = eventReportDeadline(event.endsAt!, settings.eventReportDays, office.timeZone);
      values.reportDueAt = due.dueAt;
      values.reportDue = { ...due, dueAt: due.dueAt.toISOString() };
    }
    const kind = ({ approve: 'event.approved', return: 'event.returned', reject: 'event.rejected' } as const)[action];
    return {
      values,
      details: action === 'approve' ? { reportDue: values.reportDue } : {},
      after: (c2, e, o) => notifyAbout(c2.tx, c2.deps, e, o, 'office', kind),
    };
  });
}

export async function cancelEvent(deps: Deps, actor: Actor, id: string, input: { version: number; reason: string }) {
  return perform(deps, actor, id, 'cancel', input, async (_c, event) => ({
    after: async (c, e, o) => {
      // The coordinator is told only of what it has seen.
      if (event.status === 'submitted' || event.status === 'approved') await notifyAbout(c.tx, c.deps, e, o, 'coordinator', 'event.cancelled');
    },
  }));
}

export async function saveReport(deps: Deps, actor: Actor, id: string, body: z.infer<typeof EventReportBody>) {
  return perform(deps, actor, id, 'save_report', body, async () => ({
    values: { reportOutcomes: body.outcomes, reportAgreements: body.agreements, reportFollowUp: body.followUp },
  }));
}

export async function submitReport(deps: Deps, actor: Actor, id: string, version: number) {
  return perform(deps, actor, id, 'submit_report', { version }, async (c, event) => {
    const late = !!event.reportDueAt && c.at.getTime() >= event.reportDueAt.getTime();
    return {
      values: { reportedAt: c.at, reportedBy: actor.userId },
      details: { late },
      after: (c2, e, o) => notifyAbout(c2.tx, c2.deps, e, o, 'coordinator', 'event.reported', { late }),
    };
  });
}

export async function returnReport(deps: Deps, actor: Actor, id: string, input: { version: number; reason: string }) {
  return perform(deps, actor, id, 'return_report', input, async () => ({
    values: { reportedAt: null, reportedBy: null },
    after: async (c, e, o) => {
      await repo.clearReminders(c.tx, e.id);
      await notifyAbout(c.tx, c.deps, e, o, 'office', 'event.report_returned', { reason: input.reason });
    },
  }));
}

// ─── attachments ─────────────────────────────────────────────────────────────

/** The proposal's documents while it is prepared; the report's once the event is over and until it is accepted. */
export async function addAttachments(deps: Deps, actor: Actor, id: string, role: 'proposal' | 'report', files: IncomingFile[]) {
  let rows: repo.EventAttachmentRow[] = [];
  return perform(
    deps,
    actor,
    id,
    'attach',
    { role },
    async (c) => {
      for (const f of files) {
        const mimeType = await detectType(f);
        const { sha256, size } = await c.deps.files.put(f.data);
        rows.push(
          await repo.insertAttachment(c.tx, {
            eventId: id,
            role,
            fileName: cleanName(f.fileName),
            mimeType,
            size,
            sha256,
            uploadedBy: actor.userId,
            officeId: actor.officeId,
            createdAt: c.at,
          }),
        );
      }
      return { details: { role, files: rows.map((r) => ({ id: r.id, fileName: r.fileName, sha256: r.sha256 })) } };
    },
    {
      stated: { role, files: files.map((f) => ({ fileName: cleanName(f.fileName), size: f.data.length, sha256: sha256Hex(f.data) })) },
      audit: () => ({ action: 'event.attach', objectType: 'event', objectId: id, after: { role, attachmentIds: rows.map((r) => r.id) } }),
    },
  );
}

export async function downloadAttachment(deps: Deps, actor: Actor, id: string, attachmentId: string) {
  await loadVisible(deps, actor, id);
  const a = await repo.findAttachment(deps.db, id, attachmentId);
  if (!a) throw new AppError('NOT_FOUND', 'No such attachment');
  // The store verifies the bytes against the file's SHA-256 (and records a fault once); a damaged or
  // missing file is refused with ATTACHMENT_DAMAGED, the refused attempt audited by id only.
  const data = await deps.files.get(a.sha256).catch(async (e: unknown) => {
    if (isStoredFileError(e)) {
      await deps.db.transaction((tx) =>
        recordAudit(tx, deps, actor, {
          action: 'event.attachment.download_refused',
          objectType: 'event_attachment',
          objectId: a.id,
          after: { eventId: id, role: a.role, fault: e.fault },
        }),
      );
    }
    throw e;
  });
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'event.attachment.download',
      objectType: 'event_attachment',
      objectId: a.id,
      after: { eventId: id, fileName: a.fileName, sha256: a.sha256 },
    }),
  );
  return { attachment: presentEventAttachment({ a, officeCode: null }), data };
}

export { loadVisible as loadVisibleEvent };

// ─── counterparts off the system: their letters (issue 10, part 3) ───────────

/** A statement of the outcomes before the event ended — by letter or in the system alike (O-3.5). */
function outcomesBeforeEnd(refusal: string): AppError {
  return fieldError(
    'EVENT_NOT_ENDED',
    'The outcomes are stated after the event',
    fieldIssue('body.statement.outcomes', 'statement_before_end', 'The event has not ended yet'),
    { refusal },
  );
}

function letterRefusalError(refusal: EventLetterRefusal, event: repo.EventRow, officeCode: string | null): AppError {
  switch (refusal) {
    case 'NOT_YOUR_SIDE':
    case 'ROLE_REQUIRED':
      return new AppError('FORBIDDEN', 'A counterpart’s letter about the event is recorded by the staff of the event’s office', { refusal });
    case 'NOT_ALLOWED_IN_STATUS':
      return new AppError('EVENT_ACTION_NOT_ALLOWED', 'Letters of counterparts are recorded once the event is approved', {
        action: repo.COUNTERPART_LETTER,
        status: event.status,
        refusal,
      });
    case 'NOT_ENDED':
      return outcomesBeforeEnd(refusal);
    case 'NOT_A_COUNTERPART':
      return validationError(fieldIssue('body.officeCode', 'event_counterpart', 'Not a counterpart office of this event', { code: officeCode }));
    case 'COUNTERPART_IN_SYSTEM':
      return fieldError(
        'COUNTERPART_IN_SYSTEM',
        `${officeCode} works in the system on this node: its letters are not recorded for it`,
        fieldIssue('body.officeCode', 'counterpart_in_system', 'This office works in the system', { code: officeCode }),
      );
  }
}

/** Rights first: a caller who may not record a letter learns nothing from how its body is refused. */
export async function assertMayRecordLetter(deps: Deps, actor: Actor, id: string) {
  const { event, office } = await loadVisible(deps, actor, id);
  const refusal = eventLetterRefusal({ state: stateOf(event, deps.clock.now()), actor: eventActorOf(actor, office) });
  if (refusal) throw letterRefusalError(refusal, event, null);
}

/**
 * A counterpart office off this node wrote about the event: the participants its letter names
 * become the event's (attributed to it), its statement of the outcomes is kept beside the office's
 * report, and its scans are attached — one action of the kernel, on its behalf and by the letter's
 * channel, so all of it is recorded or none. Beside the workflow: the version the office edits its
 * report against stays.
 */
export async function recordCounterpartLetter(deps: Deps, actor: Actor, id: string, body: EventLetterBody, files: IncomingFile[]) {
  const byCode = (offices: Map<string, OfficeRow>) => [...offices.values()].find((o) => o.code === body.officeCode);
  const rows: repo.EventAttachmentRow[] = [];
  return kernel<repo.EventRow, EventLoaded, EventView>(deps, {
    kind: EVENT,
    action: repo.COUNTERPART_LETTER,
    actor,
    input: { ...body, files: files.map((f) => ({ fileName: cleanName(f.fileName), size: f.data.length, sha256: sha256Hex(f.data) })) },
    channel: body.letter.channel,
    subject: { id },
    lock: async (tx) => {
      const { event, office, offices } = await loadVisible(deps, actor, id, tx, true);
      return { row: event, office, offices };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The event has changed', { version: row.version }),
    decide: async (c, l) => {
      const who = eventActorOf(actor, l.office);
      // Where it works as the transaction reads it; an unknown code is no counterpart of the event.
      const found = byCode(l.offices);
      const shared = await repo.sharedPeerNames(c.tx, id);
      const from = found
        ? { id: found.id, hosting: found.hosting, viaExchange: !!found.peerName && shared.has(found.peerName) }
        : { id: '', hosting: 'off_system' as const };
      const refusal = eventLetterRefusal({
        state: stateOf(l.row, c.at),
        actor: who,
        counterpartOfficeIds: l.row.counterpartOfficeIds,
        office: from,
        statement: body.statement !== null,
      });
      if (refusal) throw letterRefusalError(refusal, l.row, body.officeCode);
      // The letter's date is judged by the recording office's calendar.
      const issues = eventLetterIssues(body, localDate(c.at, l.office.timeZone), files.length);
      if (issues.length) throw validationError(issues);
      return { roles: eventLetterRoles(who), onBehalfOfOfficeId: from.id };
    },
    effect: async (c, l) => {
      const from = byCode(l.offices)!;
      for (const f of files) {
        const mimeType = await detectType(f);
        const { sha256, size } = await c.deps.files.put(f.data);
        rows.push(
          await repo.insertAttachment(c.tx, {
            eventId: id,
            role: 'letter',
            fileName: cleanName(f.fileName),
            mimeType,
            size,
            sha256,
            uploadedBy: actor.userId,
            officeId: actor.officeId,
            providerOfficeId: from.id,
            createdAt: c.at,
          }),
        );
      }
      const statement = body.statement?.outcomes
        ? { officeId: from.id, outcomes: body.statement.outcomes, agreements: body.statement.agreements, letter: body.letter }
        : null;
      const details: LetterDetails = {
        officeId: from.id,
        officeCode: from.code,
        letter: body.letter,
        participants: body.participants.length,
        statement: statement !== null,
        files: rows.map((r) => ({ id: r.id, fileName: r.fileName, sha256: r.sha256 })),
      };
      return {
        values: {
          participants: participantsAfterLetter(l.row.participants, from.id, body.participants),
          ...(statement ? { counterpartStatements: statementsAfterLetter(l.row.counterpartStatements, statement) } : {}),
        },
        details: { ...details },
        touch: false,
        // The participants changed: the counterparts at peer nodes get the event as it now stands (issue 12).
        after: (c2, next) => shareJointEvent(c2.tx, c2.deps, next, l.offices),
      };
    },
    // Participants' and signers' names are personal data: the audit row names the letter, not them.
    audit: (_c, _l, _next, details) => ({
      action: 'event.counterpart_letter',
      objectType: 'event',
      objectId: id,
      after: {
        officeCode: body.officeCode,
        channel: body.letter.channel,
        number: body.letter.number,
        date: body.letter.date,
        participants: details?.participants ?? 0,
        statement: details?.statement ?? false,
        attachmentIds: rows.map((r) => r.id),
      },
    }),
    view: (c, l, next) => view(c.deps, actor, next, l.offices, c.tx),
  });
}

// ─── documents ───────────────────────────────────────────────────────────────

export async function eventDocument(deps: Deps, actor: Actor, id: string, document: EventDocument) {
  const { event, office, offices } = await loadVisible(deps, actor, id);
  // A peer's joint event: its proposal and report are that Party's internal documents (issue 12).
  if (isPeerCopy(office)) throw new AppError('EVENT_ACTION_NOT_ALLOWED', 'The other Party’s documents of its event are not kept here', { document });
  if (document === 'report' && !event.reportOutcomes) throw new AppError('EVENT_ACTION_NOT_ALLOWED', 'There is no report yet', { document });
  const signerId = document === 'proposal' ? event.submittedBy : event.reportedBy;
  const [signer, executor, attachments] = await Promise.all([
    signerId ? repo.userWithRoles(deps.db, signerId) : Promise.resolve(undefined),
    repo.userWithRoles(deps.db, event.createdBy ?? ''),
    repo.listAttachments(deps.db, id),
  ]);
  const coordinator = [...offices.values()].find((o) => o.party === office.party && o.kind === 'coordinator') ?? null;
  const data = await eventDocx({
    event,
    document,
    office,
    coordinator,
    counterparts: event.counterpartOfficeIds.flatMap((cid) => (offices.get(cid) ? [offices.get(cid)!] : [])),
    signer: signer ?? null,
    executorName: executor?.fullName ?? null,
    attachmentsCount: attachments.filter((a) => a.a.role === document).length,
    now: deps.clock.now(),
  });
  await deps.db.transaction((tx) => recordAudit(tx, deps, actor, { action: 'event.document', objectType: 'event', objectId: id, after: { document } }));
  return { data, fileName: `event-${event.number}-${event.numberYear}-${document}.docx` };
}

/** Rights first: a caller who may not attach learns nothing from how an upload is refused. */
export async function assertMayAttach(deps: Deps, actor: Actor, id: string, role: 'proposal' | 'report') {
  const { event, office } = await loadVisible(deps, actor, id);
  const action = role === 'proposal' ? 'update' : 'save_report';
  assertMayAct(actor, office, action);
  const refusal = eventRefusalOf(stateOf(event, deps.clock.now()), action, eventActorOf(actor, office));
  if (refusal) throw refusalError(refusal, action, event);
}

// ─── counterparts at a peer node: their statements in the system (issue 12) ──

function statementRefusalError(refusal: EventStatementRefusal, event: repo.EventRow): AppError {
  switch (refusal) {
    case 'NOT_YOUR_SIDE':
      return new AppError('FORBIDDEN', 'Only the staff of a counterpart office of the event state its participants and outcomes', { refusal });
    case 'ROLE_REQUIRED':
      return new AppError('FORBIDDEN', 'The statement of the outcomes is signed by the head or a deputy', { refusal });
    case 'NOT_ALLOWED_IN_STATUS':
      return new AppError('EVENT_ACTION_NOT_ALLOWED', 'Participants and outcomes are stated on an approved event', {
        action: COUNTERPART_STATEMENT,
        status: event.status,
        refusal,
      });
    case 'NOT_ENDED':
      return outcomesBeforeEnd(refusal);
  }
}

/** The action that records, on a peer's joint event, what a counterpart office hosted here stated. */
const COUNTERPART_STATEMENT = 'counterpart_statement';

/**
 * On a peer's joint event (a read-only copy here), a counterpart office's staff state their
 * participants and, after the event, the head or a deputy their statement of the outcomes — what
 * their letter would say, with its rules. One action of the copy's log; the statement goes to the
 * proposing node in the same transaction (record `event_statement`) and is applied there as the
 * letter would be. The copy shows it at once; the proposing node's next copy confirms it.
 */
export async function stateOnPeerEvent(deps: Deps, actor: Actor, id: string, body: EventStatementBody) {
  const messageId = uuidv7();
  return kernel<repo.EventRow, EventLoaded, EventView>(deps, {
    kind: EVENT,
    action: COUNTERPART_STATEMENT,
    actor,
    input: { ...body, messageId },
    subject: { id },
    lock: async (tx) => {
      const { event, office, offices } = await loadVisible(deps, actor, id, tx, true);
      return { row: event, office, offices };
    },
    conflict: (row) => new AppError('VERSION_CONFLICT', 'The event has changed', { version: row.version }),
    decide: async (c, l) => {
      const statement = body.statement !== null;
      const refusal = isPeerCopy(l.office)
        ? eventStatementRefusal({ state: stateOf(l.row, c.at), actor, counterpartOfficeIds: l.row.counterpartOfficeIds, statement })
        : 'NOT_YOUR_SIDE';
      if (refusal) throw statementRefusalError(refusal, l.row);
      const issues = eventStatementIssues(body);
      if (issues.length) throw validationError(issues);
      // Nothing is kept here that the proposing node could never get.
      if (!l.office.peerName || !(await repo.peerConnected(c.tx, l.office.peerName)))
        throw new AppError('PEER_NOT_CONNECTED', `The node «${l.office.peerName}» is not connected`, { peer: l.office.peerName });
      return { roles: eventStatementRoles(actor.roles, statement) };
    },
    effect: async (c, l) => {
      const signer = body.statement ? ((await repo.userNames(c.tx, [actor.userId])).get(actor.userId) ?? null) : null;
      const source: CounterpartSource = {
        channel: 'peer',
        number: exchangeReference(messageId),
        date: localDate(c.at, actor.officeTimeZone),
        signerName: signer,
        signerPosition: null,
      };
      const statement = body.statement?.outcomes
        ? { officeId: actor.officeId, outcomes: body.statement.outcomes, agreements: body.statement.agreements, letter: source }
        : null;
      return {
        values: {
          participants: participantsAfterLetter(l.row.participants, actor.officeId, body.participants),
          ...(statement ? { counterpartStatements: statementsAfterLetter(l.row.counterpartStatements, statement) } : {}),
        },
        details: { officeCode: actor.officeCode, messageId, participants: body.participants.length, statement: statement !== null },
        after: async (c2) => {
          await c2.deps.sendRecord?.(c2.tx, c2.deps, {
            kind: 'event_statement',
            id: messageId,
            subjectId: id,
            party: actor.party,
            peers: [l.office.peerName!],
            officeCode: actor.officeCode,
            record: { eventId: id, participants: body.participants, statement: body.statement, signerName: signer, at: c.at.toISOString() },
          });
        },
      };
    },
    // Participants' names are personal data: the audit row counts them.
    audit: (_c, _l, _next, details) => ({
      action: 'event.counterpart_statement',
      objectType: 'event',
      objectId: id,
      after: { officeCode: actor.officeCode, messageId, participants: body.participants.length, statement: details?.statement ?? false },
    }),
    view: (c, l, next) => view(c.deps, actor, next, l.offices, c.tx),
  });
}
