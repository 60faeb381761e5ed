import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { Alert } from '../components/Alert';

export type LinkState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'gone'; message: string }
  | { status: 'unknown' }
  | { status: 'error'; error: unknown };

/**
 * Loads what a one-time link from a mail (invitation, password reset) is for: 410 means used or
 * expired, 404 — or 400, a token cut short when copied — means unknown.
 */
export function useOneTimeLink<T>(token: string, load: (token: string) => Promise<T>) {
  const [state, setState] = useState<LinkState<T>>({ status: 'loading' });
  useEffect(() => {
    let active = true;
    load(token).then(
      (data) => active && setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.status === 410) {
          setState({ status: 'gone', message: error.message });
        } else if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
          setState({ status: 'unknown' });
        } else setState({ status: 'error', error });
      },
    );
    return () => {
      active = false;
    };
  }, [token, load]);
  return state;
}

/** A link that cannot be used: why, and the way back to the login page. */
export function Unusable({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert tone="warning" title={title}>
        <p>{body}</p>
      </Alert>
      <p>
        <Link to="/login">{t('invitation.toLogin')}</Link>
      </p>
    </>
  );
}
