import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatMoney } from '../../ui/format';
import { ErrorSummary, useErrorText } from '../../ui/problem';
import { EligibilityRules } from './eligibility-rules';

/**
 * An open request as its case worker sees it: state, what was asked, the eligibility check in
 * plain words with what to do about a failed rule, the history, and the thread with the officer,
 * where a request for information shows as the officer's message.
 */
export default function RequestPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const application = useQuery({
    queryKey: ['applications', id],
    queryFn: () => call(api.GET('/api/v1/applications/{id}', { params: { path: { id: id! } } })),
  });
  const eligibility = useQuery({
    queryKey: ['applications', id, 'eligibility'],
    queryFn: () => call(api.GET('/api/v1/applications/{id}/eligibility', { params: { path: { id: id! } } })),
  });
  const events = useQuery({
    queryKey: ['applications', id, 'events'],
    queryFn: () => call(api.GET('/api/v1/applications/{id}/events', { params: { path: { id: id! } } })),
  });
  if (application.isError) return <p role="alert">{errorText(application.error)}</p>;
  if (application.isPending) return <p className="loading">{t('app.loading')}</p>;
  const a = application.data;
  const money = (amount: string) => formatMoney(amount, a.currency, i18n.language);

  return (
    <>
      <p>
        <Link to="/">{t('requests.back')}</Link>
      </p>
      <h1>{t('requests.title', { reference: a.reference ?? t('notReference') })}</h1>
      <p>
        <span className={`tag tag-${a.status}`}>{t(`status.${a.status}`)}</span>
      </p>
      {(a.status === 'draft' || a.status === 'ineligible' || a.status === 'info_requested') && (
        <p>
          <Link className={a.status === 'draft' ? 'button' : 'button secondary'} to={`/requests/${a.id}/edit`}>
            {a.status === 'draft' ? t('requests.continueDraft') : t('requests.change')}
          </Link>
        </p>
      )}
      {a.status === 'approved' && <AwardLink applicationId={a.id} />}
      <dl className="summary-list">
        <div>
          <dt>{t('requests.person')}</dt>
          <dd>{a.beneficiaryCode}</dd>
        </div>
        <div>
          <dt>{t('requests.urgency')}</dt>
          <dd>{t(`requests.urgencies.${a.urgency}`)}</dd>
        </div>
        <div>
          <dt>{t('requests.total')}</dt>
          <dd>{money(a.total)}</dd>
        </div>
      </dl>

      <table className="table">
        <caption>{t('requests.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requests.type')}</th>
            <th scope="col">{t('requests.description')}</th>
            <th scope="col" className="numeric">
              {t('table.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {a.items.map((item) => (
            <tr key={item.id}>
              <td>{t(`requests.types.${item.type}`)}</td>
              <td>{item.description}</td>
              <td className="numeric">{money(item.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('requests.eligibility')}</h2>
      {eligibility.data ? (
        <>
          <p className={eligibility.data.outcome === 'eligible' ? 'ok' : 'warning'}>{t(`requests.outcome.${eligibility.data.outcome}`)}</p>
          <EligibilityRules results={eligibility.data.results} currency={a.currency} />
        </>
      ) : (
        <p>{eligibility.isPending ? t('app.loading') : t('requests.notChecked')}</p>
      )}

      <Thread applicationId={a.id} events={events.data?.items ?? []} />
      {(a.status === 'info_requested' || a.status === 'ineligible') && <SendAgain id={a.id} version={a.version} />}

      <h2>{t('requests.history')}</h2>
      <ol className="history">
        {(events.data?.items ?? []).map((e) => (
          <li key={e.id}>
            {t(`requests.actions.${e.action}`, { defaultValue: t('requests.actions.other') })} — {formatDate(e.at, i18n.language)}
          </li>
        ))}
      </ol>
    </>
  );
}

/** An approved request's award: its number and amount, and the way to its page (letters, follow-ups). */
function AwardLink({ applicationId }: { applicationId: string }) {
  const { t, i18n } = useTranslation();
  const award = useQuery({
    queryKey: ['awards', 'of-application', applicationId],
    queryFn: () => call(api.GET('/api/v1/awards', { params: { query: { applicationId, limit: 1 } } })),
  });
  const found = award.data?.items[0];
  if (!found) return null; // the award is made with the approval; none shows only while loading
  return (
    <div className="ok award-link">
      <p>{t('requests.awarded', { amount: formatMoney(found.amount, found.currency, i18n.language) })}</p>
      <p>
        <Link to={`/awards/${found.id}`} className="button">
          {t('requests.openAward', { number: found.number })}
        </Link>
      </p>
    </div>
  );
}

type Event = components['schemas']['ApplicationEventResponse'];

function Thread({ applicationId, events }: { applicationId: string; events: Event[] }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const messages = useQuery({
    queryKey: ['applications', applicationId, 'messages'],
    queryFn: () => call(api.GET('/api/v1/applications/{id}/messages', { params: { path: { id: applicationId } } })),
    refetchInterval: 60_000,
  });
  const send = useMutation({
    mutationFn: (text: string) =>
      call(api.POST('/api/v1/applications/{id}/messages', { params: { path: { id: applicationId } }, body: { body: text } })),
  });
  // the officer's requests for information are part of the conversation, not only of the history
  const entries = [
    ...events
      .filter((e) => e.action === 'request_info' && e.comment)
      .map((e) => ({ id: e.id, role: 'officer', body: e.comment!, at: e.at, asked: true })),
    ...(messages.data?.items ?? []).map((m) => ({ id: m.id, role: m.authorRole as string, body: m.body, at: m.createdAt, asked: false })),
  ].sort((x, y) => x.at.localeCompare(y.at));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setProblem(t('requests.messageEmpty'));
    setProblem(null);
    try {
      await send.mutateAsync(body.trim());
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ['applications', applicationId, 'messages'] });
    } catch (error) {
      setProblem(errorText(error)); // what was typed stays in the box
    }
  };

  return (
    <section aria-labelledby="thread">
      <h2 id="thread">{t('requests.thread')}</h2>
      {entries.length === 0 ? (
        <p>{t('requests.noMessages')}</p>
      ) : (
        <ol className="thread">
          {entries.map((m) => (
            <li key={m.id} className={`message message-${m.role}`}>
              <p className="hint">
                {t(`requests.roles.${m.role}`)}
                {m.asked ? ` · ${t('requests.asked')}` : ''} · {formatDate(m.at, i18n.language)}
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary messages={problem ? [{ field: 'message', text: problem }] : []} />
        <div className="field">
          <label htmlFor="message">{t('requests.writeMessage')}</label>
          <textarea id="message" rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={send.isPending}>
          {send.isPending ? t('requests.sending') : t('requests.send')}
        </button>
      </form>
    </section>
  );
}

/**
 * Sends an answered or corrected request back to the fund, with the version on screen. A conflict
 * (someone changed the request meanwhile) offers to reload; the answer already in the thread stays.
 */
function SendAgain({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const send = useMutation({
    mutationFn: () => call(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id } }, body: { version } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['applications'] }),
    onError: (error) => {
      setConflict(error instanceof ApiError && error.code === 'VERSION_CONFLICT');
      setProblem(errorText(error));
    },
  });
  return (
    <section aria-labelledby="send-again">
      <h2 id="send-again">{t('requests.sendAgainTitle')}</h2>
      <p>{t('requests.sendAgainHint')}</p>
      {problem && (
        <div className="error-summary" role="alert">
          <p>{problem}</p>
          {conflict && (
            <button
              type="button"
              className="button secondary"
              onClick={() => queryClient.invalidateQueries({ queryKey: ['applications', id] })}
            >
              {t('people.reload')}
            </button>
          )}
        </div>
      )}
      <button type="button" className="button" disabled={send.isPending} onClick={() => send.mutate()}>
        {t('requests.sendAgain')}
      </button>
    </section>
  );
}
