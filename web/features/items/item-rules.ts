import type { ItemView } from '../../api/types.ts';

/**
 * What the page offers for an item, derived from the ItemView alone. The server decides again on
 * every call; these only keep the page from offering what it would refuse.
 */

/** roles: a request's requester receives the answer; a proposal's addressee receives the proposal. */
export function infoRoles(item: Pick<ItemView, 'kind' | 'status' | 'outcome' | 'side'>) {
  const recipientSide = item.kind === 'request' ? 'sender' : 'receiver';
  const received = item.kind === 'proposal' ? !['draft', 'signed', 'withdrawn'].includes(item.status) : item.outcome?.outcome === 'executed' || item.outcome?.outcome === 'partially_executed';
  return {
    received,
    isRecipient: item.side === recipientSide,
    isProvider: item.side !== null && item.side !== recipientSide,
  };
}

export type ItemDocument = 'request' | 'refusal' | 'outcome';

/** The letters that exist for the item now. */
export function documentsOf(item: Pick<ItemView, 'contentVisible' | 'outcome'>): ItemDocument[] {
  if (!item.contentVisible) return [];
  const docs: ItemDocument[] = ['request'];
  if (item.outcome?.outcome === 'refused' || item.outcome?.outcome === 'partially_executed') docs.push('refusal');
  if (item.outcome) docs.push('outcome');
  return docs;
}

/** exporting confidential information received from the other Party states its purpose. */
export function needsPurpose(item: Pick<ItemView, 'kind' | 'status' | 'outcome' | 'side' | 'confidentiality' | 'isPublic'>, doc: ItemDocument): boolean {
  const { isRecipient } = infoRoles(item);
  const carriesReceived = item.kind === 'proposal' ? doc === 'request' : doc !== 'request';
  const level = item.kind === 'proposal' ? item.confidentiality : (item.outcome?.confidentiality ?? 'open');
  return carriesReceived && isRecipient && level !== 'open' && !item.isPublic;
}

export type AttachmentRole = 'content' | 'outcome' | 'consultation';

/** Which kinds of file this user may add now: content to an editable draft, the answer's files, consultation files. */
export function uploadRoles(item: Pick<ItemView, 'side' | 'availableActions' | 'status'>): AttachmentRole[] {
  const roles: AttachmentRole[] = [];
  if (item.side === 'sender' && item.availableActions.includes('update')) roles.push('content');
  if (item.side === 'receiver' && ['registered', 'consultation', 'executed', 'partially_executed', 'refused'].includes(item.status)) roles.push('outcome');
  if (item.side !== null && item.status === 'consultation') roles.push('consultation');
  return roles;
}
