import type { FieldIssue } from '../../domain/errors.ts';

/**
 * Text a client sends that PostgreSQL cannot store (or would silently corrupt on the way), found
 * anywhere in a parsed input. Used by the input guard of every route (plugins/input.ts) and by the
 * multipart reader (lib/uploads.ts).
 */

/** Deeper than any body the API takes; deeper input could exhaust the stack of JSON.stringify later. */
export const MAX_NESTING = 32;

/**
 * Why a string cannot be stored, or null. PostgreSQL refuses NUL in text and in jsonb; a lone UTF-16
 * surrogate cannot be encoded as UTF-8 (it would be stored as U+FFFD, and jsonb refuses its escape).
 */
export function unstorableText(value: string): 'nul' | 'lone_surrogate' | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) return 'nul';
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = c <= 0xdbff ? value.charCodeAt(i + 1) : NaN;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return 'lone_surrogate';
    }
  }
  return null;
}

const REASON_TEXT = {
  nul: 'contains a NUL character, which cannot be stored',
  lone_surrogate: 'contains an unpaired UTF-16 surrogate, which is not a character',
} as const;

/** The field issue for a string that cannot be stored; the value itself is never echoed. */
export function textIssue(field: string, reason: keyof typeof REASON_TEXT): FieldIssue {
  return { field, rule: 'text_characters', message: REASON_TEXT[reason], params: { reason } };
}

/** A key as it may appear in a dotted field path (the offending characters replaced). */
// oxlint-disable-next-line no-control-regex -- control characters are what it finds
const pathKey = (key: string) => key.replace(/[\u0000-\u001f\ud800-\udfff.]/g, '?').slice(0, 100);

/**
 * Walks every string and key of a parsed input without recursion (a 1 MB body may nest deeply) and
 * returns the first issue: text that cannot be stored, or nesting beyond MAX_NESTING.
 */
export function inputIssue(context: string, input: unknown): FieldIssue | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: context, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableText(value);
      if (reason) return textIssue(path, reason);
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_NESTING)
      return { field: path, rule: 'nesting_depth', message: `Nested deeper than ${MAX_NESTING} levels`, params: { maximum: MAX_NESTING } };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}.${i}`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const reason = unstorableText(key);
      if (reason) return textIssue(`${path}.${pathKey(key)}`, reason);
      stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}
