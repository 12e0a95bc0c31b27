import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { EventAction } from '../../../domain/events.ts';
import type {
  EventLetterBody,
  EventListQuery,
  EventListRow,
  EventStatementBody,
  EventTimelineEntry as EventTimelineEntrySchema,
  EventView,
} from '../../../domain/schemas/events.ts';
import { api, request, upload } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { searchOf, type ApiQuery } from '../../components/url-filters.ts';

export type { EventListRow, EventView } from '../../../domain/schemas/events.ts';
export type EventTimelineEntry = z.infer<typeof EventTimelineEntrySchema>;

/** The list query exactly as GET /events declares it (the page keeps it in its address). */
export type EventQuery = ApiQuery<typeof EventListQuery>;

export const eventKeys = {
  all: ['events'] as const,
  list: (q: EventQuery) => ['events', 'list', q] as const,
  one: (id: string) => ['events', 'one', id] as const,
  timeline: (id: string) => ['events', 'timeline', id] as const,
};

export function useEventList(q: EventQuery, enabled = true) {
  return useQuery({
    queryKey: eventKeys.list(q),
    queryFn: () => api.get<Page<EventListRow>>(`/api/v1/events?${searchOf(q)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvent(id: string) {
  return useQuery({ queryKey: eventKeys.one(id), queryFn: () => api.get<EventView>(`/api/v1/events/${id}`), staleTime: 0 });
}

export function useEventTimeline(id: string) {
  return useQuery({ queryKey: eventKeys.timeline(id), queryFn: () => api.get<{ items: EventTimelineEntry[] }>(`/api/v1/events/${id}/timeline`), staleTime: 0 });
}

/** After a change: the event from the answer, its timeline and the lists again from the server. */
export function useEventRefresh() {
  const qc = useQueryClient();
  return (event: EventView) => {
    qc.setQueryData(eventKeys.one(event.id), event);
    void qc.invalidateQueries({ queryKey: eventKeys.timeline(event.id) });
    void qc.invalidateQueries({ queryKey: ['events', 'list'] });
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/** The actions posted to a path of their own; `update` is the edit form's PATCH, `save_report` the report form's PUT. */
export type PostedEventAction = Exclude<EventAction, 'update' | 'save_report'>;

export const EVENT_ACTION_PATHS: Record<PostedEventAction, string> = {
  submit: 'submit',
  approve: 'approve',
  return: 'return',
  reject: 'reject',
  cancel: 'cancel',
  submit_report: 'report/submit',
  return_report: 'report/return',
};

/** The actions that ask for a reason (the domain's transition table says which). */
export const REASON_ACTIONS: readonly PostedEventAction[] = ['return', 'reject', 'cancel', 'return_report'];

export function postEventAction(id: string, action: PostedEventAction, body: unknown): Promise<EventView> {
  return api.post<EventView>(`/api/v1/events/${id}/${EVENT_ACTION_PATHS[action]}`, body);
}

export function saveEventReport(id: string, body: unknown): Promise<EventView> {
  return request<EventView>('PUT', `/api/v1/events/${id}/report`, body);
}

/** A counterpart's letter with its scans: one multipart request (its JSON in "data"), recorded whole or not at all. */
export function recordCounterpartLetter(id: string, body: EventLetterBody, files: readonly File[], onProgress?: (percent: number) => void): Promise<EventView> {
  return upload<EventView>(`/api/v1/events/${id}/counterpart-letters`, files, onProgress, body);
}

/** Issue 12: on a peer's joint event, the caller's office states its participants and/or outcomes (sent to the proposing node). */
export function stateOnPeerEvent(id: string, body: EventStatementBody): Promise<EventView> {
  return api.post<EventView>(`/api/v1/events/${id}/counterpart-statement`, body);
}
