import type { TFunction } from 'i18next';
import { requirementOfError, requirementOfIssueRule } from '../../domain/law.ts';
import { ApiError } from '../api/client.ts';

/** The one translation of a failure: `errors:<CODE>`, or a generic message for anything else. */
export function errorCode(error: unknown): string {
  if (error instanceof ApiError) return error.code;
  return 'INTERNAL';
}

export function errorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  return t(`errors:${code}`, { defaultValue: t('errors:INTERNAL') });
}

/**
 * The articles a failure enforces (domain/law.ts): the error code's and its field issues' rules,
 * each once. The UI links them to the law page (/law#ID) so the user reads the rule that stopped them.
 */
export function errorRequirements(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const ids = [requirementOfError(error.code), ...error.issues.map((i) => requirementOfIssueRule(i.rule))];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
