import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_ACTIONS, BLOCK_STATUSES, FIGURE_MEASURES } from '../../../domain/annual.ts';
import { FigureQuery } from '../../../domain/schemas/annual.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { PARTIES } from '../../../domain/registry.ts';
import { readUrlFilters } from '../../components/url-filters.ts';
import { loadResources } from '../../i18n/index.ts';
import { blockDueText, defaultYear, eventsPath, figurePath, figureOf, figureSearch, parseYear, yearOptions, type Figure } from './annual-figures.ts';

const resources = loadResources() as Record<string, Record<string, Record<string, unknown>>>;
/** The figure the list page reads from its address. */
const parseFigure = (params: URLSearchParams) => figureOf(readUrlFilters(FigureQuery, params).values);
const at = (lng: string, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), resources[lng]?.annual);

/** RU-ORE's deadline for 2026: 30 January 2027 in Orenburg (UTC+5). */
const due = { start: '2027-01-01', rule: 'annual:01-30', timeZone: 'Asia/Yekaterinburg', lastDay: '2027-01-30', dueAt: '2027-01-30T19:00:00.000Z' };

describe('annual block: every figure opens the items it counts (O-3.6)', () => {
  const figures: Figure[] = [
    { direction: 'out', kind: 'request', counterpart: 'KZ-AKT' },
    { direction: 'in', form: 'crime_information' },
    { direction: 'out', form: '' },
    { direction: 'in', area: 'drug_trafficking' },
    { direction: 'out', status: 'executed' },
    { direction: 'in', measure: 'answered_late' },
    { direction: 'out', measure: 'oral_unconfirmed' },
    { direction: 'in', ground: 'security' },
    { direction: 'in', measure: 'conditions_accepted' },
  ];

  it('a figure is a query the API takes, and reads back from the address unchanged', () => {
    for (const f of figures) {
      const search = figureSearch(f);
      const parsed = FigureQuery.safeParse(Object.fromEntries(new URLSearchParams(search)));
      expect(parsed.success, search).toBe(true);
      expect(parseFigure(new URLSearchParams(search))).toEqual(f);
    }
  });

  it('maps the counts to their queries; "no form" stays a filter of its own', () => {
    expect(figureSearch({ direction: 'out', kind: 'request', counterpart: 'KZ-AKT' })).toBe('direction=out&kind=request&counterpart=KZ-AKT');
    expect(figureSearch({ direction: 'in', measure: 'answered_late' })).toBe('direction=in&measure=answered_late');
    expect(figureSearch({ direction: 'out', measure: 'all' })).toBe('direction=out');
    expect(figureSearch({ direction: 'out', form: '' })).toBe('direction=out&form=');
    expect(figurePath('RU-ORE', 2026, { direction: 'in', ground: 'security' })).toBe('/annual/RU-ORE/2026/items?direction=in&ground=security');
    expect(eventsPath('RU-ORE', 2026)).toBe('/events?view=list&office=RU-ORE&from=2026-01-01&to=2026-12-31');
  });

  it('an address without a direction names no figure; unknown measures and kinds are dropped', () => {
    expect(parseFigure(new URLSearchParams('kind=request'))).toBeNull();
    expect(parseFigure(new URLSearchParams('direction=sideways'))).toBeNull();
    expect(parseFigure(new URLSearchParams('direction=in&measure=bogus&kind=letter'))).toEqual({ direction: 'in' });
  });
});

describe('annual block: the year and the deadline', () => {
  let t: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: loadResources(), lng: 'ru', fallbackLng: 'ru', defaultNS: 'common', interpolation: { escapeValue: false } });
    t = i18n.t;
  });

  it('in January the year just ended is reported on; otherwise the current one', () => {
    expect(defaultYear('2027-01-15')).toBe(2026);
    expect(defaultYear('2027-01-31')).toBe(2026);
    expect(defaultYear('2027-02-01')).toBe(2027);
    expect(defaultYear('2026-11-26')).toBe(2026);
    expect(parseYear('2026')).toBe(2026);
    expect(parseYear('2008')).toBeNull();
    expect(parseYear('20x6')).toBeNull();
    expect(yearOptions('2026-11-26')).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    expect(yearOptions('2026-11-26', 2012)).toContain(2012);
  });

  it('O-3.6: 30 January of the next year, inclusive, in the office’s zone', () => {
    expect(blockDueText(t, due)).toBe('до 30.01.2027 включительно, по времени Екатеринбурга (UTC+5)');
    expect(blockDueText(t, { ...due, timeZone: 'Asia/Aqtobe' })).toContain('по времени Актобе (UTC+5)');
  });

  it('O-3.6: a late block says on its page by how many days, in proper Russian plurals', () => {
    const late = (count: number) => t('annual:page.late', { context: 'RU', date: '03.02.2027 00:30', count, lastDay: '30.01.2027', timeZone: 'Asia/Aqtobe' });
    expect(late(4)).toBe('Представлен 03.02.2027 00:30, на 4 дня позже срока: последний день — 30.01.2027 по времени Asia/Aqtobe (пункт 3.6 приказа № 136).');
    expect(late(1)).toContain('на 1 день позже');
    expect(late(5)).toContain('на 5 дней позже');
    expect(late(21)).toContain('на 21 день позже');
  });

  it('the heading is the one the Order prescribes, for either Party', () => {
    expect(t('annual:heading.RU', { year: 2026 })).toBe('О непосредственных рабочих контактах с органами прокуратуры Республики Казахстан в 2026 году');
    expect(t('annual:heading.KZ', { year: 2026, lng: 'kk' })).toBe('2026 жылы Ресей Федерациясының прокуратура органдарымен тікелей жұмыс байланыстары туралы');
  });
});

describe('annual block: labels for every value in every language', () => {
  const groups: [string, readonly string[]][] = [
    ['statuses', BLOCK_STATUSES],
    ['history.actions', BLOCK_ACTIONS],
    ['items.measures', FIGURE_MEASURES],
    ['heading', PARTIES],
  ];
  for (const [group, values] of groups) {
    it(`annual:${group}`, () => {
      for (const lng of LOCALES) for (const v of values) expect(at(lng, `${group}.${v}`), `${lng} annual:${group}.${v}`).toBeTruthy();
    });
  }
});
