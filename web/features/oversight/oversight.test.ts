import { describe, expect, it } from 'vitest';
import { BLOCK_STATUSES } from '../../../domain/annual.ts';
import { LOCALES } from '../../../domain/schemas/common.ts';
import { OVERSIGHT_CELLS, type OversightRow, type OversightView } from '../../../domain/schemas/oversight.ts';
import { loadResources } from '../../i18n/index.ts';
import { blockPath, counterpartSide, EVENT_CELLS, eventsPath, parseState, sortValue, summarize, visibleRows, yearOptions } from './oversight-state.ts';

const resources = loadResources() as Record<string, Record<string, Record<string, unknown>>>;
const at = (lng: string, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), resources[lng]?.oversight);

function row(
  code: string,
  name: string,
  over: Partial<{
    items: Partial<OversightRow['items']>;
    events: Partial<OversightRow['events']>;
    block: Partial<OversightRow['block']>;
    contacts: OversightRow['contacts'];
    problems: number;
  }> = {},
): OversightRow {
  const items = Object.fromEntries(OVERSIGHT_CELLS.map((c) => [c, 0])) as OversightRow['items'];
  return {
    office: { id: code, code, party: 'RU', name: { ru: name, kk: `${name} kk`, en: `${name} en` } },
    contacts: over.contacts === undefined ? { status: 'ok', currentContacts: 2 } : over.contacts,
    items: { ...items, ...over.items },
    events: { awaitingDecision: 0, awaitingReport: 0, reportOverdue: 0, ...over.events },
    block: { year: 2025, status: 'not_started', overdue: false, late: false, ...over.block },
    problems: over.problems ?? 0,
  };
}

const ORE = row('RU-ORE', 'Прокуратура Оренбургской области', { items: { overdue_confirmations: 2, open_outgoing: 3 }, block: { overdue: true }, problems: 3 });
const SAM = row('RU-SAM', 'Прокуратура Самарской области', {
  items: { open_incoming: 5, held_by_office: 1 },
  events: { reportOverdue: 1 },
  contacts: { status: 'missing', currentContacts: 0 },
  problems: 2,
});
const AST = row('RU-AST', 'Прокуратура Астраханской области', { block: { status: 'submitted', late: true } });
const VIEW: OversightView = {
  asOf: '2026-02-10T06:00:00.000Z',
  year: 2025,
  items: [ORE, SAM, AST],
  totals: { open_incoming: 5, overdue_answers: 0, held_by_office: 1, open_outgoing: 3, overdue_confirmations: 2, held_awaiting_confirmation: 0 },
  eventTotals: { awaitingDecision: 0, awaitingReport: 0, reportOverdue: 1 },
};

describe('oversight dashboard (O-4.1)', () => {
  it('every cell, event cell and block status is labelled in every language', () => {
    for (const lng of LOCALES) {
      for (const c of OVERSIGHT_CELLS) {
        for (const group of ['cells', 'cellTitles', 'cellHints']) expect(at(lng, `${group}.${c}`), `${lng} oversight:${group}.${c}`).toBeTruthy();
      }
      for (const c of EVENT_CELLS) for (const group of ['cells', 'cellTitles']) expect(at(lng, `${group}.${c}`), `${lng} oversight:${group}.${c}`).toBeTruthy();
      for (const s of BLOCK_STATUSES) expect(at(lng, `blockStatuses.${s}`), `${lng} oversight:blockStatuses.${s}`).toBeTruthy();
      expect((resources[lng]?.common?.nav as Record<string, unknown>)?.oversight, `${lng} common:nav.oversight`).toBeTruthy();
    }
  });

  it('the address holds the year, the search, the switch, the sorting and the open cell; nonsense falls back', () => {
    const s = parseState(new URLSearchParams('year=2025&q=орен&problems=1&sort=overdue_answers&order=asc&office=RU-ORE&cell=held_by_office&page=3&limit=50'));
    expect(s).toEqual({ year: 2025, q: 'орен', onlyProblems: true, sort: 'overdue_answers', order: 'asc', office: 'RU-ORE', cell: 'held_by_office' });
    const d = parseState(new URLSearchParams('year=20x5&sort=drop&order=up&office=RU-ORE&cell=nope&page=-2&limit=7'));
    expect(d).toEqual({ year: null, q: '', onlyProblems: false, sort: null, order: 'desc', office: null, cell: null });
    expect(parseState(new URLSearchParams('year=1990')).year).toBeNull();
  });

  it('search by name in any language or by code, the problems switch, and sorting by any column keep the server order for ties', () => {
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: null, order: 'desc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-ORE',
      'RU-SAM',
      'RU-AST',
    ]);
    expect(visibleRows(VIEW.items, { q: 'оренб', onlyProblems: false, sort: null, order: 'desc' }, 'ru').map((r) => r.office.code)).toEqual(['RU-ORE']);
    expect(visibleRows(VIEW.items, { q: 'sam', onlyProblems: false, sort: null, order: 'desc' }, 'ru').map((r) => r.office.code)).toEqual(['RU-SAM']);
    expect(visibleRows(VIEW.items, { q: 'en', onlyProblems: false, sort: null, order: 'desc' }, 'ru')).toHaveLength(3);
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: true, sort: null, order: 'desc' }, 'ru').map((r) => r.office.code)).toEqual(['RU-ORE', 'RU-SAM']);
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: 'open_incoming', order: 'desc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-SAM',
      'RU-ORE',
      'RU-AST',
    ]);
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: 'reportOverdue', order: 'asc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-ORE',
      'RU-AST',
      'RU-SAM',
    ]);
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: 'office', order: 'asc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-AST',
      'RU-ORE',
      'RU-SAM',
    ]);
    // Statuses ascending: the most urgent first.
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: 'block', order: 'asc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-ORE',
      'RU-SAM',
      'RU-AST',
    ]);
    expect(visibleRows(VIEW.items, { q: '', onlyProblems: false, sort: 'contacts', order: 'asc' }, 'ru').map((r) => r.office.code)).toEqual([
      'RU-SAM',
      'RU-ORE',
      'RU-AST',
    ]);
    expect(sortValue(row('X', 'x', { contacts: null }), 'contacts', 'ru')).toBe(6);
  });

  it('the summary cards count what the totals and rows say', () => {
    expect(summarize(VIEW)).toEqual({
      overdueAnswers: 0,
      unconfirmedOral: 2,
      heldIncoming: 1,
      heldOutgoing: 0,
      reportsOverdue: 1,
      blocksNotSubmitted: 2,
      blocksOverdue: 1,
      contactProblems: 1,
      officesWithProblems: 2,
    });
  });

  it('every number leads to what it counts, with the parameters the target pages read', () => {
    expect(eventsPath('RU-ORE', 'awaitingDecision')).toBe('/events?view=list&office=RU-ORE&status=submitted');
    expect(eventsPath('RU-ORE', 'awaitingReport')).toBe('/events?view=list&office=RU-ORE&stage=awaiting_report');
    expect(eventsPath('RU-ORE', 'reportOverdue')).toBe('/events?view=list&office=RU-ORE&stage=report_overdue');
    expect(blockPath('RU-ORE', 2025)).toBe('/annual/RU-ORE/2025');
    expect(counterpartSide('overdue_answers')).toBe('fromOffice');
    expect(counterpartSide('overdue_confirmations')).toBe('toOffice');
  });

  it('years: the current one and nine before, plus the one shown', () => {
    expect(yearOptions('2026-11-26')).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    expect(yearOptions('2026-11-26', 2012)).toContain(2012);
  });
});
