import { DateTime, IANAZone } from 'luxon';

/** Injected time source: deadlines, reminders and reports never read the wall clock themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A calendar date without time, `YYYY-MM-DD`. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar date that an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ years }).toISODate()!;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first instant of a calendar date in a time zone. */
export function startOfDayIn(date: IsoDate, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

const offsetCache = new Map<string, string>();

/** UTC offset of a zone at an instant, as `+05:00`. Memoized per zone and minute: lists show it per row. */
export function utcOffset(instant: Date, timeZone: string): string {
  const key = `${timeZone}@${Math.floor(instant.getTime() / 60_000)}`;
  let value = offsetCache.get(key);
  if (value === undefined) {
    if (offsetCache.size > 10_000) offsetCache.clear();
    value = DateTime.fromJSDate(instant, { zone: timeZone }).toFormat('ZZ');
    offsetCache.set(key, value);
  }
  return value;
}

export interface Deadline {
  /** Calendar date the period starts from (the day of the event itself). */
  start: IsoDate;
  /** The rule that produced it, e.g. `calendarDays:15`. */
  rule: string;
  timeZone: string;
  /** The last calendar day on which the duty can still be met, in `timeZone`. */
  lastDay: IsoDate;
  /** The instant the deadline passes: the start of the day after `lastDay` in `timeZone`. */
  dueAt: Date;
}

/** A deadline as stored (jsonb) and sent: its instant as an ISO string. */
export type JsonDeadline = Omit<Deadline, 'dueAt'> & { dueAt: string };

/**
 * How a deadline was computed, as its `rule` says it: `calendarDays:N` (N calendar days after the
 * start date, to the end of the last day) or `hours:N` (N hours after the start instant). Written
 * and read only here; the web explains a due date from it.
 */
export type DeadlineRule = { kind: 'calendarDays' | 'hours'; count: number } | { kind: 'other'; count: null };
export const calendarDaysRule = (days: number): string => `calendarDays:${days}`;
export const hoursRule = (hours: number): string => `hours:${hours}`;
export function parseDeadlineRule(rule: string): DeadlineRule {
  const [kind, n] = rule.split(':');
  const count = Number(n);
  return (kind === 'calendarDays' || kind === 'hours') && Number.isInteger(count) ? { kind, count } : { kind: 'other', count: null };
}

/**
 * "Within N days" counts calendar days from the day after the start date (requirements, "Dates and
 * time"): an event on 10.03 with 15 days gives 25.03 as the last day, which ends at midnight in
 * the responsible office's own time zone.
 */
export function calendarDaysDeadline(start: IsoDate, days: number, timeZone: string): Deadline {
  const lastDay = addDays(start, days);
  return {
    start,
    rule: calendarDaysRule(days),
    timeZone,
    lastDay,
    dueAt: startOfDayIn(addDays(lastDay, 1), timeZone),
  };
}

export function isPast(deadline: Pick<Deadline, 'dueAt'>, now: Date): boolean {
  return now.getTime() >= deadline.dueAt.getTime();
}

/** Formats a date as DD.MM.YYYY, the form used in Russian and Kazakh documents and the UI. */
export function formatDateDots(date: IsoDate | Date, timeZone = 'UTC'): string {
  const dt = typeof date === 'string' ? DateTime.fromISO(date, { zone: 'UTC' }) : DateTime.fromJSDate(date, { zone: timeZone });
  return dt.toFormat('dd.LL.yyyy');
}

/** A wall-clock date and time without zone, `YYYY-MM-DDTHH:mm`, as people enter it for a place. */
export type LocalDateTime = string;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function isLocalDateTime(value: string): boolean {
  return LOCAL_DATE_TIME.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a clock change moves forward
 * (luxon's rule); the zones of this system have had none since 2014, but the rule is defined.
 */
export function instantOf(local: LocalDateTime, timeZone: string): Date {
  return DateTime.fromISO(local, { zone: timeZone }).toJSDate();
}

/** The wall-clock time of an instant in a zone, `YYYY-MM-DDTHH:mm`. */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

const MONTHS_RU_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const MONTHS_KK = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

/** The locative suffix each Kazakh month takes (vowel harmony; -те after the voiceless к); -ғы/-гі makes it attributive. */
const KK_LOCATIVE = ['да', 'да', 'да', 'де', 'да', 'да', 'де', 'да', 'те', 'да', 'да', 'да'];

const dateParts = (date: IsoDate) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m: m - 1, d };
};

/** «10 марта 2022 г.» */
export function russianLongDate(date: IsoDate): string {
  const { y, m, d } = dateParts(date);
  return `${d} ${MONTHS_RU_GENITIVE[m]} ${y} г.`;
}

/**
 * Kazakh official form: `plain` «2022 жылғы 10 наурыз», `attributive` «… 10 наурыздағы (хат)»,
 * `locative` «… 10 наурызда (берілген)» (CLDR's «2022 ж. 10 наурыз» is not the official form).
 */
export function kazakhLongDate(date: IsoDate, form: 'plain' | 'attributive' | 'locative' = 'plain'): string {
  const { y, m, d } = dateParts(date);
  const suffix = form === 'plain' ? '' : `${KK_LOCATIVE[m]}${form === 'attributive' ? (KK_LOCATIVE[m]!.endsWith('а') ? 'ғы' : 'гі') : ''}`;
  return `${y} жылғы ${d} ${MONTHS_KK[m]}${suffix}`;
}

/**
 * A date as official documents write it in words: «10 марта 2022 г.», and in Kazakh «2022 жылғы
 * 10 наурыз» (CLDR's kk-KZ long form «2022 ж. 10 наурыз» is not the official one, so it is built here).
 * Other languages get `10 March 2022`.
 */
export function formatDateLong(date: IsoDate | Date, lang: string, timeZone = 'UTC'): string {
  const day: IsoDate = typeof date === 'string' ? date : (DateTime.fromJSDate(date, { zone: timeZone }).toISODate() as IsoDate);
  if (lang === 'kk') return kazakhLongDate(day);
  if (lang === 'ru') return russianLongDate(day);
  return DateTime.fromISO(day, { zone: 'UTC' }).setLocale('en-GB').toFormat('d MMMM yyyy');
}
