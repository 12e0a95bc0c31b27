import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ITEM_ACTION_SPECS, type PostedItemAction } from '../../../domain/schemas/item-actions.ts';
import type { ItemListQuery } from '../../../domain/schemas/items.ts';
import { api, upload } from '../../api/client.ts';
import { searchOf, type ApiQuery } from '../../components/url-filters.ts';
import type { ConsentView, ItemListRow, ItemView, MessageView, Page, SignatureView, TimelineEntry, UseView } from '../../api/types.ts';

export type Box = 'incoming' | 'outgoing' | 'all';

/** The journal query exactly as GET /items declares it (and as it stands in the page's address). */
export type JournalQuery = ApiQuery<typeof ItemListQuery>;

export const itemKeys = {
  all: ['items'] as const,
  journal: (q: JournalQuery) => ['items', 'journal', q] as const,
  one: (id: string) => ['items', 'one', id] as const,
  part: (id: string, part: string) => ['items', 'part', id, part] as const,
};

export function useJournal(q: JournalQuery) {
  return useQuery({
    queryKey: itemKeys.journal(q),
    // A text search may stop counting at a cap: `totalCapped` says the total is "more than".
    queryFn: () => api.get<Page<ItemListRow> & { totalCapped?: boolean }>(`/api/v1/items?${searchOf(q)}`),
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string) {
  return useQuery({ queryKey: itemKeys.one(id), queryFn: () => api.get<ItemView>(`/api/v1/items/${id}`), staleTime: 0 });
}

const part =
  <T>(name: string) =>
  (id: string, enabled = true) =>
    useQuery({ queryKey: itemKeys.part(id, name), queryFn: () => api.get<T>(`/api/v1/items/${id}/${name}`), enabled, staleTime: 0 });

export const useTimeline = part<{ items: TimelineEntry[] }>('timeline');
export const useMessages = part<{ items: MessageView[] }>('messages');
export const useSignature = part<SignatureView>('signature');
export const useConsents = part<{ items: ConsentView[] }>('consents');
export const useUses = part<{ items: UseView[] }>('uses');
export const useExecutors = part<{ items: { id: string; fullName: string }[] }>('executors');

/** After a change: the item from the answer, its parts and the journals again from the server. */
export function useItemRefresh() {
  const qc = useQueryClient();
  return (item: ItemView) => {
    qc.setQueryData(itemKeys.one(item.id), item);
    void qc.invalidateQueries({ queryKey: ['items', 'part', item.id] });
    void qc.invalidateQueries({ queryKey: ['items', 'journal'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** Each action of the status machine is posted to its path of domain/schemas/item-actions.ts; `update` is the PATCH of the edit form. */
export function postAction(id: string, action: PostedItemAction, body: unknown): Promise<ItemView> {
  return api.post<ItemView>(`/api/v1/items/${id}/${ITEM_ACTION_SPECS[action].path}`, body);
}

/** Issue 10: a letter and its scans in one multipart request (the JSON in `data`, the scans in `file`). */
function postWithScans(path: string, body: { file: File[] }): Promise<ItemView> {
  const { file, ...data } = body;
  return upload<ItemView>(path, file, undefined, data);
}

/** A counterpart's letter recorded as its action on the item (POST /items/:id/letters). */
export const postLetter = (id: string, body: { file: File[] }) => postWithScans(`/api/v1/items/${id}/letters`, body);

/** A request or proposal received by letter from an office off the system (POST /items/received). */
export const postReceived = (body: { file: File[] }) => postWithScans('/api/v1/items/received', body);
