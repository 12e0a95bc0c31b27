import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSpinner } from '../../components/AppLayout.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ChangePasswordPage } from './ChangePasswordPage.tsx';
import { useSession } from './useSession.ts';

/**
 * Pages behind login. Without a session → /login, remembering where the user wanted to go; with a
 * password that must be changed → only the change form (the API refuses everything else).
 */
export function RequireAuth() {
  const { user, loading, error, retry } = useSession();
  const location = useLocation();
  if (loading) return <PageSpinner />;
  if (user === undefined)
    return (
      <div style={{ padding: 24 }}>
        <ErrorAlert error={error} onRetry={retry} />
      </div>
    );
  if (!user) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (user.mustChangePassword) return <ChangePasswordPage />;
  return <Outlet />;
}
