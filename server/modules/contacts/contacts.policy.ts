import { can, hasRole, isOfficeStaff, type Actor } from '../../../domain/access.ts';
import { AppError } from '../../../domain/errors.ts';

/**
 * Contact data is personal data. It is seen by the office's own staff, by the staff of its paired
 * counterparts (they need to know whom to contact), and by the coordinators who exchange it
 * (P-3). Anyone else gets 404: they cannot even learn the list exists.
 */
export function canReadContactsOf(actor: Actor, officeId: string, counterpartIds: readonly string[]): boolean {
  if (hasRole(actor, 'coordinator')) return true;
  if (!isOfficeStaff(actor)) return false;
  return actor.officeId === officeId || counterpartIds.includes(actor.officeId);
}

export function assertCanReadContactsOf(actor: Actor, officeId: string, counterpartIds: readonly string[]): void {
  if (!canReadContactsOf(actor, officeId, counterpartIds)) throw new AppError('NOT_FOUND', 'No such office contacts');
}

/** Only the office's own staff designate and change its contact persons (O-3.1). */
export function assertCanEditContactsOf(actor: Actor, officeId: string): void {
  if (actor.officeId !== officeId) throw new AppError('NOT_FOUND', 'No such office contacts');
  if (!can(actor, 'contacts.edit')) throw new AppError('FORBIDDEN', 'Only the office’s head, deputies and officers designate contact persons');
}

export function assertCanOversee(actor: Actor): void {
  if (!can(actor, 'contacts.oversee')) throw new AppError('FORBIDDEN');
}

export function assertCanCommunicate(actor: Actor): void {
  if (!can(actor, 'contacts.communicate')) throw new AppError('FORBIDDEN');
}

/** Change history of an office: its own staff and the coordinators. */
export function assertCanReadChangesOf(actor: Actor, officeId: string): void {
  if (hasRole(actor, 'coordinator')) return;
  if (isOfficeStaff(actor) && actor.officeId === officeId) return;
  throw new AppError('NOT_FOUND', 'No such office contacts');
}
