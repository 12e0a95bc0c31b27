import type { TFunction } from 'i18next';
import { formatDate, isIsoDateString } from '../i18n/format.ts';

/** "с 08.06.2022", "по 31.12.2023", "08.06.2022 – 31.12.2023" or "без ограничения срока". */
export function validityText(t: TFunction, from: string | null, to: string | null): string {
  if (from && to) return t('common:validity.range', { from: formatDate(from), to: formatDate(to) });
  if (from) return t('common:validity.from', { from: formatDate(from) });
  if (to) return t('common:validity.to', { to: formatDate(to) });
  return t('common:validity.unlimited');
}

/** A value from a history entry or an audit row, readable: dates as DD.MM.YYYY, flags as yes/no. */
export function plainValue(t: TFunction, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common:yes') : t('common:no');
  if (isIsoDateString(value)) return formatDate(value);
  if (typeof value === 'object' && !Array.isArray(value) && 'ru' in value) {
    const text = value as Record<string, unknown>;
    return String(text[locale] ?? text.ru ?? '');
  }
  if (Array.isArray(value)) return value.map((v) => plainValue(t, v, locale)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
