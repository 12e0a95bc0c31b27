import type { TFunction } from 'i18next';
import type { Direction, FigureMeasure } from '../../../domain/annual.ts';
import type { ItemKind } from '../../../domain/items.ts';
import { formatDate, zoneCity } from '../../i18n/format.ts';
import { offsetText, zoneOffsetAt } from '../events/event-time.ts';
import type { Deadline } from '../items/deadline.ts';

/**
 * O-3.6: no number of the annual block stands unexplained — each one opens the list of the items
 * it counts. A figure is the query GET /annual-blocks/:office/:year/items takes; it lives in the
 * address of the list page, so a figure can be linked and the back button works.
 */
export interface Figure {
  direction: Direction;
  measure?: FigureMeasure;
  kind?: ItemKind;
  /** The counterpart office's code. */
  counterpart?: string;
  /** '' is "no form recorded": it is a filter of its own, not the absence of one. */
  form?: string;
  status?: string;
  area?: string;
  ground?: string;
}

const KEYS = ['measure', 'kind', 'counterpart', 'form', 'status', 'area', 'ground'] as const;

/** `direction=out&kind=request&counterpart=KZ-AKT`; keeps `form=` (no form) that withQuery() would drop. */
export function figureSearch(f: Figure): string {
  const p = new URLSearchParams({ direction: f.direction });
  for (const k of KEYS) {
    const v = f[k];
    if (v === undefined || (k === 'measure' && v === 'all')) continue;
    if (v === '' && k !== 'form') continue;
    p.set(k, v);
  }
  return p.toString();
}

/**
 * The figure of a list page's address, from the values useUrlFilters(FigureQuery) kept (only those
 * the API accepts), or null when the address names none.
 */
export function figureOf(values: Partial<Record<keyof Figure, string>>): Figure | null {
  return values.direction ? (values as Figure) : null;
}

export const blockPath = (officeCode: string, year: number | string) => `/annual/${encodeURIComponent(officeCode)}/${year}`;
export const figurePath = (officeCode: string, year: number | string, f: Figure) => `${blockPath(officeCode, year)}/items?${figureSearch(f)}`;
export const blockApi = (officeCode: string, year: number | string) => `/api/v1/annual-blocks/${encodeURIComponent(officeCode)}/${year}`;

/** The events of the office in the year, in the events list (events are counted from their own table). */
export const eventsPath = (officeCode: string, year: number) =>
  `/events?${new URLSearchParams({ view: 'list', office: officeCode, from: `${year}-01-01`, to: `${year}-12-31` }).toString()}`;

// ─── the year ────────────────────────────────────────────────────────────────

export const MIN_YEAR = 2009;

/** The year being reported on: in January, the one just ended (its block is due on 30 January); else the current one. */
export function defaultYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '01' ? year - 1 : year;
}

/** A year of the address, or null when it is not one the API takes. */
export function parseYear(value: string | null | undefined): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const y = Number(value);
  return y >= MIN_YEAR && y <= 2100 ? y : null;
}

/** The years to choose from: the current one and nine before it, and the shown one if older. */
export function yearOptions(today: string, shown?: number | null): number[] {
  const current = Number(today.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => current - i).filter((y) => y >= MIN_YEAR);
  if (shown && !years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

// ─── the deadline ────────────────────────────────────────────────────────────

/** «до 30.01.2027 включительно, по времени Asia/Yekaterinburg (UTC+5)». */
export function blockDueText(t: TFunction, d: Deadline): string {
  return t('annual:page.due', { date: formatDate(d.lastDay), timeZone: zoneCity(t, d.timeZone), offset: offsetText(zoneOffsetAt(d.timeZone, d.dueAt)) });
}
