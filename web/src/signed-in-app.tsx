import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { onSessionExpired } from './api/client';
import type { SessionUser } from './api/session';
import { SignInDialog } from './features/auth/sign-in-page';
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
const PersonStep = lazy(() => import('./features/requests/request-steps').then((m) => ({ default: m.PersonStep })));
const ItemsStep = lazy(() => import('./features/requests/request-steps').then((m) => ({ default: m.ItemsStep })));
const DocumentsStep = lazy(() => import('./features/requests/request-steps').then((m) => ({ default: m.DocumentsStep })));
const AboutStep = lazy(() => import('./features/requests/request-steps').then((m) => ({ default: m.AboutStep })));
const TaskListPage = lazy(() => import('./features/requests/request-tasks').then((m) => ({ default: m.TaskListPage })));
const CheckAnswersPage = lazy(() => import('./features/requests/request-tasks').then((m) => ({ default: m.CheckAnswersPage })));
const SentPage = lazy(() => import('./features/requests/request-tasks').then((m) => ({ default: m.SentPage })));
const EditPersonPage = lazy(() => import('./features/people/people-pages').then((m) => ({ default: m.EditPersonPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: true, networkMode: 'online' },
    mutations: { networkMode: 'online' },
  },
});

/**
 * Everything after sign-in: the router, the query cache, the layout and the screens. Its own chunk,
 * so the sign-in page (the first screen of every visit) loads and parses only what it needs.
 */
export default function SignedInApp({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [expired, setExpired] = useState(false);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Layout user={user}>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <Routes>
              <Route path="/" element={<HomePage user={user} />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              {user.role === 'ngo' && (
                <>
                  <Route path="/requests/new" element={<PersonStep />} />
                  <Route path="/requests/new/items" element={<ItemsStep />} />
                  <Route path="/requests/:id" element={<RequestPage />} />
                  <Route path="/requests/:id/edit" element={<TaskListPage />} />
                  <Route path="/requests/:id/edit/person" element={<PersonStep />} />
                  <Route path="/requests/:id/edit/items" element={<ItemsStep />} />
                  <Route path="/requests/:id/edit/documents" element={<DocumentsStep />} />
                  <Route path="/requests/:id/edit/about" element={<AboutStep />} />
                  <Route path="/requests/:id/check" element={<CheckAnswersPage />} />
                  <Route path="/requests/:id/sent" element={<SentPage />} />
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
      </BrowserRouter>
    </QueryClientProvider>
  );
}
