import type { TFunction } from 'i18next';
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
