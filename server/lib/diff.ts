export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** The fields of `patch` whose values differ from `current` (by JSON value, so objects compare deeply). */
export function diffFields<T extends Record<string, unknown>>(current: T, patch: Partial<T>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const old = current[field];
    if (JSON.stringify(old ?? null) !== JSON.stringify(value ?? null)) changes.push({ field, old: old ?? null, new: value ?? null });
  }
  return changes;
}

/** Field name of a date-range error, for forms: the end date is the one to correct. */
export function assertDateRange(from: string | null | undefined, to: string | null | undefined, field: string): string | null {
  if (from && to && to < from) return field;
  return null;
}
