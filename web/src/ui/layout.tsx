import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { api } from '../api/client';
import { session, type SessionUser } from '../api/session';
import { LanguageSwitcher } from './language-switcher';
import { OfflineBanner } from './offline-banner';

export function Layout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = async () => {
    const refreshToken = session.refreshToken ?? undefined;
    await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    session.signOut();
    queryClient.clear();
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="header-actions">
          <LanguageSwitcher id="language-header" />
          <button type="button" className="link-button" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      {user.role === 'ngo' && (
        <nav aria-label={t('nav.main')} className="tabs">
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/people">{t('nav.people')}</NavLink>
        </nav>
      )}
      <OfflineBanner />
      <main id="main" className="main">
        <p className="who">{t('home.greeting', { name: user.fullName })}</p>
        {children}
      </main>
    </>
  );
}
