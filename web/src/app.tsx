import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { api, call, onSessionExpired, refreshSession } from './api/client';
import { session } from './api/session';
import { SignInDialog, SignInPage } from './features/auth/sign-in-page';
import { applyUserLanguage } from './features/auth/user-language';
import { Layout } from './ui/layout';

// screens after sign-in are their own chunks: the first visit loads only the sign-in page
const HomePage = lazy(() => import('./features/home/home-page'));
const NotificationsPage = lazy(() => import('./features/notifications/notifications-page'));
const RequestPage = lazy(() => import('./features/requests/request-page'));
const AwardPage = lazy(() => import('./features/awards/award-page'));
const FollowUpsPage = lazy(() => import('./features/follow-ups/follow-ups-page'));
const FollowUpPage = lazy(() => import('./features/follow-ups/follow-up-page'));
const PeoplePage = lazy(() => import('./features/people/people-pages').then((m) => ({ default: m.PeoplePage })));
const NewPersonPage = lazy(() => import('./features/people/people-pages').then((m) => ({ default: m.NewPersonPage })));
const PersonPage = lazy(() => import('./features/people/people-pages').then((m) => ({ default: m.PersonPage })));
const EditPersonPage = lazy(() => import('./features/people/people-pages').then((m) => ({ default: m.EditPersonPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: true, networkMode: 'online' },
    mutations: { networkMode: 'online' },
  },
});

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
  const [expired, setExpired] = useState(false);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);

  if (!ready) return <p className="loading">{t('app.loading')}</p>;
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        {user ? (
          <Layout user={user}>
            <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
              <Routes>
                <Route path="/" element={<HomePage user={user} />} />
                <Route path="/notifications" element={<NotificationsPage />} />
                {user.role === 'ngo' && (
                  <>
                    <Route path="/requests/:id" element={<RequestPage />} />
                    <Route path="/awards/:id" element={<AwardPage />} />
                    <Route path="/follow-ups" element={<FollowUpsPage />} />
                    <Route path="/follow-ups/:id" element={<FollowUpPage />} />
                    <Route path="/people" element={<PeoplePage />} />
                    <Route path="/people/new" element={<NewPersonPage />} />
                    <Route path="/people/:id" element={<PersonPage />} />
                    <Route path="/people/:id/edit" element={<EditPersonPage />} />
                  </>
                )}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
            {expired && (
              <SignInDialog
                email={user.email}
                onSignedIn={() => {
                  setExpired(false);
                  void queryClient.invalidateQueries();
                }}
              />
            )}
          </Layout>
        ) : (
          <Routes>
            <Route path="*" element={<SignInPage />} />
          </Routes>
        )}
      </BrowserRouter>
    </QueryClientProvider>
  );
}
