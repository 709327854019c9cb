import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { session } from '../../api/session';
import { describedBy, Field } from '../../ui/fields';
import { ErrorSummary, useErrorText } from '../../ui/problem';
import { LanguageSwitcher } from '../../ui/language-switcher';
import { OfflineBanner } from '../../ui/offline-banner';
import { applyUserLanguage } from './user-language';

type Problem = { field?: string; text: string };

function SignInForm({ fixedEmail, onSignedIn }: { fixedEmail?: string; onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Problem[] = [];
    if (!email.trim()) missing.push({ field: 'email', text: t('signIn.emailRequired') });
    if (!password) missing.push({ field: 'password', text: t('signIn.passwordRequired') });
    setProblems(missing);
    if (missing.length) return;
    setBusy(true);
    try {
      const res = await call(api.POST('/api/v1/auth/login', { body: { email: email.trim(), password } }));
      // the user's own language first, so the first screen after sign-in is already in it
      await applyUserLanguage(res.user);
      session.signIn(res.accessToken, res.refreshToken, res.user);
      onSignedIn?.();
    } catch (error) {
      setProblems([{ field: 'password', text: errorText(error) }]);
      setBusy(false);
    }
  };

  const fieldError = (field: string) => problems.find((p) => p.field === field)?.text;
  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorSummary messages={problems} />
      {!fixedEmail && (
        <Field id="email" label={t('signIn.email')} error={fieldError('email')}>
          <input
            {...describedBy('email', undefined, fieldError('email'))}
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
      )}
      <Field id="password" label={t('signIn.password')} error={fieldError('password')}>
        <input
          {...describedBy('password', undefined, fieldError('password'))}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  return (
    <main id="main" className="main narrow">
      <p className="brand-plain">{t('app.name')}</p>
      <LanguageSwitcher id="language-sign-in" />
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <OfflineBanner message={t('signIn.offline')} />
      <SignInForm />
    </main>
  );
}

/** Over the page the user was on, so a half-filled form survives an ended session. */
export function SignInDialog({ email, onSignedIn }: { email: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="sign-in-dialog-title" className="dialog">
        <h2 id="sign-in-dialog-title">{t('signIn.title')}</h2>
        <p>{t('signIn.sessionEnded')}</p>
        <SignInForm fixedEmail={email} onSignedIn={onSignedIn} />
      </div>
    </div>
  );
}
