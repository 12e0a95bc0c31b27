import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../domain/schemas/common.ts';
import type { OversightView } from '../../../domain/schemas/oversight.ts';
import { api, withQuery } from '../../api/client.ts';
import type { ItemListRow } from '../../api/types.ts';
import type { OversightCell } from './oversight-state.ts';

export type { OversightRow, OversightView } from '../../../domain/schemas/oversight.ts';

export const oversightKeys = {
  all: ['oversight'] as const,
  view: (year: number | null) => ['oversight', 'view', year] as const,
  items: (office: string, cell: OversightCell, limit: number, offset: number) => ['oversight', 'items', office, cell, limit, offset] as const,
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
export function useOversightItems(office: string | null, cell: OversightCell | null, limit: number, offset: number) {
  return useQuery({
    queryKey: oversightKeys.items(office ?? '', cell ?? 'open_incoming', limit, offset),
    queryFn: () => api.get<{ items: ItemListRow[]; total: number; totalCapped: boolean }>(withQuery('/api/v1/oversight/items', { office, cell, limit, offset })),
    enabled: office !== null && cell !== null,
    // Keep the previous page while the next loads, but never show another cell's items under this title.
    placeholderData: (previous, query) => (query?.queryKey[2] === office && query?.queryKey[3] === cell ? previous : undefined),
  });
}

/** The XLSX of the dashboard, in the reader's language. */
export const exportPath = (year: number | null, lang: Locale) => withQuery('/api/v1/oversight/export.xlsx', { year, lang });
