import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api';
import { I18nProvider } from './i18n';
import { Layout } from './layout';
import { SessionProvider, useSession } from './session';
import { Loading } from './ui';
import { AlertDetailPage } from './pages/alert-detail';
import { AlertQueuePage } from './pages/alert-queue';
import { ApprovalsPage } from './pages/approvals';
import { AuditPage } from './pages/audit';
import { CaseDetailPage, CasesPage } from './pages/cases';
import { DashboardPage } from './pages/dashboard';
import { HoldsPage } from './pages/holds';
import { ListsPage } from './pages/lists';
import { ReportsPage } from './pages/reports';
import { RulesPage } from './pages/rules';
import { ScreeningPage } from './pages/screening';
import { SignInPage } from './pages/sign-in';
import { UsersPage } from './pages/users';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});

function Protected({ permission, children }: { permission?: string; children: React.ReactNode }) {
  const { me, loading, can } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (permission && !can(permission)) return <Navigate to="/" replace />;
  return <Layout>{children}</Layout>;
}

function Home() {
  const { can } = useSession();
  return can('alerts:read') ? (
    <DashboardPage />
  ) : can('lists:read') ? (
    <Navigate to="/lists" replace />
  ) : (
    <DashboardPage />
  );
}

function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        path="/"
        element={
          <Protected>
            <Home />
          </Protected>
        }
      />
      <Route
        path="/alerts"
        element={
          <Protected permission="alerts:read">
            <AlertQueuePage />
          </Protected>
        }
      />
      <Route
        path="/alerts/:id"
        element={
          <Protected permission="alerts:read">
            <AlertDetailPage />
          </Protected>
        }
      />
      <Route
        path="/approvals"
        element={
          <Protected permission="alerts:approve">
            <ApprovalsPage />
          </Protected>
        }
      />
      <Route
        path="/holds"
        element={
          <Protected permission="payments:read">
            <HoldsPage />
          </Protected>
        }
      />
      <Route
        path="/cases"
        element={
          <Protected permission="cases:read">
            <CasesPage />
          </Protected>
        }
      />
      <Route
        path="/cases/:id"
        element={
          <Protected permission="cases:read">
            <CaseDetailPage />
          </Protected>
        }
      />
      <Route
        path="/reports"
        element={
          // admin pages: an ADMIN sees the schedules without the reports themselves (schedules:read ⊇ reports:read)
          <Protected permission="schedules:read">
            <ReportsPage />
          </Protected>
        }
      />
      <Route
        path="/users"
        element={
          <Protected permission="users:read">
            <UsersPage />
          </Protected>
        }
      />
      <Route
        path="/rules"
        element={
          <Protected permission="rules:read">
            <RulesPage />
          </Protected>
        }
      />
      <Route
        path="/screening"
        element={
          <Protected permission="lists:read">
            <ScreeningPage />
          </Protected>
        }
      />
      <Route
        path="/lists"
        element={
          <Protected permission="lists:read">
            <ListsPage />
          </Protected>
        }
      />
      <Route
        path="/audit"
        element={
          <Protected permission="audit:read">
            <AuditPage />
          </Protected>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
