import { backdatedDays, isCurrentOn, recordedOn, type ContactSnapshot } from '../../../domain/contacts.ts';
import type { ContactChangeView, ContactView } from '../../../domain/schemas/contacts.ts';
import { presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import type { CommunicationRow, ContactChangeRow, ContactRow } from './contacts.repository.ts';

/** The personal-data fields of a contact, as stored in change snapshots. */
export function contactSnapshot(
  c: Pick<ContactRow, 'surname' | 'firstName' | 'patronymic' | 'position' | 'phone' | 'email' | 'designatedFrom' | 'designatedTo'>,
): ContactSnapshot {
  return {
    surname: c.surname,
    firstName: c.firstName,
    patronymic: c.patronymic,
    position: c.position,
    phone: c.phone,
    email: c.email,
    designatedFrom: c.designatedFrom,
    designatedTo: c.designatedTo,
  };
}
export type { ContactSnapshot };

export function presentContact(c: ContactRow, office: Pick<OfficeRow, 'code' | 'timeZone'>, today: string, asOf?: Partial<ContactSnapshot>): ContactView {
  const data = { ...contactSnapshot(c), ...asOf };
  // O-3.1: the day ГУМПС was informed of the designation, beside the first day the office states.
  const recorded = recordedOn(c.createdAt, office.timeZone);
  return {
    id: c.id,
    officeId: c.officeId,
    officeCode: office.code,
    surname: data.surname,
    firstName: data.firstName,
    patronymic: data.patronymic ?? null,
    position: data.position,
    phone: data.phone,
    email: data.email,
    designatedFrom: c.designatedFrom,
    designatedTo: c.designatedTo,
    recordedOn: recorded,
    backdatedDays: backdatedDays(c.designatedFrom, recorded),
    current: isCurrentOn(c, today),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function presentChange(r: {
  change: ContactChangeRow;
  office: OfficeRow;
  actorName: string | null;
  communication: CommunicationRow | null;
}): ContactChangeView {
  const c = r.change;
  const recorded = recordedOn(c.changedAt, r.office.timeZone);
  return {
    id: c.id,
    office: presentOfficeRef(r.office),
    contactId: c.contactId,
    kind: c.kind,
    effectiveFrom: c.effectiveFrom,
    recordedOn: recorded,
    backdatedDays: backdatedDays(c.effectiveFrom, recorded),
    changedFields: c.changedFields,
    before: c.before ?? null,
    after: c.after ?? null,
    changedAt: c.changedAt.toISOString(),
    changedBy: c.changedBy ? { id: c.changedBy, fullName: r.actorName ?? '' } : null,
    communication: r.communication ? { id: r.communication.id, sentOn: r.communication.sentOn, outgoingNumber: r.communication.outgoingNumber } : null,
  };
}
