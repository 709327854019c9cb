import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { formatDate } from '../../ui/format';
import { useErrorText } from '../../ui/problem';

/** Notices in the user's words (by kind, never the server's sentence); opening the page reads them. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const notices = useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { limit: 25 } } })),
  });
  const unreadIds = (notices.data?.items ?? []).filter((n) => !n.readAt).map((n) => n.id);
  const unreadKey = unreadIds.join(',');
  useEffect(() => {
    if (!unreadKey) return;
    void Promise.all(unreadKey.split(',').map((id) => api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }))).then(() =>
      queryClient.invalidateQueries({ queryKey: ['notifications', 'unread'] }),
    );
  }, [unreadKey, queryClient]);

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      {notices.isError ? (
        <p role="alert">{errorText(notices.error)}</p>
      ) : notices.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : notices.data.items.length === 0 ? (
        <p>{t('notifications.none')}</p>
      ) : (
        <ul className="notices">
          {notices.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? undefined : 'unread'}>
              {!n.readAt && <span className="tag">{t('notifications.new')}</span>} {t(`notifications.kinds.${n.kind}`)}
              <br />
              <span className="hint">{formatDate(n.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
