import type { Actor } from '../../../domain/access.ts';
import { confirmationOverdue, isOverdue, ORAL_CONFIRMATION_HOURS } from '../../../domain/deadlines.ts';
import { availableActions, wasSent, type ItemState, type Side } from '../../../domain/item-status.ts';
import { LETTER_ACTIONS, LETTER_ROLES, offSystemSide } from '../../../domain/letters.ts';
import { contentWarnings, missingMandatoryFields, type Confidentiality, type ItemContent } from '../../../domain/items.ts';
import type { ItemAttachmentView, ItemListRow, ItemView } from '../../../domain/schemas/items.ts';
import { displayFileName } from '../../../domain/file-names.ts';
import { hoursRule, localDate } from '../../../domain/time.ts';
import { presentOfficeRef } from '../registry/index.ts';
import { NO_FACTS, type ItemFacts } from './items.facts.ts';
import { actorView } from './items.policy.ts';
import { effectiveLevel, type Reader } from './items.pieces.ts';
import type { AttachmentRow, ItemRow, ItemWithOffices, LetterRow, OfficeRow } from './items.repository.ts';

/** The content of a row; the requested body is the office meant, also for a routed matter. */
export function contentOf(item: ItemRow): ItemContent {
  return {
    kind: item.kind,
    fromOfficeId: item.fromOfficeId,
    toOfficeId: item.intendedOfficeId ?? item.toOfficeId,
    subject: item.subject,
    essence: item.essence,
    purpose: item.purpose,
    assistance: item.assistance,
    otherInfo: item.otherInfo,
    form: item.form,
    priorityAreas: item.priorityAreas,
    subjectMatter: item.subjectMatter,
    language: item.language,
    translationAttached: item.translationAttached,
    confidentiality: item.confidentiality,
    costArrangement: item.costArrangement,
    costTerms: item.costTerms,
  };
}

/** The machine's view of an item; `facts` adds what the registry says today (items.facts.ts). */
export function stateOf(item: ItemRow, facts: ItemFacts = NO_FACTS): ItemState {
  return {
    status: item.status,
    mode: item.mode,
    route: item.route,
    heldFrom: item.heldFrom,
    // Signed in the system, or on paper by a counterpart off the system (its letter recorded here).
    signed: item.signatureId !== null || item.paperLetterId !== null,
    contentComplete: missingMandatoryFields(contentOf(item)).length === 0,
    oralConfirmed: item.oralConfirmedAt !== null,
    conditions: item.conditionsStatus,
    outcome: item.outcome,
    refusalGrounds: item.refusalGrounds,
    exchangeAllowed: facts.exchange?.allowed ?? true,
  };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A file the caller may read; `level` is its effective level (never below its piece). */
export function presentAttachment(r: { a: AttachmentRow; officeCode: string | null }, level: Confidentiality = r.a.confidentiality): ItemAttachmentView {
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
    confidentiality: level,
    translation: r.a.translation,
  };
}

export interface PresentInput {
  found: ItemWithOffices;
  actor: Actor;
  now: Date;
  /** What the caller may read of each piece. */
  reader: Reader;
  /** The level of the message that proposed the conditions, when there are any. */
  conditionsLevel: Confidentiality | null;
  attachments: { a: AttachmentRow; officeCode: string | null }[];
  links: ItemView['links'];
  executorName: string | null;
  confirmationTimeZone: string;
  facts?: ItemFacts;
  /** Letters exchanged with a counterpart off the system (issue 10). */
  letters?: { l: LetterRow; recordedByName: string; officeCode: string }[];
  /** Whether the caller is of the office staff who record the counterpart's letters. */
  staff?: boolean;
}

/** The counterpart off this node, what its letters may carry now (for the staff of the other office), and the letters. */
function offSystemOf(p: PresentInput, state: ItemState, side: Side | null, files: { r: { a: AttachmentRow }; readable: boolean }[]): ItemView['offSystem'] {
  const { from, to, item } = p.found;
  const off = offSystemSide({ from, to });
  if (!off) return null;
  const recorder = p.staff === true && side !== null && side !== off;
  const machineActions = recorder ? availableActions(state, { side: off, roles: LETTER_ROLES }) : [];
  return {
    side: off,
    officeCode: (off === 'receiver' ? to : from).code,
    // The machine's actions a letter may carry now; a consent decision is offered on its consent request.
    letterActions: machineActions.filter((a) => (LETTER_ACTIONS[off] as readonly string[]).includes(a)),
    dispatchMethod: item.dispatchMethod,
    letters: (p.letters ?? []).map(({ l, recordedByName, officeCode }) => ({
      id: l.id,
      direction: l.direction,
      officeCode,
      action: l.action,
      channel: l.channel,
      number: l.number,
      date: l.date,
      signerName: l.signerName,
      signerPosition: l.signerPosition,
      recordedBy: { id: l.recordedBy, fullName: recordedByName },
      recordedAt: l.recordedAt.toISOString(),
      scans: files.filter((f) => f.readable && f.r.a.letterId === l.id).map((f) => f.r.a.id),
    })),
  };
}

/** Signed on paper: the letter that carried the signature, as recorded. */
function paperSignatureOf(p: PresentInput): ItemView['paperSignature'] {
  const found = p.found.item.paperLetterId ? p.letters?.find((x) => x.l.id === p.found.item.paperLetterId) : undefined;
  return found
    ? {
        signerName: found.l.signerName,
        signerPosition: found.l.signerPosition,
        letterNumber: found.l.number,
        letterDate: found.l.date,
        recordedBy: found.recordedByName,
      }
    : null;
}

/**
 * The confidentiality guard: each piece's text leaves the server only when the caller may read that
 * piece — the request's content, the answer, the proposed conditions, each file. Of a piece the
 * caller may not read, only that it exists and its level are shown.
 */
export function presentItem(p: PresentInput): ItemView {
  const { item, from, to, intended } = p.found;
  const facts = p.facts ?? NO_FACTS;
  const state = stateOf(item, facts);
  const view = actorView(p.actor, item);
  const content = contentOf(item);
  const visible = p.reader.request;
  const answer = p.reader.answer;
  const conditionsVisible = p.conditionsLevel === null ? visible : p.reader.level(p.conditionsLevel);
  const files = p.attachments.map((r) => ({ r, level: effectiveLevel(item, r.a), readable: p.reader.attachment(r.a) }));
  return {
    id: item.id,
    number: item.number,
    numberYear: item.numberYear,
    kind: content.kind,
    status: state.status,
    mode: state.mode,
    route: state.route,
    routeReasons: item.routeReasons,
    fromOffice: presentOfficeRef(from),
    toOffice: presentOfficeRef(to),
    intendedOffice: intended ? presentOfficeRef(intended) : null,
    form: content.form,
    priorityAreas: content.priorityAreas,
    subjectMatter: content.subjectMatter,
    language: content.language,
    translationAttached: item.translationAttached,
    confidentiality: content.confidentiality,
    highestConfidentiality: item.highestConfidentiality,
    isPublic: item.isPublic,
    costArrangement: content.costArrangement,
    contentVisible: visible,
    content: visible
      ? {
          subject: item.subject,
          essence: item.essence,
          purpose: item.purpose,
          assistance: item.assistance,
          otherInfo: item.otherInfo,
          costTerms: item.costTerms,
        }
      : null,
    registration: {
      outgoingNumber: item.outgoingNumber,
      outgoingDate: item.outgoingDate,
      sentAt: iso(item.sentAt),
      incomingNumber: item.incomingNumber,
      incomingDate: item.incomingDate,
      registeredAt: iso(item.registeredAt),
    },
    oral:
      item.mode === 'oral' && item.oralAt && item.confirmationDueAt
        ? {
            at: item.oralAt.toISOString(),
            channel: item.oralChannel ?? 'other',
            spokenBy: visible ? item.oralSpokenBy : null,
            spokenTo: visible ? item.oralSpokenTo : null,
            confirmedAt: iso(item.oralConfirmedAt),
            confirmationDue: {
              start: item.oralAt.toISOString(),
              rule: hoursRule(ORAL_CONFIRMATION_HOURS),
              timeZone: p.confirmationTimeZone,
              lastDay: localDate(item.confirmationDueAt, p.confirmationTimeZone),
              dueAt: item.confirmationDueAt.toISOString(),
            },
            overdue: confirmationOverdue(item, p.now),
          }
        : null,
    answerDue: item.answerDue ?? null,
    overdue: isOverdue(item, p.now),
    heldFrom: item.heldFrom,
    resolution:
      item.executorId || item.resolution
        ? {
            executor: item.executorId ? { id: item.executorId, fullName: p.executorName ?? '' } : null,
            instruction: visible ? item.resolution : null,
            dueOn: item.resolutionDueOn,
          }
        : null,
    conditions: {
      status: item.conditionsStatus,
      text: conditionsVisible ? item.conditions : null,
      confidentiality: p.conditionsLevel,
      contentVisible: conditionsVisible,
    },
    outcome: item.outcome
      ? {
          outcome: item.outcome,
          refusalGrounds: item.refusalGrounds,
          reason: answer ? item.outcomeReason : null,
          text: answer ? item.outcomeText : null,
          legalBasisApplied: answer ? item.legalBasisApplied : null,
          confidentiality: item.outcomeConfidentiality,
          contentVisible: answer,
          at: iso(item.outcomeAt),
        }
      : null,
    links: p.links,
    attachments: files.filter((f) => f.readable).map((f) => presentAttachment(f.r, f.level)),
    // Files the caller may not read: that they exist and their level, nothing of their name or hash.
    hiddenAttachments: files
      .filter((f) => !f.readable)
      .map((f) => ({ role: f.r.a.role, confidentiality: f.level, officeCode: f.r.officeCode, uploadedAt: f.r.a.createdAt.toISOString() })),
    // the mark's missing file matters while the content can still change (before sending).
    warnings: view.side === 'sender' ? contentWarnings(content, intended?.party ?? to.party, wasSent(item.status) ? null : files.map((f) => f.r.a)) : [],
    missingFields: view.side === 'sender' ? missingMandatoryFields(content) : [],
    availableActions: availableActions(state, view),
    exchange: facts.exchange
      ? {
          allowed: facts.exchange.allowed,
          on: facts.exchange.on,
          reason: facts.exchange.allowed ? null : facts.exchange.reason,
          officeCode: facts.exchange.allowed ? null : facts.exchange.officeCode,
        }
      : null,
    registrationDates: { outgoing: facts.outgoingDates, incoming: facts.incomingDates },
    side: view.side,
    offSystem: offSystemOf(p, state, view.side, files),
    paperSignature: paperSignatureOf(p),
    version: item.version,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

type JournalRow = {
  item: Pick<
    ItemRow,
    | 'id'
    | 'number'
    | 'numberYear'
    | 'kind'
    | 'status'
    | 'mode'
    | 'route'
    | 'subject'
    | 'form'
    | 'priorityAreas'
    | 'confidentiality'
    | 'highestConfidentiality'
    | 'outgoingNumber'
    | 'outgoingDate'
    | 'incomingNumber'
    | 'incomingDate'
    | 'sentAt'
    | 'answerDueAt'
    | 'answerDue'
    | 'confirmationDueAt'
    | 'oralConfirmedAt'
    | 'createdAt'
  >;
  from: OfficeRow;
  to: OfficeRow;
  intended: OfficeRow | null;
  contentVisible: boolean;
  overdue: boolean;
};

export function presentListRow(r: JournalRow): ItemListRow {
  const i = r.item;
  return {
    id: i.id,
    number: i.number,
    numberYear: i.numberYear,
    kind: i.kind,
    status: i.status,
    mode: i.mode,
    route: i.route,
    fromOffice: presentOfficeRef(r.from),
    toOffice: presentOfficeRef(r.to),
    subject: r.contentVisible ? i.subject : null,
    form: i.form,
    priorityAreas: i.priorityAreas,
    // The journal shows the highest level any piece of the item carries.
    confidentiality: i.highestConfidentiality,
    outgoingNumber: i.outgoingNumber,
    outgoingDate: i.outgoingDate,
    incomingNumber: i.incomingNumber,
    incomingDate: i.incomingDate,
    sentAt: iso(i.sentAt),
    answerDueAt: iso(i.answerDueAt),
    answerDue: i.answerDue ?? null,
    confirmationDueAt: iso(i.confirmationDueAt),
    oralConfirmedAt: iso(i.oralConfirmedAt),
    intendedOffice: r.intended ? presentOfficeRef(r.intended) : null,
    overdue: r.overdue,
    createdAt: i.createdAt.toISOString(),
  };
}
