import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, refreshSession } from './api/client';
import { session } from './api/session';
import { SignInPage } from './features/auth/sign-in-page';
import { applyUserLanguage } from './features/auth/user-language';

// after sign-in: router, query cache, layout and screens, fetched while the sign-in page waits for the password
const loadSignedInApp = () => import('./signed-in-app');
const SignedInApp = lazy(loadSignedInApp);

function useSession() {
  return useSyncExternalStore(session.subscribe, () => session.user);
}

/** A reload keeps the session: the refresh token (this tab only) gets a new access token and the user. */
function useRestoredSession(): boolean {
  const [ready, setReady] = useState(() => !session.refreshToken || session.user !== null);
  useEffect(() => {
    if (ready) return;
    (async () => {
      if (await refreshSession()) {
        try {
          const me = await call(api.GET('/api/v1/auth/me'));
          await applyUserLanguage(me);
          session.signIn(session.accessToken!, session.refreshToken!, me);
        } catch {
          session.signOut();
        }
      } else session.signOut();
      setReady(true);
    })();
  }, [ready]);
  return ready;
}

export function App() {
  const user = useSession();
  const ready = useRestoredSession();
  const { t } = useTranslation();
  useEffect(() => {
    if (user) return;
    const idle = window.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
    idle(() => void loadSignedInApp());
  }, [user]);

  if (!ready) return <p className="loading">{t('app.loading')}</p>;
  if (!user) return <SignInPage />;
  return (
    <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
      <SignedInApp user={user} />
    </Suspense>
  );
}
