import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BlockStatus } from '../../../domain/annual.ts';
import type { BlockListPage, BlockView, FigureQuery } from '../../../domain/schemas/annual.ts';
import { api, request, withQuery } from '../../api/client.ts';
import type { ItemListRow } from '../../api/types.ts';
import { searchOf, type ApiQuery } from '../../components/url-filters.ts';
import { blockApi } from './annual-figures.ts';

export type { BlockView } from '../../../domain/schemas/annual.ts';
export type BlockListRow = z.infer<typeof BlockListPage>['items'][number];
export type BlockFigures = BlockView['figures'];

export const annualKeys = {
  all: ['annual'] as const,
  list: (year: number, status?: string) => ['annual', 'list', year, status ?? null] as const,
  one: (officeCode: string, year: number) => ['annual', 'one', officeCode, year] as const,
  items: (officeCode: string, year: number, search: string) => ['annual', 'items', officeCode, year, search] as const,
};

/** O-3.6: the blocks of a year — the user's own office, or every reporting office of the coordinator's Party. */
export function useBlockList(year: number, status?: BlockStatus) {
  return useQuery({
    queryKey: annualKeys.list(year, status),
    queryFn: () => api.get<z.infer<typeof BlockListPage>>(withQuery('/api/v1/annual-blocks', { year, status })),
    placeholderData: keepPreviousData,
  });
}

export function useBlock(officeCode: string, year: number) {
  return useQuery({ queryKey: annualKeys.one(officeCode, year), queryFn: () => api.get<BlockView>(blockApi(officeCode, year)), staleTime: 0 });
}

/** The items one figure counts, a page at a time. */
export function useFigureItems(officeCode: string, year: number, query: ApiQuery<typeof FigureQuery> | null) {
  // searchOf keeps `form=` (items with no form recorded), which is a filter of its own.
  const search = query ? searchOf(query) : '';
  return useQuery({
    queryKey: annualKeys.items(officeCode, year, search),
    queryFn: () => api.get<{ items: ItemListRow[]; total: number; totalCapped: boolean }>(`${blockApi(officeCode, year)}/items?${search}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** After a change: the block from the answer, the lists and the bell again from the server. */
export function useBlockRefresh() {
  const qc = useQueryClient();
  return (block: BlockView) => {
    qc.setQueryData(annualKeys.one(block.office.code, block.year), block);
    void qc.invalidateQueries({ queryKey: ['annual', 'list'] });
    void qc.invalidateQueries({ queryKey: ['annual', 'items', block.office.code, block.year] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function saveBlock(officeCode: string, year: number, body: { proposals: string; version: number | null }): Promise<BlockView> {
  return request<BlockView>('PUT', blockApi(officeCode, year), body);
}

export function submitBlock(officeCode: string, year: number, body: { version: number }): Promise<BlockView> {
  return api.post<BlockView>(`${blockApi(officeCode, year)}/submit`, body);
}

export function returnBlock(officeCode: string, year: number, body: { reason: string; version: number }): Promise<BlockView> {
  return api.post<BlockView>(`${blockApi(officeCode, year)}/return`, body);
}
