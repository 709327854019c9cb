import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { SessionUser } from '../../api/session';
import type { components } from '../../api/schema';
import { formatDate, formatMoney } from '../../ui/format';
import { useErrorText } from '../../ui/problem';

type Application = components['schemas']['ApplicationResponse'];
type Status = Application['status'];

// the order a case worker reads them in: what is open first, what is settled last
const STATES: Status[] = [
  'draft',
  'info_requested',
  'submitted',
  'in_review',
  'pending_second_approval',
  'ineligible',
  'approved',
  'rejected',
  'withdrawn',
];

/** Home of a case worker: what needs action first, then the organisation's requests by state. */
export default function HomePage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  if (user.role !== 'ngo') {
    return (
      <>
        <h1>{t('home.title')}</h1>
        <p>{t('home.notNgo')}</p>
      </>
    );
  }
  return <NgoHome />;
}

function NgoHome() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const applications = useQuery({
    queryKey: ['applications', 'home'],
    queryFn: () => call(api.GET('/api/v1/applications', { params: { query: { limit: 100 } } })),
  });
  const followUps = useQuery({
    queryKey: ['follow-ups', 'due'],
    queryFn: () => call(api.GET('/api/v1/follow-ups', { params: { query: { status: 'due', limit: 25 } } })),
  });
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { unread: true, limit: 100 } } })),
  });

  const items = applications.data?.items ?? [];
  const asked = items.filter((a) => a.status === 'info_requested');
  const unfinished = items.filter((a) => a.status === 'draft' || a.status === 'ineligible');
  const due = followUps.data?.items ?? [];
  const unreadCount = unread.data?.items.length ?? 0;
  const counts = new Map<Status, number>();
  for (const a of items) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);

  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>
        <Link className="button" to="/requests/new">
          {t('home.newRequest')}
        </Link>
      </p>
      <p className="notice" role="status">
        {unread.isSuccess && (unreadCount ? t('home.unread', { count: unreadCount }) : t('home.noUnread'))}
      </p>

      <section aria-labelledby="needs-action">
        <h2 id="needs-action">{t('home.needsAction')}</h2>
        {applications.isPending || followUps.isPending ? (
          <p className="loading">{t('app.loading')}</p>
        ) : asked.length + unfinished.length + due.length === 0 ? (
          <p>{t('home.nothingNeeded')}</p>
        ) : (
          <ul className="task-list">
            {asked.map((a) => (
              <li key={a.id}>
                <Link to={`/requests/${a.id}`}>{t('home.infoRequested', { reference: a.reference ?? t('notReference') })}</Link>
              </li>
            ))}
            {unfinished.map((a) => (
              <li key={a.id}>
                <Link to={`/requests/${a.id}/edit`}>
                  {a.status === 'draft'
                    ? t('home.finishDraft', { person: a.beneficiaryCode })
                    : t('home.fixIneligible', { reference: a.reference ?? t('notReference') })}
                </Link>
              </li>
            ))}
            {due.map((f) => (
              <li key={f.id}>
                <Link to={`/follow-ups/${f.id}`}>
                  {t('home.followUpDue', { award: f.awardNumber, count: f.milestone === '3m' ? 3 : 6 })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="by-state">
        <h2 id="by-state">{t('home.byState')}</h2>
        {applications.isError ? (
          <div className="error-summary" role="alert">
            <p>{errorText(applications.error)}</p>
            <button type="button" className="button secondary" onClick={() => applications.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        ) : applications.isPending ? (
          <p className="loading">{t('app.loading')}</p>
        ) : items.length === 0 ? (
          <p>{t('home.noRequests')}</p>
        ) : (
          <>
            <ul className="state-counts">
              {STATES.filter((s) => counts.has(s)).map((s) => (
                <li key={s}>
                  <span className={`tag tag-${s}`}>{t(`status.${s}`)}</span> <strong>{counts.get(s)}</strong>
                </li>
              ))}
            </ul>
            <table className="table">
              <caption>{t('home.requests')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.reference')}</th>
                  <th scope="col">{t('table.status')}</th>
                  <th scope="col" className="numeric">
                    {t('table.amount')}
                  </th>
                  <th scope="col">{t('table.date')}</th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, 25).map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/requests/${a.id}`}>{a.reference ?? t('notReference')}</Link>
                    </td>
                    <td>
                      <span className={`tag tag-${a.status}`}>{t(`status.${a.status}`)}</span>
                    </td>
                    <td className="numeric">{formatMoney(a.total, a.currency, i18n.language)}</td>
                    <td>{formatDate(a.updatedAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
