import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useErrorText } from '../../ui/problem';
import { FollowUpTable } from './follow-up-table';

const GROUPS = ['due', 'upcoming', 'completed'] as const;

/** The organisation's follow-ups: those to answer now first (overdue ones among them), then those to come, then those answered. */
export default function FollowUpsPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('followUps.title')}</h1>
      <p>{t('followUps.listIntro')}</p>
      {GROUPS.map((status) => (
        <Group key={status} status={status} />
      ))}
    </>
  );
}

function Group({ status }: { status: (typeof GROUPS)[number] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const list = useQuery({
    queryKey: ['follow-ups', status],
    queryFn: () => call(api.GET('/api/v1/follow-ups', { params: { query: { status, limit: 25 } } })),
  });
  // due ones by their day, the oldest first; the others as they come (upcoming: soonest; completed: latest)
  const items = [...(list.data?.items ?? [])].sort((x, y) => (status === 'completed' ? -1 : 1) * x.dueOn.localeCompare(y.dueOn));
  return (
    <section aria-labelledby={`group-${status}`}>
      <h2 id={`group-${status}`}>{t(`followUps.groups.${status}`)}</h2>
      {list.isError ? (
        <div className="error-summary" role="alert">
          <p>{errorText(list.error)}</p>
          <button type="button" className="button secondary" onClick={() => list.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      ) : list.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t(`followUps.empty.${status}`)}</p>
      ) : (
        <FollowUpTable items={items} caption={t(`followUps.groups.${status}`)} withAward hiddenCaption />
      )}
    </section>
  );
}
