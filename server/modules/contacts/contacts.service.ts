import type { z } from 'zod';
import { can, type Actor } from '../../../domain/access.ts';
import {
  backdatedDays,
  complianceStatus,
  contactDateIssue,
  designationBasis,
  designationDeadline,
  isCurrentOn,
  normalizePhone,
  recordedOn,
  summarizeDesignations,
} from '../../../domain/contacts.ts';
import { AppError, fieldError, fieldIssue } from '../../../domain/errors.ts';
import { counterpartIdsOn, officeInForce, type Party } from '../../../domain/registry.ts';
import type {
  ComplianceRow,
  ContactFields,
  CreateContactBody,
  EndContactBody,
  MarkCommunicatedBody,
  ReplaceContactBody,
  UpdateContactBody,
} from '../../../domain/schemas/contacts.ts';
import { addDays, addYears, localDate } from '../../../domain/time.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { diffFields } from '../../lib/diff.ts';
import { recordAudit } from '../audit/index.ts';
import { notify, type RecipientQuery } from '../notifications/index.ts';
import { allOffices, findOfficeById, listLegalBasisRows, loadRegistrySnapshot, presentOfficeRef, type OfficeRow } from '../registry/index.ts';
import { getSettings } from '../settings/index.ts';
import { assertCanCommunicate, assertCanEditContactsOf, assertCanOversee, assertCanReadChangesOf, assertCanReadContactsOf } from './contacts.policy.ts';
import { contactSnapshot, presentChange, presentContact, type ContactSnapshot } from './contacts.presenter.ts';
import * as repo from './contacts.repository.ts';

type Fields = z.infer<typeof ContactFields>;
const todayOf = (deps: Deps, office: OfficeRow) => localDate(deps.clock.now(), office.timeZone);

async function officeOr404(db: Db, id: string): Promise<OfficeRow> {
  const office = await findOfficeById(db, id);
  if (!office) throw new AppError('NOT_FOUND', 'No such office');
  return office;
}

async function counterpartsToday(deps: Deps, office: OfficeRow): Promise<string[]> {
  const snapshot = await loadRegistrySnapshot(deps.db);
  return counterpartIdsOn(office.id, todayOf(deps, office), snapshot.pairings);
}

async function contactOr404(deps: Deps, actor: Actor, id: string, forEdit: boolean) {
  const contact = await repo.findContact(deps.db, id);
  if (!contact) throw new AppError('NOT_FOUND', 'No such contact');
  const office = await officeOr404(deps.db, contact.officeId);
  if (forEdit) assertCanEditContactsOf(actor, office.id);
  else assertCanReadContactsOf(actor, office.id, await counterpartsToday(deps, office));
  return { contact, office };
}

/** Normalized personal data: the phone in international form, e-mail lower-case. */
function normalizeFields(f: Partial<Fields>) {
  const out: Partial<Fields> & { phoneE164?: string } = { ...f };
  if (f.phone !== undefined) {
    const phone = normalizePhone(f.phone)!; // validated by the schema
    out.phone = phone.display + (phone.e164.includes(';ext=') ? ` ext. ${phone.e164.split(';ext=')[1]}` : '');
    out.phoneE164 = phone.e164;
  }
  return out;
}

/**
 * O-3.1: refuses a date of a designation that cannot be true — before the Order (the Protocol for
 * Kazakh offices) or the office's authorization, or far in the future — naming the field.
 */
async function assertPlausibleDate(deps: Deps, office: OfficeRow, date: string, field: string): Promise<void> {
  const basis = designationBasis(await listLegalBasisRows(deps.db), office.party);
  const issue = contactDateIssue(date, { basis, authorizedFrom: office.authorizedFrom, today: todayOf(deps, office) });
  if (issue) throw fieldError('DATE_RANGE_INVALID', issue.message, fieldIssue(field, issue.rule, issue.message, issue.params));
}

function recipientsFor(party: Party): RecipientQuery {
  // O-3.1: ГУМПС (and, for Kazakh offices, the Department) is informed at once.
  return { party, officeKinds: ['coordinator'], roles: ['coordinator'] };
}

async function notifyCoordinator(tx: Db, deps: Deps, office: OfficeRow, change: repo.ContactChangeRow) {
  const payload = {
    officeCode: office.code,
    officeName: presentOfficeRef(office).name,
    changeKind: change.kind,
    effectiveFrom: change.effectiveFrom,
    // A back-dated change is told as such: ГУМПС learns of it only now.
    backdatedDays: backdatedDays(change.effectiveFrom, recordedOn(change.changedAt, office.timeZone)),
    fields: change.changedFields,
  };
  await notify(tx, deps, {
    recipients: recipientsFor(office.party),
    kind: 'contact.changed',
    officeId: office.id,
    subjectType: 'contact_change',
    subjectId: change.id,
    payload,
    link: `/offices/${office.id}?tab=contacts`,
  });
  // P-3, O-4.2: the other Party's coordinator at a peer node gets the change through the exchange; its signed receipt marks it communicated.
  await deps.sendRecord?.(tx, deps, { kind: 'contact_change', id: change.id, party: office.party, notice: payload });
}

// ─── reading ─────────────────────────────────────────────────────────────────

/**
 * Contacts of an office as they were on a date: who was designated then, with the data in
 * effect then (reconstructed from the change history).
 */
export async function listContacts(deps: Deps, actor: Actor, officeId: string, q: { on?: string | undefined; includeEnded?: boolean | undefined }) {
  const office = await officeOr404(deps.db, officeId);
  assertCanReadContactsOf(actor, office.id, await counterpartsToday(deps, office));
  const today = todayOf(deps, office);
  const on = q.on ?? today;
  const rows = await repo.listOfficeContacts(deps.db, office.id, q.includeEnded ? undefined : on);
  let items;
  if (on === today || q.includeEnded) {
    items = rows.map((c) => presentContact(c, office, today));
  } else {
    const changes = await repo.changesUpTo(
      deps.db,
      rows.map((r) => r.id),
      on,
    );
    const latest = new Map<string, ContactSnapshot>();
    for (const ch of changes) if (!latest.has(ch.contactId) && ch.after) latest.set(ch.contactId, ch.after);
    items = rows.map((c) => presentContact(c, office, on, latest.get(c.id)));
  }
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'contact.read',
      objectType: 'office_contacts',
      objectId: office.id,
      officeId: office.id,
      after: { on, contactIds: items.map((i) => i.id) },
    }),
  );
  return { on, items, total: items.length };
}

export async function getContact(deps: Deps, actor: Actor, id: string) {
  const { contact, office } = await contactOr404(deps, actor, id, false);
  await deps.db.transaction((tx) => recordAudit(tx, deps, actor, { action: 'contact.read', objectType: 'contact', objectId: id, officeId: office.id }));
  return presentContact(contact, office, todayOf(deps, office));
}

export async function contactHistory(deps: Deps, actor: Actor, id: string) {
  const { office } = await contactOr404(deps, actor, id, false);
  assertCanReadChangesOf(actor, office.id);
  const { rows, total } = await repo.listChanges(deps.db, { contactId: id, limit: 500, offset: 0 });
  await deps.db.transaction((tx) => recordAudit(tx, deps, actor, { action: 'contact.read_history', objectType: 'contact', objectId: id, officeId: office.id }));
  return { items: rows.map(presentChange), total };
}

// ─── changing ────────────────────────────────────────────────────────────────

export async function createContact(deps: Deps, actor: Actor, officeId: string, body: z.infer<typeof CreateContactBody>) {
  const office = await officeOr404(deps.db, officeId);
  assertCanEditContactsOf(actor, office.id);
  const { designatedFrom, ...fields } = body;
  const from = designatedFrom ?? todayOf(deps, office);
  await assertPlausibleDate(deps, office, from, 'body.designatedFrom');
  const data = normalizeFields(fields) as Fields & { phoneE164: string };
  const now = deps.clock.now();
  const contact = await deps.db.transaction(async (tx) => {
    const row = await repo.insertContact(tx, { officeId: office.id, ...data, designatedFrom: from, createdBy: actor.userId, createdAt: now, updatedAt: now });
    const after = contactSnapshot(row);
    const change = await repo.insertChange(tx, {
      contactId: row.id,
      officeId: office.id,
      kind: 'designated',
      effectiveFrom: from,
      before: null,
      after,
      changedFields: Object.keys(after),
      changedBy: actor.userId,
      changedAt: now,
    });
    await recordAudit(tx, deps, actor, { action: 'contact.create', objectType: 'contact', objectId: row.id, officeId: office.id, after });
    await notifyCoordinator(tx, deps, office, change);
    return row;
  });
  return presentContact(contact, office, todayOf(deps, office));
}

export async function updateContact(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateContactBody>) {
  const { contact, office } = await contactOr404(deps, actor, id, true);
  const today = todayOf(deps, office);
  if (contact.designatedTo && contact.designatedTo < today)
    throw new AppError('CONTACT_ALREADY_ENDED', 'This contact’s designation has ended; designate a new contact instead');
  if (body.version !== contact.version) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
  const { version, effectiveFrom, ...fields } = body;
  const data = normalizeFields(fields);
  const before = contactSnapshot(contact);
  const changes = diffFields(before, { ...data, phoneE164: undefined } as Partial<ContactSnapshot>);
  if (changes.length === 0) return presentContact(contact, office, today);
  const effective = effectiveFrom ?? today;
  if (effective < contact.designatedFrom) {
    throw fieldError(
      'DATE_RANGE_INVALID',
      'A change cannot take effect before the designation began',
      fieldIssue('body.effectiveFrom', 'before_designation', 'Before the designation began'),
    );
  }
  await assertPlausibleDate(deps, office, effective, 'body.effectiveFrom');
  const now = deps.clock.now();
  const updated = await deps.db.transaction(async (tx) => {
    const row = await repo.updateContactVersioned(tx, id, version, { ...data, updatedAt: now });
    if (!row) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
    const after = contactSnapshot(row);
    const change = await repo.insertChange(tx, {
      contactId: id,
      officeId: office.id,
      kind: 'updated',
      effectiveFrom: effective,
      before,
      after,
      changedFields: changes.map((c) => c.field),
      changedBy: actor.userId,
      changedAt: now,
    });
    await recordAudit(tx, deps, actor, { action: 'contact.update', objectType: 'contact', objectId: id, officeId: office.id, before, after });
    await notifyCoordinator(tx, deps, office, change);
    return row;
  });
  return presentContact(updated, office, today);
}

/** Replacement (O-3.1): the predecessor's designation ends the day before the successor's begins. */
export async function replaceContact(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ReplaceContactBody>) {
  const { contact, office } = await contactOr404(deps, actor, id, true);
  const today = todayOf(deps, office);
  if (contact.designatedTo && contact.designatedTo < today)
    throw new AppError('CONTACT_ALREADY_ENDED', 'This contact’s designation has ended; designate a new contact instead');
  if (body.version !== contact.version) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
  const from = body.effectiveFrom ?? today;
  const lastDay = addDays(from, -1);
  if (lastDay < contact.designatedFrom) {
    throw fieldError(
      'DATE_RANGE_INVALID',
      'The successor must start after the predecessor’s first day',
      fieldIssue('body.effectiveFrom', 'after_predecessor_start', 'Must be after the predecessor’s first day'),
    );
  }
  await assertPlausibleDate(deps, office, from, 'body.effectiveFrom');
  const data = normalizeFields(body.successor) as Fields & { phoneE164: string };
  const now = deps.clock.now();
  const successor = await deps.db.transaction(async (tx) => {
    const ended = await repo.updateContactVersioned(tx, id, body.version, { designatedTo: lastDay, updatedAt: now });
    if (!ended) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
    const row = await repo.insertContact(tx, { officeId: office.id, ...data, designatedFrom: from, createdBy: actor.userId, createdAt: now, updatedAt: now });
    const before = { ...contactSnapshot(ended), predecessorId: id };
    const after = contactSnapshot(row);
    const change = await repo.insertChange(tx, {
      contactId: row.id,
      officeId: office.id,
      kind: 'replaced',
      effectiveFrom: from,
      before,
      after,
      changedFields: Object.keys(after),
      changedBy: actor.userId,
      changedAt: now,
    });
    await recordAudit(tx, deps, actor, { action: 'contact.replace', objectType: 'contact', objectId: row.id, officeId: office.id, before, after });
    await notifyCoordinator(tx, deps, office, change);
    return row;
  });
  return presentContact(successor, office, today);
}

export async function endContact(deps: Deps, actor: Actor, id: string, body: z.infer<typeof EndContactBody>) {
  const { contact, office } = await contactOr404(deps, actor, id, true);
  const today = todayOf(deps, office);
  if (contact.designatedTo) throw new AppError('CONTACT_ALREADY_ENDED', 'This contact’s designation already has an end date');
  if (body.version !== contact.version) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
  const to = body.designatedTo ?? today;
  if (to < contact.designatedFrom) {
    throw fieldError(
      'DATE_RANGE_INVALID',
      'The end is before the designation began',
      fieldIssue('body.designatedTo', 'before_designation', 'Before the designation began'),
    );
  }
  await assertPlausibleDate(deps, office, to, 'body.designatedTo');
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const ended = await repo.updateContactVersioned(tx, id, body.version, { designatedTo: to, updatedAt: now });
    if (!ended) throw new AppError('VERSION_CONFLICT', 'Someone else has changed this contact; reload and try again');
    const before = contactSnapshot(contact);
    const after = contactSnapshot(ended);
    const change = await repo.insertChange(tx, {
      contactId: id,
      officeId: office.id,
      kind: 'ended',
      effectiveFrom: addDays(to, 1),
      before,
      after,
      changedFields: ['designatedTo'],
      changedBy: actor.userId,
      changedAt: now,
    });
    await recordAudit(tx, deps, actor, { action: 'contact.end', objectType: 'contact', objectId: id, officeId: office.id, before, after });
    await notifyCoordinator(tx, deps, office, change);
    return ended;
  });
  return presentContact(row, office, today);
}

// ─── oversight and communication to the other Party ──────────────────────────

export async function listChanges(
  deps: Deps,
  actor: Actor,
  q: { officeCode?: string | undefined; pending?: boolean | undefined; party?: Party | undefined; limit: number; offset: number },
) {
  let officeId: string | undefined;
  if (q.officeCode) {
    const office = (await allOffices(deps.db)).find((o) => o.code === q.officeCode);
    if (!office) throw new AppError('NOT_FOUND', 'No such office');
    officeId = office.id;
  }
  if (officeId) assertCanReadChangesOf(actor, officeId);
  else assertCanCommunicate(actor);
  const { rows, total } = await repo.listChanges(deps.db, { officeId, pending: q.pending, party: q.party, limit: q.limit, offset: q.offset });
  const items = rows.map(presentChange);
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'contact.read_changes',
      objectType: 'contact_changes',
      objectId: officeId ?? null,
      after: { changeIds: items.map((i) => i.id) },
    }),
  );
  return { items, total };
}

export async function compliance(deps: Deps, actor: Actor, party: Party | undefined): Promise<{ items: ComplianceRow[]; summary: Record<string, number> }> {
  assertCanOversee(actor);
  return complianceOf(deps, party ?? actor.party);
}

/** O-3.1 on the law page (every user): how many of the Party's offices stand in each compliance status, no office named. */
export async function complianceCounts(deps: Deps, actor: Actor): Promise<Record<string, number>> {
  if (!can(actor, 'law.read')) throw new AppError('FORBIDDEN', 'The law page is for signed-in users');
  return (await complianceOf(deps, actor.party)).summary;
}

async function complianceOf(deps: Deps, wanted: Party): Promise<{ items: ComplianceRow[]; summary: Record<string, number> }> {
  const now = deps.clock.now();
  const [offices, basis, s, pending, lastChange] = await Promise.all([
    allOffices(deps.db),
    listLegalBasisRows(deps.db),
    getSettings(deps.db),
    repo.pendingChangeCounts(deps.db),
    repo.lastChangeAt(deps.db),
  ]);
  // O-3.1 counts from the Party's implementing order (Order No. 136 for the Russian side).
  const order = basis.filter((b) => b.kind === 'order' && b.party === wanted && b.inForceFrom).sort((a, b) => a.inForceFrom!.localeCompare(b.inForceFrom!))[0];
  const relevant = offices.filter(
    (o) => o.party === wanted && o.authorized && !['coordinator', 'leadership'].includes(o.kind) && officeInForce(o, localDate(now, o.timeZone)),
  );
  const contacts = await repo.contactsOfOffices(
    deps.db,
    relevant.map((o) => o.id),
  );
  const items = relevant.map((o): ComplianceRow => {
    const own = contacts.filter((c) => c.officeId === o.id);
    const today = localDate(now, o.timeZone);
    const deadline = order
      ? designationDeadline({ orderDate: order.inForceFrom!, authorizedFrom: o.authorizedFrom, timeZone: o.timeZone, days: s.contactDesignationDays })
      : null;
    // Judged by when ГУМПС was informed (the day each designation was recorded), not by the
    // first day the office states, which may be back-dated.
    const designations = summarizeDesignations(own.map((c) => ({ designatedFrom: c.designatedFrom, recordedOn: recordedOn(c.createdAt, o.timeZone) })));
    const currentContacts = own.filter((c) => isCurrentOn(c, today)).length;
    return {
      office: { ...presentOfficeRef(o), kind: o.kind, timeZone: o.timeZone },
      authorizedFrom: o.authorizedFrom,
      deadline: deadline ? { ...deadline, dueAt: deadline.dueAt.toISOString() } : null,
      status: complianceStatus({ deadline, firstInformedOn: designations.firstInformedOn, currentContacts, now, today }),
      ...designations,
      currentContacts,
      lastChangeAt: lastChange.get(o.id)?.toISOString() ?? null,
      pendingChanges: pending.get(o.id) ?? 0,
    };
  });
  const summary: Record<string, number> = { total: items.length };
  for (const i of items) summary[i.status] = (summary[i.status] ?? 0) + 1;
  return { items, summary };
}

/** O-4.2 / P-3: the coordinator records the letter that sent the pending changes to the other Party. */
export async function markCommunicated(deps: Deps, actor: Actor, body: z.infer<typeof MarkCommunicatedBody>) {
  assertCanCommunicate(actor);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const ids = await repo.pendingChangesForParty(tx, actor.party, body.changeIds);
    if (body.changeIds && ids.length !== new Set(body.changeIds).size) {
      throw new AppError('CONFLICT', 'Some of the listed changes are already communicated or are not of your Party', { field: 'changeIds' });
    }
    if (ids.length === 0) throw new AppError('NOTHING_TO_COMMUNICATE', 'There are no pending changes to communicate');
    const c = await repo.insertCommunication(tx, {
      party: actor.party,
      sentOn: body.sentOn,
      outgoingNumber: body.outgoingNumber,
      note: body.note ?? null,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    await repo.attachChanges(tx, ids, c.id);
    await recordAudit(tx, deps, actor, {
      action: 'contact.communicate',
      objectType: 'contact_communication',
      objectId: c.id,
      after: { sentOn: body.sentOn, outgoingNumber: body.outgoingNumber, changeIds: ids },
    });
    return {
      id: c.id,
      party: c.party,
      sentOn: c.sentOn,
      outgoingNumber: c.outgoingNumber,
      note: c.note,
      changes: ids.length,
      recordedBy: { id: actor.userId, fullName: '' },
      recordedAt: c.recordedAt.toISOString(),
    };
  });
}

export async function listCommunications(deps: Deps, actor: Actor, q: { limit: number; offset: number }) {
  assertCanCommunicate(actor);
  const { rows, total } = await repo.listCommunications(deps.db, actor.party, q.limit, q.offset);
  return {
    items: rows.map((r) => ({
      id: r.c.id,
      party: r.c.party,
      sentOn: r.c.sentOn,
      outgoingNumber: r.c.outgoingNumber,
      note: r.c.note,
      changes: r.changes,
      recordedBy: r.c.recordedBy ? { id: r.c.recordedBy, fullName: r.actorName ?? '' } : null,
      recordedAt: r.c.recordedAt.toISOString(),
    })),
    total,
  };
}

export interface ContactListEntry {
  office: OfficeRow;
  contacts: ReturnType<typeof presentContact>[];
}

/** The current contact list of a Party's authorized offices, for the export to the other Party (P-3). */
export async function currentContactList(
  deps: Deps,
  actor: Actor,
  party: Party | undefined,
  format: string,
): Promise<{ party: Party; asOf: Date; entries: ContactListEntry[] }> {
  assertCanCommunicate(actor);
  const wanted = party ?? actor.party;
  const now = deps.clock.now();
  const offices = (await allOffices(deps.db)).filter(
    (o) => o.party === wanted && o.authorized && !['coordinator', 'leadership'].includes(o.kind) && officeInForce(o, localDate(now, o.timeZone)),
  );
  const all = await repo.contactsOfOffices(
    deps.db,
    offices.map((o) => o.id),
  );
  const entries = offices.map((o) => {
    const today = localDate(now, o.timeZone);
    return { office: o, contacts: all.filter((c) => c.officeId === o.id && isCurrentOn(c, today)).map((c) => presentContact(c, o, today)) };
  });
  await deps.db.transaction((tx) =>
    recordAudit(tx, deps, actor, {
      action: 'contact.export',
      objectType: 'contact_list',
      objectId: wanted,
      after: { format, contactIds: entries.flatMap((e) => e.contacts.map((c) => c.id)) },
    }),
  );
  return { party: wanted, asOf: now, entries };
}

/** Personal-data retention: erases contacts whose designation ended more than N years ago. */
export async function erasePersonalDataPastRetention(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const s = await getSettings(deps.db);
  const cutoff = addYears(localDate(deps.clock.now(), 'UTC'), -s.personalDataRetentionYears);
  return deps.db.transaction(async (tx) => {
    const ids = await repo.eraseExpiredContacts(tx, cutoff);
    if (ids.length)
      await recordAudit(tx, deps, null, {
        action: 'contact.erase_expired',
        objectType: 'contact',
        objectId: null,
        after: { contactIds: ids, endedOnOrBefore: cutoff },
      });
    return ids.length;
  });
}

export { officeOr404 };
