import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '../api';
import { useErrorText } from '../hooks';
import { useSession } from '../session';
import { Alert } from './Alert';

/** Shown while the session is being checked. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Shown when the server could not tell whether someone is signed in. */
function SessionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { refresh } = useSession();
  return (
    <Alert tone="error" title={t('errors.title')}>
      <p>{errorText(error)}</p>
      <button type="button" className="button" onClick={() => void refresh()}>
        {t('common.retry')}
      </button>
    </Alert>
  );
}

/**
 * Lets through only a fully signed-in person. Someone half-way through two-factor goes back to the
 * code; someone whose role requires a second factor they have not set up goes to their account.
 */
export function RequireAuth() {
  const { state } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <SessionError error={state.error} />;
    case 'anonymous':
      return (
        <Navigate
          to="/login"
          replace
          state={state.signedOut ? null : { from: location.pathname }}
        />
      );
    case 'ready':
      if (state.session.mfaPending) return <Navigate to="/login" replace />;
      if (state.session.mfaSetupRequired && location.pathname !== '/account') {
        return <Navigate to="/account" replace />;
      }
      return <Outlet />;
  }
}

/** Lets through only the given role (or roles); others land on the home page. */
export function RequireRole({ role }: { role: Role | readonly Role[] }) {
  const { session } = useSession();
  const roles: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!session || !roles.includes(session.user.role)) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** For pages meant for signed-out people (login): a signed-in person goes on to the app. */
export function PublicOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'ready' && !state.session.mfaPending) {
    const from = (location.state as { from?: unknown } | null)?.from;
    return <Navigate to={typeof from === 'string' && from !== '/login' ? from : '/'} replace />;
  }
  return <>{children}</>;
}
