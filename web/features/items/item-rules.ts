import type { z } from 'zod';
import { exportNeedsPurpose, informationReceived, providerSide, recipientSide } from '../../../domain/information.ts';
import { maySideAttach, type ItemAction } from '../../../domain/item-status.ts';
import { dateIssue, type DateWindow } from '../../../domain/registration-dates.ts';
import {
  CONFIDENTIALITY_LEVELS,
  confidentialityRank,
  itemDocuments,
  type AttachmentRole,
  type Confidentiality,
  type ItemDocument,
} from '../../../domain/items.ts';
import type { ItemView } from '../../api/types.ts';

/**
 * What the page offers for an item, derived from the ItemView alone. The server decides again on
 * every call; these only keep the page from offering what it would refuse.
 */

/** roles (domain/information.ts): a request's requester receives the answer; a proposal's addressee receives the proposal. */
export function infoRoles(item: Pick<ItemView, 'kind' | 'status' | 'outcome' | 'side'>) {
  return {
    received: informationReceived({ kind: item.kind, status: item.status, outcome: item.outcome?.outcome ?? null }),
    isRecipient: item.side === recipientSide(item.kind),
    isProvider: item.side === providerSide(item.kind),
  };
}

export type { ItemDocument };

/**
 * The letters that exist for the item now and that this user may read: the request letter carries
 * the request's text; the refusal and outcome letters also the answer and the conditions.
 */
export function documentsOf(item: Pick<ItemView, 'contentVisible' | 'outcome' | 'conditions' | 'mode' | 'status'>): ItemDocument[] {
  if (!item.contentVisible) return [];
  // The answer's letters only for a caller who may read the answer and the conditions.
  const answerVisible = Boolean(item.outcome?.contentVisible) && (item.conditions.status === 'none' || item.conditions.contentVisible);
  // The page knows of the authenticity question while the item is held for it (A-6.2b).
  return itemDocuments({ mode: item.mode, doubted: item.status === 'on_hold', outcome: answerVisible ? item.outcome!.outcome : null });
}

/**
 * the levels a side may give a new piece: from the level of the piece it belongs to or
 * answers (the request, or the answer for the answer's files) upwards, never below.
 */
export function levelsFrom(floor: Confidentiality): Confidentiality[] {
  return CONFIDENTIALITY_LEVELS.filter((l) => confidentialityRank(l) >= confidentialityRank(floor));
}

/** The level a new file of this role starts from: the answer's for its documents (the request's until answered), else the request's. */
export function fileFloor(item: Pick<ItemView, 'confidentiality' | 'outcome'>, role: AttachmentRole): Confidentiality {
  return role === 'outcome' ? (item.outcome?.confidentiality ?? item.confidentiality) : item.confidentiality;
}

/** exporting confidential information received from the other Party states its purpose. */
export function needsPurpose(item: Pick<ItemView, 'kind' | 'status' | 'outcome' | 'side' | 'confidentiality' | 'isPublic'>, doc: ItemDocument): boolean {
  const { isRecipient } = infoRoles(item);
  return exportNeedsPurpose(
    { kind: item.kind, confidentiality: item.confidentiality, outcomeConfidentiality: item.outcome?.confidentiality ?? null, isPublic: item.isPublic },
    doc,
    isRecipient,
  );
}

export type { AttachmentRole };

/** Which kinds of file this user may add now: content to an editable draft, the answer's files, consultation files. */
export function uploadRoles(item: Pick<ItemView, 'side' | 'availableActions' | 'status'>): AttachmentRole[] {
  const roles: AttachmentRole[] = [];
  if (item.side === 'sender' && item.availableActions.includes('update')) roles.push('content');
  if (maySideAttach('outcome', item.side, item.status)) roles.push('outcome');
  if (maySideAttach('consultation', item.side, item.status)) roles.push('consultation');
  return roles;
}

/**
 * O-3.3, P-4: the registration date an action takes and the window of days it may be, as the server
 * computed it from the item's history and the registry (outgoing: sending, the written confirmation
 * of an oral request; incoming: registration).
 */
export function registrationDateOf(
  item: Pick<ItemView, 'registrationDates'>,
  action: ItemAction,
): { field: 'outgoingDate' | 'incomingDate'; window: DateWindow } | null {
  const outgoing = action === 'send' || action === 'confirm_in_writing';
  const window = outgoing ? item.registrationDates.outgoing : action === 'register' ? item.registrationDates.incoming : null;
  return window ? { field: outgoing ? 'outgoingDate' : 'incomingDate', window } : null;
}

/** The form refuses a date with the rule the server would name (domain/registration-dates.ts), on the field. */
export function withDateRule(schema: z.ZodType, field: string, window: DateWindow): z.ZodType {
  return schema.superRefine((body, ctx) => {
    const value = (body as Record<string, unknown>)[field];
    const issue = typeof value === 'string' ? dateIssue(window, value) : null;
    if (issue) ctx.addIssue({ code: 'custom', path: [field], message: issue.rule, params: { rule: issue.rule, ...issue.params } });
  });
}
