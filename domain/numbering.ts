import { DateTime } from 'luxon';

/**
 * The running number of a request, a proposal or an event: each office numbers what it creates
 * from 1 every year (the year in its own time zone at creation), so the numbers tell nobody how
 * much another office writes. A number means something only with its year: «№ 12/2026».
 */
export interface Numbered {
  number: number;
  numberYear: number;
}

/** The one way a number is written: in the web, the DOCX letters, notifications and e-mails. */
export function formatNumber(n: Numbered): string {
  return `${n.number}/${n.numberYear}`;
}

/** The numbering year of something created at `createdAt` by an office in `timeZone`. */
export function numberingYear(createdAt: Date, timeZone: string): number {
  return DateTime.fromJSDate(createdAt, { zone: timeZone }).year;
}
