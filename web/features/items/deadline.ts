import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import { parseDeadlineRule } from '../../../domain/time.ts';
import type { ItemView } from '../../api/types.ts';
import { formatDate, zoneCity } from '../../i18n/format.ts';

export type Deadline = NonNullable<ItemView['answerDue']>;

/** An instant as DD.MM.YYYY HH:mm in a given zone (the responsible office's, not the browser's). */
export function formatInZone(iso: string, timeZone: string): string {
  const d = DateTime.fromISO(iso, { setZone: true }).setZone(timeZone);
  return d.isValid ? d.toFormat('dd.LL.yyyy HH:mm') : iso;
}

/** UTC+5 style offset of a zone now, for «Актобе (UTC+5)». */
export function zoneOffset(timeZone: string): string {
  const d = DateTime.now().setZone(timeZone);
  return d.isValid ? d.toFormat('ZZ').replace(/:00$/, '').replace(/^\+0/, '+').replace(/^-0/, '-') : '';
}

/** How a deadline was computed: «30 календарных дней с 02.03.2026, по времени Актобе (UTC+5)». */
export function deadlineRule(t: TFunction, d: Deadline): string {
  const { kind, count } = parseDeadlineRule(d.rule);
  const zone = { timeZone: zoneCity(t, d.timeZone), offset: zoneOffset(d.timeZone) };
  if (kind === 'hours') return t('items:deadline.ruleHours', { count, start: formatInZone(d.start, d.timeZone), ...zone });
  if (kind === 'calendarDays') return t('items:deadline.ruleDays', { count, start: formatDate(d.start), ...zone });
  return t('items:deadline.ruleOther', { rule: d.rule, start: d.start, ...zone });
}

/** When it ends: the last day for a period of days, the exact time for hours. */
export function deadlineEnd(t: TFunction, d: Deadline): string {
  if (parseDeadlineRule(d.rule).kind === 'hours')
    return t('items:deadline.endsAt', { at: formatInZone(d.dueAt, d.timeZone), timeZone: zoneCity(t, d.timeZone) });
  return t('items:deadline.lastDay', { date: formatDate(d.lastDay) });
}

/** "2 дня 5 часов", "3 часа 10 минут", "12 минут". */
export function durationText(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(t('items:duration.days', { count: days }));
  if (hours > 0 && days < 7) parts.push(t('items:duration.hours', { count: hours }));
  if (days === 0 && (hours === 0 || mins > 0)) parts.push(t('items:duration.minutes', { count: mins }));
  return parts.join(' ');
}

export interface Countdown {
  overdue: boolean;
  text: string;
  /** Less than a day left. */
  soon: boolean;
}

export function countdown(t: TFunction, dueAt: string, now: number): Countdown {
  const left = new Date(dueAt).getTime() - now;
  if (left <= 0) return { overdue: true, soon: false, text: t('items:deadline.overdueBy', { duration: durationText(t, left) }) };
  return { overdue: false, soon: left < 86_400_000, text: t('items:deadline.left', { duration: durationText(t, left) }) };
}

/** The current time, ticking, so countdowns move while the page is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
