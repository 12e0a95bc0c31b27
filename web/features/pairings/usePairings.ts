import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { Page, PairingView } from '../../api/types.ts';

export interface PairingFilters {
  officeCode?: string;
  active?: string;
  basis?: string;
  hosting?: string;
}

export const pairingKeys = { all: ['pairings'] as const };

export function usePairings(filters: PairingFilters, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['pairings', 'list', filters, paging],
    queryFn: () => api.get<Page<PairingView>>(withQuery('/api/v1/pairings', { ...filters, ...paging })),
    placeholderData: keepPreviousData,
  });
}
