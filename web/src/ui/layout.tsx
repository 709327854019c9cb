import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { api } from '../api/client';
import { session, type SessionUser } from '../api/session';
import { useUnreadCount } from '../features/notifications/unread-count';
import { LanguageSwitcher } from './language-switcher';
import { OfflineBanner } from './offline-banner';

export function Layout({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const unread = useUnreadCount();
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
          <Link
            to="/notifications"
            className="bell"
            aria-label={unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
              <path
                fill="currentColor"
                d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
              />
            </svg>
            {!!unread && <span className="badge">{unread}</span>}
          </Link>
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
          <NavLink to="/follow-ups">{t('nav.followUps')}</NavLink>
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
