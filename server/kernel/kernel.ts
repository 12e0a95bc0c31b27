import { v7 as uuidv7 } from 'uuid';
import type { Actor, Role } from '../../domain/access.ts';
import type { AppError } from '../../domain/errors.ts';
import type { Clock } from '../../domain/time.ts';
import type { Db } from '../db/client.ts';
import type { SubjectStatus } from '../db/schema.ts';
import type { Deps } from '../lib/deps.ts';
import { recordAudit, type AuditInput } from '../modules/audit/index.ts';
import { actionHash, GENESIS } from './kernel.chain.ts';
import { applyChanges, changesOf, toJson, wholeRow, type Changes, type SubjectTable } from './kernel.projection.ts';
import * as repo from './kernel.repository.ts';

/**
 * The one kernel of the three workflows (requests and proposals, events, annual blocks): every
 * change of a subject is one action, taken by `perform` in one transaction —
 *   1. the subject's row is locked (or inserted, for its first action);
 *   2. the version the user saw is checked;
 *   3. the clock is read once: every part of the action (its effect, deadlines, the audit row, the
 *      notifications) sees that one instant;
 *   4. the subject's machine decides (a refusal becomes the subject's error);
 *   5. the action's effect runs (side rows) and says which columns it sets;
 *   6. the action is appended to the subject's log (seq + 1, chained hash), its changes are applied
 *      to the row through the function replay uses, the notifications and the answer are made,
 *      and the audit row is written last — all in the same transaction.
 * Two users pressing the same button queue on the row lock: the second finds the new state and is
 * refused. Nothing else writes a subject's row (docs/KERNEL.md).
 */

export type SubjectType = 'item' | 'event' | 'annual_block';

export { ACTION_CHANNELS as CHANNELS, type ActionChannel as Channel } from '../../domain/letters.ts';
import type { ActionChannel as Channel } from '../../domain/letters.ts';

/** The columns every subject row has. */
export interface SubjectRow extends Record<string, unknown> {
  id: string;
  version: number;
  status: SubjectStatus;
  updatedAt: Date;
}

export interface Kind {
  type: SubjectType;
  table: SubjectTable;
}

/** What every hook of an action gets: the transaction, the dependencies with the clock fixed at the action's instant, and that instant. */
export interface ActionContext {
  tx: Db;
  deps: Deps;
  at: Date;
}

export interface Loaded<Row extends SubjectRow> {
  row: Row;
}

export interface Effect<Row extends SubjectRow> {
  /** The projection columns the action sets (the machine's own fields are added by `settle`). */
  values?: Record<string, unknown>;
  /** Side rows it created or changed, by id, and the facts of the moment: for the timeline and the audit row. */
  details?: Record<string, unknown> | null;
  /**
   * Whether the row's version and updatedAt move (default yes). A fact recorded beside the row (a
   * consent, a use, a file of the answer) leaves the version the users edit against as it was.
   */
  touch?: boolean;
  /** Nothing at all changes: no action is recorded and the subject is answered as it is. */
  unchanged?: boolean;
  /** The audit row, when it is not the workflow's usual one. */
  audit?: AuditInput;
  /** Notifications and the like, once the row is written (same transaction). */
  after?: (c: ActionContext, row: Row) => Promise<void>;
}

export interface Decision {
  roles?: readonly Role[];
  onBehalfOfOfficeId?: string | null;
}

export interface ActionSpec<Row extends SubjectRow, L extends Loaded<Row>, R> {
  kind: Kind;
  /** The action's kind in the log (`create`, `sign`, `attach`, …). */
  action: string;
  actor: Actor;
  /** What the actor provided: the request's body without the version. */
  input: Record<string, unknown> | null;
  /** The version the user saw; null or undefined when the action does not depend on it. */
  version?: number | null;
  /** How the action reached this node (default: done here), and on whose behalf it is recorded. */
  channel?: Channel;
  onBehalfOfOfficeId?: string | null;
  /** The subject; or, for its first action, the values of its row and how to find it if a concurrent first action inserted it. */
  subject:
    | { id: string }
    | { create: (c: ActionContext) => Promise<Record<string, unknown>> | Record<string, unknown>; existing?: (tx: Db) => Promise<string | undefined> };
  /** Loads the row locked (`for update`) and checks the actor may see it and act on it at all. */
  lock(tx: Db, id: string, fresh: boolean): Promise<L>;
  conflict(row: Row): AppError;
  /**
   * The machine's decision (throws the refusal); returns the actor's roles that allowed the action,
   * and, for an action recorded from a counterpart's letter, the office on whose behalf it stands
   * (known once the subject is locked).
   */
  decide?(c: ActionContext, l: L): Promise<Decision | readonly Role[] | void> | Decision | readonly Role[] | void;
  effect?(c: ActionContext, l: L): Promise<Effect<Row>>;
  /** The fields the machine sets after the effect (status and the like), from the row as the effect leaves it. */
  settle?(c: ActionContext, l: L, merged: Row, effect: Effect<Row>): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The workflow's usual audit row for this action. */
  audit(c: ActionContext, l: L, next: Row, details: Record<string, unknown> | null): AuditInput;
  view(c: ActionContext, l: L, next: Row): Promise<R>;
}

/** A clock that is read once: every later call returns the same instant. */
function onceClock(clock: Clock): Clock {
  let at: Date | null = null;
  return { now: () => (at ??= clock.now()) };
}

export async function perform<Row extends SubjectRow, L extends Loaded<Row>, R>(deps: Deps, spec: ActionSpec<Row, L, R>): Promise<R> {
  const { table, type } = spec.kind;
  return deps.db.transaction(async (tx) => {
    const clock = onceClock(deps.clock);
    const d: Deps = { ...deps, db: tx, clock };
    const context = (): ActionContext => ({ tx, deps: d, at: clock.now() });
    // 1. Lock the row, or insert it for the subject's first action.
    let id: string;
    let fresh = false;
    if ('id' in spec.subject) id = spec.subject.id;
    else {
      const inserted = await repo.insertSubject(tx, table, await spec.subject.create(context()));
      if (inserted) {
        id = inserted.id as string;
        fresh = true;
      } else {
        const existing = await spec.subject.existing?.(tx);
        if (!existing) throw new Error(`${type}: the first row conflicted and no existing row was found`);
        id = existing;
      }
    }
    const l = await spec.lock(tx, id, fresh);
    const row = l.row;
    // 2. The version the user saw.
    if (!fresh && spec.version !== undefined && spec.version !== null && spec.version !== row.version) throw spec.conflict(row);
    // 3. One instant for the whole action (after the lock, so a subject's actions follow each other in time).
    const c = context();
    // 4. The machine.
    const decided = await spec.decide?.(c, l);
    const decision: Decision = Array.isArray(decided) ? { roles: decided as readonly Role[] } : ((decided as Decision | undefined) ?? {});
    const roles = decision.roles ?? spec.actor.roles;
    // 5. The effect.
    const e = (await spec.effect?.(c, l)) ?? {};
    if (e.unchanged && !fresh) return spec.view(c, l, row);
    const values: Record<string, unknown> = { ...e.values };
    Object.assign(values, await spec.settle?.(c, l, { ...row, ...values } as Row, e));
    // 6. The action, the row through the same function replay uses, the audit row, the notifications.
    // The columns to write: what differs from the row (a first action's row was just inserted, at version 1).
    const written = changesOf(table, row, values);
    if (!fresh && e.touch !== false) Object.assign(written, { version: row.version + 1, updatedAt: c.at.toISOString() });
    const next = applyChanges<Row>(table, row, written);
    // A subject's first action holds its whole row; a later one what it changed.
    const changes: Changes = fresh ? wholeRow(table, next) : written;
    await repo.updateSubject(tx, table, id, Object.fromEntries(Object.keys(written).map((k) => [k, next[k]])));
    const details = (toJson(e.details ?? null) as Record<string, unknown> | null) ?? null;
    await appendAction(tx, {
      subjectType: type,
      subjectId: id,
      kind: spec.action,
      at: c.at,
      actor: spec.actor,
      roles,
      channel: spec.channel ?? 'system',
      onBehalfOfOfficeId: decision.onBehalfOfOfficeId ?? spec.onBehalfOfOfficeId ?? null,
      fromStatus: fresh ? null : row.status,
      toStatus: next.status,
      input: spec.input,
      changes,
      details,
    });
    // A subject shared with a peer node: its new action leaves in this transaction (the outbox).
    await deps.afterAction?.(tx, d, type, next);
    await e.after?.(c, next);
    const answer = await spec.view(c, l, next);
    // Last: the audit row locks the chain's head for every writer of every instance until commit,
    // so nothing else of the action runs while it is held (bench/RESULTS.md, «Workflow actions»).
    await recordAudit(tx, d, spec.actor, e.audit ?? spec.audit(c, l, next, details));
    return answer;
  });
}

export interface NewAction {
  subjectType: SubjectType;
  subjectId: string;
  kind: string;
  at: Date;
  actor: Pick<Actor, 'userId' | 'officeId' | 'party'> | null;
  roles: readonly Role[];
  channel: Channel;
  onBehalfOfOfficeId: string | null;
  fromStatus: SubjectStatus | null;
  toStatus: SubjectStatus | null;
  input: Record<string, unknown> | null;
  changes: Changes;
  details: Record<string, unknown> | null;
}

/** Appends an action to its subject's log: the next seq, chained to the previous hash. The subject's row must be locked. */
/** Appends an action to its subject's chain (the next seq, chained to the last hash). Called with the subject locked. */
export async function appendAction(tx: Db, a: NewAction): Promise<void> {
  const last = await repo.lastAction(tx, a.subjectId);
  const row = {
    id: uuidv7(),
    subjectType: a.subjectType,
    subjectId: a.subjectId,
    seq: (last?.seq ?? 0) + 1,
    kind: a.kind,
    at: a.at,
    actorUserId: a.actor?.userId ?? null,
    actorOfficeId: a.actor?.officeId ?? null,
    actorParty: a.actor?.party ?? null,
    actorRoles: [...a.roles],
    onBehalfOfOfficeId: a.onBehalfOfOfficeId,
    channel: a.channel,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    input: toJson(a.input) as Record<string, unknown> | null,
    changes: toJson(a.changes) as Record<string, unknown>,
    details: a.details,
  };
  const prevHash = last?.hash ?? GENESIS;
  await repo.insertAction(tx, { ...row, prevHash, hash: actionHash(prevHash, row) });
}
