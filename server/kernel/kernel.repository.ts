import { and, asc, desc, eq, getTableColumns, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import { actionForks, actions, offices, users } from '../db/schema.ts';
import type { SubjectTable } from './kernel.projection.ts';

/** A subject table's columns: their property names, whether they hold an instant, whether the database generates them. */
export function tableColumns(table: SubjectTable): { key: string; instant: boolean; generated: boolean }[] {
  return Object.entries(getTableColumns(table)).map(([key, col]) => ({
    key,
    instant: col.columnType === 'PgTimestamp',
    generated: Boolean((col as { generated?: unknown }).generated),
  }));
}

export type ActionRow = typeof actions.$inferSelect;
export type ActionInsert = typeof actions.$inferInsert;

/** The subject's last action: the next one takes seq + 1 and chains to its hash. Called with the subject's row locked. */
export async function lastAction(tx: Db, subjectId: string): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await tx
    .select({ seq: actions.seq, hash: actions.hash })
    .from(actions)
    .where(eq(actions.subjectId, subjectId))
    .orderBy(desc(actions.seq))
    .limit(1);
  return row;
}

/** The subject's action at a seq, if this node holds it. */
export async function actionAt(db: Db, subjectId: string, seq: number): Promise<{ id: string; hash: string } | undefined> {
  const [row] = await db
    .select({ id: actions.id, hash: actions.hash })
    .from(actions)
    .where(and(eq(actions.subjectId, subjectId), eq(actions.seq, seq)));
  return row;
}

export async function insertAction(tx: Db, values: ActionInsert): Promise<void> {
  await tx.insert(actions).values(values);
}

/** A subject's actions in order, with the actor's name and office code (timelines). */
/** The counterpart an action was recorded for (from its letter). */
const behalf = alias(offices, 'behalf');

export async function listActions(db: Db, subjectId: string) {
  return db
    .select({ a: actions, actorName: users.fullName, officeCode: offices.code, onBehalfOfCode: behalf.code })
    .from(actions)
    .leftJoin(users, eq(users.id, actions.actorUserId))
    .leftJoin(offices, eq(offices.id, actions.actorOfficeId))
    .leftJoin(behalf, eq(behalf.id, actions.onBehalfOfOfficeId))
    .where(eq(actions.subjectId, subjectId))
    .orderBy(asc(actions.seq));
}

/** A subject's log as stored (replay, verification). */
export async function actionsOf(db: Db, subjectId: string): Promise<ActionRow[]> {
  return db.select().from(actions).where(eq(actions.subjectId, subjectId)).orderBy(asc(actions.seq));
}

/**
 * A fork's resolution (domain/forks.ts): the subject's actions from `seq` on are copied into
 * action_forks verbatim and leave the chain, in the caller's transaction. The log's append-only
 * trigger lets a delete through only for the subject named in the transaction-local setting and
 * only for a row already copied; only the function bc_supersede_actions (migration 0028) does it.
 * Returns the superseded actions.
 */
export async function supersedeFrom(tx: Db, subjectId: string, seq: number, by: { actionId: string; peerNodeId: string; at: Date }): Promise<ActionRow[]> {
  const gone = await tx
    .select()
    .from(actions)
    .where(and(eq(actions.subjectId, subjectId), gte(actions.seq, seq)))
    .orderBy(asc(actions.seq));
  if (gone.length === 0) return [];
  await tx.insert(actionForks).values(
    gone.map((a) => ({
      id: a.id,
      subjectType: a.subjectType,
      subjectId: a.subjectId,
      seq: a.seq,
      kind: a.kind,
      actorUserId: a.actorUserId,
      actorOfficeId: a.actorOfficeId,
      action: JSON.parse(JSON.stringify(a)) as Record<string, unknown>,
      supersededBy: by.actionId,
      peerNodeId: by.peerNodeId,
      supersededAt: by.at,
    })),
  );
  // Through the owner's function: the application's role itself may not delete from the log.
  await tx.execute(sql`select bc_supersede_actions(${subjectId}::uuid, ${seq}::int)`);
  if ((await lastAction(tx, subjectId))?.seq !== seq - 1) throw new Error('kernel: the superseded actions did not leave the chain');
  return gone;
}

/** Whether an action of this subject was superseded here by a fork (its hash), and by what. */
export async function supersededByHash(db: Db, subjectId: string, hash: string): Promise<boolean> {
  const rows = await db
    .select({ id: actionForks.id })
    .from(actionForks)
    .where(and(eq(actionForks.subjectId, subjectId), sql`${actionForks.action}->>'hash' = ${hash}`));
  return rows.length > 0;
}

// ─── the subjects' rows: written here only, by the kernel ────────────────────

const idOf = (table: SubjectTable) => getTableColumns(table).id;

/** Inserts a subject's first row; with a conflict on a unique key (a block made concurrently) nothing and undefined. */
export async function insertSubject(tx: Db, table: SubjectTable, values: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const rows = await tx
    .insert(table)
    .values(values as never)
    .onConflictDoNothing()
    .returning();
  return rows[0] as Record<string, unknown> | undefined;
}

/** Writes the columns an action changed (values from applyChanges). */
export async function updateSubject(tx: Db, table: SubjectTable, id: string, values: Record<string, unknown>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await tx
    .update(table)
    .set(values as never)
    .where(eq(idOf(table), id));
}

/** The row as stored (replay compares with it). */
export async function findSubject(db: Db, table: SubjectTable, id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await db
    .select()
    .from(table)
    .where(eq(idOf(table), id));
  return row as Record<string, unknown> | undefined;
}
