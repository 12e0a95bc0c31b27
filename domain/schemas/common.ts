import { z } from 'zod';
import { isIsoDate, isValidTimeZone } from '../time.ts';

export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const Locale = z.enum(LOCALES);

/** A calendar date `YYYY-MM-DD` (shown to users as DD.MM.YYYY). */
export const IsoDate = z.string().refine(isIsoDate, { message: 'Expected a date YYYY-MM-DD', params: { rule: 'iso_date' } });

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
