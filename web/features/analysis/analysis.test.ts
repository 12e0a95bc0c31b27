import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { MONTHS } from '../../../domain/analysis.ts';
import { EVENT_TYPES } from '../../../domain/events.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { loadResources } from '../../i18n/index.ts';
import { analysisCharts, delta, figures, FIGURES, forScreen, inTimeShare, matrixTooltip, parseState, TABLE_TABS, yearOptions } from './analysis-state.ts';
import type { AnalysisSummary, AnalysisView } from './useAnalysis.ts';

const resources = loadResources() as Record<string, Record<string, Record<string, unknown>>>;
const at = (lng: string, ns: string, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), resources[lng]?.[ns]);

const summary = (over: Partial<AnalysisSummary> = {}): AnalysisSummary => ({
  sent: 0,
  received: 0,
  requestsSent: 0,
  proposalsSent: 0,
  requestsReceived: 0,
  proposalsReceived: 0,
  answeredByUs: 0,
  inTimeByUs: 0,
  lateByUs: 0,
  medianDaysByUs: null,
  answeredToUs: 0,
  inTimeToUs: 0,
  medianDaysToUs: null,
  refusedByUs: 0,
  refusedToUs: 0,
  oralSent: 0,
  oralUnconfirmed: 0,
  conditionsProposed: 0,
  conditionsAccepted: 0,
  eventsProposed: 0,
  eventsHeld: 0,
  eventsReported: 0,
  ...over,
});
const office = (id: string, ru: string) => ({
  id,
  code: id,
  party: (id.startsWith('RU') ? 'RU' : 'KZ') as 'RU' | 'KZ',
  name: { ru, kk: `${ru} kk`, en: `${ru} en` },
});
const ORE = office('RU-ORE', 'Прокуратура Оренбургской области');
const AKT = office('KZ-AKT', 'Прокуратура Актюбинской области');

const VIEW: AnalysisView = {
  party: 'RU',
  year: 2026,
  compareYear: 2025,
  asOf: '2026-05-10T06:00:00.000Z',
  summary: summary({
    sent: 6,
    received: 2,
    answeredByUs: 2,
    inTimeByUs: 1,
    lateByUs: 1,
    medianDaysByUs: 12,
    refusedByUs: 0,
    oralUnconfirmed: 1,
    oralSent: 2,
    eventsHeld: 3,
  }),
  compareSummary: summary({ sent: 4, received: 2, answeredByUs: 4, inTimeByUs: 4, medianDaysByUs: 8, refusedByUs: 2, oralUnconfirmed: 0, eventsHeld: 3 }),
  byMonth: MONTHS.map((month, i) => ({
    month,
    sent: i === 2 ? 6 : 0,
    received: i === 3 ? 2 : 0,
    compareSent: i === 1 ? 4 : 0,
    compareReceived: i === 1 ? 2 : 0,
  })),
  byOffice: [{ office: ORE, sent: 6, received: 2, compareSent: 4, compareReceived: 2, answered: 2, inTime: 1, late: 1, refusedByUs: 0 }],
  byCounterpart: [{ office: AKT, sent: 6, received: 2, compareSent: 4, compareReceived: 2 }],
  byForm: [
    { form: 'crime_information', sent: 6, received: 1, compareSent: 4, compareReceived: 2 },
    { form: '', sent: 0, received: 1, compareSent: 0, compareReceived: 0 },
  ],
  byArea: [
    { area: 'drug_trafficking', sent: 4, received: 2, compareSent: 1, compareReceived: 0 },
    { area: 'organized_crime', sent: 2, received: 0, compareSent: 3, compareReceived: 2 },
  ],
  byOutcome: [
    { status: 'sent', sent: 6, received: 0, compareSent: 4, compareReceived: 0 },
    { status: 'executed', sent: 0, received: 2, compareSent: 0, compareReceived: 2 },
  ],
  refusals: [],
  matrix: { rows: [ORE], columns: [AKT], cells: [{ row: 0, column: 0, sent: 6, received: 2 }] },
  events: { byType: [{ type: 'seminar', proposed: 3, held: 3, reported: 2 }], byOffice: [{ office: ORE, proposed: 3, held: 3, reported: 2 }] },
  officeProposals: [],
  report: null,
  mayEdit: true,
};

async function i18n(lng: string) {
  const instance = i18next.createInstance();
  await instance.init({ resources: loadResources(), lng, fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance;
}

describe('consolidated analysis page (O-4.3)', () => {
  it('the year and the comparison live in the address: the current year against the one before by default, or none', () => {
    expect(parseState(new URLSearchParams(''), '2026-05-10')).toEqual({ year: 2026, compare: 2025, tab: 'offices' });
    expect(parseState(new URLSearchParams('year=2024&compare=2022&tab=refusals'), '2026-05-10')).toEqual({ year: 2024, compare: 2022, tab: 'refusals' });
    expect(parseState(new URLSearchParams('year=2025&compare=none'), '2026-05-10')).toMatchObject({ year: 2025, compare: null });
    // Nonsense falls back; a year compared with itself is no comparison.
    expect(parseState(new URLSearchParams('year=abc&compare=1900&tab=x'), '2026-05-10')).toEqual({ year: 2026, compare: 2025, tab: 'offices' });
    expect(parseState(new URLSearchParams('year=2025&compare=2025'), '2026-05-10').compare).toBeNull();
    expect(parseState(new URLSearchParams('year=2009'), '2026-05-10').compare).toBeNull();
    expect(yearOptions('2026-05-10', 2011, null)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2011]);
  });

  it('the key figures and their change: percent for counts, points for the share in time; green when better, red when worse', () => {
    const f = Object.fromEntries(figures(VIEW).map((x) => [x.key, x]));
    expect(Object.keys(f)).toEqual([...FIGURES]);
    expect(inTimeShare(VIEW.summary)).toBe(50);
    expect(delta(f.sent!)).toEqual({ direction: 'up', amount: 50, unit: 'percent', tone: 'good' });
    expect(delta(f.received!)).toEqual({ direction: 'same', amount: 0, unit: 'percent', tone: 'neutral' });
    expect(delta(f.inTimeShare!)).toEqual({ direction: 'down', amount: 50, unit: 'points', tone: 'bad' });
    expect(delta(f.medianDays!)).toEqual({ direction: 'up', amount: 50, unit: 'percent', tone: 'bad' });
    expect(delta(f.refusals!)).toEqual({ direction: 'down', amount: 100, unit: 'percent', tone: 'good' });
    // Nothing the year before: no percentage to show.
    expect(delta(f.oralUnconfirmed!)).toBeNull();
    expect(delta({ ...f.sent!, before: null })).toBeNull();
  });

  it('the charts are the DOCX charts (domain/charts.ts), labelled in the reader’s language, with the title on the card', async () => {
    const t = (await i18n('ru')).t;
    const c = analysisCharts(VIEW, t, 'ru');
    const months = c.months as { xAxis: { data: string[] }; series: { name: string; type: string; data: number[]; lineStyle?: { type: string } }[] };
    expect(months.xAxis.data).toEqual(['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек']);
    expect(months.series.map((s) => [s.name, s.type, s.lineStyle?.type ?? null])).toEqual([
      ['Направлено', 'bar', null],
      ['Получено', 'bar', null],
      ['Направлено в 2025', 'line', 'dashed'],
      ['Получено в 2025', 'line', 'dashed'],
    ]);
    expect(months.series[0]!.data[2]).toBe(6);
    // Horizontal bars list from the top: the largest first.
    expect((c.areas as { yAxis: { data: string[] } }).yAxis.data).toEqual(['Организованная преступность', 'Оборот наркотиков']);
    expect((c.offices as { yAxis: { data: string[] } }).yAxis.data).toEqual(['Прокуратура Оренбургской области']);
    expect((c.matrix as { series: { data: number[][] }[] }).series[0]!.data).toEqual([[0, 0, 8]]);
    const screen = forScreen(c.months) as { title: { show: boolean }; grid: { top: number; bottom: number } };
    expect(screen.title.show).toBe(false);
    expect(screen.grid).toMatchObject({ top: 16, bottom: 56 });
    // The comparison year's dashed lines take their bars' colours.
    const palette = (c.months as { color: string[] }).color;
    const lines = (screen as unknown as { series: { type: string; color?: string; lineStyle?: { type: string } }[] }).series.filter((s) => s.type === 'line');
    expect(lines.map((l) => [l.color, l.lineStyle?.type])).toEqual([
      [palette[0], 'dashed'],
      [palette[1], 'dashed'],
    ]);
    const kk = analysisCharts({ ...VIEW, compareYear: null }, (await i18n('kk')).t, 'kk');
    expect((kk.months as { series: unknown[] }).series).toHaveLength(2);
    expect((kk.offices as { yAxis: { data: string[] } }).yAxis.data).toEqual(['Прокуратура Оренбургской области kk']);
    const tip = matrixTooltip(VIEW, t, 'ru') as { formatter: (p: { data: number[] }) => string };
    expect(tip.formatter({ data: [0, 0, 8] })).toBe(
      '<b>Прокуратура Оренбургской области</b> ↔ <b>Прокуратура Актюбинской области</b><br/>направлено: 6, получено: 2',
    );
  });

  it('every figure, table tab, month and event type is labelled in every language', () => {
    for (const lng of LOCALES) {
      for (const k of FIGURES)
        for (const p of ['title', 'detail']) expect(at(lng, 'analysis', `figures.${k}.${p}`), `${lng} analysis:figures.${k}.${p}`).toBeTruthy();
      for (const k of TABLE_TABS) expect(at(lng, 'analysis', `tables.${k}`), `${lng} analysis:tables.${k}`).toBeTruthy();
      for (const m of MONTHS) expect(at(lng, 'analysis', `months.${m}`), `${lng} analysis:months.${m}`).toBeTruthy();
      for (const e of [...EVENT_TYPES, 'other']) expect(at(lng, 'events', `types.${e}`), `${lng} events:types.${e}`).toBeTruthy();
    }
  });
});
