import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { LawView } from '../../api/types.ts';

export const lawKeys = { all: ['law'] as const };

/** The whole page in one answer: some forty requirements with their tests and figures. */
export function useLaw() {
  return useQuery({ queryKey: lawKeys.all, queryFn: () => api.get<LawView>('/api/v1/law') });
}
