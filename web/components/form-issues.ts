import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldIssue } from '../../domain/errors.ts';
import { legalBasisName } from '../i18n/format.ts';

/**
 * One way to show field errors, whether zod found them in the browser or the server returned them
 * in `details.issues`: `validation:<rule>` with the issue's params, falling back to its message.
 */

type NamePath = (string | number)[];

/** Zod rules that say little on their own; a domain rule on the same field is the better message. */
const GENERIC_RULES = new Set(['too_small', 'too_big', 'invalid_type', 'invalid_format', 'invalid_value', 'invalid_union', 'custom']);

/** A zod error in the same shape as the server's field issues (server/plugins/errors.ts). */
export function zodFieldIssues(error: z.ZodError, context = 'body'): FieldIssue[] {
  return error.issues.map((issue) => {
    const { path, code, message, ...rest } = issue as z.core.$ZodIssue & { params?: { rule?: string }; input?: unknown };
    const params: Record<string, unknown> = { ...rest };
    const { rule: customRule, ...customParams } = (params.params ?? {}) as { rule?: string } & Record<string, unknown>;
    delete params.params;
    // A domain rule's own parameters (a date limit, a reason) fill its message as the server's would.
    Object.assign(params, customParams);
    // An absent value reads better as "required" than as a type error.
    if (code === 'invalid_type' && (rest.input === undefined || rest.input === null)) params.missing = true;
    delete params.input;
    return { field: [context, ...path.map(String)].join('.'), rule: customRule ?? code, message, params };
  });
}

/** `body.successor.phone` → ['successor', 'phone']. */
export function issuePath(issue: FieldIssue): NamePath {
  const parts = issue.field.split('.');
  if (['body', 'query', 'params', 'querystring'].includes(parts[0] ?? '')) parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function issueText(t: TFunction, issue: FieldIssue): string {
  const params = issue.params ?? {};
  const minimum = typeof params.minimum === 'number' ? params.minimum : undefined;
  const maximum = typeof params.maximum === 'number' ? params.maximum : undefined;
  if (params.missing === true || (issue.rule === 'too_small' && minimum === 1)) return t('validation:required');
  const context = [params.format, params.origin, params.role].find((v) => typeof v === 'string') as string | undefined;
  // The registry's reason for refusing direct exchange (O-1, P-5, A-15), in words.
  const reasonText = typeof params.reason === 'string' ? t(`registry:exchangeReasons.${params.reason}`, { defaultValue: params.reason }) : undefined;
  return t(`validation:${issue.rule}`, {
    ...params,
    // A legal-basis document by its name, not its code («приказа № 136», not ORDER-136-2022).
    ...(typeof params.code === 'string' ? { code: legalBasisName(t, params.code) } : {}),
    reasonText,
    count: minimum ?? maximum,
    context,
    defaultValue: issue.message,
  });
}

const sameName = (a: NamePath, b: NamePath) => a.length === b.length && a.every((p, i) => p === b[i]);

/**
 * Puts the issues on the form's fields; returns those that match no field (the caller shows them
 * with the error alert).
 */
export function applyIssues(form: FormInstance, issues: readonly FieldIssue[], t: TFunction): FieldIssue[] {
  const registered = form.getFieldsError().map((f) => f.name as NamePath);
  const byField = new Map<string, { name: NamePath; issues: FieldIssue[] }>();
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issuePath(issue);
    const name = registered.find((n) => sameName(n, path));
    if (!name) {
      unmatched.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, issues: [] };
    entry.issues.push(issue);
    byField.set(key, entry);
  }
  form.setFields(
    [...byField.values()].map(({ name, issues: list }) => {
      const best = list.find((i) => !GENERIC_RULES.has(i.rule)) ?? list[0]!;
      return { name, errors: [issueText(t, best)] };
    }),
  );
  const first = [...byField.values()][0];
  if (first) {
    form.scrollToField(first.name, { block: 'center' });
    // Focus leads keyboard users to the field; a date picker would open over its own message.
    const element = document.getElementById(first.name.join('_'));
    if (!element?.closest('.ant-picker')) form.focusField(first.name);
  }
  return unmatched;
}

/** Validates a request body with the shared zod schema; on failure marks the fields and returns null. */
export function parseWith<S extends z.ZodType>(form: FormInstance, schema: S, value: unknown, t: TFunction): z.output<S> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  applyIssues(form, zodFieldIssues(result.error), t);
  return null;
}
