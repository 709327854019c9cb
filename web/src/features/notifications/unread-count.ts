import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

/** The unread count the bell shows; refreshed every minute and when the tab comes back. */
export function useUnreadCount(): number | undefined {
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { unread: true, limit: 100 } } })),
    refetchInterval: 60_000,
  });
  return unread.data?.items.length;
}
