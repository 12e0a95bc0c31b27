import type { TFunction } from 'i18next';
import { change, MONTHS } from '../../../domain/analysis.ts';
import { barsChart, matrixChart, monthsChart } from '../../../domain/charts.ts';
import type { Locale } from '../../../domain/schemas/common.ts';
import { pickText } from '../../i18n/format.ts';
import type { AnalysisSummary, AnalysisView } from './useAnalysis.ts';

/**
 * The analysis page (O-4.3) as pure functions: what the address holds, the key figures with their
 * change against the comparison year, and the chart options — the same builders the server feeds
 * for the DOCX (analysisCharts in server/modules/analysis/analysis.service.ts), labelled from i18n.
 */

export const MIN_YEAR = 2009;
const MAX_YEAR = 2100;
/** `compare=none` in the address: no comparison year. */
export const NO_COMPARE = 'none';
export const TABLE_TABS = ['offices', 'counterparts', 'forms', 'areas', 'outcomes', 'refusals', 'events'] as const;
export type TableTab = (typeof TABLE_TABS)[number];

export interface AnalysisState {
  year: number;
  /** Null: no comparison. */
  compare: number | null;
  tab: TableTab;
}

export function parseYear(v: string | null | undefined): number | null {
  if (!v || !/^\d{4}$/.test(v)) return null;
  const y = Number(v);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

/** The year defaults to the current one (in the user's office), the comparison to the year before. */
export function parseState(params: URLSearchParams, today: string): AnalysisState {
  const year = parseYear(params.get('year')) ?? Number(today.slice(0, 4));
  const raw = params.get('compare');
  let compare: number | null = raw === NO_COMPARE ? null : (parseYear(raw) ?? (year - 1 >= MIN_YEAR ? year - 1 : null));
  if (compare === year) compare = null;
  const tab = params.get('tab');
  return { year, compare, tab: (TABLE_TABS as readonly string[]).includes(tab ?? '') ? (tab as TableTab) : 'offices' };
}

/** The years one may choose: the current one and the nine before it, and the one shown. */
export function yearOptions(today: string, ...shown: (number | null)[]): number[] {
  const current = Number(today.slice(0, 4));
  const years = new Set(Array.from({ length: 10 }, (_, i) => current - i).filter((y) => y >= MIN_YEAR));
  for (const y of shown) if (y !== null) years.add(y);
  return [...years].sort((a, b) => b - a);
}

// ─── key figures ─────────────────────────────────────────────────────────────

export type FigureKey = 'sent' | 'received' | 'inTimeShare' | 'medianDays' | 'refusals' | 'oralUnconfirmed' | 'eventsHeld';
export const FIGURES: readonly FigureKey[] = ['sent', 'received', 'inTimeShare', 'medianDays', 'refusals', 'oralUnconfirmed', 'eventsHeld'];

export interface Figure {
  key: FigureKey;
  value: number | null;
  before: number | null;
  /** A count and days change in percent; a share in percentage points. */
  unit: 'count' | 'share' | 'days';
  /** Which way is an improvement. */
  better: 'up' | 'down';
  /** Variables of the figure's detail line (analysis:figures.<key>.detail). */
  detail: Record<string, number | null>;
}

export const inTimeShare = (s: AnalysisSummary): number | null => (s.answeredByUs > 0 ? Math.round((s.inTimeByUs / s.answeredByUs) * 1000) / 10 : null);

export function figures(v: Pick<AnalysisView, 'summary' | 'compareSummary'>): Figure[] {
  const s = v.summary;
  const c = v.compareSummary;
  return [
    { key: 'sent', value: s.sent, before: c?.sent ?? null, unit: 'count', better: 'up', detail: { requests: s.requestsSent, proposals: s.proposalsSent } },
    {
      key: 'received',
      value: s.received,
      before: c?.received ?? null,
      unit: 'count',
      better: 'up',
      detail: { requests: s.requestsReceived, proposals: s.proposalsReceived },
    },
    {
      key: 'inTimeShare',
      value: inTimeShare(s),
      before: c ? inTimeShare(c) : null,
      unit: 'share',
      better: 'up',
      detail: { inTime: s.inTimeByUs, answered: s.answeredByUs, late: s.lateByUs },
    },
    { key: 'medianDays', value: s.medianDaysByUs, before: c?.medianDaysByUs ?? null, unit: 'days', better: 'down', detail: { toUs: s.medianDaysToUs } },
    { key: 'refusals', value: s.refusedByUs, before: c?.refusedByUs ?? null, unit: 'count', better: 'down', detail: { toUs: s.refusedToUs } },
    { key: 'oralUnconfirmed', value: s.oralUnconfirmed, before: c?.oralUnconfirmed ?? null, unit: 'count', better: 'down', detail: { oral: s.oralSent } },
    {
      key: 'eventsHeld',
      value: s.eventsHeld,
      before: c?.eventsHeld ?? null,
      unit: 'count',
      better: 'up',
      detail: { proposed: s.eventsProposed, reported: s.eventsReported },
    },
  ];
}

export interface Delta {
  direction: 'up' | 'down' | 'same';
  /** Percent (count, days) or percentage points (share), without sign. */
  amount: number;
  unit: 'percent' | 'points';
  tone: 'good' | 'bad' | 'neutral';
}

/** The change against the comparison year; null when there is nothing to compare with (no year, or zero then). */
export function delta(f: Pick<Figure, 'value' | 'before' | 'unit' | 'better'>): Delta | null {
  if (f.value === null || f.before === null) return null;
  const diff = f.unit === 'share' ? Math.round((f.value - f.before) * 10) / 10 : change(f.value, f.before);
  if (diff === null) return null;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const tone = direction === 'same' ? 'neutral' : direction === f.better ? 'good' : 'bad';
  return { direction, amount: Math.abs(diff), unit: f.unit === 'share' ? 'points' : 'percent', tone };
}

/** Numbers as the reader writes them: 85,7 in Russian and Kazakh, 85.7 in English. */
export function formatNumber(n: number | null | undefined, locale: Locale): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale === 'kk' ? 'kk-KZ' : locale, { maximumFractionDigits: 1 }).format(n);
}

export const ARROWS: Record<Delta['direction'], string> = { up: '▲', down: '▼', same: '=' };

// ─── charts ──────────────────────────────────────────────────────────────────

export type Option = Record<string, unknown>;
export interface AnalysisCharts {
  months: Option;
  areas: Option;
  offices: Option;
  matrix: Option;
}

/**
 * The four charts of the report, fed as the server feeds them for the DOCX. The priority areas are
 * named by their short labels: a full name ("Незаконный оборот наркотических средств, …") does not
 * fit beside a bar; the table below names them in full.
 */
export function analysisCharts(v: AnalysisView, t: TFunction, locale: Locale): AnalysisCharts {
  const name = (o: { name: AnalysisView['byOffice'][number]['office']['name'] }) => pickText(o.name, locale);
  const sent = t('analysis:series.sent');
  const received = t('analysis:series.received');
  return {
    months: monthsChart({
      title: t('analysis:charts.byMonth', { year: v.year }),
      months: MONTHS.map((m) => t(`analysis:months.${m}`)),
      series: [
        { name: sent, values: v.byMonth.map((m) => m.sent) },
        { name: received, values: v.byMonth.map((m) => m.received) },
        ...(v.compareYear
          ? [
              { name: t('analysis:series.sentIn', { year: v.compareYear }), values: v.byMonth.map((m) => m.compareSent ?? 0), compare: true },
              { name: t('analysis:series.receivedIn', { year: v.compareYear }), values: v.byMonth.map((m) => m.compareReceived ?? 0), compare: true },
            ]
          : []),
      ],
    }),
    areas: barsChart({
      title: t('analysis:charts.byArea'),
      categories: v.byArea.map((a) => t(`items:areasShort.${a.area}`)),
      series: [
        { name: sent, values: v.byArea.map((a) => a.sent) },
        { name: received, values: v.byArea.map((a) => a.received) },
      ],
    }),
    offices: barsChart({
      title: t('analysis:charts.byOffice'),
      categories: v.byOffice.map((o) => name(o.office)),
      series: [
        { name: sent, values: v.byOffice.map((o) => o.sent) },
        { name: received, values: v.byOffice.map((o) => o.received) },
      ],
    }),
    matrix: matrixChart({
      title: t('analysis:charts.matrix'),
      rows: v.matrix.rows.map(name),
      columns: v.matrix.columns.map(name),
      cells: v.matrix.cells.map((c) => ({ row: c.row, column: c.column, value: c.sent + c.received })),
    }),
  };
}

type Series = Record<string, unknown> & { type?: string; lineStyle?: Record<string, unknown> };

/**
 * On the screen the card carries the title: the chart leaves it out and uses the room. A dashed
 * line of the comparison year takes the colour of its bar (sent, received), and the heat map's
 * scale shows its ends.
 */
export function forScreen(option: Option): Option {
  const grid = (option.grid ?? {}) as Record<string, unknown>;
  const palette = (option.color ?? []) as string[];
  const series = ((option.series ?? []) as Series[]).map((s, i, all) => {
    if (s.type !== 'line') return s;
    const bar = i - all.filter((x) => x.type !== 'line').length;
    const color = palette[bar];
    return color ? { ...s, color, lineStyle: { ...s.lineStyle, color, width: 2 } } : s;
  });
  const visualMap = option.visualMap as Record<string, unknown> | undefined;
  return {
    ...option,
    title: { show: false },
    grid: { ...grid, top: 16 },
    series,
    ...(visualMap ? { visualMap: { ...visualMap, text: [String(visualMap.max), '0'], itemHeight: 160 } } : {}),
  };
}

/** The other Party's offices under the heat map: their names differ at the end, so the labels get room for it. */
export function matrixForScreen(option: Option): Option {
  const o = forScreen(option);
  const xAxis = (o.xAxis ?? {}) as Record<string, unknown>;
  return { ...o, xAxis: { ...xAxis, axisLabel: { ...(xAxis.axisLabel as Record<string, unknown>), rotate: 30, width: 220 } } };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The heat map's tooltip names both offices and splits the count into sent and received. */
export function matrixTooltip(v: AnalysisView, t: TFunction, locale: Locale): Option {
  const cells = new Map(v.matrix.cells.map((c) => [`${c.row}|${c.column}`, c]));
  return {
    position: 'top',
    formatter: (p: { data?: unknown }) => {
      const [column, row] = Array.isArray(p.data) ? (p.data as number[]) : [];
      const r = v.matrix.rows[row ?? -1];
      const c = v.matrix.columns[column ?? -1];
      if (!r || !c) return '';
      const cell = cells.get(`${row}|${column}`);
      return [
        `<b>${escapeHtml(pickText(r.name, locale))}</b> ↔ <b>${escapeHtml(pickText(c.name, locale))}</b>`,
        escapeHtml(t('analysis:matrixTooltip', { sent: cell?.sent ?? 0, received: cell?.received ?? 0 })),
      ].join('<br/>');
    },
  };
}

/** Bars of one category are ~26 px apart, as in the DOCX; the legend and the axis need the rest. */
export const barsHeight = (categories: number) => Math.max(220, 100 + categories * 30);
export const monthsHeight = 320;
export const matrixHeight = (rows: number) => Math.max(320, 230 + rows * 40);
