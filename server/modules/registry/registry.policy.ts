import { can, hasRole, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { mayChangeHosting } from '../../../domain/node.ts';
import type { Party } from '../../../domain/registry.ts';

export function assertCanReadRegistry(actor: Actor): void {
  if (!can(actor, 'registry.read')) throw new AppError('FORBIDDEN');
}

/** An administrator edits any office; a coordinator the offices of its own Party. */
export function assertCanEditOffice(actor: Actor, party: Party): void {
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'coordinator') && actor.party === party) return;
  throw new AppError('FORBIDDEN', 'Only an administrator or the coordinator of this Party may edit its offices');
}

/** Pairings and the legal basis concern both Parties: either coordinator (or an administrator) edits them. */
export function assertCanEditShared(actor: Actor): void {
  if (!can(actor, 'registry.edit')) throw new AppError('FORBIDDEN', 'Only a coordinator or an administrator may edit the registry');
}

/** Administrators move any office here, to a peer or off the system; a coordinator those of its Party (domain/node.ts). */
export function assertCanChangeHosting(actor: Actor, party: Party): void {
  if (!mayChangeHosting(actor, party))
    throw new AppError('FORBIDDEN', 'Only an administrator or the coordinator of this Party may change where its offices work');
}

/** the coordinator dispatches the notices its Party owes offices that have no users here. */
export function assertCanCommunicate(actor: Actor): void {
  if (!can(actor, 'registry.communicate')) throw new AppError('FORBIDDEN', 'Only a coordinator sends notices to the other Party');
}
