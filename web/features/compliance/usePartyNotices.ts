import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { Page, PartyNoticeView } from '../../api/types.ts';

export const noticeKeys = { all: ['party-notices'] as const };

/** notices this Party owes offices with no users on this node: pending, or sent by letter. */
export function usePartyNotices(pending: boolean, paging: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...noticeKeys.all, pending, paging],
    queryFn: () => api.get<Page<PartyNoticeView>>(withQuery('/api/v1/party-notices', { pending, ...paging })),
    placeholderData: keepPreviousData,
  });
}
