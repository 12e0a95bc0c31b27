import { answerDeadline } from '../../../domain/deadlines.ts';
import { OPEN_STATUSES } from '../../../domain/item-status.ts';
import type { Db } from '../../db/client.ts';
import type { Deps } from '../../lib/deps.ts';
import { appendAction, applyChanges, changesOf, findSubject, SUBJECT_TABLES, updateSubject, type SubjectTable } from '../../kernel/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findItem } from '../items/index.ts';
import { getSettings } from '../settings/index.ts';
import { enqueueForPeers } from './exchange.outbox.ts';

/**
 * Issue 12 §3: a term that runs from receipt runs from the signed receipt's time, not from the
 * sender's clock. When a request reaches the office it is addressed to on this node, the node
 * records its receipt as an action of the receiving office (`receipt`, no user: the node did it) at
 * the time its signed technical receipt states: the answer's term (A-8.2, the requested office's
 * time zone, this Party's number of days) is counted from then. The action crosses back like any
 * other, so the sending office sees the same term.
 */

/** The kinds after which the receiving node records the receipt. */
export const RECEIPT_AFTER: readonly string[] = ['send', 'send_oral'];

/** While the request is open its term matters: a receipt superseded by a fork is recorded again then (domain/deadlines answerRuns). */
export const OPEN_AFTER_RECEIPT = OPEN_STATUSES;

/** The columns a `receipt` action may set: a peer's `receipt` naming any other is refused. */
export const RECEIPT_COLUMNS: readonly string[] = ['answerDueAt', 'answerDue'];

export async function recordReceipt(tx: Db, deps: Deps, itemId: string, receivedAt: Date, messageId: string): Promise<void> {
  const found = await findItem(tx, itemId);
  if (!found || found.to.hosting !== 'here') return;
  const table = SUBJECT_TABLES.item as SubjectTable;
  const row = (await findSubject(tx, table, itemId)) as Record<string, unknown> & { status: string };
  const s = await getSettings(tx);
  // A matter routed to a coordinator has no such term (as when it is sent on one node).
  const due = found.item.route === 'direct' ? answerDeadline(receivedAt, s.answerDays, found.to.timeZone) : null;
  // The version the users act against stays: what they decide does not depend on the term (as for a fact beside the row).
  const written = changesOf(table, row, { answerDueAt: due?.dueAt ?? null, answerDue: due ? { ...due, dueAt: due.dueAt.toISOString() } : null });
  const next = applyChanges<Record<string, unknown>>(table, row, written);
  await updateSubject(tx, table, itemId, Object.fromEntries(Object.keys(written).map((k) => [k, next[k]])));
  await appendAction(tx, {
    subjectType: 'item',
    subjectId: itemId,
    kind: 'receipt',
    at: receivedAt,
    actor: { userId: null as never, officeId: found.to.id, party: found.to.party },
    roles: [],
    channel: 'system',
    onBehalfOfOfficeId: null,
    fromStatus: row.status as never,
    toStatus: row.status as never,
    input: null,
    changes: written,
    details: { messageId, receivedAt: receivedAt.toISOString() },
  });
  // Straight to the outbox (not through deps.afterAction: the exchange listener's deps need not carry the kernel's hook).
  await enqueueForPeers(tx, deps, 'item', next);
  await recordAudit(tx, deps, null, {
    action: 'exchange.received',
    objectType: 'item',
    objectId: itemId,
    officeId: found.to.id,
    after: { messageId, receivedAt: receivedAt.toISOString(), answerDueAt: due?.dueAt.toISOString() ?? null },
  });
}
