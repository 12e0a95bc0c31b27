import type { OfficeHosting } from '../../../domain/node.ts';
import { endOfForce, isInForce, officeInForce, type EndOfForce, type LegalBasisDocument } from '../../../domain/registry.ts';
import type {
  EndOfForceView,
  HistoryEntry,
  HostedOfficeRef,
  LegalBasisView,
  OfficeRef,
  OfficeView,
  PairingView,
  PartyNoticeView,
} from '../../../domain/schemas/registry.ts';
import { utcOffset } from '../../../domain/time.ts';
import type { HistoryRow, LegalBasisRow, OfficeRow, PairingWithOffices, PartyNoticeRow } from './registry.repository.ts';

export function presentOfficeRef(o: OfficeRow): OfficeRef {
  return { id: o.id, code: o.code, party: o.party, name: { ru: o.nameRu, kk: o.nameKk, en: o.nameEn } };
}

/** Where an office works, from its row: the one reading of the hosting columns. */
export function hostingOf(o: Pick<OfficeRow, 'hosting' | 'peerName' | 'peerUrl'>): OfficeHosting {
  return { hosting: o.hosting, peer: o.hosting === 'peer' && o.peerName && o.peerUrl ? { name: o.peerName, url: o.peerUrl } : null };
}

export function presentHostedOfficeRef(o: OfficeRow): HostedOfficeRef {
  return { ...presentOfficeRef(o), hosting: o.hosting };
}

export function presentOffice(o: OfficeRow, now: Date): OfficeView {
  return {
    ...presentOfficeRef(o),
    kind: o.kind,
    seat: { ru: o.seatRu, kk: o.seatKk, en: o.seatEn },
    timeZone: o.timeZone,
    utcOffsetNow: utcOffset(now, o.timeZone),
    validFrom: o.validFrom,
    validTo: o.validTo,
    authorized: o.authorized,
    authorizedFrom: o.authorizedFrom,
    listedInOrderItem1: o.listedInOrderItem1,
    regionCode: o.regionCode,
    address: o.address,
    notes: o.notes,
    ...hostingOf(o),
    version: o.version,
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function presentPairing(p: PairingWithOffices, today: string): PairingView {
  const { pairing } = p;
  return {
    id: pairing.id,
    ruOffice: presentHostedOfficeRef(p.ru),
    kzOffice: presentHostedOfficeRef(p.kz),
    basis: pairing.basis,
    certainty: pairing.certainty,
    validFrom: pairing.validFrom,
    validTo: pairing.validTo,
    active: pairing.active,
    inForceToday: pairing.active && officeInForce(pairing, today),
    note: pairing.note,
    version: pairing.version,
    updatedAt: pairing.updatedAt.toISOString(),
  };
}

export function toLegalBasisDocument(r: LegalBasisRow): LegalBasisDocument {
  return {
    code: r.code,
    kind: r.kind,
    inForceFrom: r.inForceFrom,
    inForceTo: r.inForceTo,
    terminationNoticeReceivedOn: r.terminationNoticeReceivedOn,
    parentCode: r.parentCode,
    enablesDirectExchange: r.enablesDirectExchange,
  };
}

/** the end with the chain of documents it is inherited through, flattened for readers. */
export function presentEndOfForce(end: EndOfForce, code: string): EndOfForceView {
  const via: string[] = [];
  let root = end;
  let endingCode = code;
  while (root.cause === 'parent') {
    via.push(root.parentCode);
    endingCode = root.parentCode;
    root = root.parent;
  }
  const notice = root.cause === 'termination_notice' ? root : null;
  return {
    lastDay: end.lastDay,
    firstDayNotInForce: end.firstDayNotInForce,
    cause: root.cause,
    endingCode,
    via,
    noticeReceivedOn: notice?.receivedOn ?? null,
    days: notice?.days ?? null,
    firstCountedDay: notice?.firstCountedDay ?? null,
  };
}

export function presentLegalBasis(r: LegalBasisRow, all: LegalBasisRow[], today: string): LegalBasisView {
  const docs = all.map(toLegalBasisDocument);
  const doc = toLegalBasisDocument(r);
  const end = endOfForce(doc, docs);
  return {
    id: r.id,
    code: r.code,
    kind: doc.kind,
    title: { ru: r.titleRu, kk: r.titleKk, en: r.titleEn },
    party: r.party,
    signedOn: r.signedOn,
    inForceFrom: r.inForceFrom,
    inForceTo: r.inForceTo,
    parentCode: r.parentCode,
    enablesDirectExchange: r.enablesDirectExchange,
    terminationNoticeReceivedOn: r.terminationNoticeReceivedOn,
    terminationNoticeFromParty: r.terminationNoticeFromParty,
    terminationNoticeReference: r.terminationNoticeReference,
    lastDayInForce: end?.lastDay ?? null,
    firstDayNotInForce: end?.firstDayNotInForce ?? null,
    endOfForce: end ? presentEndOfForce(end, r.code) : null,
    inForceToday: isInForce(doc, docs, today),
    notes: r.notes,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentHistory(r: { h: HistoryRow; actorName: string | null }): HistoryEntry {
  return {
    id: r.h.id,
    entityType: r.h.entityType,
    entityId: r.h.entityId,
    action: r.h.action,
    changes: r.h.changes,
    effectiveFrom: r.h.effectiveFrom,
    comment: r.h.comment,
    actor: r.h.actorId ? { id: r.h.actorId, fullName: r.actorName ?? '' } : null,
    at: r.h.at.toISOString(),
  };
}

export function presentPartyNotice(r: { notice: PartyNoticeRow; to: OfficeRow; about: OfficeRow | null; sentByName: string | null }): PartyNoticeView {
  const n = r.notice;
  const fields = Array.isArray(n.payload.fields) ? (n.payload.fields as unknown[]).filter((f): f is string => typeof f === 'string') : [];
  return {
    id: n.id,
    kind: n.kind,
    fromParty: n.fromParty,
    toOffice: presentHostedOfficeRef(r.to),
    office: r.about ? presentOfficeRef(r.about) : null,
    fields,
    effectiveFrom: typeof n.payload.effectiveFrom === 'string' ? n.payload.effectiveFrom : null,
    createdAt: n.createdAt.toISOString(),
    sent:
      n.sentOn && n.outgoingNumber
        ? {
            sentOn: n.sentOn,
            outgoingNumber: n.outgoingNumber,
            note: n.note,
            recordedBy: n.sentRecordedBy ? { id: n.sentRecordedBy, fullName: r.sentByName ?? '' } : null,
            recordedAt: (n.sentRecordedAt ?? n.createdAt).toISOString(),
          }
        : null,
  };
}
