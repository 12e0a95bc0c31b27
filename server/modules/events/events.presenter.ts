import type { Actor } from '../../../domain/access.ts';
import {
  availableEventActions,
  eventLetterOffices,
  eventStage,
  eventStatementRefusal,
  missingEventFields,
  type CounterpartSource,
  type EventContent,
  type EventParticipant,
} from '../../../domain/events.ts';
import type { CounterpartLetterView, EventAttachmentView, EventListRow, EventParticipantView, EventView } from '../../../domain/schemas/events.ts';
import { displayFileName } from '../../../domain/file-names.ts';
import { localDateTime, utcOffset } from '../../../domain/time.ts';
import type { ActionRow } from '../../kernel/index.ts';
import { presentHostedOfficeRef, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import { eventActorOf, isPeerCopy } from './events.policy.ts';
import type { EventAttachmentRow, EventRow } from './events.repository.ts';

export function contentOf(e: EventRow): EventContent {
  return {
    type: e.type,
    venue: e.venue,
    form: e.form,
    title: e.title,
    country: e.country,
    city: e.city,
    timeZone: e.timeZone,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    counterpartOfficeIds: e.counterpartOfficeIds,
    participants: e.participants,
    agenda: e.agenda,
    priorityAreas: e.priorityAreas,
    costArrangement: e.costArrangement,
    costTerms: e.costTerms,
  };
}

export function stateOf(e: EventRow, now: Date) {
  return {
    status: e.status,
    ended: !!e.endsAt && now.getTime() >= e.endsAt.getTime(),
    complete: missingEventFields(contentOf(e)).length === 0,
    reportComplete: !!e.reportOutcomes?.trim(),
  };
}

const local = (d: Date | null, tz: string | null) => (d && tz ? localDateTime(d, tz) : null);

function counterpartRefs(ids: readonly string[], offices: Map<string, OfficeRow>) {
  return ids.flatMap((id) => {
    const o = offices.get(id);
    return o ? [presentHostedOfficeRef(o)] : [];
  });
}

const officeRef = (id: string | null | undefined, offices: Map<string, OfficeRow>) => {
  const o = id ? offices.get(id) : undefined;
  return o ? presentOfficeRef(o) : null;
};

export function presentEventAttachment(r: { a: EventAttachmentRow; officeCode: string | null }, offices?: Map<string, OfficeRow>): EventAttachmentView {
  return {
    provider: offices ? officeRef(r.a.providerOfficeId, offices) : null,
    id: r.a.id,
    role: r.a.role,
    fileName: displayFileName(r.a.fileName),
    mimeType: r.a.mimeType,
    size: r.a.size,
    sha256: r.a.sha256,
    officeCode: r.officeCode,
    uploadedAt: r.a.createdAt.toISOString(),
    damaged: r.a.damagedAt !== null,
    damagedAt: r.a.damagedAt?.toISOString() ?? null,
  };
}

export function presentEventRow(e: EventRow, offices: Map<string, OfficeRow>, now: Date): EventListRow {
  return {
    id: e.id,
    number: e.number,
    numberYear: e.numberYear,
    office: presentOfficeRef(offices.get(e.officeId)!),
    status: e.status,
    // A peer's joint event: its report is that Party's own procedure, not awaited here.
    stage: isPeerCopy(offices.get(e.officeId)!) ? null : eventStage({ status: e.status, endsAt: e.endsAt, reportDueAt: e.reportDueAt }, now),
    type: e.type,
    venue: e.venue,
    title: e.title,
    country: e.country,
    city: e.city,
    timeZone: e.timeZone,
    startsAt: e.startsAt?.toISOString() ?? null,
    endsAt: e.endsAt?.toISOString() ?? null,
    startsLocal: local(e.startsAt, e.timeZone),
    endsLocal: local(e.endsAt, e.timeZone),
    counterparts: counterpartRefs(e.counterpartOfficeIds, offices),
    reportDueAt: e.reportDueAt?.toISOString() ?? null,
    peerCopy: isPeerCopy(offices.get(e.officeId)!),
  };
}

export interface PresentEventInput {
  event: EventRow;
  actor: Actor;
  offices: Map<string, OfficeRow>;
  names: Map<string, string>;
  attachments: { a: EventAttachmentRow; officeCode: string | null }[];
  /** The counterpart letters recorded on it (its log's actions of that kind). */
  letters: { a: ActionRow; actorName: string | null }[];
  /** The peer nodes the event was shared with (issue 12): their offices act through the exchange. */
  sharedPeers?: ReadonlySet<string>;
  now: Date;
}

/**
 * A participant with their office: ours; the counterpart office whose letter named them; or, for
 * one stated in the proposal, the event's counterpart when it has only one (otherwise unknown).
 */
function presentParticipant(p: EventParticipant, e: EventRow, offices: Map<string, OfficeRow>): EventParticipantView {
  const only = e.counterpartOfficeIds.length === 1 ? e.counterpartOfficeIds[0] : null;
  const officeId = p.side === 'own' ? e.officeId : (p.officeId ?? only);
  return { side: p.side, fullName: p.fullName, position: p.position, office: officeRef(officeId, offices), fromLetter: !!p.officeId };
}

/** What the kernel's action recording a counterpart letter keeps in its details (events.service recordCounterpartLetter). */
export interface LetterDetails {
  officeId: string;
  officeCode: string;
  letter: CounterpartSource;
  participants: number;
  statement: boolean;
  files: { id: string; fileName: string; sha256: string }[];
}

function presentLetter(r: { a: ActionRow; actorName: string | null }, offices: Map<string, OfficeRow>): CounterpartLetterView[] {
  const d = r.a.details as LetterDetails | null;
  const office = officeRef(d?.officeId ?? r.a.onBehalfOfOfficeId, offices);
  if (!d || !office) return [];
  return [
    {
      id: r.a.id,
      office,
      letter: d.letter,
      recordedAt: r.a.at.toISOString(),
      recordedBy: r.a.actorUserId ? { id: r.a.actorUserId, fullName: r.actorName ?? '' } : null,
      participants: d.participants,
      statement: d.statement,
      attachmentIds: d.files.map((f) => f.id),
    },
  ];
}

const person = (id: string | null, names: Map<string, string>) => (id ? { id, fullName: names.get(id) ?? '' } : null);

/** On a peer's joint event: what the caller's office (a counterpart of it) may state now (issue 12). */
function statementOf(e: EventRow, actor: Actor, now: Date): EventView['statement'] {
  const q = { state: stateOf(e, now), actor, counterpartOfficeIds: e.counterpartOfficeIds };
  const participants = eventStatementRefusal(q) === null;
  const outcomes = eventStatementRefusal({ ...q, statement: true }) === null;
  return participants || outcomes ? { officeCode: actor.officeCode, participants, outcomes } : null;
}

export function presentEvent({ event: e, actor, offices, names, attachments, letters, sharedPeers, now }: PresentEventInput): EventView {
  const office = offices.get(e.officeId)!;
  const who = eventActorOf(actor, office);
  const state = stateOf(e, now);
  const peerCopy = isPeerCopy(office);
  const counterparts = e.counterpartOfficeIds.flatMap((id) => {
    const o = offices.get(id);
    return o ? [{ ...o, viaExchange: o.hosting === 'peer' && !!o.peerName && !!sharedPeers?.has(o.peerName) }] : [];
  });
  return {
    ...presentEventRow(e, offices, now),
    form: e.form,
    utcOffset: e.startsAt && e.timeZone ? utcOffset(e.startsAt, e.timeZone) : null,
    participants: e.participants.map((p) => presentParticipant(p, e, offices)),
    agenda: e.agenda,
    priorityAreas: e.priorityAreas,
    costArrangement: e.costArrangement,
    costTerms: e.costTerms,
    submittedAt: e.submittedAt?.toISOString() ?? null,
    decision:
      e.decisionAction && e.decidedAt
        ? { action: e.decisionAction, reason: e.decisionReason, by: person(e.decidedBy, names), at: e.decidedAt.toISOString() }
        : null,
    reportDue: e.reportDue ?? null,
    report: {
      outcomes: e.reportOutcomes,
      agreements: e.reportAgreements,
      followUp: e.reportFollowUp,
      reportedAt: e.reportedAt?.toISOString() ?? null,
      reportedBy: person(e.reportedBy, names),
    },
    attachments: attachments.map((a) => presentEventAttachment(a, offices)),
    counterpartStatements: (e.counterpartStatements ?? []).flatMap((st) => {
      const from = officeRef(st.officeId, offices);
      return from ? [{ office: from, outcomes: st.outcomes, agreements: st.agreements, letter: st.letter }] : [];
    }),
    counterpartLetters: letters.flatMap((l) => presentLetter(l, offices)),
    letterOfficeCodes: eventLetterOffices(state, who, counterparts).map((o) => o.code),
    missingFields: missingEventFields(contentOf(e)),
    availableActions: availableEventActions(state, who),
    side: who.side,
    statement: peerCopy ? statementOf(e, actor, now) : null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
