import type { Actor } from '../../../domain/access.ts';
import { availableEventActions, eventStage, missingEventFields, type EventContent } from '../../../domain/events.ts';
import type { EventListRow, EventView } from '../../../domain/schemas/events.ts';
import type { AttachmentView } from '../../../domain/schemas/items.ts';
import { displayFileName } from '../../../domain/file-names.ts';
import { localDateTime, utcOffset } from '../../../domain/time.ts';
import { presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import { eventActorOf } from './events.policy.ts';
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

function officeRefs(ids: readonly string[], offices: Map<string, OfficeRow>) {
  return ids.flatMap((id) => {
    const o = offices.get(id);
    return o ? [presentOfficeRef(o)] : [];
  });
}

export function presentEventAttachment(r: { a: EventAttachmentRow; officeCode: string | null }): AttachmentView {
  return {
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
    stage: eventStage({ status: e.status, endsAt: e.endsAt, reportDueAt: e.reportDueAt }, now),
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
    counterparts: officeRefs(e.counterpartOfficeIds, offices),
    reportDueAt: e.reportDueAt?.toISOString() ?? null,
  };
}

export interface PresentEventInput {
  event: EventRow;
  actor: Actor;
  offices: Map<string, OfficeRow>;
  names: Map<string, string>;
  attachments: { a: EventAttachmentRow; officeCode: string | null }[];
  now: Date;
}

const person = (id: string | null, names: Map<string, string>) => (id ? { id, fullName: names.get(id) ?? '' } : null);

export function presentEvent({ event: e, actor, offices, names, attachments, now }: PresentEventInput): EventView {
  const office = offices.get(e.officeId)!;
  const who = eventActorOf(actor, office);
  return {
    ...presentEventRow(e, offices, now),
    form: e.form,
    utcOffset: e.startsAt && e.timeZone ? utcOffset(e.startsAt, e.timeZone) : null,
    participants: e.participants,
    agenda: e.agenda,
    priorityAreas: e.priorityAreas,
    costArrangement: e.costArrangement,
    costTerms: e.costTerms,
    submittedAt: e.submittedAt?.toISOString() ?? null,
    decision: e.decisionAction && e.decidedAt ? { action: e.decisionAction, reason: e.decisionReason, by: person(e.decidedBy, names), at: e.decidedAt.toISOString() } : null,
    reportDue: e.reportDue ?? null,
    report: { outcomes: e.reportOutcomes, agreements: e.reportAgreements, followUp: e.reportFollowUp, reportedAt: e.reportedAt?.toISOString() ?? null, reportedBy: person(e.reportedBy, names) },
    attachments: attachments.map(presentEventAttachment),
    missingFields: missingEventFields(contentOf(e)),
    availableActions: availableEventActions(stateOf(e, now), who),
    side: who.side,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
