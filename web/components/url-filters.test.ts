import { describe, expect, it } from 'vitest';
import { FigureQuery } from '../../domain/schemas/annual.ts';
import { EventListQuery } from '../../domain/schemas/events.ts';
import { ItemListQuery } from '../../domain/schemas/items.ts';
import { OversightItemsQuery } from '../../domain/schemas/oversight.ts';
import { apiQuery, clearUrlFilters, readUrlFilters, searchOf, writeUrlFilters, type UrlFilterOptions } from './url-filters.ts';

const journal: UrlFilterOptions<typeof ItemListQuery> = { fixed: { box: 'incoming' } };
const read = (search: string) => readUrlFilters(ItemListQuery, new URLSearchParams(search), journal);
const write = (search: string, changes: Parameters<typeof writeUrlFilters<typeof ItemListQuery>>[2]) =>
  writeUrlFilters(ItemListQuery, new URLSearchParams(search), changes, journal).toString();

describe('URL filters of a list', () => {
  it('round trip: what a change writes into the address is read back as the same filters, sorting and page', () => {
    const changes = {
      status: 'sent,registered',
      counterpart: 'KZ-AKT',
      kind: 'request',
      from: '2026-01-01',
      to: '2026-03-31',
      overdue: 'true',
      q: 'наркотики',
      sort: 'answerDueAt',
      order: 'asc',
    } as const;
    const written = write('', changes);
    const state = read(write(written, { page: 3, limit: 100 }));
    expect(state.values).toEqual(changes);
    expect(state.page).toBe(1); // a new page size starts from the first page…
    expect(read(write(write(written, { limit: 100 }), { page: 3 }))).toEqual({ values: changes, page: 3, limit: 100 }); // …and a page is kept
    // The API gets the same values, the fixed box and the page as limit/offset.
    expect(apiQuery(ItemListQuery, read(`${written}&page=3&limit=100`), journal)).toEqual({ box: 'incoming', ...changes, limit: 100, offset: 200 });
  });

  it('drops from the query what the route does not declare or would refuse: unknown parameters, bad values, the fixed box', () => {
    const state = read('foo=1&box=outgoing&offset=40&kind=letter&status=sent,bogus&from=2026-02-30&q=a&counterpart=kz-akt&limit=7&page=-2');
    expect(state.values).toEqual({ counterpart: 'kz-akt' });
    expect(state).toMatchObject({ page: 1, limit: 50 });
    const query = apiQuery(ItemListQuery, state, journal);
    expect(Object.keys(query).sort()).toEqual(['box', 'counterpart', 'limit', 'offset']);
    // Whatever the address held, the route accepts what the web sends.
    expect(ItemListQuery.strict().safeParse(query).success).toBe(true);
    // A change does not write them either.
    expect(write('', { kind: 'letter', q: 'a', box: 'all' } as never)).toBe('');
  });

  it('does not write defaults into the address, and removes one set before', () => {
    expect(write('', { order: 'desc', limit: 50, page: 1 })).toBe('');
    expect(write('order=asc&limit=100&page=4', { order: 'desc', limit: 50 })).toBe('');
    // The events list is sorted by its start, ascending, when nothing is named.
    const events = writeUrlFilters(EventListQuery, new URLSearchParams('view=list'), { sort: 'startsAt', order: 'asc', type: 'seminar' });
    expect(events.toString()).toBe('view=list&type=seminar');
    expect(readUrlFilters(EventListQuery, new URLSearchParams('sort=startsAt&order=asc')).values).toEqual({});
    // A page size of the page's own default is not written either (the oversight drawer shows 20).
    const drawer = { fixed: { office: 'RU-ORE', cell: 'open_incoming' }, defaultLimit: 20, pageSizes: [20, 50, 100] } as const;
    expect(writeUrlFilters(OversightItemsQuery, new URLSearchParams(), { limit: 20 }, drawer).toString()).toBe('');
    expect(readUrlFilters(OversightItemsQuery, new URLSearchParams('limit=200'), drawer).limit).toBe(20);
  });

  it('a filter change returns to the first page; the page’s own parameters and those of a dashboard underneath stay', () => {
    expect(write('page=5&q=контрабанда', { kind: 'proposal' })).toBe('q=%D0%BA%D0%BE%D0%BD%D1%82%D1%80%D0%B0%D0%B1%D0%B0%D0%BD%D0%B4%D0%B0&kind=proposal');
    const drawer = { fixed: { office: 'RU-ORE', cell: 'open_incoming' }, defaultLimit: 20, pageSizes: [20, 50, 100] } as const;
    const over = writeUrlFilters(OversightItemsQuery, new URLSearchParams('year=2025&office=RU-ORE&cell=open_incoming&sort=problems'), { page: 2 }, drawer);
    expect(over.toString()).toBe('year=2025&office=RU-ORE&cell=open_incoming&sort=problems&page=2');
    expect(clearUrlFilters(EventListQuery, new URLSearchParams('view=list&month=2026-03&q=семинар&page=2&limit=20&sort=number')).toString()).toBe(
      'view=list&month=2026-03',
    );
  });

  it('keeps an empty value the route gives a meaning to: an annual figure of items with no form recorded', () => {
    const state = readUrlFilters(FigureQuery, new URLSearchParams('direction=out&form=&kind=request&measure=all'));
    expect(state.values).toEqual({ direction: 'out', form: '', kind: 'request' });
    expect(searchOf(apiQuery(FigureQuery, state))).toBe('direction=out&kind=request&form=&limit=50&offset=0');
  });
});
