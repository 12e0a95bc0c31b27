import type { ComplianceStatus } from '../../../domain/contacts.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { OVERSIGHT_CELLS, type OversightRow, type OversightView } from '../../../domain/schemas/oversight.ts';
import { pickText } from '../../i18n/format.ts';

/**
 * The oversight dashboard (O-4.1) as pure functions: what the address holds, which rows are shown
 * in what order, the summary, and where each number leads.
 */

export type OversightCell = (typeof OVERSIGHT_CELLS)[number];
export type EventCell = keyof OversightRow['events'];
export const EVENT_CELLS: readonly EventCell[] = ['awaitingDecision', 'awaitingReport', 'reportOverdue'];
export const INCOMING_CELLS: readonly OversightCell[] = ['open_incoming', 'overdue_answers', 'held_by_office'];
export const OUTGOING_CELLS: readonly OversightCell[] = ['open_outgoing', 'overdue_confirmations', 'held_awaiting_confirmation'];
/** A non-zero number in these is a breach: shown in red. */
export const OVERDUE_CELLS: ReadonlySet<string> = new Set<string>(['overdue_answers', 'overdue_confirmations', 'reportOverdue']);

export const SORT_KEYS = ['office', 'contacts', ...OVERSIGHT_CELLS, ...EVENT_CELLS, 'block', 'problems'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export const isOversightCell = (v: unknown): v is OversightCell => typeof v === 'string' && (OVERSIGHT_CELLS as readonly string[]).includes(v);

/** Contact-person statuses that count as a problem (as the server counts them). */
export const CONTACT_PROBLEMS: ReadonlySet<ComplianceStatus> = new Set<ComplianceStatus>(['overdue', 'lapsed', 'missing']);
/** Most urgent first. */
const CONTACT_ORDER: Record<ComplianceStatus, number> = { overdue: 0, lapsed: 1, missing: 2, late: 3, pending: 4, ok: 5 };

export const MIN_YEAR = 2009;

/** Everything the page keeps in its address. */
export interface OversightState {
  /** Null: the server's default year (the previous one in January, else the current one). */
  year: number | null;
  q: string;
  onlyProblems: boolean;
  /** Null: the server's order (most problems first). */
  sort: SortKey | null;
  order: SortOrder;
  /** The cell whose items are open in the drawer (its page is the drawer's, see CellItemsDrawer). */
  office: string | null;
  cell: OversightCell | null;
}

export function parseYear(v: string | null | undefined): number | null {
  if (!v || !/^\d{4}$/.test(v)) return null;
  const y = Number(v);
  return y >= MIN_YEAR && y <= 2100 ? y : null;
}

export function parseState(params: URLSearchParams): OversightState {
  const sort = params.get('sort');
  const cell = params.get('cell');
  const office = params.get('office');
  return {
    year: parseYear(params.get('year')),
    q: params.get('q') ?? '',
    onlyProblems: params.get('problems') === '1',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : null,
    order: params.get('order') === 'asc' ? 'asc' : 'desc',
    office: office && isOversightCell(cell) ? office : null,
    cell: office && isOversightCell(cell) ? cell : null,
  };
}

/** The years one may choose: the current one and the nine before it, and the one shown. */
export function yearOptions(today: string, shown?: number | null): number[] {
  const current = Number(today.slice(0, 4));
  const years = Array.from({ length: 10 }, (_, i) => current - i).filter((y) => y >= MIN_YEAR);
  if (shown && !years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

function matches(row: OversightRow, q: string, locale: Locale): boolean {
  const needle = q.trim().toLocaleLowerCase();
  if (!needle) return true;
  const names = [row.office.code, pickText(row.office.name, locale), ...Object.values(row.office.name)];
  return names.some((n) => n.toLocaleLowerCase().includes(needle));
}

function blockRank(b: OversightRow['block']): number {
  if (b.overdue) return 0;
  if (b.status === 'returned') return 1;
  if (b.status === 'not_started') return 2;
  if (b.status === 'draft') return 3;
  return b.late ? 4 : 5;
}

/** The value a column sorts by; numbers ascending mean "fewer", statuses ascending mean "most urgent first". */
export function sortValue(row: OversightRow, key: SortKey, locale: Locale): number | string {
  switch (key) {
    case 'office':
      return pickText(row.office.name, locale);
    case 'contacts':
      return row.contacts ? CONTACT_ORDER[row.contacts.status] : 6;
    case 'block':
      return blockRank(row.block);
    case 'problems':
      return row.problems;
    case 'awaitingDecision':
    case 'awaitingReport':
    case 'reportOverdue':
      return row.events[key];
    default:
      return row.items[key];
  }
}

/** The rows shown: filtered by the search and the switch, in the chosen order (ties by code). */
export function visibleRows(rows: readonly OversightRow[], s: Pick<OversightState, 'q' | 'onlyProblems' | 'sort' | 'order'>, locale: Locale): OversightRow[] {
  const shown = rows.filter((r) => (!s.onlyProblems || r.problems > 0) && matches(r, s.q, locale));
  if (!s.sort) return shown;
  const key = s.sort;
  const dir = s.order === 'asc' ? 1 : -1;
  return shown
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = sortValue(a.r, key, locale);
      const y = sortValue(b.r, key, locale);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), locale);
      return c * dir || a.i - b.i;
    })
    .map((x) => x.r);
}

export interface OversightSummary {
  overdueAnswers: number;
  unconfirmedOral: number;
  heldIncoming: number;
  heldOutgoing: number;
  reportsOverdue: number;
  blocksNotSubmitted: number;
  blocksOverdue: number;
  contactProblems: number;
  officesWithProblems: number;
}

export function summarize(view: OversightView): OversightSummary {
  return {
    overdueAnswers: view.totals.overdue_answers,
    unconfirmedOral: view.totals.overdue_confirmations,
    heldIncoming: view.totals.held_by_office,
    heldOutgoing: view.totals.held_awaiting_confirmation,
    reportsOverdue: view.eventTotals.reportOverdue,
    blocksNotSubmitted: view.items.filter((r) => r.block.status !== 'submitted').length,
    blocksOverdue: view.items.filter((r) => r.block.overdue).length,
    contactProblems: view.items.filter((r) => r.contacts !== null && CONTACT_PROBLEMS.has(r.contacts.status)).length,
    officesWithProblems: view.items.filter((r) => r.problems > 0).length,
  };
}

/** The events behind an event cell, in the events list (EventsPage reads office, status and stage). */
export function eventsPath(officeCode: string, cell: EventCell): string {
  const params = new URLSearchParams({ view: 'list', office: officeCode });
  if (cell === 'awaitingDecision') params.set('status', 'submitted');
  else params.set('stage', cell === 'awaitingReport' ? 'awaiting_report' : 'report_overdue');
  return `/events?${params.toString()}`;
}

/** The annual block page of an office for a year. */
export const blockPath = (officeCode: string, year: number) => `/annual/${encodeURIComponent(officeCode)}/${year}`;

/** Incoming cells count items addressed to the office: the other side is the sender; outgoing cells the reverse. */
export const counterpartSide = (cell: OversightCell): 'fromOffice' | 'toOffice' => (INCOMING_CELLS.includes(cell) ? 'fromOffice' : 'toOffice');
