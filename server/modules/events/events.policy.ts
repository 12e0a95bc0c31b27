import { can, hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';
import { eventSideOf, type EventActor } from '../../../domain/events.ts';
import type { OfficeRow } from '../registry/index.ts';

/**
 * Who sees an event: the staff of the office that proposes it, and the coordinator and leadership
 * of its Party (the coordinator decides, leadership reads, O-6). Anyone else gets 404. Events are
 * the Party's internal procedure: the counterpart office is named, not given access — except on the
 * copy of a joint event that a peer node shared (issue 12): its counterpart offices hosted here
 * (their staff), and their Party's coordinator and leadership, read it; nobody acts on it as the
 * proposing side.
 */
export function eventActorOf(actor: Actor, office: Pick<OfficeRow, 'id' | 'party'> & Partial<Pick<OfficeRow, 'hosting'>>): EventActor {
  if (isPeerCopy(office)) return { side: null, roles: actor.roles };
  return { side: eventSideOf(actor, { officeId: office.id, party: office.party }), roles: actor.roles };
}

/** An event whose office is hosted at a peer node is that node's event: this node holds a read-only copy of it. */
export const isPeerCopy = (office: Partial<Pick<OfficeRow, 'hosting'>>): boolean => office.hosting === 'peer';

/** On a peer's joint event: the staff of a counterpart office of it, or the coordinator or leadership of the counterparts' Party. */
export function canSeePeerCopy(actor: Actor, office: Pick<OfficeRow, 'party'>, event: { counterpartOfficeIds: readonly string[] }): boolean {
  if (isOfficeStaff(actor) && event.counterpartOfficeIds.includes(actor.officeId)) return true;
  return hasRole(actor, 'coordinator', 'leadership') && actor.party !== office.party;
}

/** A draft that was never submitted is the office's own work: the coordinator and leadership see it once submitted. */
export function canSeeEvent(
  actor: Actor,
  office: Pick<OfficeRow, 'id' | 'party'> & Partial<Pick<OfficeRow, 'hosting'>>,
  event: { submittedAt: Date | null; counterpartOfficeIds?: readonly string[] },
): boolean {
  if (isPeerCopy(office)) return canSeePeerCopy(actor, office, { counterpartOfficeIds: event.counterpartOfficeIds ?? [] });
  const side = eventActorOf(actor, office).side;
  if (side === 'office') return true;
  if (!event.submittedAt) return false;
  return side === 'coordinator' || (hasRole(actor, 'leadership') && actor.party === office.party);
}

export function assertCanSeeEvent(
  actor: Actor,
  office: Pick<OfficeRow, 'id' | 'party'> & Partial<Pick<OfficeRow, 'hosting'>>,
  event: { submittedAt: Date | null; counterpartOfficeIds?: readonly string[] },
): void {
  if (!canSeeEvent(actor, office, event)) throw new AppError('NOT_FOUND', 'No such event');
}

/** Whether the list shows the viewer only submitted events (the coordinator's and leadership's view). */
export const seesSubmittedOnly = (actor: Actor): boolean => hasRole(actor, 'coordinator', 'leadership');

/** The offices whose events a user may list: their own, or (coordinator, leadership) all of their Party. */
export function visibleOfficeIds(actor: Actor, offices: readonly OfficeRow[]): string[] {
  if (!can(actor, 'events.read')) throw new AppError('FORBIDDEN', 'Events are read by office staff, coordinators and leadership');
  if (hasRole(actor, 'coordinator', 'leadership')) return offices.filter((o) => o.party === actor.party && !isPeerCopy(o)).map((o) => o.id);
  return isOfficeStaff(actor) ? [actor.officeId] : [];
}

/**
 * The peers' joint events a user may list (issue 12): the peer offices whose events to include, and
 * the counterpart offices one of which the event must name — the user's own office (staff), or any
 * office of their Party (coordinator, leadership). None when the user reads no peer's event.
 */
export function visiblePeerCopies(actor: Actor, offices: readonly OfficeRow[]): { officeIds: string[]; counterpartIds: string[] } | null {
  const peerOffices = offices.filter((o) => isPeerCopy(o) && o.party !== actor.party).map((o) => o.id);
  if (peerOffices.length === 0) return null;
  if (hasRole(actor, 'coordinator', 'leadership'))
    return { officeIds: peerOffices, counterpartIds: offices.filter((o) => o.party === actor.party).map((o) => o.id) };
  return isOfficeStaff(actor) ? { officeIds: peerOffices, counterpartIds: [actor.officeId] } : null;
}

/** O-3.5: the staff of an office authorized for direct interaction propose events. */
export function assertCanPropose(actor: Actor, office: Pick<OfficeRow, 'authorized' | 'kind'>): void {
  if (!can(actor, 'events.propose')) throw new AppError('FORBIDDEN', 'Only the staff of an office propose events');
  if (!office.authorized || ['coordinator', 'leadership'].includes(office.kind)) {
    throw new AppError('OFFICE_NOT_AUTHORIZED', 'Your office is not authorized for direct interaction');
  }
}
