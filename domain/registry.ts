import { addDays, compareDates, type IsoDate } from './time.ts';

/** The registry of the cooperation: offices, pairings and legal basis (O-1, P-5, A-12, A-15). */

export const PARTIES = ['RU', 'KZ'] as const;
export type Party = (typeof PARTIES)[number];
export const otherParty = (party: Party): Party => (party === 'RU' ? 'KZ' : 'RU');

export const OFFICE_KINDS = ['territorial', 'transport', 'environmental', 'coordinator', 'leadership'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const PAIRING_BASES = ['shared_border', 'transport', 'transport_zone_border', 'environmental'] as const;
export type PairingBasis = (typeof PAIRING_BASES)[number];

export const CERTAINTIES = ['high', 'medium', 'low'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const LEGAL_BASIS_KINDS = ['agreement', 'protocol', 'amending_protocol', 'order', 'other'] as const;
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

/** Art. 15(2): the Agreement ends when 60 days have passed from receipt of the notice. */
export const TERMINATION_NOTICE_DAYS = 60;

export interface RegistryOffice {
  id: string;
  code: string;
  party: Party;
  kind: OfficeKind;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  /** May take part in direct interaction (item 1 of the Order for RU; designated counterpart for KZ). */
  authorized: boolean;
  authorizedFrom: IsoDate | null;
}

export interface RegistryPairing {
  id: string;
  ruOfficeId: string;
  kzOfficeId: string;
  active: boolean;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface LegalBasisDocument {
  code: string;
  kind: LegalBasisKind;
  inForceFrom: IsoDate | null;
  inForceTo: IsoDate | null;
  /** Date a Party received the other's written notice of termination. */
  terminationNoticeReceivedOn: IsoDate | null;
  /** Code of the document this one amends or implements; it cannot outlive it (P-5). */
  parentCode: string | null;
  /** Whether direct exchange between border offices rests on this document (the 2022 Protocol). */
  enablesDirectExchange: boolean;
}

const within = (date: IsoDate, from: IsoDate | null, to: IsoDate | null): boolean =>
  (from === null || compareDates(from, date) <= 0) && (to === null || compareDates(date, to) <= 0);

/**
 * A-15 (Art. 15(2)): «Действие настоящего Соглашения прекращается по истечении 60 дней с даты
 * получения … уведомления». A period of days runs from the day after the event (the notice's
 * receipt), so day 1 is receipt + 1 and day 60 is receipt + 60; the Agreement is in force through
 * the whole of that 60th day and ends when it has run out. So receipt + 60 is the last day in force
 * and receipt + 61 the first day on which it no longer is.
 */
export function terminationLastDay(receivedOn: IsoDate): IsoDate {
  return addDays(receivedOn, TERMINATION_NOTICE_DAYS);
}

/** How a document's end was computed, for the people who rely on it (A-15 legal-basis page). */
export type EndOfForce = { lastDay: IsoDate; firstDayNotInForce: IsoDate } & (
  | {
      /** a notice received on `receivedOn`; `days` counted from `firstCountedDay` (receipt + 1). */
      cause: 'termination_notice';
      receivedOn: IsoDate;
      days: number;
      firstCountedDay: IsoDate;
    }
  | { /** The document's own stated last day. */ cause: 'in_force_to' }
  | { /** It cannot outlive the document it amends or implements (P-5), which ends then. */ cause: 'parent'; parentCode: string; parent: EndOfForce }
);

function ownEnd(doc: LegalBasisDocument): EndOfForce | null {
  const candidates: EndOfForce[] = [];
  if (doc.terminationNoticeReceivedOn) {
    const lastDay = terminationLastDay(doc.terminationNoticeReceivedOn);
    candidates.push({
      cause: 'termination_notice',
      receivedOn: doc.terminationNoticeReceivedOn,
      days: TERMINATION_NOTICE_DAYS,
      firstCountedDay: addDays(doc.terminationNoticeReceivedOn, 1),
      lastDay,
      firstDayNotInForce: addDays(lastDay, 1),
    });
  }
  if (doc.inForceTo) candidates.push({ cause: 'in_force_to', lastDay: doc.inForceTo, firstDayNotInForce: addDays(doc.inForceTo, 1) });
  // The earliest end wins; on a tie the notice explains it.
  return candidates.reduce<EndOfForce | null>((best, c) => (best === null || compareDates(c.lastDay, best.lastDay) < 0 ? c : best), null);
}

/**
 * When a document stops being in force and why, following the chain of documents it depends on;
 * null while it is in force indefinitely. The one definition every check uses (lastDayInForce,
 * isInForce, mayExchangeDirectly).
 */
export function endOfForce(doc: LegalBasisDocument, all: readonly LegalBasisDocument[], seen = new Set<string>()): EndOfForce | null {
  if (seen.has(doc.code)) return doc.inForceTo ? { cause: 'in_force_to', lastDay: doc.inForceTo, firstDayNotInForce: addDays(doc.inForceTo, 1) } : null; // a cycle in edited data must not hang the check
  seen.add(doc.code);
  const own = ownEnd(doc);
  const parent = doc.parentCode ? all.find((d) => d.code === doc.parentCode) : undefined;
  const parentEnd = parent ? endOfForce(parent, all, seen) : null;
  if (parentEnd && (own === null || compareDates(parentEnd.lastDay, own.lastDay) < 0)) {
    return { cause: 'parent', parentCode: parent!.code, parent: parentEnd, lastDay: parentEnd.lastDay, firstDayNotInForce: parentEnd.firstDayNotInForce };
  }
  return own;
}

/** The last day in force of a document, following the chain of documents it depends on. */
export function lastDayInForce(doc: LegalBasisDocument, all: readonly LegalBasisDocument[]): IsoDate | null {
  return endOfForce(doc, all)?.lastDay ?? null;
}

export function isInForce(doc: LegalBasisDocument, all: readonly LegalBasisDocument[], on: IsoDate): boolean {
  if (doc.inForceFrom === null || compareDates(on, doc.inForceFrom) < 0) return false;
  const end = lastDayInForce(doc, all);
  return end === null || compareDates(on, end) <= 0;
}

export type ExchangeRefusal =
  | 'SAME_PARTY'
  | 'OFFICE_NOT_IN_FORCE'
  | 'OFFICE_NOT_AUTHORIZED'
  | 'NO_PAIRING'
  | 'PAIRING_INACTIVE'
  | 'PAIRING_NOT_IN_FORCE'
  | 'LEGAL_BASIS_NOT_IN_FORCE'
  | 'AGREEMENT_TERMINATED';

export type ExchangeDecision = { allowed: true; pairingId: string; basis: string[] } | { allowed: false; reason: ExchangeRefusal; officeCode?: string };

export interface ExchangeQuery {
  from: RegistryOffice;
  to: RegistryOffice;
  on: IsoDate;
  pairings: readonly RegistryPairing[];
  legalBasis: readonly LegalBasisDocument[];
}

/**
 * May office `from` exchange directly with office `to` on date `on`? (O-1, P-5, A-15)
 * Direct exchange needs: offices of different Parties, both in existence and authorized on that
 * date, an active pairing in force on that date, and the legal basis (the Agreement and a document
 * enabling direct exchange, i.e. the 2022 Protocol) in force on that date.
 */
export function mayExchangeDirectly(q: ExchangeQuery): ExchangeDecision {
  const { from, to, on } = q;
  if (from.party === to.party) return { allowed: false, reason: 'SAME_PARTY' };

  const basisDecision = legalBasisFor(q.legalBasis, on);
  if (!basisDecision.ok) return { allowed: false, reason: basisDecision.reason };

  for (const office of [from, to]) {
    if (!within(on, office.validFrom, office.validTo)) return { allowed: false, reason: 'OFFICE_NOT_IN_FORCE', officeCode: office.code };
    if (!office.authorized || (office.authorizedFrom !== null && compareDates(on, office.authorizedFrom) < 0)) {
      return { allowed: false, reason: 'OFFICE_NOT_AUTHORIZED', officeCode: office.code };
    }
  }

  const ru = from.party === 'RU' ? from : to;
  const kz = from.party === 'RU' ? to : from;
  const candidates = q.pairings.filter((p) => p.ruOfficeId === ru.id && p.kzOfficeId === kz.id);
  if (candidates.length === 0) return { allowed: false, reason: 'NO_PAIRING' };
  const inForce = candidates.filter((p) => within(on, p.validFrom, p.validTo));
  if (inForce.length === 0) return { allowed: false, reason: 'PAIRING_NOT_IN_FORCE' };
  const active = inForce.find((p) => p.active);
  if (!active) return { allowed: false, reason: 'PAIRING_INACTIVE' };
  return { allowed: true, pairingId: active.id, basis: basisDecision.codes };
}

function legalBasisFor(
  docs: readonly LegalBasisDocument[],
  on: IsoDate,
): { ok: true; codes: string[] } | { ok: false; reason: 'LEGAL_BASIS_NOT_IN_FORCE' | 'AGREEMENT_TERMINATED' } {
  const agreements = docs.filter((d) => d.kind === 'agreement');
  const agreement = agreements.find((d) => isInForce(d, docs, on));
  if (!agreement) {
    const ended = agreements.some((d) => {
      const end = lastDayInForce(d, docs);
      return d.inForceFrom !== null && compareDates(d.inForceFrom, on) <= 0 && end !== null && compareDates(on, end) > 0;
    });
    return { ok: false, reason: ended ? 'AGREEMENT_TERMINATED' : 'LEGAL_BASIS_NOT_IN_FORCE' };
  }
  const enabling = docs.filter((d) => d.enablesDirectExchange && isInForce(d, docs, on));
  if (enabling.length === 0) return { ok: false, reason: 'LEGAL_BASIS_NOT_IN_FORCE' };
  return { ok: true, codes: [agreement.code, ...enabling.map((d) => d.code)] };
}

/** Counterparts of an office on a date: the other side of every active pairing in force. */
export function counterpartIdsOn(officeId: string, on: IsoDate, pairings: readonly RegistryPairing[]): string[] {
  const ids = new Set<string>();
  for (const p of pairings) {
    if (!p.active || !within(on, p.validFrom, p.validTo)) continue;
    if (p.ruOfficeId === officeId) ids.add(p.kzOfficeId);
    if (p.kzOfficeId === officeId) ids.add(p.ruOfficeId);
  }
  return [...ids];
}

export function officeInForce(office: Pick<RegistryOffice, 'validFrom' | 'validTo'>, on: IsoDate): boolean {
  return within(on, office.validFrom, office.validTo);
}
