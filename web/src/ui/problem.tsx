import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The words for an API failure, from its code (with its parameters), never the server's sentence. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    const body = error instanceof ApiError ? error.body : { code: 'UNKNOWN', requestId: undefined };
    const params = { ...body, requestId: body.requestId ?? '—' };
    const key = `errors:${body.code}`;
    return i18n.exists(key) ? t(key, params) : t('errors:UNKNOWN', params);
  };
}

/**
 * The error summary at the top of a form: takes focus when it appears (a screen reader reads it),
 * lists each problem, each linking to its field.
 */
export function ErrorSummary({ messages }: { messages: { field?: string; text: string }[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (messages.length) ref.current?.focus();
  }, [messages]);
  if (!messages.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('errors.title')}</h2>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>{m.field ? <a href={`#${m.field}`}>{m.text}</a> : m.text}</li>
        ))}
      </ul>
    </div>
  );
}
