import canonicalize from 'canonicalize';
import type { annualBlocks, events, items } from '../db/schema.ts';
import { tableColumns } from './kernel.repository.ts';

/**
 * Rows of subjects are projections of their actions. An action's `changes` hold the columns it set
 * as JSON (camelCase names, instants as ISO strings); `applyChanges` turns them back into column
 * values. The kernel writes a row only through it, and replay folds it over a subject's log, so
 * the stored row and the replayed one cannot differ unless something wrote behind the kernel.
 */
export type SubjectTable = typeof items | typeof events | typeof annualBlocks;
export type Changes = Record<string, unknown>;

interface ColumnInfo {
  instant: boolean;
}

const columnCache = new WeakMap<SubjectTable, Map<string, ColumnInfo>>();

/** The stored columns of a subject table (generated ones, such as the search vectors, excluded). */
export function projectedColumns(table: SubjectTable): Map<string, ColumnInfo> {
  let m = columnCache.get(table);
  if (!m) {
    m = new Map();
    for (const col of tableColumns(table)) if (!col.generated) m.set(col.key, { instant: col.instant });
    columnCache.set(table, m);
  }
  return m;
}

/** A column value as JSON (what jsonb gives back): instants as ISO strings, undefined as null. */
export function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function fromJson(info: ColumnInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (info.instant) return new Date(value as string);
  return toJson(value);
}

/** The row after `changes` (a new object; unknown names are refused: a log names only real columns). */
export function applyChanges<Row extends Record<string, unknown>>(table: SubjectTable, row: Partial<Row>, changes: Changes): Row {
  const columns = projectedColumns(table);
  const next: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(changes)) {
    const info = columns.get(key);
    if (!info) throw new Error(`changes name an unknown column: ${key}`);
    next[key] = fromJson(info, value);
  }
  return next as Row;
}

/** The whole row as changes: the first action of a subject holds it. */
export function wholeRow(table: SubjectTable, row: Record<string, unknown>): Changes {
  const out: Changes = {};
  for (const key of projectedColumns(table).keys()) out[key] = toJson(row[key]);
  return out;
}

/** The columns of `values` whose value differs from the row's, as changes. */
export function changesOf(table: SubjectTable, row: Record<string, unknown>, values: Record<string, unknown>): Changes {
  const columns = projectedColumns(table);
  const out: Changes = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!columns.has(key)) throw new Error(`not a column of the subject: ${key}`);
    const json = toJson(value);
    // Compared canonically: a jsonb value read back has its keys in another order.
    if (canonicalize(json) !== canonicalize(toJson(row[key]))) out[key] = json;
  }
  return out;
}

/** The stored columns of a row (for comparing a replay with the table). */
export function storedColumns(table: SubjectTable, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries([...projectedColumns(table).keys()].map((k) => [k, row[k] ?? null]));
}
