import { EVENT_MANDATORY, missingEventFields, type EventContent, type EventParticipant } from '../../../domain/events.ts';
import type { EventView } from './useEvents.ts';

/**
 * What the event page offers, derived from the EventView alone. The server decides again on every
 * call; these only keep the page from offering what it would refuse.
 */

export type EventAttachmentRole = 'proposal' | 'report';

/** Proposal files while the proposal can be edited; report files while the report can be written. */
export function eventUploadRoles(e: Pick<EventView, 'side' | 'availableActions'>): EventAttachmentRole[] {
  if (e.side !== 'office') return [];
  const roles: EventAttachmentRole[] = [];
  if (e.availableActions.includes('update')) roles.push('proposal');
  if (e.availableActions.includes('save_report')) roles.push('report');
  return roles;
}

export type EventDocument = 'proposal' | 'report';

/** The proposal exists from the first draft; the report once it has been written. */
export function eventDocuments(e: Pick<EventView, 'report' | 'status'>): EventDocument[] {
  const hasReport = e.status === 'reported' || Boolean(e.report.outcomes?.trim());
  return hasReport ? ['proposal', 'report'] : ['proposal'];
}

/** The fields a missing-field list can name, in the order of the form. */
export const EVENT_FIELD_ORDER = [...EVENT_MANDATORY, 'costTerms'] as const;

/** The form's values as far as completeness goes (dates only need to be there). */
export interface EventDraft {
  type?: string | null;
  venue?: string | null;
  form?: string | null;
  title?: string;
  country?: string;
  city?: string;
  timeZone?: string | null;
  startsLocal?: string | null;
  endsLocal?: string | null;
  counterpartOfficeCodes?: string[];
  participants?: ({ side?: string; fullName?: string; position?: string } | undefined)[];
  agenda?: string;
  priorityAreas?: string[];
  costArrangement?: string;
  costTerms?: string | null;
}

/** O-3.5: what the proposal still lacks before the head or a deputy can submit it (the domain's own rule). */
export function missingInDraft(v: EventDraft): string[] {
  const participants = (v.participants ?? [])
    .filter((p): p is NonNullable<typeof p> => Boolean(p?.fullName?.trim()))
    .map((p) => ({ side: p.side === 'counterpart' ? 'counterpart' : 'own', fullName: p.fullName!, position: p.position ?? '' }) as EventParticipant);
  const content: EventContent = {
    type: (v.type ?? null) as EventContent['type'],
    venue: (v.venue ?? null) as EventContent['venue'],
    form: (v.form ?? null) as EventContent['form'],
    title: v.title ?? '',
    country: v.country ?? '',
    city: v.city ?? '',
    timeZone: v.timeZone ?? null,
    startsAt: v.startsLocal ? new Date(0) : null,
    endsAt: v.endsLocal ? new Date(0) : null,
    counterpartOfficeIds: v.counterpartOfficeCodes ?? [],
    participants,
    agenda: v.agenda ?? '',
    priorityAreas: v.priorityAreas ?? [],
    costArrangement: v.costArrangement ?? 'each_own',
    costTerms: v.costTerms ?? null,
  };
  return missingEventFields(content);
}

/**
 * Issue 12: a peer's joint event is read here as a copy — its proposing Party's procedure (the
 * decision, the report's term, its documents, its actions) is not shown; the counterpart office's
 * staff state their participants and (after the event, head or deputy) their outcomes on it.
 */
export function peerCopyView(e: Pick<EventView, 'peerCopy' | 'statement'>): { internal: boolean; participants: boolean; outcomes: boolean } {
  return { internal: !e.peerCopy, participants: e.peerCopy && !!e.statement?.participants, outcomes: e.peerCopy && !!e.statement?.outcomes };
}

export interface PeerStatementValues {
  participants?: ({ fullName?: string; position?: string } | undefined)[];
  statement?: { outcomes?: string; agreements?: string };
}

const blank = (s: string | null | undefined) => (s?.trim() ? s : null);

/** The statement's body: rows left blank are no participants; no outcomes or agreements, no statement. */
export function peerStatementBody(v: PeerStatementValues) {
  const outcomes = blank(v.statement?.outcomes);
  const agreements = blank(v.statement?.agreements);
  return {
    participants: (v.participants ?? [])
      .filter((p) => p?.fullName?.trim() || p?.position?.trim())
      .map((p) => ({ fullName: p?.fullName ?? '', position: p?.position ?? '' })),
    statement: outcomes || agreements ? { outcomes, agreements } : null,
  };
}
