import { hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import type { ActorView, Side } from '../../../domain/item-status.ts';
import type { ItemRow } from './items.repository.ts';

/**
 * Who sees what of a request or proposal.
 * - The sending office's staff see its items from the first draft; the requested office's staff
 *   once sent. On a matter routed to the coordinator (O-3.4) the coordinator is the addressee.
 * - A coordinator oversees every sent item that involves an office of its Party (metadata).
 * - A restricted item's text is read only by the users of the two offices assigned to it
 *   and by their heads and deputies; other viewers see that it exists and where it stands.
 * Anyone else gets 404.
 */
const UNSENT = new Set(['draft', 'signed']);

export function sideOf(actor: Actor, item: Pick<ItemRow, 'fromOfficeId' | 'toOfficeId' | 'route'>): Side | null {
  if (actor.officeId === item.fromOfficeId && isOfficeStaff(actor)) return 'sender';
  if (actor.officeId === item.toOfficeId && (isOfficeStaff(actor) || (item.route === 'coordinator' && hasRole(actor, 'coordinator')))) return 'receiver';
  return null;
}

export function actorView(actor: Actor, item: ItemRow): ActorView {
  const side = sideOf(actor, item);
  return { side: side === 'receiver' && UNSENT.has(item.status) ? null : side, roles: actor.roles };
}

export function canSeeItem(actor: Actor, item: ItemRow, parties: { fromParty: string; toParty: string }): boolean {
  const side = sideOf(actor, item);
  if (side === 'sender') return true;
  if (UNSENT.has(item.status)) return false;
  if (side === 'receiver') return true;
  return hasRole(actor, 'coordinator') && (parties.fromParty === actor.party || parties.toParty === actor.party);
}

export function canSeeContent(actor: Actor, item: ItemRow, isParticipant: boolean): boolean {
  if (item.confidentiality !== 'restricted') return true;
  const side = sideOf(actor, item);
  if (side && hasRole(actor, 'head', 'deputy_head')) return true;
  if (side === 'receiver' && item.route === 'coordinator') return true;
  return isParticipant;
}

export function assertCanSee(actor: Actor, item: ItemRow, parties: { fromParty: string; toParty: string }): void {
  if (!canSeeItem(actor, item, parties)) throw new AppError('NOT_FOUND', 'No such item');
}

/** Only the staff of an office authorized for direct interaction prepare items (O-1). */
export function assertCanCreate(actor: Actor, office: { authorized: boolean; kind: string }): void {
  if (!isOfficeStaff(actor)) throw new AppError('FORBIDDEN', 'Only the staff of an office prepare requests');
  if (!office.authorized || ['coordinator', 'leadership'].includes(office.kind)) {
    throw new AppError('OFFICE_NOT_AUTHORIZED', 'Your office is not authorized for direct interaction');
  }
}
