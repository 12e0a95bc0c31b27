import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export const UNREAD_KEY = ['notifications', 'unread-count'] as const;

/** The bell polls every 15 s; O-3.1 changes reach ГУМПС "at once", so they should show soon. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api.get<{ unread: number }>('/api/v1/notifications/unread-count'),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
