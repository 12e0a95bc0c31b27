import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import { parseDeadlineRule } from '../../../domain/time.ts';
import { formatDate, zoneCity } from '../../i18n/format.ts';
import { deadlineRule, type Deadline } from '../items/deadline.ts';

/**
 * Event times are wall-clock times at the place (`YYYY-MM-DDTHH:mm`) in the place's own zone: they
 * are shown as entered, with the zone and its UTC offset, never shifted to the browser's clock.
 */

/** The zones of the border regions of both Parties, west to east. */
export const EVENT_TIME_ZONES = [
  'Europe/Moscow',
  'Europe/Samara',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Novosibirsk',
  'Asia/Almaty',
  'Asia/Aqtobe',
  'Asia/Qostanay',
  'Asia/Oral',
  'Asia/Atyrau',
  'Asia/Aqtau',
  'Asia/Qyzylorda',
] as const;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-11-12T10:00` → `12.11.2026 10:00`. */
export function formatLocal(local: string | null | undefined): string {
  if (!local) return '—';
  const m = LOCAL.exec(local);
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}:${m[5]}` : local;
}

/** The calendar date of a wall-clock time, `YYYY-MM-DD`. */
export const localDay = (local: string): string => local.slice(0, 10);

/** `+05:00` → `+5`, `+05:30` → `+5:30`, `-03:00` → `-3`, `Z`/`+00:00` → `+0`. */
export function offsetText(offset: string | null | undefined): string {
  if (!offset) return '';
  if (offset === 'Z') return '+0';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!m) return offset;
  const hours = String(Number(m[2]));
  return `${m[1]}${hours}${m[3] === '00' ? '' : `:${m[3]}`}`;
}

/** The offset of a zone at an instant (now when none), as `+05:00`. */
export function zoneOffsetAt(timeZone: string, iso?: string | null): string {
  const base = iso ? DateTime.fromISO(iso, { setZone: true }) : DateTime.now();
  const d = base.setZone(timeZone);
  return d.isValid ? d.toFormat('ZZ') : '';
}

/** «12.11.2026 10:00–18:00» within a day, «12.11.2026 10:00 – 13.11.2026 18:00» across days. */
export function periodText(startsLocal: string | null | undefined, endsLocal: string | null | undefined): string {
  if (!startsLocal && !endsLocal) return '—';
  if (!startsLocal || !endsLocal) return formatLocal(startsLocal ?? endsLocal);
  if (localDay(startsLocal) === localDay(endsLocal)) return `${formatLocal(startsLocal)}–${endsLocal.slice(11)}`;
  return `${formatLocal(startsLocal)} – ${formatLocal(endsLocal)}`;
}

/** «Актобе, UTC+5»: the zone's city in the reader's language. */
export function zoneText(t: TFunction, timeZone: string | null | undefined, offset: string | null | undefined): string {
  if (!timeZone) return '';
  const o = offsetText(offset);
  const city = zoneCity(t, timeZone, 'name');
  return o ? `${city}, UTC${o}` : city;
}

/** The days an event occupies at its place, first to last (a long one is cut at 62 days). */
export function eventDays(startsLocal: string | null | undefined, endsLocal: string | null | undefined): string[] {
  if (!startsLocal) return [];
  const first = DateTime.fromISO(localDay(startsLocal), { zone: 'UTC' });
  const last = endsLocal && endsLocal >= startsLocal ? DateTime.fromISO(localDay(endsLocal), { zone: 'UTC' }) : first;
  if (!first.isValid || !last.isValid) return [];
  const days: string[] = [];
  for (let d = first; d <= last && days.length < 62; d = d.plus({ days: 1 })) days.push(d.toISODate()!);
  return days;
}

/** The dates to ask the list for so the month grid (with its days of the months around) is covered. */
export function calendarRange(month: string): { from: string; to: string } {
  const start = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return { from: start.minus({ days: 7 }).toISODate()!, to: start.endOf('month').plus({ days: 14 }).toISODate()! };
}

/** `YYYY-MM` of the address, or null when it is not a month. */
export function parseMonth(value: string | null | undefined): string | null {
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : null;
}

/**
 * How the report's due date was computed: «10 календарных дней после окончания мероприятия
 * (13.11.2026), по времени Актобе (UTC+5)».
 */
export function reportDueRule(t: TFunction, d: Deadline): string {
  const rule = parseDeadlineRule(d.rule);
  if (rule.kind !== 'calendarDays') return deadlineRule(t, d);
  return t('events:reportDue.rule', {
    count: rule.count,
    start: formatDate(d.start),
    timeZone: zoneCity(t, d.timeZone),
    offset: offsetText(zoneOffsetAt(d.timeZone, d.dueAt)),
  });
}

/** «по 23.11.2026 включительно (до 24.11.2026 00:00 по времени UTC+5)». */
export function reportDueEnd(t: TFunction, d: Deadline): string {
  return t('events:reportDue.lastDay', { date: formatDate(d.lastDay) });
}
