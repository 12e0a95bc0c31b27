import { isHostedHere } from '../../../domain/node.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { CounterpartsView, HistoryEntry, OfficeContactsView, OfficeView, Page } from '../../api/types.ts';

export interface OfficeFilters {
  party?: string;
  kind?: string;
  authorized?: string;
  q?: string;
  hosting?: string;
}

export const officeKeys = {
  all: ['offices'] as const,
  list: (f: OfficeFilters, paging: { limit: number; offset: number }) => ['offices', 'list', f, paging] as const,
  one: (id: string) => ['offices', 'one', id] as const,
  counterparts: (id: string, on: string | null) => ['offices', 'counterparts', id, on] as const,
  contacts: (id: string, on: string | null) => ['offices', 'contacts', id, on] as const,
  history: (id: string, paging: { limit: number; offset: number }) => ['offices', 'history', id, paging] as const,
  hostingHistory: (id: string, paging: { limit: number; offset: number }) => ['offices', 'history', id, 'hosting', paging] as const,
};

export function useOffices(filters: OfficeFilters, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: officeKeys.list(filters, paging),
    queryFn: () => api.get<Page<OfficeView>>(withQuery('/api/v1/offices', { ...filters, ...paging })),
    placeholderData: keepPreviousData,
  });
}

/** Every office, for pickers (both Parties together are a few dozen). */
export function useAllOffices() {
  return useQuery({
    queryKey: ['offices', 'all'],
    queryFn: () => api.get<Page<OfficeView>>('/api/v1/offices?limit=500'),
    staleTime: 60_000,
  });
}

export function useOffice(id: string) {
  return useQuery({ queryKey: officeKeys.one(id), queryFn: () => api.get<OfficeView>(`/api/v1/offices/${id}`) });
}

export function useCounterparts(id: string, on: string | null) {
  return useQuery({
    queryKey: officeKeys.counterparts(id, on),
    queryFn: () => api.get<CounterpartsView>(withQuery(`/api/v1/offices/${id}/counterparts`, { on })),
    placeholderData: keepPreviousData,
  });
}

/** The office's counterparts off this node (issue 10): their letters are recorded here, and requests from them are received by letter. */
export function useOffSystemCounterparts(id: string) {
  const counterparts = useCounterparts(id, null);
  return { ...counterparts, items: (counterparts.data?.items ?? []).filter((c) => !isHostedHere(c.office)) };
}

/** A 404 means the user may not see this office's contacts (personal data): the tab is hidden. */
export function useOfficeContacts(id: string, on: string | null, enabled = true) {
  return useQuery({
    queryKey: officeKeys.contacts(id, on),
    queryFn: () => api.get<OfficeContactsView>(withQuery(`/api/v1/offices/${id}/contacts`, { on })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOfficeHistory(id: string, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: officeKeys.history(id, paging),
    queryFn: () => api.get<Page<HistoryEntry>>(withQuery(`/api/v1/offices/${id}/history`, paging)),
    placeholderData: keepPreviousData,
  });
}

/** Where the office worked over time: its hosting changes and changes of the node. */
export function useHostingHistory(id: string, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: officeKeys.hostingHistory(id, paging),
    queryFn: () => api.get<Page<HistoryEntry>>(withQuery(`/api/v1/offices/${id}/history`, { ...paging, hosting: true })),
    placeholderData: keepPreviousData,
  });
}
