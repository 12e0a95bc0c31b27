import { z } from 'zod';
import type { Actor } from '../../../domain/access.ts';
import { AppError, fieldError, fieldIssue, validationError } from '../../../domain/errors.ts';
import {
  deliveryTo,
  hostingAfterNodeChange,
  hostingChangeRefusal,
  hostingChanges,
  initialHosting,
  type Hosting,
  type NodeParty,
  type OfficeHosting,
} from '../../../domain/node.ts';
import { mayExchangeDirectly, otherParty, type RegistryOffice, type RegistryPairing } from '../../../domain/registry.ts';
import type {
  ChangeHostingBody,
  CreateLegalBasisBody,
  CreateOfficeBody,
  CreatePairingBody,
  MarkNoticesSentBody,
  OfficeListQuery,
  PairingListQuery,
  PartyNoticeListQuery,
  TerminationNoticeBody,
  UpdateLegalBasisBody,
  UpdateOfficeBody,
  UpdatePairingBody,
} from '../../../domain/schemas/registry.ts';
import { OfficeView } from '../../../domain/schemas/registry.ts';
import { page } from '../../../domain/schemas/common.ts';
import { localDate } from '../../../domain/time.ts';
import type { Database, Db } from '../../db/client.ts';
import { registryCache, type RegistryCache } from './registry.cache.ts';
import type { Deps } from '../../lib/deps.ts';
import { diffFields, type FieldChange } from '../../lib/diff.ts';
import { recordAudit } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { assertCanChangeHosting, assertCanCommunicate, assertCanEditOffice, assertCanEditShared, assertCanReadRegistry } from './registry.policy.ts';
import {
  hostingOf,
  presentHistory,
  presentHostedOfficeRef,
  presentLegalBasis,
  presentOffice,
  presentPairing,
  presentPartyNotice,
  toLegalBasisDocument,
} from './registry.presenter.ts';
import * as repo from './registry.repository.ts';

const today = (deps: Deps, actor: Actor) => localDate(deps.clock.now(), actor.officeTimeZone);

function rangeError(field: string): AppError {
  return fieldError(
    'DATE_RANGE_INVALID',
    'The end date is before the start date',
    fieldIssue(`body.${field}`, 'date_range', 'The end date is before the start date'),
  );
}

/** A registry change, in one transaction; this instance's cached answers go at once (the others' on the trigger's notice). */
async function registryWrite<T>(deps: Deps, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await deps.db.transaction(fn);
  } finally {
    deps.registry?.invalidate();
  }
}

function versionConflict(): AppError {
  return new AppError('VERSION_CONFLICT', 'Someone else has changed this record; reload and try again');
}

// ─── offices ─────────────────────────────────────────────────────────────────

export async function listOffices(deps: Deps, actor: Actor, q: z.infer<typeof OfficeListQuery>) {
  assertCanReadRegistry(actor);
  const { rows, total } = await repo.listOffices(deps.db, q);
  const now = deps.clock.now();
  return { items: rows.map((r) => presentOffice(r, now)), total };
}

const OfficeListPage = page(OfficeView);

/** The registry cache of an app, its ETags tied to the office list's response shape. */
export function openRegistryCache(database: Pick<Database, 'listen'>): Promise<RegistryCache> {
  return registryCache(database, JSON.stringify(z.toJSONSchema(OfficeListPage)));
}

/**
 * The office list as a cached answer (deps.registry): its ETag, and its body encoded exactly as the
 * route's response schema would (the same guard of what leaves), rendered only when not cached.
 * Null when this app has no registry cache.
 */
export async function officeListAnswer(deps: Deps, actor: Actor, q: z.infer<typeof OfficeListQuery>) {
  assertCanReadRegistry(actor);
  const cache = deps.registry;
  if (!cache) return null;
  const version = await cache.version(deps.db);
  return cache.answer(version, deps.clock.now(), JSON.stringify(q), async () => JSON.stringify(z.encode(OfficeListPage, await listOffices(deps, actor, q))));
}

/** Every office as rows, from the registry cache while the registry is unchanged (read-only). */
export function cachedOffices(deps: Pick<Deps, 'db' | 'registry'>): Promise<repo.OfficeRow[]> {
  return deps.registry ? deps.registry.derived('offices', deps.db, () => repo.allOffices(deps.db)) : repo.allOffices(deps.db);
}

export async function getOffice(deps: Deps, actor: Actor, id: string) {
  assertCanReadRegistry(actor);
  const row = await repo.findOfficeById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such office');
  return presentOffice(row, deps.clock.now());
}

/** The office's pairings with, for the date asked, whether direct exchange is allowed along each. */
export async function getCounterparts(deps: Deps, actor: Actor, id: string, on?: string) {
  assertCanReadRegistry(actor);
  const office = await repo.findOfficeById(deps.db, id);
  if (!office) throw new AppError('NOT_FOUND', 'No such office');
  const date = on ?? localDate(deps.clock.now(), office.timeZone);
  const [{ rows }, snapshot] = await Promise.all([repo.listPairings(deps.db, { officeId: id, limit: 500, offset: 0 }), loadRegistrySnapshot(deps.db)]);
  return {
    on: date,
    items: rows.map((p) => {
      const counterpart = p.ru.id === id ? p.kz : p.ru;
      const decision = mayExchangeDirectly({
        from: snapshot.office(office.id)!,
        to: snapshot.office(counterpart.id)!,
        on: date,
        pairings: snapshot.pairings,
        legalBasis: snapshot.legalBasis,
      });
      return {
        office: presentHostedOfficeRef(counterpart),
        pairing: presentPairing(p, date),
        directExchange: decision.allowed ? { allowed: true, reason: null } : { allowed: false, reason: decision.reason },
      };
    }),
  };
}

export async function createOffice(deps: Deps, actor: Actor, body: z.infer<typeof CreateOfficeBody>) {
  assertCanEditOffice(actor, body.party);
  if (body.validFrom && body.validTo && body.validTo < body.validFrom) throw rangeError('validTo');
  if (await repo.findOfficeByCode(deps.db, body.code)) {
    throw fieldError('OFFICE_CODE_TAKEN', 'An office with this code exists', fieldIssue('body.code', 'unique', 'An office with this code exists'));
  }
  const now = deps.clock.now();
  const row = await registryWrite(deps, async (tx) => {
    const created = await repo.insertOffice(tx, {
      code: body.code,
      party: body.party,
      kind: body.kind,
      nameRu: body.name.ru,
      nameKk: body.name.kk,
      nameEn: body.name.en,
      seatRu: body.seat.ru,
      seatKk: body.seat.kk,
      seatEn: body.seat.en,
      timeZone: body.timeZone,
      validFrom: body.validFrom,
      validTo: body.validTo,
      authorized: body.authorized,
      authorizedFrom: body.authorizedFrom,
      listedInOrderItem1: body.listedInOrderItem1,
      regionCode: body.regionCode,
      address: body.address,
      notes: body.notes,
      // Of a Party this node has, here; of the other, off the system until a peer is configured.
      hosting: initialHosting(deps.config.nodeParty, body.party),
      createdAt: now,
      updatedAt: now,
    });
    const view = presentOffice(created, now);
    await repo.insertHistory(tx, {
      entityType: 'office',
      entityId: created.id,
      officeIds: [created.id],
      action: 'created',
      changes: [],
      effectiveFrom: body.validFrom ?? today(deps, actor),
      comment: null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'office.create', objectType: 'office', objectId: created.id, after: view });
    if (created.kind === 'coordinator') await notifyCoordinatorChange(tx, deps, created, [], body.validFrom ?? today(deps, actor));
    return created;
  });
  return presentOffice(row, now);
}

/** Flattens an office row into the shape of the edit body, for diffs and history. */
function officeEditable(o: repo.OfficeRow) {
  return {
    kind: o.kind,
    name: { ru: o.nameRu, kk: o.nameKk, en: o.nameEn },
    seat: { ru: o.seatRu, kk: o.seatKk, en: o.seatEn },
    timeZone: o.timeZone,
    validFrom: o.validFrom,
    validTo: o.validTo,
    authorized: o.authorized,
    authorizedFrom: o.authorizedFrom,
    listedInOrderItem1: o.listedInOrderItem1,
    regionCode: o.regionCode,
    address: o.address,
    notes: o.notes,
  };
}

export async function updateOffice(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateOfficeBody>) {
  const current = await repo.findOfficeById(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such office');
  assertCanEditOffice(actor, current.party);
  const { version, effectiveFrom, comment, ...patch } = body;
  const before = officeEditable(current);
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  if (merged.validFrom && merged.validTo && merged.validTo < merged.validFrom) throw rangeError('validTo');
  if (version !== current.version) throw versionConflict();
  const changes = diffFields(before, patch);
  if (changes.length === 0) return presentOffice(current, deps.clock.now());
  const now = deps.clock.now();
  const row = await registryWrite(deps, async (tx) => {
    const updated = await repo.updateOfficeVersioned(tx, id, version, {
      kind: merged.kind,
      nameRu: merged.name.ru,
      nameKk: merged.name.kk,
      nameEn: merged.name.en,
      seatRu: merged.seat.ru,
      seatKk: merged.seat.kk,
      seatEn: merged.seat.en,
      timeZone: merged.timeZone,
      validFrom: merged.validFrom,
      validTo: merged.validTo,
      authorized: merged.authorized,
      authorizedFrom: merged.authorizedFrom,
      listedInOrderItem1: merged.listedInOrderItem1,
      regionCode: merged.regionCode,
      address: merged.address,
      notes: merged.notes,
      updatedAt: now,
    });
    if (!updated) throw versionConflict();
    await repo.insertHistory(tx, {
      entityType: 'office',
      entityId: id,
      officeIds: [id],
      action: 'updated',
      changes,
      effectiveFrom: effectiveFrom ?? today(deps, actor),
      comment: comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'office.update', objectType: 'office', objectId: id, before, after: officeEditable(updated) });
    if (current.kind === 'coordinator' || updated.kind === 'coordinator')
      await notifyCoordinatorChange(tx, deps, updated, changes, effectiveFrom ?? today(deps, actor));
    return updated;
  });
  return presentOffice(row, now);
}

/**
 * a change of a coordinating unit is notified to the other Party's coordinator — in the
 * application when its unit is hosted here; otherwise (the other Party's coordinator is an
 * addressee, not a user of this node) it is recorded as a notice this Party's coordinator sends by
 * letter, pending until the letter is recorded.
 */
async function notifyCoordinatorChange(tx: Db, deps: Deps, office: repo.OfficeRow, changes: FieldChange[], effectiveFrom: string) {
  const payload = { officeCode: office.code, officeName: { ru: office.nameRu, kk: office.nameKk, en: office.nameEn }, fields: changes.map((c) => c.field) };
  const addressees = (await repo.allOffices(tx)).filter((o) => o.party === otherParty(office.party) && o.kind === 'coordinator');
  const inApp = addressees.filter((o) => deliveryTo(o) === 'in_app');
  if (inApp.length) {
    await notify(tx, deps, {
      recipients: { officeIds: inApp.map((o) => o.id), roles: ['coordinator'] },
      kind: 'registry.coordinator_changed',
      officeId: office.id,
      subjectType: 'office',
      subjectId: office.id,
      payload,
      link: `/offices/${office.id}`,
    });
  }
  const now = deps.clock.now();
  const notices = await repo.insertPartyNotices(
    tx,
    addressees
      .filter((o) => deliveryTo(o) === 'letter')
      .map((o) => ({
        kind: 'registry.coordinator_changed',
        fromParty: office.party,
        toOfficeId: o.id,
        officeId: office.id,
        subjectType: 'office',
        subjectId: office.id,
        payload: { ...payload, effectiveFrom },
        createdAt: now,
      })),
  );
  // A coordinator at a peer node gets it through the exchange; the notice counts as sent when its signed receipt comes back.
  const atPeer = new Set(addressees.filter((o) => o.hosting === 'peer').map((o) => o.id));
  for (const n of notices) if (atPeer.has(n.toOfficeId)) await deps.sendRecord?.(tx, deps, { kind: 'party_notice', id: n.id, party: office.party });
}

/** History actions that record where an office works. */
const HOSTING_ACTIONS = ['hosting_changed', 'node_changed'] as const;

/**
 * Moves an office here, to a peer node or off the system (domain/node.ts says who may and what this
 * node allows), versioned, with its history row (who, when, old → new, from when) and audit row.
 */
export async function changeHosting(deps: Deps, actor: Actor, id: string, body: z.infer<typeof ChangeHostingBody>) {
  const current = await repo.findOfficeById(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such office');
  assertCanChangeHosting(actor, current.party);
  const before = hostingOf(current);
  const after: OfficeHosting = { hosting: body.hosting, peer: body.hosting === 'peer' ? body.peer! : null };
  const refusal = hostingChangeRefusal({
    node: deps.config.nodeParty,
    actor,
    office: current,
    to: after.hosting,
    activeUsers: after.hosting === 'here' ? 0 : await repo.countActiveUsersOf(deps.db, id),
  });
  if (refusal?.code === 'FORBIDDEN') throw new AppError('FORBIDDEN');
  if (refusal?.code === 'HOSTING_NOT_ALLOWED') {
    throw fieldError(
      'HOSTING_NOT_ALLOWED',
      `This node (${deps.config.nodeParty}) allows ${refusal.allowed.join(', ')} for this office`,
      fieldIssue('body.hosting', 'hosting_allowed', 'Not allowed on this node', { allowed: refusal.allowed }),
      { allowed: refusal.allowed },
    );
  }
  if (refusal?.code === 'OFFICE_HAS_ACTIVE_USERS')
    throw new AppError('OFFICE_HAS_ACTIVE_USERS', `${refusal.users} active users belong to this office`, { users: refusal.users });
  if (body.version !== current.version) throw versionConflict();
  const changes = hostingChanges(before, after);
  if (changes.length === 0) return presentOffice(current, deps.clock.now());
  const now = deps.clock.now();
  const row = await registryWrite(deps, async (tx) => {
    const updated = await repo.updateOfficeVersioned(tx, id, body.version, {
      hosting: after.hosting,
      peerName: after.peer?.name ?? null,
      peerUrl: after.peer?.url ?? null,
      updatedAt: now,
    });
    if (!updated) throw versionConflict();
    await repo.insertHistory(tx, {
      entityType: 'office',
      entityId: id,
      officeIds: [id],
      action: 'hosting_changed',
      changes,
      effectiveFrom: body.effectiveFrom ?? today(deps, actor),
      comment: body.comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'office.hosting', objectType: 'office', objectId: id, officeId: id, before, after });
    return updated;
  });
  return presentOffice(row, now);
}

/** Where an office works, seen from this node; undefined when there is no such office. */
export async function findOfficeHosting(db: Db, officeId: string): Promise<OfficeHosting | undefined> {
  const office = await repo.findOfficeById(db, officeId);
  return office ? hostingOf(office) : undefined;
}

/**
 * Start-up: brings the offices' hosting in line with NODE_PARTY when it differs from the one this
 * database last ran as (domain/node.ts hostingAfterNodeChange), each move with its history row
 * (action `node_changed`, no user) and audit row, then records the node. A database without a mark
 * was loaded just now by this very node (its hosting is already the initial one) and is only marked.
 * Runs inside the caller's start-up transaction.
 */
export async function applyNodeHosting(
  tx: Db,
  deps: Pick<Deps, 'clock'>,
  node: NodeParty,
): Promise<{ from: NodeParty | null; moved: { code: string; from: Hosting; to: Hosting }[] }> {
  const from = await repo.readNodeMark(tx);
  const moved: { code: string; from: Hosting; to: Hosting }[] = [];
  if (from === node) return { from, moved };
  const now = deps.clock.now();
  if (from !== null) {
    for (const office of await repo.allOffices(tx)) {
      const target = hostingAfterNodeChange(node, office.party, office.hosting);
      if (target === office.hosting) continue;
      const before = hostingOf(office);
      const after: OfficeHosting = { hosting: target, peer: target === 'peer' ? before.peer : null };
      await repo.updateOfficeVersioned(tx, office.id, office.version, {
        hosting: after.hosting,
        peerName: after.peer?.name ?? null,
        peerUrl: after.peer?.url ?? null,
        updatedAt: now,
      });
      await repo.insertHistory(tx, {
        entityType: 'office',
        entityId: office.id,
        officeIds: [office.id],
        action: 'node_changed',
        changes: [{ field: 'nodeParty', old: from, new: node }, ...hostingChanges(before, after)],
        effectiveFrom: localDate(now, office.timeZone),
        comment: null,
        actorId: null,
        at: now,
      });
      await recordAudit(tx, deps, null, {
        action: 'office.hosting',
        objectType: 'office',
        objectId: office.id,
        officeId: office.id,
        before: { ...before, nodeParty: from },
        after: { ...after, nodeParty: node },
      });
      moved.push({ code: office.code, from: before.hosting, to: after.hosting });
    }
  }
  await repo.writeNodeMark(tx, node, now);
  return { from, moved };
}

// ─── notices owed to offices with no users here ──────────────────────

export async function listPartyNotices(deps: Deps, actor: Actor, q: z.infer<typeof PartyNoticeListQuery>) {
  assertCanCommunicate(actor);
  const { rows, total } = await repo.listPartyNotices(deps.db, { fromParty: actor.party, pending: q.pending, limit: q.limit, offset: q.offset });
  return { items: rows.map(presentPartyNotice), total };
}

/** Records the letter that carried pending notices (all of the coordinator's Party, or those named). */
export async function markPartyNoticesSent(deps: Deps, actor: Actor, body: z.infer<typeof MarkNoticesSentBody>) {
  assertCanCommunicate(actor);
  const now = deps.clock.now();
  const ids = await deps.db.transaction(async (tx) => {
    const pending = await repo.lockPendingNotices(tx, actor.party, body.noticeIds);
    if (body.noticeIds && pending.length !== new Set(body.noticeIds).size) {
      throw new AppError('CONFLICT', 'Some of the listed notices are already sent or are not of your Party', { field: 'noticeIds' });
    }
    if (pending.length === 0) throw new AppError('NOTHING_TO_COMMUNICATE', 'There are no pending notices to send');
    await repo.markNoticesSent(tx, pending, {
      sentOn: body.sentOn,
      outgoingNumber: body.outgoingNumber,
      note: body.note ?? null,
      sentRecordedBy: actor.userId,
      sentRecordedAt: now,
    });
    await recordAudit(tx, deps, actor, {
      action: 'party_notice.sent',
      objectType: 'party_notice',
      objectId: null,
      after: { sentOn: body.sentOn, outgoingNumber: body.outgoingNumber, noticeIds: pending },
    });
    return pending;
  });
  return { sent: ids.length };
}

export async function officeHistory(deps: Deps, actor: Actor, id: string, limit: number, offset: number, hostingOnly = false) {
  assertCanReadRegistry(actor);
  if (!(await repo.findOfficeById(deps.db, id))) throw new AppError('NOT_FOUND', 'No such office');
  const { rows, total } = await repo.listHistory(
    deps.db,
    { officeId: id, ...(hostingOnly ? { entityType: 'office', actions: [...HOSTING_ACTIONS] } : {}) },
    limit,
    offset,
  );
  return { items: rows.map(presentHistory), total };
}

export async function entityHistory(deps: Deps, actor: Actor, entityType: 'pairing' | 'legal_basis', id: string, limit: number, offset: number) {
  assertCanReadRegistry(actor);
  const { rows, total } = await repo.listHistory(deps.db, { entityType, entityId: id }, limit, offset);
  return { items: rows.map(presentHistory), total };
}

// ─── pairings ────────────────────────────────────────────────────────────────

export async function listPairings(deps: Deps, actor: Actor, q: z.infer<typeof PairingListQuery>) {
  assertCanReadRegistry(actor);
  let officeId: string | undefined;
  if (q.officeCode) {
    const office = await repo.findOfficeByCode(deps.db, q.officeCode);
    if (!office) return { items: [], total: 0 };
    officeId = office.id;
  }
  const { rows, total } = await repo.listPairings(deps.db, { ...q, officeId });
  const date = today(deps, actor);
  return { items: rows.map((r) => presentPairing(r, date)), total };
}

export async function getPairing(deps: Deps, actor: Actor, id: string) {
  assertCanReadRegistry(actor);
  const row = await repo.findPairing(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such pairing');
  return presentPairing(row, today(deps, actor));
}

const overlaps = (a: { validFrom: string | null; validTo: string | null }, b: { validFrom: string | null; validTo: string | null }) =>
  (a.validFrom === null || b.validTo === null || a.validFrom <= b.validTo) && (b.validFrom === null || a.validTo === null || b.validFrom <= a.validTo);

export async function createPairing(deps: Deps, actor: Actor, body: z.infer<typeof CreatePairingBody>) {
  assertCanEditShared(actor);
  const [ru, kz] = await Promise.all([repo.findOfficeByCode(deps.db, body.ruOfficeCode), repo.findOfficeByCode(deps.db, body.kzOfficeCode)]);
  const issues = [];
  if (!ru || ru.party !== 'RU') issues.push({ field: 'body.ruOfficeCode', rule: 'office_party', message: 'Must be an office of the Russian Party' });
  if (!kz || kz.party !== 'KZ') issues.push({ field: 'body.kzOfficeCode', rule: 'office_party', message: 'Must be an office of the Kazakh Party' });
  if (issues.length || !ru || !kz) throw new AppError('PAIRING_PARTIES_INVALID', 'A pairing joins a Russian office and a Kazakh office', { issues });
  if (body.validFrom && body.validTo && body.validTo < body.validFrom) throw rangeError('validTo');
  const existing = await repo.pairingsBetween(deps.db, ru.id, kz.id);
  if (existing.some((p) => overlaps(p, body))) throw new AppError('PAIRING_EXISTS', 'These offices are already paired for an overlapping period');
  const now = deps.clock.now();
  const id = await registryWrite(deps, async (tx) => {
    const row = await repo.insertPairing(tx, {
      ruOfficeId: ru.id,
      kzOfficeId: kz.id,
      basis: body.basis,
      certainty: body.certainty,
      validFrom: body.validFrom,
      validTo: body.validTo,
      active: body.active,
      note: body.note,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertHistory(tx, {
      entityType: 'pairing',
      entityId: row.id,
      officeIds: [ru.id, kz.id],
      action: 'created',
      changes: [],
      effectiveFrom: body.validFrom ?? today(deps, actor),
      comment: null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'pairing.create', objectType: 'pairing', objectId: row.id, after: { ...body } });
    return row.id;
  });
  return getPairing(deps, actor, id);
}

export async function updatePairing(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdatePairingBody>) {
  assertCanEditShared(actor);
  const current = await repo.findPairing(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such pairing');
  const { version, effectiveFrom, comment, ...patch } = body;
  const p = current.pairing;
  const before = { basis: p.basis, certainty: p.certainty, validFrom: p.validFrom, validTo: p.validTo, active: p.active, note: p.note };
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as typeof before;
  if (merged.validFrom && merged.validTo && merged.validTo < merged.validFrom) throw rangeError('validTo');
  if (version !== p.version) throw versionConflict();
  const changes = diffFields(before, patch);
  if (changes.length === 0) return presentPairing(current, today(deps, actor));
  const others = (await repo.pairingsBetween(deps.db, p.ruOfficeId, p.kzOfficeId)).filter((o) => o.id !== id);
  if (others.some((o) => overlaps(o, merged))) throw new AppError('PAIRING_EXISTS', 'These offices are already paired for an overlapping period');
  const now = deps.clock.now();
  await registryWrite(deps, async (tx) => {
    const updated = await repo.updatePairingVersioned(tx, id, version, { ...merged, updatedAt: now });
    if (!updated) throw versionConflict();
    await repo.insertHistory(tx, {
      entityType: 'pairing',
      entityId: id,
      officeIds: [p.ruOfficeId, p.kzOfficeId],
      action: 'updated',
      changes,
      effectiveFrom: effectiveFrom ?? today(deps, actor),
      comment: comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'pairing.update', objectType: 'pairing', objectId: id, before, after: merged });
  });
  return getPairing(deps, actor, id);
}

// ─── legal basis ─────────────────────────────────────────────────────────────

export async function listLegalBasis(deps: Deps, actor: Actor) {
  assertCanReadRegistry(actor);
  const rows = await repo.listLegalBasis(deps.db);
  const date = today(deps, actor);
  return { items: rows.map((r) => presentLegalBasis(r, rows, date)), total: rows.length };
}

export async function getLegalBasis(deps: Deps, actor: Actor, id: string) {
  assertCanReadRegistry(actor);
  const rows = await repo.listLegalBasis(deps.db);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('NOT_FOUND', 'No such document');
  return presentLegalBasis(row, rows, today(deps, actor));
}

async function assertParentExists(db: Db, parentCode: string | null | undefined, selfCode?: string) {
  if (!parentCode) return;
  if (parentCode === selfCode || !(await repo.findLegalBasisByCode(db, parentCode))) {
    throw validationError(fieldIssue('body.parentCode', 'legal_basis_parent', 'No such parent document'), 'No such parent document');
  }
}

export async function createLegalBasis(deps: Deps, actor: Actor, body: z.infer<typeof CreateLegalBasisBody>) {
  assertCanEditShared(actor);
  if (body.inForceFrom && body.inForceTo && body.inForceTo < body.inForceFrom) throw rangeError('inForceTo');
  if (await repo.findLegalBasisByCode(deps.db, body.code)) {
    throw fieldError('LEGAL_BASIS_CODE_TAKEN', 'A document with this code exists', fieldIssue('body.code', 'unique', 'A document with this code exists'));
  }
  await assertParentExists(deps.db, body.parentCode);
  const now = deps.clock.now();
  const id = await registryWrite(deps, async (tx) => {
    const row = await repo.insertLegalBasis(tx, {
      code: body.code,
      kind: body.kind,
      titleRu: body.title.ru,
      titleKk: body.title.kk,
      titleEn: body.title.en,
      party: body.party,
      signedOn: body.signedOn,
      inForceFrom: body.inForceFrom,
      inForceTo: body.inForceTo,
      parentCode: body.parentCode,
      enablesDirectExchange: body.enablesDirectExchange,
      notes: body.notes,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertHistory(tx, {
      entityType: 'legal_basis',
      entityId: row.id,
      officeIds: [],
      action: 'created',
      changes: [],
      effectiveFrom: body.inForceFrom,
      comment: null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'legal_basis.create', objectType: 'legal_basis', objectId: row.id, after: body });
    return row.id;
  });
  return getLegalBasis(deps, actor, id);
}

function legalBasisEditable(r: repo.LegalBasisRow) {
  return {
    kind: r.kind,
    title: { ru: r.titleRu, kk: r.titleKk, en: r.titleEn },
    party: r.party,
    signedOn: r.signedOn,
    inForceFrom: r.inForceFrom,
    inForceTo: r.inForceTo,
    parentCode: r.parentCode,
    enablesDirectExchange: r.enablesDirectExchange,
    notes: r.notes,
  };
}

export async function updateLegalBasis(deps: Deps, actor: Actor, id: string, body: z.infer<typeof UpdateLegalBasisBody>) {
  assertCanEditShared(actor);
  const current = await repo.findLegalBasis(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such document');
  const { version, effectiveFrom, comment, ...patch } = body;
  const before = legalBasisEditable(current);
  const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as typeof before;
  if (merged.inForceFrom && merged.inForceTo && merged.inForceTo < merged.inForceFrom) throw rangeError('inForceTo');
  if (patch.parentCode !== undefined) await assertParentExists(deps.db, patch.parentCode, current.code);
  if (version !== current.version) throw versionConflict();
  const changes = diffFields(before, patch);
  if (changes.length === 0) return getLegalBasis(deps, actor, id);
  const now = deps.clock.now();
  await registryWrite(deps, async (tx) => {
    const updated = await repo.updateLegalBasisVersioned(tx, id, version, {
      kind: merged.kind,
      titleRu: merged.title.ru,
      titleKk: merged.title.kk,
      titleEn: merged.title.en,
      party: merged.party,
      signedOn: merged.signedOn,
      inForceFrom: merged.inForceFrom,
      inForceTo: merged.inForceTo,
      parentCode: merged.parentCode,
      enablesDirectExchange: merged.enablesDirectExchange,
      notes: merged.notes,
      updatedAt: now,
    });
    if (!updated) throw versionConflict();
    await repo.insertHistory(tx, {
      entityType: 'legal_basis',
      entityId: id,
      officeIds: [],
      action: 'updated',
      changes,
      effectiveFrom: effectiveFrom ?? today(deps, actor),
      comment: comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, { action: 'legal_basis.update', objectType: 'legal_basis', objectId: id, before, after: merged });
  });
  return getLegalBasis(deps, actor, id);
}

/**
 * records a Party's written notice of termination. The document (and everything resting
 * on it) stays in force for 60 days after receipt; after that no new direct exchange is allowed.
 */
export async function recordTerminationNotice(deps: Deps, actor: Actor, id: string, body: z.infer<typeof TerminationNoticeBody>) {
  assertCanEditShared(actor);
  const current = await repo.findLegalBasis(deps.db, id);
  if (!current) throw new AppError('NOT_FOUND', 'No such document');
  if (current.terminationNoticeReceivedOn) throw new AppError('ALREADY_TERMINATED', 'A notice of termination is already recorded for this document');
  if (body.version !== current.version) throw versionConflict();
  if (current.inForceFrom && body.receivedOn < current.inForceFrom) {
    throw fieldError(
      'DATE_RANGE_INVALID',
      'The notice cannot precede the entry into force',
      fieldIssue('body.receivedOn', 'before_in_force', 'The notice cannot precede the entry into force'),
    );
  }
  const now = deps.clock.now();
  await registryWrite(deps, async (tx) => {
    const updated = await repo.updateLegalBasisVersioned(tx, id, body.version, {
      terminationNoticeReceivedOn: body.receivedOn,
      terminationNoticeFromParty: body.fromParty,
      terminationNoticeReference: body.reference,
      updatedAt: now,
    });
    if (!updated) throw versionConflict();
    const all = await repo.listLegalBasis(tx);
    const view = presentLegalBasis(updated, all, body.receivedOn);
    await repo.insertHistory(tx, {
      entityType: 'legal_basis',
      entityId: id,
      officeIds: [],
      action: 'termination_notice',
      changes: [
        { field: 'terminationNoticeReceivedOn', old: null, new: body.receivedOn },
        { field: 'lastDayInForce', old: null, new: view.lastDayInForce },
        { field: 'firstDayNotInForce', old: null, new: view.firstDayNotInForce },
      ],
      effectiveFrom: body.receivedOn,
      comment: body.comment ?? null,
      actorId: actor.userId,
      at: now,
    });
    await recordAudit(tx, deps, actor, {
      action: 'legal_basis.termination_notice',
      objectType: 'legal_basis',
      objectId: id,
      after: { ...body, lastDayInForce: view.lastDayInForce, firstDayNotInForce: view.firstDayNotInForce },
    });
    await notify(tx, deps, {
      recipients: { officeKinds: ['coordinator', 'leadership'], roles: ['coordinator', 'leadership'] },
      kind: 'legal_basis.termination',
      subjectType: 'legal_basis',
      subjectId: id,
      payload: { code: current.code, receivedOn: body.receivedOn, lastDayInForce: view.lastDayInForce, firstDayNotInForce: view.firstDayNotInForce },
      link: '/legal-basis',
    });
  });
  return getLegalBasis(deps, actor, id);
}

// ─── direct exchange ─────────────────────────────────────────────────────────

export interface RegistrySnapshot {
  offices: (RegistryOffice & { hosting: Hosting })[];
  pairings: RegistryPairing[];
  legalBasis: ReturnType<typeof toLegalBasisDocument>[];
  office(id: string): (RegistryOffice & { hosting: Hosting }) | undefined;
}

/** Everything mayExchangeDirectly() needs; the registry is small (tens of rows). */
export async function loadRegistrySnapshot(db: Db): Promise<RegistrySnapshot> {
  const [officeRows, pairingRows, basisRows] = await Promise.all([repo.allOffices(db), repo.allPairings(db), repo.listLegalBasis(db)]);
  const offices = officeRows.map((o) => ({
    id: o.id,
    code: o.code,
    party: o.party,
    kind: o.kind,
    validFrom: o.validFrom,
    validTo: o.validTo,
    authorized: o.authorized,
    authorizedFrom: o.authorizedFrom,
    hosting: o.hosting,
  }));
  const byId = new Map(offices.map((o) => [o.id, o]));
  return {
    offices,
    pairings: pairingRows.map((p) => ({
      id: p.id,
      ruOfficeId: p.ruOfficeId,
      kzOfficeId: p.kzOfficeId,
      active: p.active,
      validFrom: p.validFrom,
      validTo: p.validTo,
    })),
    legalBasis: basisRows.map(toLegalBasisDocument),
    office: (id) => byId.get(id),
  };
}

/**
 * The registry snapshot from the registry cache, kept until the registry's version changes; read
 * through the pool (committed data, as a statement of a READ COMMITTED transaction would see it).
 * Not for a transaction that changes the registry itself: those call loadRegistrySnapshot(tx).
 */
export function registrySnapshot(deps: Pick<Deps, 'db' | 'registry'>): Promise<RegistrySnapshot> {
  return deps.registry ? deps.registry.derived('snapshot', deps.db, () => loadRegistrySnapshot(deps.db)) : loadRegistrySnapshot(deps.db);
}

export async function checkDirectExchange(deps: Deps, actor: Actor, q: { from: string; to: string; on?: string | undefined }) {
  assertCanReadRegistry(actor);
  const [from, to] = await Promise.all([repo.findOfficeByCode(deps.db, q.from), repo.findOfficeByCode(deps.db, q.to)]);
  if (!from || !to) throw new AppError('NOT_FOUND', 'No such office', { field: !from ? 'from' : 'to' });
  const on = q.on ?? localDate(deps.clock.now(), from.timeZone);
  const snapshot = await loadRegistrySnapshot(deps.db);
  const d = mayExchangeDirectly({
    from: snapshot.office(from.id)!,
    to: snapshot.office(to.id)!,
    on,
    pairings: snapshot.pairings,
    legalBasis: snapshot.legalBasis,
  });
  return d.allowed
    ? { allowed: true, reason: null, officeCode: null, pairingId: d.pairingId, basis: d.basis, on }
    : { allowed: false, reason: d.reason, officeCode: d.officeCode ?? null, pairingId: null, basis: [], on };
}
