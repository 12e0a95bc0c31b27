import { hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { mayReadPiece, type ReaderRelation } from '../../../domain/confidentiality.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Confidentiality } from '../../../domain/items.ts';
import { wasSent, type ActorView, type Side } from '../../../domain/item-status.ts';
import type { ItemRow } from './items.repository.ts';

/**
 * Who sees what of a request or proposal.
 * - The sending office's staff see its items from the first draft; the requested office's staff
 *   once sent. On a matter routed to the coordinator (O-3.4) the coordinator is the addressee.
 * - A coordinator oversees every sent item that involves an office of its Party (metadata).
 * - Each piece of information (the request's content, the answer, a message, a file) carries its
 *   own level, set by the Party that provided it; a restricted piece is read only as
 *   domain/confidentiality.ts mayReadPiece says; other viewers see that it exists, its
 *   level and where the item stands.
 * Anyone else gets 404.
 */
export function sideOf(actor: Actor, item: Pick<ItemRow, 'fromOfficeId' | 'toOfficeId' | 'route'>): Side | null {
  if (actor.officeId === item.fromOfficeId && isOfficeStaff(actor)) return 'sender';
  if (actor.officeId === item.toOfficeId && (isOfficeStaff(actor) || (item.route === 'coordinator' && hasRole(actor, 'coordinator')))) return 'receiver';
  return null;
}

export function actorView(actor: Actor, item: ItemRow): ActorView {
  const side = sideOf(actor, item);
  return { side: side === 'receiver' && !wasSent(item.status) ? null : side, roles: actor.roles };
}

export function canSeeItem(actor: Actor, item: ItemRow, parties: { fromParty: string; toParty: string }): boolean {
  const side = sideOf(actor, item);
  if (side === 'sender') return true;
  if (!wasSent(item.status)) return false;
  if (side === 'receiver') return true;
  return hasRole(actor, 'coordinator') && (parties.fromParty === actor.party || parties.toParty === actor.party);
}

/** How the actor stands to the item, for the confidentiality rule; `assigned` from item_participants. */
export function relationOf(actor: Actor, item: Pick<ItemRow, 'fromOfficeId' | 'toOfficeId' | 'route'>, assigned: boolean): ReaderRelation {
  const side = sideOf(actor, item);
  return { side, head: side !== null && hasRole(actor, 'head', 'deputy_head'), routedAddressee: side === 'receiver' && item.route === 'coordinator', assigned };
}

/** may the actor read a piece of this level on this item? */
export function mayRead(
  actor: Actor,
  item: Pick<ItemRow, 'fromOfficeId' | 'toOfficeId' | 'route'>,
  assigned: boolean,
  level: Confidentiality | null | undefined,
): boolean {
  return mayReadPiece(level ?? 'open', relationOf(actor, item, assigned));
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
