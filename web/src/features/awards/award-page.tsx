import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatMoney } from '../../ui/format';
import { ShareLinks } from './share-links';
import { useErrorText } from '../../ui/problem';
import { FollowUpTable } from '../follow-ups/follow-up-table';

type Award = components['schemas']['AwardResponse'];
type Letter = components['schemas']['LetterSummary'];

/**
 * An award as its case worker sees it: number, state, amount, the items granted, the conditions,
 * when it was approved, its letter in each language it exists in (the current version first, the
 * earlier ones folded away with the reason they were replaced), and its follow-ups.
 */
export default function AwardPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const errorText = useErrorText();
  const award = useQuery({
    queryKey: ['awards', id],
    queryFn: () => call(api.GET('/api/v1/awards/{id}', { params: { path: { id: id! } } })),
  });
  const application = useQuery({
    queryKey: ['applications', award.data?.applicationId],
    queryFn: () => call(api.GET('/api/v1/applications/{id}', { params: { path: { id: award.data!.applicationId } } })),
    enabled: !!award.data,
  });
  const followUps = useQuery({
    queryKey: ['follow-ups', 'award', id],
    queryFn: () => call(api.GET('/api/v1/follow-ups', { params: { query: { awardId: id!, limit: 10 } } })),
  });
  if (award.isError) return <p role="alert">{errorText(award.error)}</p>;
  if (award.isPending) return <p className="loading">{t('app.loading')}</p>;
  const a = award.data;
  const money = (amount: string) => formatMoney(amount, a.currency, i18n.language);
  // the decision is the last approval (a second officer's, above the fund's threshold)
  const approvedAt =
    a.approvers
      .map((x) => x.at)
      .sort()
      .at(-1) ?? a.createdAt;
  const items = [...(followUps.data?.items ?? [])].sort((x, y) => x.dueOn.localeCompare(y.dueOn));

  return (
    <>
      <p>
        <Link to={`/requests/${a.applicationId}`}>
          {t('awards.backToRequest', { reference: application.data?.reference ?? '' }).trim()}
        </Link>
      </p>
      <h1>{t('awards.title', { number: a.number })}</h1>
      <p>
        <span className={`tag tag-award-${a.status}`}>{t(`awards.status.${a.status}`)}</span>
      </p>
      <dl className="summary-list">
        <div>
          <dt>{t('awards.amount')}</dt>
          <dd className="amount">{money(a.amount)}</dd>
        </div>
        <div>
          <dt>{t('awards.approvedOn')}</dt>
          <dd>{formatDate(approvedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('requests.person')}</dt>
          <dd>
            {application.data ? <Link to={`/people/${application.data.beneficiaryId}`}>{a.beneficiaryCode}</Link> : a.beneficiaryCode}
          </dd>
        </div>
      </dl>

      <table className="table">
        <caption>{t('awards.items')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('requests.type')}</th>
            <th scope="col">{t('requests.description')}</th>
            <th scope="col" className="numeric">
              {t('awards.approvedAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {a.items.map((item) => (
            <tr key={item.itemId}>
              <td>{t(`requests.types.${item.type}`)}</td>
              <td>{item.description}</td>
              <td className="numeric">{money(item.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('awards.total')}
            </th>
            <td className="numeric">
              <strong>{money(a.amount)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>

      <h2>{t('awards.conditions')}</h2>
      <p className="pre-line">{a.conditions?.trim() || t('awards.noConditions')}</p>

      <Letters award={a} />

      <section aria-labelledby="follow-ups">
        <h2 id="follow-ups">{t('awards.followUps')}</h2>
        {followUps.isError ? (
          <p role="alert">{errorText(followUps.error)}</p>
        ) : followUps.isPending ? (
          <p className="loading">{t('app.loading')}</p>
        ) : items.length === 0 ? (
          <p>{t('awards.noFollowUpsYet')}</p>
        ) : (
          <FollowUpTable items={items} caption={t('awards.followUps')} hiddenCaption />
        )}
      </section>
    </>
  );
}

/**
 * The letters of an award, by version: the current one first (each language it exists in, the
 * award's own language first, with a Download button), then the versions an amendment replaced,
 * folded away. A version says when it was issued and, after an amendment, why it changed.
 */
function Letters({ award }: { award: Award }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const letters = useQuery({
    queryKey: ['awards', award.id, 'letters'],
    queryFn: () => call(api.GET('/api/v1/awards/{id}/letters', { params: { path: { id: award.id } } })),
  });
  const all = letters.data?.items ?? [];
  const versions = [...new Set(all.map((l) => l.version))].sort((x, y) => y - x);
  const [current, ...earlier] = versions;
  const ofVersion = (v: number) => all.filter((l) => l.version === v);
  const refetch = () => void letters.refetch();

  return (
    <section aria-labelledby="letters">
      <h2 id="letters">{t('awards.letters')}</h2>
      {letters.isError ? (
        <div className="error-summary" role="alert">
          <p>{errorText(letters.error)}</p>
          <button type="button" className="button secondary" onClick={refetch}>
            {t('app.retry')}
          </button>
        </div>
      ) : letters.isPending ? (
        <p className="loading">{t('app.loading')}</p>
      ) : current === undefined ? (
        <p>{t('awards.noLetters')}</p>
      ) : (
        <LetterVersion award={award} letters={ofVersion(current)} onPending={refetch} />
      )}
      {earlier.length > 0 && (
        <details className="earlier">
          <summary>{t('awards.earlierVersions', { count: earlier.length })}</summary>
          {earlier.map((v) => (
            <LetterVersion key={v} award={award} letters={ofVersion(v)} onPending={refetch} earlier />
          ))}
        </details>
      )}
      {current !== undefined && (
        // the current letter's languages, the award's own first (the link's default)
        <ShareLinks
          awardId={award.id}
          languages={[...new Set(ofVersion(current).map((l) => l.language))].sort(
            (x, y) => Number(x !== award.language) - Number(y !== award.language),
          )}
        />
      )}
    </section>
  );
}

/** One version of the letter: its number and day, why an amendment made it, and a row per language. */
function LetterVersion({
  award,
  letters,
  earlier,
  onPending,
}: {
  award: Award;
  letters: Letter[];
  earlier?: boolean;
  onPending: () => void;
}) {
  const { t, i18n } = useTranslation();
  const first = (l: Letter) => Number(l.language !== award.language);
  const sorted = [...letters].sort((x, y) => first(x) - first(y));
  // the day of the version is that of its first letter (a copy in another language may be made later)
  const day = letters.map((l) => l.issuedAt ?? l.createdAt).sort()[0];
  const reason = letters.find((l) => l.amendmentReason)?.amendmentReason;
  return (
    <div className="letter-version">
      <p className="letter-title">
        <strong>{t('awards.versionOf', { version: letters[0].version, date: formatDate(day, i18n.language) })}</strong>
      </p>
      {reason && (
        <p className="hint">
          {t('awards.amendmentReason')}: {reason}
        </p>
      )}
      <ul className="letters">
        {sorted.map((l) => (
          <li key={l.id}>
            <LetterRow award={award} letter={l} onPending={onPending} earlier={earlier} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One letter: its language and a Download button that fetches the PDF with the session's token
 * and saves it under the award's number; while it is still being rendered, a message and Retry.
 */
function LetterRow({ award, letter, earlier, onPending }: { award: Award; letter: Letter; earlier?: boolean; onPending: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(letter.status === 'pending');
  const [problem, setProblem] = useState<string | null>(null);
  const language = t(`awards.languages.${letter.language}`, { defaultValue: letter.language });
  const name = earlier ? `${award.number}-v${letter.version}-${letter.language}.pdf` : `${award.number}-${letter.language}.pdf`;

  const download = async () => {
    setBusy(true);
    setProblem(null);
    setPending(false);
    try {
      const blob = await call(
        api.GET('/api/v1/awards/{id}/letter', {
          params: { path: { id: award.id }, query: { lang: letter.language, version: letter.version } },
          parseAs: 'blob',
        }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (letter.status === 'pending') onPending(); // it was made now: the list shows it issued
    } catch (error) {
      // 503 while the letter is still being rendered: another try in a minute usually gets it
      if (error instanceof ApiError && (error.code === 'LETTER_NOT_READY' || error.status === 503)) setPending(true);
      else setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const label = t('awards.downloadWhich', { language, version: letter.version });
  return (
    <div className="letter">
      <span className="letter-language">{language}</span>
      {pending ? (
        <div className="warning" role="status">
          <p>{t('awards.letterPending')}</p>
          <button type="button" className="button secondary" onClick={download} disabled={busy} aria-label={`${t('app.retry')}: ${label}`}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <button type="button" className="button secondary" onClick={download} disabled={busy} aria-label={label}>
          {busy ? t('awards.downloading') : t('awards.download')}
        </button>
      )}
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
