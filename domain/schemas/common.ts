import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../time.ts';

export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const Locale = z.enum(LOCALES);

/** The years a date of this system can fall in; outside them a date is a typo, and date arithmetic or the database would refuse it. */
export const DATE_YEARS = { min: 1900, max: 2199 } as const;

/** Whether a date, date-time or instant string (`YYYY-…`) falls in DATE_YEARS. */
export const inDateYears = (value: string): boolean => {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEARS.min && year <= DATE_YEARS.max;
};
const yearsIssue = {
  message: `The year must be between ${DATE_YEARS.min} and ${DATE_YEARS.max}`,
  params: { rule: 'date_years', min: DATE_YEARS.min, max: DATE_YEARS.max },
};

/**
 * A calendar date `YYYY-MM-DD` (shown to users as DD.MM.YYYY). Three distinct refusals, so the user
 * reads which one: not a date at all, a day the calendar does not have (2022-02-30), a year out of range.
 */
export const IsoDate = z
  .string()
  .superRefine((value, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'Expected a date YYYY-MM-DD', params: { rule: 'iso_date' } });
    } else if (!isIsoDate(value)) {
      ctx.addIssue({ code: 'custom', message: `${value} is not a day of the calendar`, params: { rule: 'calendar_date' } });
    } else if (!inDateYears(value)) {
      ctx.addIssue({ code: 'custom', ...yearsIssue });
    }
  })
  .meta({ format: 'date' });

/** An instant with its UTC offset (`2026-03-02T10:00:00+05:00`): a time the calendar does not have fails as a format, a year out of range like a date's. */
export const Instant = z.iso.datetime({ offset: true }).refine(inDateYears, yearsIssue);

export const TimeZone = z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone', params: { rule: 'time_zone' } });

export const Uuid = z.uuid();

export const LocalizedText = z.object({
  ru: z.string().trim().min(1).max(500),
  kk: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** Optimistic concurrency: an edit names the version it was made on; a stale one gets 409. */
export const Version = z.number().int().min(1);

/** `?flag=true|false` in a query string. */
export const QueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');
