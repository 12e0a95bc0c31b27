import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { Locale, LocalizedText } from '../../domain/schemas/common.ts';

/** Dates are DD.MM.YYYY in every language (requirements, "Dates and time"). */
export const DATE_FORMAT = 'DD.MM.YYYY';
export const DATE_TIME_FORMAT = 'DD.MM.YYYY HH:mm';
export const EMPTY = '—';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDateString = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v);

/** A calendar date (`YYYY-MM-DD`) or an instant, shown as DD.MM.YYYY. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = dayjs(value); // a bare date parses as local midnight: no time-zone shift
  return d.isValid() ? d.format(DATE_FORMAT) : value;
}

/** An instant, shown in the browser's time zone as DD.MM.YYYY HH:mm. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return EMPTY;
  const d = dayjs(value);
  return d.isValid() ? d.format(DATE_TIME_FORMAT) : value;
}

export function toIsoDate(value: Dayjs | null | undefined): string | null {
  return value && value.isValid() ? value.format('YYYY-MM-DD') : null;
}

export function fromIsoDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** The name in the reader's language; Russian when a translation is missing. */
export function pickText(text: LocalizedText | Partial<Record<Locale, string>> | null | undefined, locale: Locale): string {
  if (!text) return EMPTY;
  return text[locale] || text.ru || text.en || EMPTY;
}

/**
 * A time zone as its city in the reader's language, from common:zones: «Екатеринбурга» to follow «по
 * времени» (`of`, the Russian genitive), «Екатеринбург» alone (`name`). A zone not in the table shows
 * the city of its IANA id («America/New_York» → «New York»): never the bare id.
 */
export function zoneCity(t: TFunction, timeZone: string, form: 'name' | 'of' = 'of'): string {
  const fallback = (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
  return t(`common:zones.${timeZone}.${form}`, { defaultValue: t(`common:zones.${timeZone}.name`, { defaultValue: fallback }) });
}

/**
 * A legal-basis document by its name in the reader's language («Соглашения 2009 г.» after «вступления в
 * силу», `of`; «Соглашение 2009 г.», `name`), from registry:legalBasisNames; a document a coordinator
 * added later keeps its code.
 */
export function legalBasisName(t: TFunction, code: string, form: 'name' | 'of' = 'of'): string {
  return t(`registry:legalBasisNames.${code}.${form}`, { defaultValue: code });
}

/** The name the first start gives the built-in administrator (server/modules/users bootstrapAdmin). */
export const BUILT_IN_ADMIN_NAME = 'Administrator';

/** A user's name as shown: the built-in administrator is «Администратор» / «Әкімші» / «Administrator». */
export function userName(t: TFunction, name: string | null | undefined): string {
  if (!name) return '';
  return name === BUILT_IN_ADMIN_NAME ? t('users:builtInAdmin') : name;
}
