import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import type { components } from '../../api/schema';
import { describedBy, Field, Radios } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { ErrorSummary, useErrorText } from '../../ui/problem';
import { type FollowUp, months } from './follow-up-table';

type RecordBody = components['schemas']['RecordFollowUpDto'];
type YesNo = 'yes' | 'no';
type Income = NonNullable<RecordBody['incomeChange']>;
type Living = NonNullable<RecordBody['livingStandard']>;

/** What the case worker has chosen so far: radios as their words, the count as typed. */
interface Answers {
  contactMade: YesNo | '';
  livelihoodOperating: YesNo | '';
  incomeChange: Income | '';
  livingStandard: Living | '';
  intendsToMigrate: YesNo | '';
  referredOthers: string;
  note: string;
}
const EMPTY: Answers = {
  contactMade: '',
  livelihoodOperating: '',
  incomeChange: '',
  livingStandard: '',
  intendsToMigrate: '',
  referredOthers: '',
  note: '',
};
const QUESTIONS = ['livelihoodOperating', 'incomeChange', 'livingStandard', 'intendsToMigrate'] as const;

/**
 * A follow-up: what it is about (award, 3 or 6 months, due day), then either the questions, in
 * plain words, or the answers once recorded. If the person could not be reached the other
 * questions are not asked (and sent as null). A conflict (someone answered it meanwhile) reloads
 * it and keeps what this case worker chose beside what was recorded.
 */
export default function FollowUpPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(EMPTY);
  const [saved, setSaved] = useState(false);
  const [unsent, setUnsent] = useState<Answers | null>(null);
  const followUp = useQuery({
    queryKey: ['follow-ups', id],
    queryFn: () => call(api.GET('/api/v1/follow-ups/{id}', { params: { path: { id: id! } } })),
  });
  // whom to ask: the person's code, linking to their page (name and phone, for the NGO only)
  const award = useQuery({
    queryKey: ['awards', followUp.data?.awardId],
    queryFn: () => call(api.GET('/api/v1/awards/{id}', { params: { path: { id: followUp.data!.awardId } } })),
    enabled: !!followUp.data,
  });
  const application = useQuery({
    queryKey: ['applications', award.data?.applicationId],
    queryFn: () => call(api.GET('/api/v1/applications/{id}', { params: { path: { id: award.data!.applicationId } } })),
    enabled: !!award.data,
  });
  if (followUp.isError) return <p role="alert">{errorText(followUp.error)}</p>;
  if (followUp.isPending) return <p className="loading">{t('app.loading')}</p>;
  const f = followUp.data;
  const what = t('followUps.milestone', { count: months(f) });

  return (
    <>
      <p>
        <Link to="/">{t('requests.back')}</Link>
      </p>
      {saved && (
        <div className="panel" role="status">
          <h2>{t('followUps.saved')}</h2>
          <p>{t('followUps.savedText')}</p>
          <p>
            <Link to="/">{t('followUps.backHome')}</Link>
          </p>
        </div>
      )}
      <p className="caption">
        <Link to={`/awards/${f.awardId}`}>{t('awards.title', { number: f.awardNumber })}</Link>
      </p>
      <h1>{what}</h1>
      <dl className="summary-list">
        {award.data && (
          <div>
            <dt>{t('requests.person')}</dt>
            <dd>
              {application.data ? (
                <Link to={`/people/${application.data.beneficiaryId}`}>{award.data.beneficiaryCode}</Link>
              ) : (
                award.data.beneficiaryCode
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('followUps.dueOn')}</dt>
          <dd>{formatDate(f.dueOn, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('table.status')}</dt>
          <dd>
            <span className={`tag tag-follow-up-${f.status}`}>{t(`followUps.status.${f.status}`)}</span>
          </dd>
        </div>
      </dl>
      {f.status === 'completed' ? (
        <>
          <h2>{t('followUps.answersTitle', { date: formatDate(f.completedAt!, i18n.language) })}</h2>
          <AnswerList answers={fromRecord(f)} />
          {unsent && (
            <section aria-labelledby="unsent" className="warning">
              <h2 id="unsent">{t('followUps.unsentTitle')}</h2>
              <p>{t('followUps.unsentText')}</p>
              <AnswerList answers={unsent} />
            </section>
          )}
        </>
      ) : f.status === 'upcoming' ? (
        <p>{t('followUps.notYet', { date: formatDate(f.dueOn, i18n.language) })}</p>
      ) : (
        <FollowUpForm
          followUp={f}
          answers={answers}
          onChange={setAnswers}
          onSaved={async (recorded) => {
            queryClient.setQueryData(['follow-ups', id], recorded);
            setSaved(true);
            window.scrollTo(0, 0);
            await queryClient.invalidateQueries({ queryKey: ['follow-ups'], refetchType: 'none' });
          }}
          onConflict={async () => {
            setUnsent(answers);
            await followUp.refetch();
          }}
        />
      )}
    </>
  );
}

const yesNo = (v: boolean | null): YesNo | '' => (v === null ? '' : v ? 'yes' : 'no');
function fromRecord(f: FollowUp): Answers {
  return {
    contactMade: yesNo(f.contactMade),
    livelihoodOperating: yesNo(f.livelihoodOperating),
    incomeChange: (f.incomeChange ?? '') as Answers['incomeChange'],
    livingStandard: (f.livingStandard ?? '') as Answers['livingStandard'],
    intendsToMigrate: yesNo(f.intendsToMigrate),
    referredOthers: f.referredOthers === null ? '' : String(f.referredOthers),
    note: f.note ?? '',
  };
}

/** Answers read-only, each question in the words it was asked in. */
function AnswerList({ answers }: { answers: Answers }) {
  const { t } = useTranslation();
  const notAsked = t('followUps.notAsked');
  const word = (question: keyof Answers, value: string) => (value ? t(`followUps.options.${question}.${value}`) : notAsked);
  const rows: [string, string][] = [
    [t('followUps.questions.contactMade'), word('contactMade', answers.contactMade)],
    ...QUESTIONS.map((q): [string, string] => [t(`followUps.questions.${q}`), word(q, answers[q])]),
    [t('followUps.questions.referredOthers'), answers.referredOthers || notAsked],
    [t('followUps.questions.note'), answers.note.trim() || t('people.notProvided')],
  ];
  return (
    <dl className="summary-list">
      {rows.map(([question, answer]) => (
        <div key={question}>
          <dt>{question}</dt>
          <dd className="pre-line">{answer}</dd>
        </div>
      ))}
    </dl>
  );
}

function FollowUpForm({
  followUp,
  answers,
  onChange,
  onSaved,
  onConflict,
}: {
  followUp: FollowUp;
  answers: Answers;
  onChange: (answers: Answers) => void;
  onSaved: (recorded: FollowUp) => Promise<void>;
  onConflict: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [errors, setErrors] = useState<Partial<Record<keyof Answers, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const set =
    <K extends keyof Answers>(key: K) =>
    (value: Answers[K]) =>
      onChange({ ...answers, [key]: value });
  const reached = answers.contactMade === 'yes';
  const send = useMutation({
    mutationFn: (body: RecordBody) => call(api.POST('/api/v1/follow-ups/{id}', { params: { path: { id: followUp.id } }, body })),
  });

  const sending = useRef(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sending.current) return; // a double click sends once
    const found: Partial<Record<keyof Answers, string>> = {};
    if (!answers.contactMade) found.contactMade = t('followUps.errors.contactMade');
    if (reached) {
      for (const q of QUESTIONS) if (!answers[q]) found[q] = t(`followUps.errors.${q}`);
      const n = answers.referredOthers.trim();
      if (!/^\d{1,4}$/.test(n) || Number(n) > 1000) found.referredOthers = t('followUps.errors.referredOthers');
    }
    setErrors(found);
    setGeneral(null);
    setConflict(false);
    if (Object.keys(found).length) return;
    const bool = (v: YesNo | '') => (reached ? v === 'yes' : null);
    sending.current = true;
    try {
      const recorded = await send.mutateAsync({
        version: followUp.version,
        contactMade: reached,
        livelihoodOperating: bool(answers.livelihoodOperating),
        incomeChange: reached ? (answers.incomeChange as Income) : null,
        livingStandard: reached ? (answers.livingStandard as Living) : null,
        intendsToMigrate: bool(answers.intendsToMigrate),
        referredOthers: reached ? Number(answers.referredOthers.trim()) : null,
        note: answers.note.trim() || null,
      });
      await onSaved(recorded);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      if (code === 'VERSION_CONFLICT' || code === 'FOLLOW_UP_RECORDED') {
        setConflict(true);
        setGeneral(t('followUps.conflict'));
        return;
      }
      // the server's field problems, each next to its question in the user's words
      const details = error instanceof ApiError ? (error.body.details ?? []) : [];
      const byField: Partial<Record<keyof Answers, string>> = {};
      for (const d of details) {
        const field = d.field as keyof Answers;
        byField[field] = t(`followUps.errors.${field}`, { defaultValue: t('people.errors.check') });
      }
      setErrors(byField);
      setGeneral(Object.keys(byField).length ? null : errorText(error));
    } finally {
      sending.current = false;
    }
  };

  const summary = [...Object.entries(errors).map(([field, text]) => ({ field, text: text! })), ...(general ? [{ text: general }] : [])];
  const yesNoOptions = (q: 'contactMade' | 'livelihoodOperating' | 'intendsToMigrate') =>
    (['yes', 'no'] as const).map((v) => ({ value: v, label: t(`followUps.options.${q}.${v}`) }));

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary messages={summary} />
      {conflict && (
        <button
          type="button"
          className="button secondary conflict-reload"
          onClick={async () => {
            await onConflict();
            setConflict(false);
            setGeneral(null);
          }}
        >
          {t('people.reload')}
        </button>
      )}
      <p>{t('followUps.intro')}</p>
      <Radios
        name="contactMade"
        legend={t('followUps.questions.contactMade')}
        value={answers.contactMade}
        onChange={set('contactMade')}
        error={errors.contactMade}
        options={yesNoOptions('contactMade')}
      />
      {answers.contactMade === 'no' && <p className="hint">{t('followUps.notReachedHint')}</p>}
      {reached && (
        <>
          <Radios
            name="livelihoodOperating"
            legend={t('followUps.questions.livelihoodOperating')}
            value={answers.livelihoodOperating}
            onChange={set('livelihoodOperating')}
            error={errors.livelihoodOperating}
            options={yesNoOptions('livelihoodOperating')}
          />
          <Radios
            name="incomeChange"
            legend={t('followUps.questions.incomeChange')}
            value={answers.incomeChange}
            onChange={set('incomeChange')}
            error={errors.incomeChange}
            options={(['lower', 'same', 'higher'] as const).map((v) => ({ value: v, label: t(`followUps.options.incomeChange.${v}`) }))}
          />
          <Radios
            name="livingStandard"
            legend={t('followUps.questions.livingStandard')}
            value={answers.livingStandard}
            onChange={set('livingStandard')}
            error={errors.livingStandard}
            options={(['worse', 'same', 'better'] as const).map((v) => ({ value: v, label: t(`followUps.options.livingStandard.${v}`) }))}
          />
          <Radios
            name="intendsToMigrate"
            legend={t('followUps.questions.intendsToMigrate')}
            value={answers.intendsToMigrate}
            onChange={set('intendsToMigrate')}
            error={errors.intendsToMigrate}
            options={yesNoOptions('intendsToMigrate')}
          />
          <Field
            id="referredOthers"
            label={t('followUps.questions.referredOthers')}
            hint={t('followUps.referredHint')}
            error={errors.referredOthers}
          >
            <input
              {...describedBy('referredOthers', t('followUps.referredHint'), errors.referredOthers)}
              className="w4"
              inputMode="numeric"
              autoComplete="off"
              value={answers.referredOthers}
              onChange={(e) => set('referredOthers')(e.target.value)}
            />
          </Field>
        </>
      )}
      <Field id="note" label={`${t('followUps.questions.note')} (${t('followUps.optional')})`} hint={t('followUps.noteHint')}>
        <textarea
          {...describedBy('note', t('followUps.noteHint'))}
          rows={4}
          maxLength={4000}
          value={answers.note}
          onChange={(e) => set('note')(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={send.isPending}>
        {send.isPending ? t('followUps.saving') : t('followUps.save')}
      </button>
    </form>
  );
}
