/** Entry: the query cache, the session, and the routes (each screen at most two clicks from the home page). */
import { StrictMode, lazy, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queries } from './api/queries';
import { Layout, Loading } from './components/layout';
import { SessionProvider, useSession } from './session';
import { LoginPage } from './pages/login';
import { InboxPage } from './pages/inbox';
import { PublicListPage } from './pages/public-list';
import './styles.css';

// Screens most people never open are loaded on demand: the first load stays small.
const CaseListPage = lazy(() => import('./pages/case-list'));
const CasePage = lazy(() => import('./pages/case'));
const DossierPage = lazy(() => import('./pages/dossier'));
const SupervisionPage = lazy(() => import('./pages/supervision'));
const AdminPage = lazy(() => import('./pages/admin'));
const RoundsPage = lazy(() => import('./pages/rounds'));
const RoundPage = lazy(() => import('./pages/round'));
const NotFoundPage = lazy(() => import('./pages/not-found'));
const ProfilePage = lazy(() => import('./pages/profile'));
const AchievementsPage = lazy(() => import('./pages/achievements'));
const ResetPasswordPage = lazy(() => import('./pages/password'));

/** Pages that need a session: wait for a restored one, else go to sign-in and come back. */
function Private({ children }: { children: ReactNode }) {
  const { person, restoring } = useSession();
  const location = useLocation();
  if (restoring) return <Loading what="phiên đăng nhập" />;
  if (!person)
    return <Navigate to="/dang-nhap" replace state={{ from: location.pathname + location.search }} />;
  return <Suspense fallback={<Loading what="trang" />}>{children}</Suspense>;
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/dang-nhap', element: <LoginPage /> },
      { path: '/cong-khai', element: <PublicListPage /> },
      {
        path: '/dat-lai-mat-khau',
        element: (
          <Suspense fallback={<Loading what="trang" />}>
            <ResetPasswordPage />
          </Suspense>
        ),
      },
      {
        path: '/',
        element: (
          <Private>
            <InboxPage />
          </Private>
        ),
      },
      {
        path: '/ho-so',
        element: (
          <Private>
            <CaseListPage />
          </Private>
        ),
      },
      {
        path: '/ho-so/moi',
        element: (
          <Private>
            <DossierPage />
          </Private>
        ),
      },
      {
        path: '/ho-so/:id',
        element: (
          <Private>
            <CasePage />
          </Private>
        ),
      },
      {
        path: '/thanh-tich',
        element: (
          <Private>
            <AchievementsPage />
          </Private>
        ),
      },
      {
        path: '/ca-nhan',
        element: (
          <Private>
            <ProfilePage />
          </Private>
        ),
      },
      {
        path: '/giam-sat',
        element: (
          <Private>
            <SupervisionPage />
          </Private>
        ),
      },
      {
        path: '/dot-xet',
        element: (
          <Private>
            <RoundsPage />
          </Private>
        ),
      },
      {
        path: '/dot-xet/:id',
        element: (
          <Private>
            <RoundPage />
          </Private>
        ),
      },
      {
        path: '/quan-tri',
        element: (
          <Private>
            <AdminPage />
          </Private>
        ),
      },
      {
        path: '*',
        element: (
          <Suspense fallback={<Loading />}>
            <NotFoundPage />
          </Suspense>
        ),
      },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
