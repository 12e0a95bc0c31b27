import type { Db } from '../db/client.ts';
import { annualBlocks, events, items } from '../db/schema.ts';
import { actionHash, GENESIS } from './kernel.chain.ts';
import { applyChanges, storedColumns, type SubjectTable } from './kernel.projection.ts';
import * as repo from './kernel.repository.ts';
import type { SubjectType } from './kernel.ts';

export const SUBJECT_TABLES: Record<SubjectType, SubjectTable> = { item: items, event: events, annual_block: annualBlocks };

/** The row a subject's log rebuilds: `applyChanges` folded over its actions from nothing. */
export function replayActions(table: SubjectTable, log: readonly Pick<repo.ActionRow, 'changes'>[]): Record<string, unknown> {
  let row: Record<string, unknown> = {};
  for (const a of log) row = applyChanges(table, row, a.changes);
  return storedColumns(table, row);
}

/** Replays a subject from its log. */
export async function replaySubject(db: Db, type: SubjectType, id: string): Promise<Record<string, unknown>> {
  return replayActions(SUBJECT_TABLES[type], await repo.actionsOf(db, id));
}

/** The subject's row as stored, in the columns a replay rebuilds (generated ones excluded). */
export async function storedSubject(db: Db, type: SubjectType, id: string): Promise<Record<string, unknown> | undefined> {
  const table = SUBJECT_TABLES[type];
  const row = await repo.findSubject(db, table, id);
  return row ? storedColumns(table, row) : undefined;
}

export type ChainFault = { seq: number; reason: 'seq_gap' | 'prev_hash' | 'hash' | 'subject' };

/** Checks a subject's log: seq 1, 2, 3 … without gaps, each prev_hash the previous hash, each hash its own fields'. */
export function verifyActions(log: readonly repo.ActionRow[]): ChainFault | null {
  let prev = GENESIS;
  let subject: string | null = null;
  for (const [i, a] of log.entries()) {
    if (a.seq !== i + 1) return { seq: a.seq, reason: 'seq_gap' };
    if (subject !== null && a.subjectId !== subject) return { seq: a.seq, reason: 'subject' };
    subject = a.subjectId;
    if (a.prevHash !== prev) return { seq: a.seq, reason: 'prev_hash' };
    if (actionHash(a.prevHash, a) !== a.hash) return { seq: a.seq, reason: 'hash' };
    prev = a.hash;
  }
  return null;
}

export async function verifySubject(db: Db, id: string): Promise<ChainFault | null> {
  return verifyActions(await repo.actionsOf(db, id));
}
