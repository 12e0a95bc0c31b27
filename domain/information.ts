import { hasRole, type Role } from './access.ts';
import { UNSENT_STATUSES, type ItemStatus, type Side } from './item-status.ts';
import { carriesAnswer, carriesContent, type Confidentiality, type ItemDocument, type ItemKind, type Outcome } from './items.ts';

/**
 * information received is used for the purpose it was requested for. Another use needs the
 * providing office's prior consent, unless the provider marked the information public. The rules
 * are written here once; the server (items.consents.ts, items.export.ts) and the web (item-rules.ts,
 * ConsentsPanel) ask them.
 */

/** For a request the requesting office receives the information (the answer); for a proposal the addressee does. */
export const recipientSide = (kind: ItemKind): Side => (kind === 'request' ? 'sender' : 'receiver');
export const providerSide = (kind: ItemKind): Side => (kind === 'request' ? 'receiver' : 'sender');

/** A proposal carries information until it is sent or once withdrawn; an answer only when it executes the request, fully or partly. */
const NOT_RECEIVED_PROPOSAL: readonly ItemStatus[] = [...UNSENT_STATUSES, 'withdrawn'];
export const ANSWERS_WITH_INFORMATION: readonly Outcome[] = ['executed', 'partially_executed'];

/** Whether the recipient has received anything yet: a proposal once sent, a request once answered. */
export function informationReceived(i: { kind: ItemKind; status: ItemStatus; outcome: Outcome | null }): boolean {
  return i.kind === 'proposal' ? !NOT_RECEIVED_PROPOSAL.includes(i.status) : i.outcome !== null && ANSWERS_WITH_INFORMATION.includes(i.outcome);
}

export const CONSENT_STATUSES = ['pending', 'granted', 'refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_DECISIONS = ['granted', 'refused'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

/** A use of the information, an export of it (a document) or a print. */
export const USE_KINDS = ['use', 'export', 'print'] as const;
export type UseKind = (typeof USE_KINDS)[number];

/** Purposes are the same whatever their spacing and case. */
const normalized = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
export const samePurpose = (a: string, b: string): boolean => normalized(a) === normalized(b);

/** Whether a use for `purpose` needs the provider's consent: another purpose, of information not public. */
export const consentNeeded = (purpose: string, info: { purpose: string; isPublic: boolean }): boolean => !samePurpose(purpose, info.purpose) && !info.isPublic;

export type UseBasis = { basis: 'original_purpose' | 'public'; consentId: null } | { basis: 'consent'; consentId: string };

/**
 * On what basis a use for `purpose` is allowed: the purpose the information was requested for, the
 * information being public, or a consent the provider granted for that purpose. Null: the provider's
 * prior consent is needed first (CONSENT_REQUIRED).
 */
export function useBasis(
  purpose: string,
  info: { purpose: string; isPublic: boolean },
  consents: readonly { id: string; purpose: string; status: ConsentStatus }[],
): UseBasis | null {
  if (samePurpose(purpose, info.purpose)) return { basis: 'original_purpose', consentId: null };
  if (info.isPublic) return { basis: 'public', consentId: null };
  const granted = consents.find((c) => c.status === 'granted' && samePurpose(c.purpose, purpose));
  return granted ? { basis: 'consent', consentId: granted.id } : null;
}

/** The head of the providing office or a deputy decides a request for consent. */
export const CONSENT_DECIDERS: readonly Role[] = ['head', 'deputy_head'];

export function mayDecideConsent(consent: { status: ConsentStatus; providerOfficeId: string }, actor: { officeId: string; roles: readonly Role[] }): boolean {
  return consent.status === 'pending' && actor.officeId === consent.providerOfficeId && hasRole(actor, ...CONSENT_DECIDERS);
}

/**
 * Exporting a letter that carries information received (a proposal's text; a request's answer) is a
 * use: its recipient states the purpose, unless the information is open or public.
 */
export function exportNeedsPurpose(
  i: { kind: ItemKind; confidentiality: Confidentiality; outcomeConfidentiality: Confidentiality | null; isPublic: boolean },
  document: ItemDocument,
  byRecipient: boolean,
): boolean {
  const carriesReceived = i.kind === 'proposal' ? carriesContent(document) : carriesAnswer(document);
  const level = i.kind === 'proposal' ? i.confidentiality : (i.outcomeConfidentiality ?? 'open');
  return carriesReceived && byRecipient && level !== 'open' && !i.isPublic;
}
