import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { LegalBasisView, Page } from '../../api/types.ts';

export const legalBasisKeys = { all: ['legal-basis'] as const };

/** The handful of documents (Agreement, Protocol, Order, amendments) comes in one answer. */
export function useLegalBasis() {
  return useQuery({ queryKey: legalBasisKeys.all, queryFn: () => api.get<Page<LegalBasisView>>('/api/v1/legal-basis') });
}
