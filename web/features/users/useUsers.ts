import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { Page, UserView } from '../../api/types.ts';

export interface UserFilters {
  q?: string;
  officeCode?: string;
  role?: string;
  disabled?: string;
}

export const userKeys = { all: ['users'] as const };

export function useUsers(filters: UserFilters, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['users', 'list', filters, paging],
    queryFn: () => api.get<Page<UserView>>(withQuery('/api/v1/users', { ...filters, ...paging })),
    placeholderData: keepPreviousData,
  });
}
