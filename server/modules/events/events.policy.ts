import { can, hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { eventSideOf, type EventActor } from '../../../domain/events.ts';
import type { OfficeRow } from '../registry/index.ts';

/**
 * Who sees an event: the staff of the office that proposes it, and the coordinator and leadership
 * of its Party (the coordinator decides, leadership reads, O-6). Anyone else gets 404. Events are
 * the Party's internal procedure: the counterpart office is named, not given access.
 */
export function eventActorOf(actor: Actor, office: Pick<OfficeRow, 'id' | 'party'>): EventActor {
  return { side: eventSideOf(actor, { officeId: office.id, party: office.party }), roles: actor.roles };
}

/** A draft that was never submitted is the office's own work: the coordinator and leadership see it once submitted. */
export function canSeeEvent(actor: Actor, office: Pick<OfficeRow, 'id' | 'party'>, event: { submittedAt: Date | null }): boolean {
  const side = eventActorOf(actor, office).side;
  if (side === 'office') return true;
  if (!event.submittedAt) return false;
  return side === 'coordinator' || (hasRole(actor, 'leadership') && actor.party === office.party);
}

export function assertCanSeeEvent(actor: Actor, office: Pick<OfficeRow, 'id' | 'party'>, event: { submittedAt: Date | null }): void {
  if (!canSeeEvent(actor, office, event)) throw new AppError('NOT_FOUND', 'No such event');
}

/** Whether the list shows the viewer only submitted events (the coordinator's and leadership's view). */
export const seesSubmittedOnly = (actor: Actor): boolean => hasRole(actor, 'coordinator', 'leadership');

/** The offices whose events a user may list: their own, or (coordinator, leadership) all of their Party. */
export function visibleOfficeIds(actor: Actor, offices: readonly OfficeRow[]): string[] {
  if (!can(actor, 'events.read')) throw new AppError('FORBIDDEN', 'Events are read by office staff, coordinators and leadership');
  if (hasRole(actor, 'coordinator', 'leadership')) return offices.filter((o) => o.party === actor.party).map((o) => o.id);
  return isOfficeStaff(actor) ? [actor.officeId] : [];
}

/** O-3.5: the staff of an office authorized for direct interaction propose events. */
export function assertCanPropose(actor: Actor, office: Pick<OfficeRow, 'authorized' | 'kind'>): void {
  if (!can(actor, 'events.propose')) throw new AppError('FORBIDDEN', 'Only the staff of an office propose events');
  if (!office.authorized || ['coordinator', 'leadership'].includes(office.kind)) {
    throw new AppError('OFFICE_NOT_AUTHORIZED', 'Your office is not authorized for direct interaction');
  }
}
