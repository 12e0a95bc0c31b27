import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { CommunicationView, ComplianceView, ContactChangeView, Page } from '../../api/types.ts';

export const contactKeys = {
  all: ['contacts'] as const,
  changes: (q: Record<string, unknown>) => ['contacts', 'changes', q] as const,
  compliance: ['contacts', 'compliance'] as const,
  communications: (paging: object) => ['contacts', 'communications', paging] as const,
};

export function useContactChanges(q: { officeCode?: string; pending?: boolean; party?: string; limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: contactKeys.changes(q),
    queryFn: () => api.get<Page<ContactChangeView>>(withQuery('/api/v1/contact-changes', q)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCompliance() {
  return useQuery({ queryKey: contactKeys.compliance, queryFn: () => api.get<ComplianceView>('/api/v1/contacts/compliance') });
}

export function useCommunications(paging: { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: contactKeys.communications(paging),
    queryFn: () => api.get<Page<CommunicationView>>(withQuery('/api/v1/contact-communications', paging)),
    placeholderData: keepPreviousData,
    enabled,
  });
}
