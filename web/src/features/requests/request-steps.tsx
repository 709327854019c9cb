import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import type { components } from '../../api/schema';
import { uploadDocument, type DocumentKind } from '../../api/upload';
import { dateParts, DateFields, describedBy, Field, isoDate, Radios } from '../../ui/fields';
import { formatMoney } from '../../ui/format';
import { ErrorSummary, useErrorText } from '../../ui/problem';
import {
  amountForInput,
  EDITABLE,
  LETTER_LANGUAGES,
  parseAmount,
  useApplication,
  useNextStep,
  useOpenFund,
  useSaveDraft,
  type Application,
} from './request-draft';

type Problems = Record<string, string>;
type ItemType = components['schemas']['ItemDto']['type'];
type Outcome = components['schemas']['StateSupportDto']['outcome'];

/**
 * One step of the request form: a back link, the question as the heading, the error summary, the
 * fields and Continue. A conflict (someone changed the request meanwhile) offers to reload the
 * request; what was typed stays on the page.
 */
function StepPage({
  title,
  back,
  problems,
  general,
  conflict,
  onReload,
  onSubmit,
  busy,
  children,
}: {
  title: string;
  back: string;
  problems: Problems;
  general: string | null;
  conflict?: boolean;
  onReload?: () => void;
  onSubmit: (e: FormEvent) => void;
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const messages = [...Object.entries(problems).map(([field, text]) => ({ field, text })), ...(general ? [{ text: general }] : [])];
  return (
    <>
      <p>
        <Link to={back}>{t('form.back')}</Link>
      </p>
      <form onSubmit={onSubmit} noValidate className="form">
        <ErrorSummary messages={messages} />
        {conflict && onReload && (
          <p>
            <button type="button" className="button secondary" onClick={onReload}>
              {t('form.reload')}
            </button>
          </p>
        )}
        <h1>{title}</h1>
        {children}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('form.saving') : t('form.continue')}
        </button>
      </form>
    </>
  );
}

/** Turns a failed save into the words to show; a conflict also offers a reload. */
function useSaveProblem(id?: string) {
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  return {
    general,
    conflict,
    clear() {
      setGeneral(null);
      setConflict(false);
    },
    /** Someone changed the request meanwhile: read it again (the form keeps what was typed; Continue saves it over). */
    reload() {
      setGeneral(null);
      setConflict(false);
      void queryClient.invalidateQueries({ queryKey: ['applications', id] });
    },
    fail(error: unknown) {
      setConflict(error instanceof ApiError && error.code === 'VERSION_CONFLICT');
      setGeneral(errorText(error));
    },
  };
}

/** A request that can no longer be changed (sent, decided) opens as the request page. */
export function NotEditable({ application }: { application: Application }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('form.notEditableTitle')}</h1>
      <p>{t('form.notEditable', { status: t(`status.${application.status}`) })}</p>
      <p>
        <Link to={`/requests/${application.id}`}>{t('form.openRequest')}</Link>
      </p>
    </>
  );
}

/** Loads the request a step changes; shows loading, a failure in words, or a request that is no longer editable. */
function WithDraft({ id, children }: { id: string; children: (application: Application) => ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const application = useApplication(id);
  if (application.isError) return <p role="alert">{errorText(application.error)}</p>;
  if (application.isPending) return <p className="loading">{t('app.loading')}</p>;
  if (!EDITABLE.includes(application.data.status)) return <NotEditable application={application.data} />;
  return <>{children(application.data)}</>;
}

// ------------------------------------------------------------------------------------------------
// Person

/** Who the request is for: one of the organisation's people, or someone registered now. */
export function PersonStep() {
  const { id } = useParams();
  if (!id) return <PersonQuestion />;
  return <WithDraft id={id}>{(application) => <PersonQuestion application={application} />}</WithDraft>;
}

function PersonQuestion({ application }: { application?: Application }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const save = useSaveDraft(application?.id);
  const step = useNextStep(application?.id);
  const problem = useSaveProblem(application?.id);
  const [chosen, setChosen] = useState(params.get('person') ?? application?.beneficiaryId ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const people = useQuery({
    queryKey: ['beneficiaries'],
    queryFn: () => call(api.GET('/api/v1/beneficiaries', { params: { query: { limit: 100 } } })),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    problem.clear();
    if (!chosen) return setProblems({ person: t('form.errors.person') });
    setProblems({});
    if (!application) return navigate(`/requests/new/items?person=${chosen}`, { state: { flow: true } });
    setBusy(true);
    try {
      await save(application.version, { beneficiaryId: chosen });
      step.next('person');
    } catch (error) {
      problem.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const register = `/people/new?for=${application?.id ?? 'request'}`;
  return (
    <StepPage
      title={t('form.person.title')}
      back={application ? step.backTo : '/'}
      problems={problems}
      general={problem.general}
      conflict={problem.conflict}
      onReload={problem.reload}
      onSubmit={submit}
      busy={busy}
    >
      {people.isError ? (
        <p role="alert">{errorText(people.error)}</p>
      ) : people.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : people.data.items.length === 0 ? (
        <p>{t('form.person.none')}</p>
      ) : (
        <Radios
          name="person"
          legend={t('form.person.legend')}
          options={people.data.items.map((p) => ({ value: p.id, label: `${p.pii?.fullName ?? p.code} (${p.code})` }))}
          value={chosen}
          onChange={setChosen}
          error={problems.person}
        />
      )}
      <p>
        <Link to={register} className="button secondary">
          {t('form.person.register')}
        </Link>
      </p>
    </StepPage>
  );
}

// ------------------------------------------------------------------------------------------------
// Items

interface ItemRow {
  key: number;
  type: ItemType | '';
  description: string;
  amount: string;
}

/** What help is needed: one or more items, each a type of help, what it is and how much, in the fund's currency. */
export function ItemsStep() {
  const { id } = useParams();
  if (!id) return <ItemsQuestion />;
  return <WithDraft id={id}>{(application) => <ItemsQuestion application={application} />}</WithDraft>;
}

function ItemsQuestion({ application }: { application?: Application }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const fund = useOpenFund();
  const queryClient = useQueryClient();
  const save = useSaveDraft(application?.id);
  const step = useNextStep(application?.id);
  const problem = useSaveProblem(application?.id);
  const nextKey = useRef(1);
  const [rows, setRows] = useState<ItemRow[]>(() =>
    application?.items.length
      ? application.items.map((item) => ({
          key: nextKey.current++,
          type: item.type,
          description: item.description,
          amount: amountForInput(item.amount, i18n.language),
        }))
      : [{ key: nextKey.current++, type: '', description: '', amount: '' }],
  );
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const person = params.get('person');
  const currency = application?.currency ?? fund.data?.currency ?? '';
  const types = fund.data?.rules.allowedTypes ?? [];
  const cap = fund.data?.rules.maxPerApplication;

  const change = (key: number, patch: Partial<ItemRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const amounts = rows.map((r) => parseAmount(r.amount));
  const total = amounts.every((a) => a !== null) ? sumAmounts(amounts as string[]) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    problem.clear();
    const found: Problems = {};
    rows.forEach((r, i) => {
      if (!r.type) found[`item-${i}-type`] = t('form.errors.itemType', { n: i + 1 });
      if (!r.description.trim()) found[`item-${i}-description`] = t('form.errors.itemDescription', { n: i + 1 });
      if (!amounts[i]) found[`item-${i}-amount`] = t('form.errors.itemAmount', { n: i + 1 });
    });
    setProblems(found);
    if (Object.keys(found).length) return;
    const items = rows.map((r, i) => ({ type: r.type as ItemType, description: r.description.trim(), amount: amounts[i]! }));
    setBusy(true);
    try {
      if (application) {
        await save(application.version, { items });
        step.next('items');
      } else {
        // the draft is stored from here on: every later step saves into it
        const language = LETTER_LANGUAGES.some((l) => l.value === i18n.language) ? (i18n.language as 'ru' | 'en') : 'ru';
        const created = await call(
          api.POST('/api/v1/applications', {
            body: { beneficiaryId: person!, urgency: 'standard', language, items, fundId: fund.data?.id },
          }),
        );
        queryClient.setQueryData(['applications', created.id], created);
        void queryClient.invalidateQueries({ queryKey: ['applications', 'home'] });
        navigate(`/requests/${created.id}/edit/documents`, { replace: true, state: { flow: true } });
      }
    } catch (error) {
      const details = error instanceof ApiError ? (error.body.details ?? []) : [];
      const byField: Problems = {};
      for (const d of details) {
        const m = /^items\.(\d+)\.(type|description|amount)$/.exec(d.field);
        if (m) byField[`item-${m[1]}-${m[2]}`] = t(`form.errors.item${m[2][0].toUpperCase()}${m[2].slice(1)}`, { n: Number(m[1]) + 1 });
      }
      setProblems(byField);
      if (!Object.keys(byField).length) problem.fail(error);
    } finally {
      setBusy(false);
    }
  };

  if (!application && !person) return <PersonStep />;
  return (
    <StepPage
      title={t('form.items.title')}
      back={application ? step.backTo : '/requests/new'}
      problems={problems}
      general={problem.general}
      conflict={problem.conflict}
      onReload={problem.reload}
      onSubmit={submit}
      busy={busy}
    >
      {cap && currency && <p className="hint">{t('form.items.cap', { cap: formatMoney(cap, currency, i18n.language) })}</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="item-row">
          <legend>{t('form.items.item', { n: i + 1 })}</legend>
          <Field id={`item-${i}-type`} label={t('form.items.type')} error={problems[`item-${i}-type`]}>
            <select
              {...describedBy(`item-${i}-type`, undefined, problems[`item-${i}-type`])}
              value={r.type}
              onChange={(e) => change(r.key, { type: e.target.value as ItemType })}
            >
              <option value="">{t('people.choose')}</option>
              {types.map((type) => (
                <option key={type} value={type}>
                  {t(`requests.types.${type}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={`item-${i}-description`}
            label={t('form.items.description')}
            hint={t('form.items.descriptionHint')}
            error={problems[`item-${i}-description`]}
          >
            <input
              {...describedBy(`item-${i}-description`, t('form.items.descriptionHint'), problems[`item-${i}-description`])}
              value={r.description}
              maxLength={500}
              onChange={(e) => change(r.key, { description: e.target.value })}
            />
          </Field>
          <Field id={`item-${i}-amount`} label={t('form.items.amount', { currency })} error={problems[`item-${i}-amount`]}>
            <input
              {...describedBy(`item-${i}-amount`, undefined, problems[`item-${i}-amount`])}
              className="w10"
              inputMode="decimal"
              autoComplete="off"
              value={r.amount}
              onChange={(e) => change(r.key, { amount: e.target.value })}
            />
          </Field>
          {rows.length > 1 && (
            <button
              type="button"
              className="link-button"
              onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
              aria-label={t('form.items.removeNamed', { n: i + 1 })}
            >
              {t('form.items.remove')}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button secondary"
          onClick={() => setRows((all) => [...all, { key: nextKey.current++, type: '', description: '', amount: '' }])}
        >
          {t('form.items.add')}
        </button>
      </p>
      <p aria-live="polite">
        {t('form.items.total')}: <strong>{total && currency ? formatMoney(total, currency, i18n.language) : '—'}</strong>
      </p>
    </StepPage>
  );
}

/** Sum of exact decimal strings, in hundredths (BigInt): money is never a float. */
function sumAmounts(amounts: string[]): string {
  const cents = amounts.reduce((sum, a) => {
    const [whole, fraction = ''] = a.split('.');
    return sum + BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  }, 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

// ------------------------------------------------------------------------------------------------
// Documents

/** The document a type of help needs (the fund's REQUIRED_DOCUMENTS rule), as the default kind of the next upload. */
const NEEDED_KIND: Partial<Record<ItemType, DocumentKind>> = { medical: 'cost_estimate', business_startup: 'quote' };
const KINDS: DocumentKind[] = ['cost_estimate', 'quote', 'invoice', 'certificate', 'other'];

/** Cost estimates, quotes and other papers, uploaded one at a time with progress; the name is kept as typed. */
export function DocumentsStep() {
  const { id } = useParams();
  return <WithDraft id={id!}>{(application) => <DocumentsQuestion application={application} />}</WithDraft>;
}

function DocumentsQuestion({ application }: { application: Application }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const step = useNextStep(application.id);
  const documents = useDocuments(application.id);
  const attached = new Set(documents.data?.items.map((d) => d.kind));
  const needed = [...new Set(application.items.map((i) => NEEDED_KIND[i.type]).filter((k): k is DocumentKind => !!k))];
  const [kind, setKind] = useState<DocumentKind>(needed.find((k) => !attached.has(k)) ?? needed[0] ?? 'other');
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (file: File) => {
    setProblem(null);
    setProgress(0);
    try {
      await uploadDocument(application.id, file, kind, setProgress);
      await documents.refetch();
      if (input.current) input.current.value = '';
      const stillNeeded = needed.find((k) => k !== kind && !attached.has(k));
      if (stillNeeded) setKind(stillNeeded);
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setProgress(null);
    }
  };

  return (
    <StepPage
      title={t('form.documents.title')}
      back={step.backTo}
      problems={problem ? { file: problem } : {}}
      general={null}
      onSubmit={(e) => {
        e.preventDefault();
        if (progress === null) step.next('documents');
      }}
      busy={progress !== null}
    >
      {needed.length > 0 ? (
        <p>{t('form.documents.needed', { list: needed.map((k) => t(`form.documents.kinds.${k}`)).join(', ') })}</p>
      ) : (
        <p>{t('form.documents.optional')}</p>
      )}
      {documents.data && documents.data.items.length > 0 && (
        <ul className="documents">
          {documents.data.items.map((d) => (
            <li key={d.id}>
              <strong>{d.filename}</strong> — {t(`form.documents.kinds.${d.kind}`)}, {formatSize(d.size, i18n.language)}
            </li>
          ))}
        </ul>
      )}
      <Field id="kind" label={t('form.documents.kind')}>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`form.documents.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="file" label={t('form.documents.file')} hint={t('form.documents.fileHint')} error={problem ?? undefined}>
        <input
          ref={input}
          {...describedBy('file', t('form.documents.fileHint'), problem ?? undefined)}
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          disabled={progress !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
      </Field>
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">{t('form.documents.uploading')}</label>{' '}
          <progress id="upload-progress" max={1} value={progress} /> {Math.round(progress * 100)}%
        </p>
      )}
    </StepPage>
  );
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: ['applications', id, 'documents'],
    queryFn: () => call(api.GET('/api/v1/applications/{id}/documents', { params: { path: { id } } })),
  });
}

export function formatSize(bytes: number, lng: string): string {
  const kb = bytes / 1024;
  const format = new Intl.NumberFormat(lng === 'en' ? 'en-GB' : lng, { maximumFractionDigits: 1 });
  return kb < 1024 ? `${format.format(Math.max(kb, 0.1))} KB` : `${format.format(kb / 1024)} MB`;
}

// ------------------------------------------------------------------------------------------------
// About: State support first, why, how urgent, the letter's language

/** One answer for "did you ask the State first, and what did it say": requested follows from the outcome. */
const STATE_ANSWERS: Outcome[] = ['refused', 'partial', 'no_response', 'not_applicable'];

export function AboutStep() {
  const { id } = useParams();
  return <WithDraft id={id!}>{(application) => <AboutQuestions application={application} />}</WithDraft>;
}

function AboutQuestions({ application }: { application: Application }) {
  const { t } = useTranslation();
  const save = useSaveDraft(application.id);
  const step = useNextStep(application.id);
  const problem = useSaveProblem(application?.id);
  const s = application.stateSupport;
  const [outcome, setOutcome] = useState<Outcome | ''>(s ? s.outcome : '');
  const [agency, setAgency] = useState(s?.agency ?? '');
  const [requestedOn, setRequestedOn] = useState(dateParts(s?.requestedOn));
  const [note, setNote] = useState(s?.note ?? '');
  const [justification, setJustification] = useState(application.justification ?? '');
  const [urgency, setUrgency] = useState(application.urgency);
  const [language, setLanguage] = useState(application.language);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const asked = outcome !== '' && outcome !== 'not_applicable';
  const today = new Date().toISOString().slice(0, 10);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    problem.clear();
    const found: Problems = {};
    if (!outcome) found.stateSupport = t('form.errors.stateSupport');
    if (outcome === 'not_applicable' && !note.trim()) found.stateNote = t('form.errors.stateNote');
    const typedDay = requestedOn.day || requestedOn.month || requestedOn.year;
    const askedOn = typedDay ? isoDate(requestedOn) : null;
    if (asked && typedDay && (!askedOn || askedOn > today)) found.requestedOn = t('form.errors.requestedOn');
    if (!justification.trim()) found.justification = t('form.errors.justification');
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await save(application.version, {
        stateSupport: {
          requested: asked,
          outcome: outcome as Outcome,
          agency: asked ? agency.trim() || null : null,
          requestedOn: asked ? askedOn : null,
          note: note.trim() || null,
        },
        justification: justification.trim(),
        urgency,
        language,
      });
      step.next('about');
    } catch (error) {
      problem.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <StepPage
      title={t('form.about.title')}
      back={step.backTo}
      problems={problems}
      general={problem.general}
      conflict={problem.conflict}
      onReload={problem.reload}
      onSubmit={submit}
      busy={busy}
    >
      <Radios
        name="stateSupport"
        legend={t('form.about.stateSupport')}
        options={STATE_ANSWERS.map((o) => ({ value: o, label: t(`form.about.outcomes.${o}`) }))}
        value={outcome}
        onChange={setOutcome}
        error={problems.stateSupport}
      />
      {asked && (
        <div className="conditional">
          <Field id="agency" label={t('form.about.agency')} hint={t('form.about.agencyHint')}>
            <input
              {...describedBy('agency', t('form.about.agencyHint'))}
              value={agency}
              maxLength={200}
              onChange={(e) => setAgency(e.target.value)}
            />
          </Field>
          <DateFields
            id="requestedOn"
            legend={t('form.about.requestedOn')}
            hint={t('form.about.requestedOnHint')}
            value={requestedOn}
            onChange={setRequestedOn}
            error={problems.requestedOn}
            labels={{ day: t('people.day'), month: t('people.month'), year: t('people.year') }}
          />
        </div>
      )}
      {outcome === 'not_applicable' && (
        <div className="conditional">
          <Field id="stateNote" label={t('form.about.stateNote')} hint={t('form.about.stateNoteHint')} error={problems.stateNote}>
            <textarea
              {...describedBy('stateNote', t('form.about.stateNoteHint'), problems.stateNote)}
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
        </div>
      )}
      <Field
        id="justification"
        label={t('form.about.justification')}
        hint={t('form.about.justificationHint')}
        error={problems.justification}
      >
        <textarea
          {...describedBy('justification', t('form.about.justificationHint'), problems.justification)}
          rows={5}
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
        />
      </Field>
      <Radios
        name="urgency"
        legend={t('form.about.urgency')}
        options={(['standard', 'urgent'] as const).map((u) => ({ value: u, label: t(`form.about.urgencies.${u}`) }))}
        value={urgency}
        onChange={setUrgency}
      />
      <Radios
        name="language"
        legend={t('form.about.language')}
        options={LETTER_LANGUAGES}
        value={LETTER_LANGUAGES.some((l) => l.value === language) ? (language as 'ru' | 'en') : ''}
        onChange={setLanguage}
      />
    </StepPage>
  );
}
