import { and, asc, eq, getTableColumns, gt, gte, inArray, isNull, lte, notInArray, sql, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { ReceivedAttestation } from '../../../domain/signatures.ts';
import type { Db } from '../../db/client.ts';
import {
  attachments,
  consents,
  contactChanges,
  contactCommunications,
  contacts,
  partyNotices,
  exchangeAlerts,
  exchangeCheckpoints,
  exchangeInbox,
  exchangeKeys,
  exchangeOutbox,
  exchangePeers,
  infoUses,
  itemLetters,
  itemLinks,
  itemMessages,
  itemParticipants,
  items,
  offices,
  signatures,
  signingKeys,
  users,
  type ExchangeAlertKind,
} from '../../db/schema.ts';

// ─── node keys ───────────────────────────────────────────────────────────────

export async function lockNodeKeys(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('exchange_keys'))`);
}

export async function insertNodeKey(tx: Db, values: InferInsertModel<typeof exchangeKeys>): Promise<void> {
  await tx.insert(exchangeKeys).values(values);
}

export async function validNodeKeys(db: Db, now: Date) {
  return db
    .select()
    .from(exchangeKeys)
    .where(and(lte(exchangeKeys.notBefore, now), gt(exchangeKeys.notAfter, now), isNull(exchangeKeys.revokedAt)))
    .orderBy(asc(exchangeKeys.notBefore));
}

export async function allNodeKeys(db: Db) {
  return db.select().from(exchangeKeys).orderBy(asc(exchangeKeys.notBefore));
}

export async function setNodeKeyEnd(tx: Db, kid: string, end: Date): Promise<void> {
  await tx.update(exchangeKeys).set({ notAfter: end }).where(eq(exchangeKeys.kid, kid));
}

export async function revokeNodeKey(tx: Db, kid: string, at: Date) {
  const [row] = await tx
    .update(exchangeKeys)
    .set({ revokedAt: at })
    .where(and(eq(exchangeKeys.kid, kid), isNull(exchangeKeys.revokedAt)))
    .returning();
  return row;
}

// ─── peers ───────────────────────────────────────────────────────────────────

export type PeerRow = typeof exchangePeers.$inferSelect;

export async function listPeers(db: Db): Promise<PeerRow[]> {
  return db.select().from(exchangePeers).orderBy(asc(exchangePeers.name));
}

export async function findPeer(db: Db, by: { id?: string; nodeId?: string; name?: string }): Promise<PeerRow | undefined> {
  const where = by.id ? eq(exchangePeers.id, by.id) : by.nodeId ? eq(exchangePeers.nodeId, by.nodeId) : eq(exchangePeers.name, by.name!);
  const [row] = await db.select().from(exchangePeers).where(where);
  return row;
}

export async function upsertPeer(tx: Db, values: Omit<InferInsertModel<typeof exchangePeers>, 'id'>, now: Date): Promise<PeerRow> {
  const [row] = await tx
    .insert(exchangePeers)
    .values(values)
    .onConflictDoUpdate({
      target: exchangePeers.nodeId,
      set: {
        name: values.name,
        party: values.party,
        url: values.url,
        keys: values.keys,
        tlsCertificate: values.tlsCertificate ?? null,
        tlsFingerprint: values.tlsFingerprint ?? null,
        updatedAt: now,
        version: sql`${exchangePeers.version} + 1`,
      },
    })
    .returning();
  return row!;
}

/** The peer's keys (and pinned TLS certificate) as its own signed key record brought them. */
export async function setPeerKeys(
  tx: Db,
  peerId: string,
  values: { keys: PeerRow['keys']; tlsCertificate?: string | null; tlsFingerprint?: string | null },
  now: Date,
): Promise<void> {
  await tx
    .update(exchangePeers)
    .set({ ...values, updatedAt: now, version: sql`${exchangePeers.version} + 1` })
    .where(eq(exchangePeers.id, peerId));
}

/** Re-signs what still waits for a peer (a key was revoked): the payload — and its hash — stay, the signatures change. */
export async function queuedEnvelopes(tx: Db) {
  return tx
    .select({
      peerId: exchangeOutbox.peerId,
      streamIndex: exchangeOutbox.streamIndex,
      subjectType: exchangeOutbox.subjectType,
      envelope: exchangeOutbox.envelope,
    })
    .from(exchangeOutbox)
    .where(eq(exchangeOutbox.state, 'queued'));
}

export async function setEnvelope(tx: Db, peerId: string, streamIndex: number, envelope: string): Promise<void> {
  await tx
    .update(exchangeOutbox)
    .set({ envelope })
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.streamIndex, streamIndex)));
}

export async function touchPeer(db: Db, peerId: string, field: 'lastHeardAt' | 'lastSuccessAt', at: Date): Promise<void> {
  await db
    .update(exchangePeers)
    .set({ [field]: at })
    .where(eq(exchangePeers.id, peerId));
}

// ─── where a subject is shared ───────────────────────────────────────────────

export async function officesByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: offices.id, code: offices.code, party: offices.party, hosting: offices.hosting, peerName: offices.peerName })
    .from(offices)
    .where(inArray(offices.id, [...ids]));
}

export async function officeByCode(db: Db, code: string) {
  const [row] = await db
    .select({ id: offices.id, code: offices.code, party: offices.party, hosting: offices.hosting, peerName: offices.peerName })
    .from(offices)
    .where(eq(offices.code, code));
  return row;
}

// ─── outbox ──────────────────────────────────────────────────────────────────

export type OutRow = typeof exchangeOutbox.$inferSelect;

/** The next index of the stream to a peer; the advisory lock keeps concurrent senders from taking the same one. */
export async function nextStreamIndex(tx: Db, peerId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('exchange_stream'), hashtext(${peerId}))`);
  const [row] = await tx
    .select({ last: sql<string | null>`max(${exchangeOutbox.streamIndex})` })
    .from(exchangeOutbox)
    .where(eq(exchangeOutbox.peerId, peerId));
  return Number(row?.last ?? 0) + 1;
}

export async function queuedMessageIds(tx: Db, peerId: string, subjectId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ id: exchangeOutbox.messageId })
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.subjectId, subjectId)));
  return new Set(rows.map((r) => r.id));
}

/** The messages of a subject this node holds from a peer: never sent back to it. */
export async function receivedMessageIds(tx: Db, peerId: string, subjectId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ id: exchangeInbox.messageId })
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.subjectId, subjectId), eq(exchangeInbox.state, 'applied')));
  return new Set(rows.map((r) => r.id));
}

export async function insertOutbox(tx: Db, values: InferInsertModel<typeof exchangeOutbox>): Promise<void> {
  await tx.insert(exchangeOutbox).values(values);
}

/**
 * Claims due messages: SKIP LOCKED and a lease let several instances relay the same table without
 * sending one message twice at once (a crashed relay's lease expires). Oldest stream index first.
 */
export async function claimDue(db: Db, now: Date, leaseMs: number, limit: number): Promise<OutRow[]> {
  const lease = new Date(now.getTime() + leaseMs);
  const rows = await db.execute<{ peer_id: string; stream_index: string }>(sql`
    update ${exchangeOutbox} set locked_until = ${lease.toISOString()}::timestamptz, attempts = attempts + 1
    where (peer_id, stream_index) in (
      select peer_id, stream_index from ${exchangeOutbox}
      where state = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (locked_until is null or locked_until <= ${now.toISOString()}::timestamptz)
      order by stream_index
      limit ${limit}
      for update skip locked)
    returning peer_id, stream_index`);
  const keys = rowsOf<{ peer_id: string; stream_index: string }>(rows);
  if (keys.length === 0) return [];
  const out: OutRow[] = [];
  for (const k of keys)
    out.push(
      (
        await db
          .select()
          .from(exchangeOutbox)
          .where(and(eq(exchangeOutbox.peerId, k.peer_id), eq(exchangeOutbox.streamIndex, Number(k.stream_index))))
      )[0]!,
    );
  return out.sort((a, b) => a.streamIndex - b.streamIndex);
}

export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export async function settleOut(
  db: Db,
  peerId: string,
  streamIndex: number,
  values: Partial<Pick<OutRow, 'state' | 'receipt' | 'receivedAt' | 'rejectionCode' | 'lastError' | 'nextAttemptAt' | 'escalation'>>,
): Promise<void> {
  await db
    .update(exchangeOutbox)
    .set({ ...values, lockedUntil: null })
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.streamIndex, streamIndex)));
}

/** The peer asks again for actions of a subject it lacks: they are queued again, with the same message ids. */
export async function requeueRange(db: Db, peerId: string, subjectId: string, fromSeq: number, toSeq: number, now: Date): Promise<number> {
  const r = await db
    .update(exchangeOutbox)
    .set({ state: 'queued', nextAttemptAt: now, lockedUntil: null })
    .where(
      and(
        eq(exchangeOutbox.peerId, peerId),
        eq(exchangeOutbox.subjectId, subjectId),
        sql`${exchangeOutbox.seq} between ${fromSeq} and ${toSeq}`,
        sql`${exchangeOutbox.state} <> 'rejected'`,
      ),
    )
    .returning({ i: exchangeOutbox.streamIndex });
  return r.length;
}

export async function outboxOfSubject(db: Db, subjectId: string): Promise<OutRow[]> {
  return db.select().from(exchangeOutbox).where(eq(exchangeOutbox.subjectId, subjectId)).orderBy(asc(exchangeOutbox.seq));
}

export async function retryNow(db: Db, peerId: string, messageId: string, now: Date): Promise<boolean> {
  const r = await db
    .update(exchangeOutbox)
    .set({ nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.messageId, messageId), eq(exchangeOutbox.state, 'queued')))
    .returning({ i: exchangeOutbox.streamIndex });
  return r.length > 0;
}

/** One subject's messages at a time: they queue on this lock; other subjects run in parallel. */
export async function lockSubject(tx: Db, subjectId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('exchange_subject'), hashtext(${subjectId}))`);
}

// ─── inbox ───────────────────────────────────────────────────────────────────

export type InRow = typeof exchangeInbox.$inferSelect;

export async function findInbox(db: Db, peerId: string, messageId: string): Promise<InRow | undefined> {
  const [row] = await db
    .select()
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.messageId, messageId)));
  return row;
}

/** Inserts the inbox row unless another request stored it first (then the caller answers with that one). */
export async function insertInbox(tx: Db, values: InferInsertModel<typeof exchangeInbox>): Promise<boolean> {
  const r = await tx.insert(exchangeInbox).values(values).onConflictDoNothing().returning({ id: exchangeInbox.messageId });
  return r.length > 0;
}

export async function heldNext(tx: Db, peerId: string, subjectId: string, seq: number): Promise<InRow | undefined> {
  const [row] = await tx
    .select()
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.subjectId, subjectId), eq(exchangeInbox.seq, seq), eq(exchangeInbox.state, 'held')));
  return row;
}

/** The messages of a subject held here from a peer, in their order (applied or refused once their predecessor is settled). */
export async function heldOf(tx: Db, peerId: string, subjectId: string): Promise<InRow[]> {
  return tx
    .select()
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.subjectId, subjectId), eq(exchangeInbox.state, 'held')))
    .orderBy(asc(exchangeInbox.seq), asc(exchangeInbox.streamIndex));
}

/** Every message of a subject received from a peer (to find the one a later message chains to). */
export async function inboxOfSubject(tx: Db, peerId: string, subjectId: string): Promise<InRow[]> {
  return tx
    .select()
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.subjectId, subjectId)));
}

export async function heldSubjects(db: Db, peerId: string) {
  return db
    .select({ subjectId: exchangeInbox.subjectId, minSeq: sql<number>`min(${exchangeInbox.seq})::int` })
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.state, 'held')))
    .groupBy(exchangeInbox.subjectId);
}

export async function setInbox(tx: Db, peerId: string, messageId: string, values: Partial<Pick<InRow, 'state' | 'response' | 'appliedAt' | 'rejectionCode'>>) {
  await tx
    .update(exchangeInbox)
    .set(values)
    .where(and(eq(exchangeInbox.peerId, peerId), eq(exchangeInbox.messageId, messageId)));
}

// ─── the subject's side rows and the people they name ────────────────────────

/** The side tables of an item, in the order a receiver writes them (a file may name a message or a letter). */
export const ITEM_SIDE_TABLES = {
  item_messages: itemMessages,
  item_letters: itemLetters,
  signatures,
  attachments,
  consents,
  info_uses: infoUses,
  item_participants: itemParticipants,
  item_links: itemLinks,
} as const satisfies Record<string, PgTable>;
export type SideTableName = keyof typeof ITEM_SIDE_TABLES;

export async function itemSideRows(db: Db, itemId: string): Promise<Record<SideTableName, Record<string, unknown>[]>> {
  const out = {} as Record<SideTableName, Record<string, unknown>[]>;
  for (const [name, table] of Object.entries(ITEM_SIDE_TABLES) as [SideTableName, (typeof ITEM_SIDE_TABLES)[SideTableName]][]) {
    const rows = (await db
      .select()
      .from(table as typeof attachments)
      .where(eq((table as typeof attachments).itemId, itemId))) as Record<string, unknown>[];
    // The state of this node's own check of its stored copy is not a fact of the subject.
    out[name] = rows.map((r) => {
      if (name === 'attachments') {
        const { damagedAt: _d, damage: _f, checkedAt: _c, ...rest } = r;
        return rest;
      }
      // The peer's attested check of its signature is this node's record of what it was told (issue 12).
      if (name === 'signatures') {
        const { attestation: _a, ...rest } = r;
        return rest;
      }
      return r;
    });
  }
  return out;
}

/** Columns of side tables that state this node's own knowledge: never taken from a peer's rows. */
const LOCAL_COLUMNS = new Set(['attachments.damagedAt', 'attachments.damage', 'attachments.checkedAt', 'signatures.attestation']);

/** Writes side rows received with an action: new ones inserted, known ones brought to the sender's state. */
export async function upsertSideRows(tx: Db, name: SideTableName, rows: readonly Record<string, unknown>[]): Promise<void> {
  const table = ITEM_SIDE_TABLES[name] as unknown as PgTable;
  const columns = getTableColumns(table);
  for (const raw of rows) {
    const row: Record<string, unknown> = {};
    for (const [key, col] of Object.entries(columns)) {
      if (!(key in raw) || LOCAL_COLUMNS.has(`${name}.${key}`)) continue;
      const v = raw[key];
      row[key] = col.dataType === 'date' && typeof v === 'string' ? new Date(v) : v;
    }
    if (name === 'item_links') {
      const [target] = await tx
        .select({ id: items.id })
        .from(items)
        .where(eq(items.id, String(row.targetId)));
      if (!target) continue; // a link to an item this node never had (the sender's own earlier matter)
    }
    const pk =
      name === 'item_participants'
        ? [itemParticipants.itemId, itemParticipants.userId]
        : name === 'item_links'
          ? [itemLinks.itemId, itemLinks.targetId, itemLinks.kind]
          : [(table as typeof attachments).id];
    const set = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'id'));
    await tx
      .insert(table)
      .values(row)
      .onConflictDoUpdate({ target: pk as never, set: Object.keys(set).length > 0 ? set : (row as never) });
  }
}

/**
 * A fork's resolution: the item's side rows become exactly those the winning branch holds (the
 * envelope carries them all); rows only the superseded actions made go. Children before parents.
 */
export async function pruneItemSideRows(tx: Db, itemId: string, keep: Partial<Record<SideTableName, readonly Record<string, unknown>[]>>): Promise<void> {
  const order: SideTableName[] = ['info_uses', 'item_links', 'item_participants', 'signatures', 'attachments', 'item_messages', 'item_letters', 'consents'];
  for (const name of order) {
    const table = ITEM_SIDE_TABLES[name] as unknown as typeof attachments;
    const rows = keep[name] ?? [];
    if (name === 'item_participants' || name === 'item_links') {
      const key = (r: Record<string, unknown>) => (name === 'item_participants' ? String(r.userId) : `${String(r.targetId)}|${String(r.kind)}`);
      const kept = new Set(rows.map(key));
      const t = ITEM_SIDE_TABLES[name];
      const present = (await tx.select().from(t).where(eq(t.itemId, itemId))) as Record<string, unknown>[];
      for (const r of present.filter((r) => !kept.has(key(r)))) {
        if (name === 'item_participants')
          await tx.delete(itemParticipants).where(and(eq(itemParticipants.itemId, itemId), eq(itemParticipants.userId, String(r.userId))));
        else
          await tx.delete(itemLinks).where(and(eq(itemLinks.itemId, itemId), eq(itemLinks.targetId, String(r.targetId)), eq(itemLinks.kind, r.kind as never)));
      }
      continue;
    }
    const ids = rows.map((r) => String(r.id));
    await tx.delete(table).where(ids.length > 0 ? and(eq(table.itemId, itemId), notInArray(table.id, ids)) : eq(table.itemId, itemId));
  }
}

export async function peopleByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, fullName: users.fullName, officeCode: offices.code, roles: users.roles })
    .from(users)
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(inArray(users.id, [...ids]));
}

export async function knownUserIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** A person of the peer's Party named by an action: kept so that timelines and side rows can name them; never able to log in here. */
export async function insertPeerUser(tx: Db, p: { id: string; fullName: string; officeId: string; roles: string[] }, at: Date): Promise<void> {
  await tx
    .insert(users)
    .values({
      id: p.id,
      login: `peer:${p.id}`,
      fullName: p.fullName,
      officeId: p.officeId,
      roles: p.roles as never,
      passwordHash: '!',
      disabledAt: at,
      disabledReason: 'office_not_hosted',
    })
    .onConflictDoNothing();
}

export async function signingKeysByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: signingKeys.id, userId: signingKeys.userId, algorithm: signingKeys.algorithm, publicKey: signingKeys.publicKey })
    .from(signingKeys)
    .where(inArray(signingKeys.id, [...ids]));
}

export async function insertPeerSigningKey(tx: Db, k: { id: string; userId: string; algorithm: string; publicKey: string }): Promise<void> {
  // The private key stays with its node: the row only verifies.
  await tx
    .insert(signingKeys)
    .values({ ...k, encryptedPrivateKey: '' })
    .onConflictDoNothing();
}

// ─── signature attestations (issue 12) ───────────────────────────────────────

/** The item's signatures made by this node's signers and not voided, with their keys: what it attests to a peer. */
export async function ownSignatures(db: Db, itemId: string) {
  return db
    .select({ s: signatures, key: { id: signingKeys.id, algorithm: signingKeys.algorithm, publicKey: signingKeys.publicKey } })
    .from(signatures)
    .innerJoin(signingKeys, eq(signingKeys.id, signatures.keyId))
    .innerJoin(users, eq(users.id, signatures.signerId))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(signatures.itemId, itemId), isNull(signatures.voidedAt), eq(offices.hosting, 'here')))
    .orderBy(asc(signatures.signedAt), asc(signatures.id));
}

/** A signature of the item with its key and the peer its signer's office is hosted at (null: hosted here or off the system). */
export async function signatureWithSigner(db: Db, itemId: string, signatureId: string) {
  const [row] = await db
    .select({
      s: signatures,
      key: { algorithm: signingKeys.algorithm, publicKey: signingKeys.publicKey },
      hosting: offices.hosting,
      peerName: offices.peerName,
    })
    .from(signatures)
    .innerJoin(signingKeys, eq(signingKeys.id, signatures.keyId))
    .innerJoin(users, eq(users.id, signatures.signerId))
    .innerJoin(offices, eq(offices.id, users.officeId))
    .where(and(eq(signatures.itemId, itemId), eq(signatures.id, signatureId)));
  return row;
}

export async function setAttestation(tx: Db, signatureId: string, attestation: ReceivedAttestation): Promise<void> {
  await tx.update(signatures).set({ attestation }).where(eq(signatures.id, signatureId));
}

// ─── alerts ──────────────────────────────────────────────────────────────────

export async function insertAlert(
  db: Db,
  a: { peerId: string | null; kind: ExchangeAlertKind; messageId?: string | null; subjectId?: string | null; details?: Record<string, unknown>; at: Date },
) {
  await db.insert(exchangeAlerts).values({ ...a, messageId: a.messageId ?? null, subjectId: a.subjectId ?? null, details: a.details ?? null });
}

export async function openAlerts(db: Db, limit = 100) {
  return db
    .select()
    .from(exchangeAlerts)
    .where(isNull(exchangeAlerts.resolvedAt))
    .orderBy(sql`${exchangeAlerts.at} desc`)
    .limit(limit);
}

/** Open alerts counted by peer (null: not tied to a configured peer, e.g. an unknown signer) and kind — all of them, not a page. */
export async function openAlertCounts(db: Db): Promise<{ peerId: string | null; kind: ExchangeAlertKind; count: number }[]> {
  const rows = await db
    .select({ peerId: exchangeAlerts.peerId, kind: exchangeAlerts.kind, count: sql<string>`count(*)` })
    .from(exchangeAlerts)
    .where(isNull(exchangeAlerts.resolvedAt))
    .groupBy(exchangeAlerts.peerId, exchangeAlerts.kind);
  return rows.map((r) => ({ peerId: r.peerId, kind: r.kind, count: Number(r.count) }));
}

// ─── the link's state ────────────────────────────────────────────────────────

export async function outboxStats(db: Db, peerId: string) {
  const rows = rowsOf<{ queued: string; rejected: string; delivered: string; oldest: Date | string | null; last_index: string | null }>(
    await db.execute(sql`
      select count(*) filter (where state = 'queued') as queued,
             count(*) filter (where state = 'rejected') as rejected,
             count(*) filter (where state = 'delivered') as delivered,
             min(created_at) filter (where state = 'queued') as oldest,
             max(stream_index) as last_index
      from ${exchangeOutbox} where peer_id = ${peerId}`),
  );
  const r = rows[0]!;
  return {
    queued: Number(r.queued),
    rejected: Number(r.rejected),
    delivered: Number(r.delivered),
    oldestQueuedAt: r.oldest ? new Date(r.oldest) : null,
    lastIndex: Number(r.last_index ?? 0),
  };
}

export async function inboxStats(db: Db, peerId: string) {
  const rows = rowsOf<{ applied: string; held: string; rejected: string }>(
    await db.execute(sql`
      select count(*) filter (where state = 'applied') as applied,
             count(*) filter (where state = 'held') as held,
             count(*) filter (where state = 'rejected') as rejected
      from ${exchangeInbox} where peer_id = ${peerId}`),
  );
  const r = rows[0]!;
  return { applied: Number(r.applied), held: Number(r.held), rejected: Number(r.rejected) };
}

export async function rejectedOut(db: Db, peerId: string, limit = 50) {
  return db
    .select({
      messageId: exchangeOutbox.messageId,
      subjectId: exchangeOutbox.subjectId,
      seq: exchangeOutbox.seq,
      code: exchangeOutbox.rejectionCode,
      at: exchangeOutbox.receivedAt,
    })
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.state, 'rejected')))
    .orderBy(sql`${exchangeOutbox.streamIndex} desc`)
    .limit(limit);
}

export async function escalate(db: Db, peerId: string, streamIndex: number, level: number): Promise<void> {
  await db
    .update(exchangeOutbox)
    .set({ escalation: level })
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.streamIndex, streamIndex)));
}

export async function queuedOf(db: Db, peerId: string) {
  return db
    .select()
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.peerId, peerId), eq(exchangeOutbox.state, 'queued')))
    .orderBy(asc(exchangeOutbox.streamIndex));
}

// ─── checkpoints of the streams ──────────────────────────────────────────────

/** What this node sent to a peer, in stream order: what its checkpoints cover. */
export async function outStream(db: Db, peerId: string, size?: number) {
  return db
    .select({ index: exchangeOutbox.streamIndex, messageId: exchangeOutbox.messageId, payloadHash: exchangeOutbox.payloadHash })
    .from(exchangeOutbox)
    .where(and(eq(exchangeOutbox.peerId, peerId), size === undefined ? undefined : lte(exchangeOutbox.streamIndex, size)))
    .orderBy(asc(exchangeOutbox.streamIndex));
}

/** What this node holds of a peer's stream, in stream order. */
export async function inStream(db: Db, peerId: string, size: number) {
  return db
    .select({ index: exchangeInbox.streamIndex, messageId: exchangeInbox.messageId, payloadHash: exchangeInbox.payloadHash })
    .from(exchangeInbox)
    .where(and(eq(exchangeInbox.peerId, peerId), lte(exchangeInbox.streamIndex, size)))
    .orderBy(asc(exchangeInbox.streamIndex));
}

export async function insertCheckpoint(db: Db, values: InferInsertModel<typeof exchangeCheckpoints>): Promise<void> {
  await db.insert(exchangeCheckpoints).values(values);
}

export async function lastCheckpoint(db: Db, peerId: string, direction: 'out' | 'in') {
  const [row] = await db
    .select()
    .from(exchangeCheckpoints)
    .where(and(eq(exchangeCheckpoints.peerId, peerId), eq(exchangeCheckpoints.direction, direction)))
    .orderBy(sql`${exchangeCheckpoints.at} desc, ${exchangeCheckpoints.size} desc`)
    .limit(1);
  return row;
}

/** Checkpoints signed here whose RFC 3161 time-stamp is pending and due, oldest first. */
export async function dueTimestamps(db: Db, now: Date, limit: number) {
  return db
    .select({ id: exchangeCheckpoints.id, note: exchangeCheckpoints.note, attempts: exchangeCheckpoints.timestampAttempts })
    .from(exchangeCheckpoints)
    .where(and(eq(exchangeCheckpoints.timestampState, 'pending'), lte(exchangeCheckpoints.timestampNextAttemptAt, now)))
    .orderBy(asc(exchangeCheckpoints.at), asc(exchangeCheckpoints.size))
    .limit(limit);
}

export async function markStamped(db: Db, id: string, token: Buffer, genTime: Date): Promise<void> {
  await db
    .update(exchangeCheckpoints)
    .set({
      timestampState: 'stamped',
      timestampToken: token.toString('base64'),
      timestampAt: genTime,
      timestampNextAttemptAt: null,
      timestampAttempts: sql`${exchangeCheckpoints.timestampAttempts} + 1`,
    })
    .where(and(eq(exchangeCheckpoints.id, id), eq(exchangeCheckpoints.timestampState, 'pending')));
}

export async function postponeTimestamp(db: Db, id: string, attempts: number, next: Date): Promise<void> {
  await db
    .update(exchangeCheckpoints)
    .set({ timestampAttempts: attempts, timestampNextAttemptAt: next })
    .where(and(eq(exchangeCheckpoints.id, id), eq(exchangeCheckpoints.timestampState, 'pending')));
}

/** Per peer: the checkpoints signed here still waiting for their time-stamp, and the last one signed. */
export async function checkpointStats(db: Db, peerId: string) {
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(exchangeCheckpoints)
    .where(and(eq(exchangeCheckpoints.peerId, peerId), eq(exchangeCheckpoints.timestampState, 'pending')));
  const last = await lastCheckpoint(db, peerId, 'out');
  return { timestampsPending: Number(pending?.n ?? 0), last };
}

/** The checkpoints of a stream with a peer, smallest first. */
export async function checkpointsOf(db: Db, peerId: string, direction: 'out' | 'in') {
  return db
    .select()
    .from(exchangeCheckpoints)
    .where(and(eq(exchangeCheckpoints.peerId, peerId), eq(exchangeCheckpoints.direction, direction)))
    .orderBy(asc(exchangeCheckpoints.size), asc(exchangeCheckpoints.at));
}

/**
 * The first checkpoints of a stream that cover a stream index, countersigned ones first, then by
 * size and time (`agreedOnly`: the peer's stream, whose notes this node only countersigned).
 */
export async function coveringCheckpoints(db: Db, peerId: string, direction: 'out' | 'in', index: number, agreedOnly: boolean, limit = 5) {
  return db
    .select()
    .from(exchangeCheckpoints)
    .where(
      and(
        eq(exchangeCheckpoints.peerId, peerId),
        eq(exchangeCheckpoints.direction, direction),
        gte(exchangeCheckpoints.size, index),
        agreedOnly ? eq(exchangeCheckpoints.status, 'agreed') : undefined,
      ),
    )
    .orderBy(sql`(${exchangeCheckpoints.status} = 'agreed') desc`, asc(exchangeCheckpoints.size), asc(exchangeCheckpoints.at))
    .limit(limit);
}

/** Queues again the messages of the stream the peer says it lacks (reconciliation), under their own ids. */
export async function requeueIndexes(db: Db, peerId: string, indexes: readonly number[], now: Date): Promise<number> {
  if (indexes.length === 0) return 0;
  const r = await db
    .update(exchangeOutbox)
    .set({ state: 'queued', nextAttemptAt: now, lockedUntil: null })
    .where(and(eq(exchangeOutbox.peerId, peerId), inArray(exchangeOutbox.streamIndex, [...indexes]), sql`${exchangeOutbox.state} <> 'rejected'`))
    .returning({ i: exchangeOutbox.streamIndex });
  return r.length;
}

// ─── evidence bundles ────────────────────────────────────────────────────────

/** The messages of a subject to peers, in stream order, with the node each went to. */
export async function evidenceOutbox(db: Db, subjectId: string) {
  return db
    .select({ row: exchangeOutbox, nodeId: exchangePeers.nodeId })
    .from(exchangeOutbox)
    .innerJoin(exchangePeers, eq(exchangePeers.id, exchangeOutbox.peerId))
    .where(eq(exchangeOutbox.subjectId, subjectId))
    .orderBy(asc(exchangePeers.nodeId), asc(exchangeOutbox.streamIndex));
}

/** The messages of a subject from peers, in stream order, with the node each came from. */
export async function evidenceInbox(db: Db, subjectId: string) {
  return db
    .select({ row: exchangeInbox, nodeId: exchangePeers.nodeId })
    .from(exchangeInbox)
    .innerJoin(exchangePeers, eq(exchangePeers.id, exchangeInbox.peerId))
    .where(eq(exchangeInbox.subjectId, subjectId))
    .orderBy(asc(exchangePeers.nodeId), asc(exchangeInbox.streamIndex));
}

/** Every file of an item, removed ones too (the record names them). */
export async function itemFiles(db: Db, itemId: string) {
  return db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      sha256: attachments.sha256,
      size: attachments.size,
      role: attachments.role,
      confidentiality: attachments.confidentiality,
      removedAt: attachments.removedAt,
    })
    .from(attachments)
    .where(eq(attachments.itemId, itemId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function officeNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: offices.id, code: offices.code, nameRu: offices.nameRu, nameKk: offices.nameKk })
    .from(offices)
    .where(inArray(offices.id, [...ids]));
}

// ─── records: contact changes and notices to the other Party ─────────────────

export async function contactChangeWithContact(db: Db, changeId: string) {
  const [row] = await db
    .select({ change: contactChanges, contact: contacts, officeCode: offices.code })
    .from(contactChanges)
    .innerJoin(contacts, eq(contacts.id, contactChanges.contactId))
    .innerJoin(offices, eq(offices.id, contactChanges.officeId))
    .where(eq(contactChanges.id, changeId));
  return row;
}

export async function partyNotice(db: Db, id: string) {
  const [row] = await db
    .select({ notice: partyNotices, officeCode: offices.code })
    .from(partyNotices)
    .leftJoin(offices, eq(offices.id, partyNotices.officeId))
    .where(eq(partyNotices.id, id));
  return row;
}

/** The change reached the other Party (its signed receipt): it leaves the list of changes to communicate. */
export async function markChangeCommunicated(tx: Db, changeId: string, c: { party: 'RU' | 'KZ'; sentOn: string; reference: string; note: string; at: Date }) {
  const [comm] = await tx
    .insert(contactCommunications)
    .values({ party: c.party, sentOn: c.sentOn, outgoingNumber: c.reference, note: c.note, recordedAt: c.at })
    .returning({ id: contactCommunications.id });
  await tx
    .update(contactChanges)
    .set({ communicationId: comm!.id })
    .where(and(eq(contactChanges.id, changeId), isNull(contactChanges.communicationId)));
}

export async function markNoticeSent(tx: Db, id: string, c: { sentOn: string; reference: string; note: string; at: Date }) {
  await tx
    .update(partyNotices)
    .set({ sentOn: c.sentOn, outgoingNumber: c.reference, note: c.note, sentRecordedAt: c.at })
    .where(and(eq(partyNotices.id, id), isNull(partyNotices.sentOn)));
}

/** A contact person of the peer's office as its node sent it: inserted, or brought to the sender's state. */
export async function upsertPeerContact(tx: Db, row: Record<string, unknown>): Promise<void> {
  const values = { ...row, createdAt: new Date(String(row.createdAt)), updatedAt: new Date(String(row.updatedAt)) } as typeof contacts.$inferInsert;
  const { id: _id, ...set } = values;
  await tx.insert(contacts).values(values).onConflictDoUpdate({ target: contacts.id, set });
}

/** The peer's change, kept as communicated to this node by the exchange (it is the other Party's list, not ours to send). */
export async function insertPeerContactChange(
  tx: Db,
  row: Record<string, unknown>,
  c: { party: 'RU' | 'KZ'; sentOn: string; reference: string; note: string; at: Date },
) {
  const exists = await tx
    .select({ id: contactChanges.id })
    .from(contactChanges)
    .where(eq(contactChanges.id, String(row.id)));
  if (exists.length) return;
  const [comm] = await tx
    .insert(contactCommunications)
    .values({ party: c.party, sentOn: c.sentOn, outgoingNumber: c.reference, note: c.note, recordedAt: c.at })
    .returning({ id: contactCommunications.id });
  await tx
    .insert(contactChanges)
    .values({ ...(row as typeof contactChanges.$inferInsert), changedAt: new Date(String(row.changedAt)), communicationId: comm!.id });
}
