import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { formatDate, formatMoney } from '../../ui/format';
import { useErrorText } from '../../ui/problem';
import { EligibilityRules } from './eligibility-rules';
import { EDITABLE, LETTER_LANGUAGES, useApplication, useOpenFund, type Application, type Step } from './request-draft';
import { formatSize, NotEditable, useDocuments } from './request-steps';

type TaskStatus = 'completed' | 'notStarted' | 'optional';

/** Which steps are done: the person and items always are once the draft exists; the rest by their answers. */
function taskStatuses(a: Application, documentCount: number): Record<Step, TaskStatus> {
  return {
    person: 'completed',
    items: a.items.length ? 'completed' : 'notStarted',
    documents: documentCount ? 'completed' : 'optional',
    about: a.stateSupport && a.justification?.trim() ? 'completed' : 'notStarted',
  };
}

/** What sending now would find, rule by rule, recorded nowhere; failed rules link to the step that fixes them. */
function PreCheck({ application }: { application: Application }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const preview = useQuery({
    queryKey: ['applications', application.id, 'preview', application.version],
    queryFn: () => call(api.GET('/api/v1/applications/{id}/eligibility/preview', { params: { path: { id: application.id } } })),
  });
  return (
    <section aria-labelledby="precheck" className="precheck">
      <h2 id="precheck">{t('form.precheck.title')}</h2>
      {preview.isError ? (
        <p role="alert">{errorText(preview.error)}</p>
      ) : preview.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          <p className={preview.data.outcome === 'eligible' ? 'ok' : 'warning'} role="status">
            {t(`form.precheck.${preview.data.outcome}`)}
          </p>
          <EligibilityRules results={preview.data.results} currency={application.currency} fixBase={`/requests/${application.id}/edit`} />
        </>
      )}
    </section>
  );
}

/** The request form's hub: each step with its status, the pre-check, then check answers. */
export function TaskListPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const application = useApplication(id);
  const documents = useDocuments(id!);
  if (application.isError) return <p role="alert">{errorText(application.error)}</p>;
  if (application.isPending) return <p className="loading">{t('app.loading')}</p>;
  const a = application.data;
  if (!EDITABLE.includes(a.status)) return <NotEditable application={a} />;
  const statuses = taskStatuses(a, documents.data?.items.length ?? 0);
  const ready = statuses.items === 'completed' && statuses.about === 'completed';
  return (
    <>
      <p>
        <Link to={`/requests/${a.id}`}>{t('form.toRequest')}</Link>
      </p>
      <h1>{t('form.tasks.title', { reference: a.reference ?? t('notReference') })}</h1>
      <p>{t('form.tasks.intro')}</p>
      <ol className="tasks">
        {(['person', 'items', 'documents', 'about'] as const).map((step) => (
          <li key={step}>
            <Link to={`/requests/${a.id}/edit/${step}`} aria-describedby={`task-${step}`}>
              {t(`form.tasks.${step}`)}
            </Link>
            <span id={`task-${step}`} className={`tag task-${statuses[step]}`}>
              {t(`form.tasks.status.${statuses[step]}`)}
            </span>
          </li>
        ))}
      </ol>
      <PreCheck application={a} />
      {ready ? (
        <p>
          <Link className="button" to={`/requests/${a.id}/check`}>
            {t('form.tasks.check')}
          </Link>
        </p>
      ) : (
        <p className="hint">{t('form.tasks.notReady')}</p>
      )}
    </>
  );
}

/** Every answer with Change (which returns here), the pre-check, then Send: one click sends once. */
export function CheckAnswersPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const application = useApplication(id);
  const documents = useDocuments(id!);
  const [problem, setProblem] = useState<{ text: string; conflict: boolean } | null>(null);
  const person = useQuery({
    queryKey: ['beneficiaries', application.data?.beneficiaryId],
    queryFn: () => call(api.GET('/api/v1/beneficiaries/{id}', { params: { path: { id: application.data!.beneficiaryId } } })),
    enabled: !!application.data,
  });
  const send = useMutation({
    mutationFn: (version: number) =>
      call(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id: id! } }, body: { version } })),
    onSuccess: (sent) => {
      queryClient.setQueryData(['applications', id], sent);
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      navigate(`/requests/${id}/sent`, { replace: true });
    },
    onError: (error) => setProblem({ text: errorText(error), conflict: error instanceof ApiError && error.code === 'VERSION_CONFLICT' }),
  });
  if (application.isError) return <p role="alert">{errorText(application.error)}</p>;
  if (application.isPending) return <p className="loading">{t('app.loading')}</p>;
  const a = application.data;
  if (!EDITABLE.includes(a.status)) return <NotEditable application={a} />;
  const money = (amount: string) => formatMoney(amount, a.currency, i18n.language);
  const notProvided = t('people.notProvided');
  const change = (step: Step, what: string) => (
    <Link to={`/requests/${a.id}/edit/${step}`} state={{ back: 'check' }}>
      {t('form.check.change')}
      <span className="visually-hidden"> {what}</span>
    </Link>
  );
  const s = a.stateSupport;
  const row = (label: string, value: ReactNode, step: Step) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
      <dd className="action">{change(step, label)}</dd>
    </div>
  );

  return (
    <>
      <p>
        <Link to={`/requests/${a.id}/edit`}>{t('form.back')}</Link>
      </p>
      <h1>{t('form.check.title')}</h1>
      {problem && (
        <div className="error-summary" role="alert">
          <p>{problem.text}</p>
          {problem.conflict && (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setProblem(null);
                void application.refetch();
              }}
            >
              {t('form.reload')}
            </button>
          )}
        </div>
      )}
      <h2>{t('form.check.person')}</h2>
      <dl className="summary-list check">
        {row(
          t('form.tasks.person'),
          person.data ? `${person.data.pii?.fullName ?? ''} (${a.beneficiaryCode})` : a.beneficiaryCode,
          'person',
        )}
      </dl>
      <h2>{t('form.check.items')}</h2>
      <dl className="summary-list check">
        {a.items.map((item, i) =>
          row(`${i + 1}. ${t(`requests.types.${item.type}`)}`, `${item.description} — ${money(item.amount)}`, 'items'),
        )}
        <div>
          <dt>{t('requests.total')}</dt>
          <dd>
            <strong>{money(a.total)}</strong>
          </dd>
        </div>
      </dl>
      <h2>{t('form.check.documents')}</h2>
      <dl className="summary-list check">
        {row(
          t('form.tasks.documents'),
          documents.data?.items.length
            ? documents.data.items.map((d) => (
                <span key={d.id} className="block">
                  {d.filename} ({t(`form.documents.kinds.${d.kind}`)}, {formatSize(d.size, i18n.language)})
                </span>
              ))
            : notProvided,
          'documents',
        )}
      </dl>
      <h2>{t('form.check.about')}</h2>
      <dl className="summary-list check">
        {row(
          t('form.about.stateSupportShort'),
          s ? (
            <>
              {t(`form.about.outcomes.${s.outcome}`)}
              {s.agency && <span className="block">{s.agency}</span>}
              {s.requestedOn && <span className="block">{formatDate(s.requestedOn, i18n.language)}</span>}
              {s.note && <span className="block">{s.note}</span>}
            </>
          ) : (
            notProvided
          ),
          'about',
        )}
        {row(t('form.about.justificationShort'), a.justification?.trim() || notProvided, 'about')}
        {row(t('form.about.urgency'), t(`form.about.urgencies.${a.urgency}`), 'about')}
        {row(t('form.about.languageShort'), LETTER_LANGUAGES.find((l) => l.value === a.language)?.label ?? a.language, 'about')}
      </dl>
      <PreCheck application={a} />
      <h2>{t('form.check.sendTitle')}</h2>
      <p>{t('form.check.declaration')}</p>
      <button type="button" className="button" disabled={send.isPending} onClick={() => send.mutate(a.version)}>
        {send.isPending ? t('requests.sending') : a.status === 'draft' ? t('form.check.send') : t('requests.sendAgain')}
      </button>
    </>
  );
}

/** After sending: the reference, what happens next and when, and the way to the request. */
export function SentPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const application = useApplication(id);
  const fund = useOpenFund();
  if (application.isError) return <p role="alert">{errorText(application.error)}</p>;
  if (application.isPending) return <p className="loading">{t('app.loading')}</p>;
  const a = application.data;
  const sent = a.status !== 'ineligible' && a.status !== 'draft';
  const hours = fund.data?.rules.slaHours[a.urgency];
  return (
    <>
      <div className={sent ? 'confirmation confirmation-ok' : 'confirmation confirmation-warning'}>
        <h1>{sent ? t('form.sent.title') : t('form.sent.ineligibleTitle')}</h1>
        <p>
          {t('form.sent.reference')}
          <br />
          <strong className="reference">{a.reference}</strong>
        </p>
      </div>
      {sent ? (
        <>
          <h2>{t('form.sent.next')}</h2>
          <p>
            {hours ? t('form.sent.decisionWithin', { count: hours }) : null}{' '}
            {a.slaDueAt && t('form.sent.decisionBy', { when: formatDateTime(a.slaDueAt, i18n.language) })}
          </p>
          <p>{t('form.sent.notified')}</p>
        </>
      ) : (
        <p>{t('form.sent.ineligible')}</p>
      )}
      <p>
        <Link className="button" to={`/requests/${a.id}`}>
          {t('form.openRequest')}
        </Link>
      </p>
      <p>
        <Link to="/">{t('form.sent.home')}</Link>
      </p>
    </>
  );
}

function formatDateTime(value: string, lng: string): string {
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : lng, {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value));
}
