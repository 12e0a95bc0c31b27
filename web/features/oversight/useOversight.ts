import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { OversightItemsQuery, OversightView } from '../../../domain/schemas/oversight.ts';
import { api, withQuery } from '../../api/client.ts';
import type { ItemListRow } from '../../api/types.ts';
import { searchOf, type ApiQuery } from '../../components/url-filters.ts';

export type { OversightRow, OversightView } from '../../../domain/schemas/oversight.ts';

export const oversightKeys = {
  all: ['oversight'] as const,
  view: (year: number | null) => ['oversight', 'view', year] as const,
  items: (q: ApiQuery<typeof OversightItemsQuery>) => ['oversight', 'items', q] as const,
};

/** O-4.1: the dashboard of the user's Party; without a year the server picks the block year. */
export function useOversight(year: number | null) {
  return useQuery({
    queryKey: oversightKeys.view(year),
    queryFn: () => api.get<OversightView>(withQuery('/api/v1/oversight', { year })),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

/** The items one cell counts, a page at a time. */
export function useOversightItems(q: ApiQuery<typeof OversightItemsQuery>) {
  return useQuery({
    queryKey: oversightKeys.items(q),
    queryFn: () => api.get<{ items: ItemListRow[]; total: number; totalCapped: boolean }>(`/api/v1/oversight/items?${searchOf(q)}`),
    // Keep the previous page while the next loads, but never show another cell's items under this title.
    placeholderData: (previous, query) => {
      const before = query?.queryKey[2] as typeof q | undefined;
      return before?.office === q.office && before?.cell === q.cell ? previous : undefined;
    },
  });
}

/** The XLSX of the dashboard, in the reader's language. */
export const exportPath = (year: number | null, lang: Locale) => withQuery('/api/v1/oversight/export.xlsx', { year, lang });
