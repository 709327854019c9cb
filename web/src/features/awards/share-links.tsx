import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { describedBy, Field, Radios } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { ErrorSummary, useErrorText } from '../../ui/problem';

type Link = components['schemas']['ShareLinkResponse'];
type Created = components['schemas']['CreatedShareLinkResponse'];

const DAYS = { min: 1, max: 90, default: 30 };

/**
 * The award letter's share links, for its NGO: make a link to send by messenger to a clinic or a
 * landlord (shown once, with Copy and the phone's Share), and see and withdraw the links made.
 * Whoever holds a link sees what the letter states, never the person. `languages`: those the
 * letter may be shared in, the award's own first (the default choice).
 */
export function ShareLinks({ awardId, languages }: { awardId: string; languages: string[] }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <section aria-labelledby="share-links-title" className="share-links">
      <h2 id="share-links-title">{t('award.share.title')}</h2>
      <p>{t('award.share.intro')}</p>
      {created && <NewLink link={created} onDone={() => setCreated(null)} />}
      <CreateLink awardId={awardId} languages={languages} onCreated={setCreated} />
      <LinkList awardId={awardId} />
    </section>
  );
}

const linksKey = (awardId: string) => ['awards', awardId, 'share-links'];

/** A letter language by its name in the reader's language. */
function useLanguageName() {
  const { t } = useTranslation();
  return (language: string) => t(`award.share.languages.${language}`, { defaultValue: language.toUpperCase() });
}

function CreateLink({ awardId, languages, onCreated }: { awardId: string; languages: string[]; onCreated: (link: Created) => void }) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [language, setLanguage] = useState(languages[0] ?? '');
  const [days, setDays] = useState(String(DAYS.default));
  const [daysError, setDaysError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { language?: string; expiresInDays: number }) =>
      call(api.POST('/api/v1/awards/{id}/share-links', { params: { path: { id: awardId } }, body })),
    onSuccess: (link) => {
      onCreated(link);
      return queryClient.invalidateQueries({ queryKey: linksKey(awardId) });
    },
    onError: (error) => setProblem(errorText(error)),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const n = Number(days.trim());
    const bad = !/^\d+$/.test(days.trim()) || n < DAYS.min || n > DAYS.max;
    setDaysError(bad ? t('award.share.daysError', DAYS) : undefined);
    setProblem(null);
    if (bad) return;
    create.mutate({ ...(language ? { language } : {}), expiresInDays: n });
  };

  const daysHint = t('award.share.daysHint', DAYS);
  const messages = [...(daysError ? [{ field: 'share-days', text: daysError }] : []), ...(problem ? [{ text: problem }] : [])];
  return (
    <form onSubmit={submit} noValidate className="form" aria-labelledby="share-create-title">
      <h3 id="share-create-title">{t('award.share.create')}</h3>
      <ErrorSummary messages={messages} />
      {languages.length > 1 && (
        <Radios
          name="share-language"
          legend={t('award.share.language')}
          options={languages.map((l) => ({ value: l, label: languageName(l) }))}
          value={language}
          onChange={setLanguage}
        />
      )}
      <Field id="share-days" label={t('award.share.days')} hint={daysHint} error={daysError}>
        <input
          {...describedBy('share-days', daysHint, daysError)}
          className="input-short"
          inputMode="numeric"
          autoComplete="off"
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? t('award.share.creating') : t('award.share.createButton')}
      </button>
    </form>
  );
}

/** The new link, this once: a read-only field to copy from, Copy, and Share where the phone offers it. */
function NewLink({ link, onDone }: { link: Created; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  // the API gives a path when the service does not know its public address: the browser's origin completes it
  const url = new URL(link.url, window.location.origin).href;
  const canShare = typeof navigator.share === 'function';

  useEffect(() => {
    heading.current?.focus();
  }, [link.id]);

  const selectAll = () => {
    input.current?.focus();
    input.current?.select();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      // no clipboard here (an older phone, a page not served over HTTPS): the text is selected for the person to copy
      selectAll();
      setCopied('select');
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title: t('award.share.shareTitle'), text: t('award.share.shareText'), url });
    } catch {
      // closing the share sheet is not a failure
    }
  };

  return (
    <div className="share-new" role="region" aria-labelledby="share-new-title">
      <h3 id="share-new-title" tabIndex={-1} ref={heading}>
        {t('award.share.newTitle')}
      </h3>
      <p className="warning">{t('award.share.onceNote')}</p>
      <div className="field">
        <label htmlFor="share-url">{t('award.share.urlLabel', { date: formatDate(link.expiresAt, i18n.language) })}</label>
        <input id="share-url" ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('award.share.copy')}
        </button>
        {canShare && (
          <button type="button" className="button secondary" onClick={() => void share()}>
            {t('award.share.share')}
          </button>
        )}
        <button type="button" className="button secondary" onClick={onDone}>
          {t('award.share.done')}
        </button>
      </div>
      <p className="notice" role="status">
        {copied === 'copied' ? t('award.share.copied') : copied === 'select' ? t('award.share.copyByHand') : ''}
      </p>
    </div>
  );
}

function LinkList({ awardId }: { awardId: string }) {
  const { t, i18n } = useTranslation();
  const languageName = useLanguageName();
  const errorText = useErrorText();
  const links = useQuery({
    queryKey: linksKey(awardId),
    queryFn: () => call(api.GET('/api/v1/awards/{id}/share-links', { params: { path: { id: awardId } } })),
  });
  const [confirming, setConfirming] = useState<string | null>(null);

  if (links.isError) return <p role="alert">{errorText(links.error)}</p>;
  if (links.isPending) return <p className="loading">{t('app.loading')}</p>;
  const items = links.data.items;
  const when = (link: Link) => {
    if (link.status === 'revoked' && link.revokedAt) return t('award.share.revokedOn', { date: formatDate(link.revokedAt, i18n.language) });
    return t(link.status === 'expired' ? 'award.share.expiredOn' : 'award.share.until', {
      date: formatDate(link.expiresAt, i18n.language),
    });
  };
  return (
    <>
      <h3 id="share-list-title">{t('award.share.listTitle')}</h3>
      {items.length === 0 ? (
        <p>{t('award.share.none')}</p>
      ) : (
        <ul className="share-list" aria-labelledby="share-list-title">
          {items.map((link) => (
            <li key={link.id}>
              <p>
                <strong>{languageName(link.language)}</strong>{' '}
                <span className={`tag tag-link-${link.status}`}>{t(`award.share.statuses.${link.status}`)}</span>
              </p>
              <p className="hint">
                {when(link)} · {link.openCount ? t('award.share.opened', { count: link.openCount }) : t('award.share.notOpened')}
              </p>
              {link.status === 'active' &&
                (confirming === link.id ? (
                  <ConfirmRevoke awardId={awardId} link={link} onClose={() => setConfirming(null)} />
                ) : (
                  <button type="button" className="button secondary" onClick={() => setConfirming(link.id)}>
                    {t('award.share.revoke')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Withdrawing asks once more: whoever was sent the link can no longer open the letter. */
function ConfirmRevoke({ awardId, link, onClose }: { awardId: string; link: Link; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const first = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/awards/{id}/share-links/{linkId}/revoke', { params: { path: { id: awardId, linkId: link.id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: linksKey(awardId) });
      onClose();
    },
    onError: (error) => setProblem(errorText(error)),
  });
  useEffect(() => {
    first.current?.focus();
  }, []);
  return (
    <div role="group" aria-labelledby={`revoke-${link.id}`} className="confirm">
      <p id={`revoke-${link.id}`}>{t('award.share.revokeQuestion')}</p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        <button ref={first} type="button" className="button danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
          {t('award.share.revokeConfirm')}
        </button>
        <button type="button" className="button secondary" disabled={revoke.isPending} onClick={onClose}>
          {t('award.share.keep')}
        </button>
      </div>
    </div>
  );
}
