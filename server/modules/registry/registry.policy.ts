import { can, hasRole, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
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
