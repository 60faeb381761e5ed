import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../directory/shared';
import { teamApi, useCodeText } from './team-api';

/** My notifications (decision 018): each opens its page and is then marked read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const codeText = useCodeText();
  const locale = currentLocale();
  const errorText = useErrorText();
  usePageTitle(t('notifications.title'));
  const navigate = useNavigate();
  const fetcher = useCallback(() => teamApi.notifications(), []);
  const [state] = useLoaded(fetcher);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Alert tone="error">{errorText(state.error)}</Alert>;
  return (
    <>
      <div className="page-intro">
        <h1>{t('notifications.title')}</h1>
      </div>
      {state.data.items.length === 0 ? (
        <p className="muted">{t('notifications.none')}</p>
      ) : (
        <ul className="plain-list">
          {state.data.items.map((n) => {
            const text = codeText(`notifications.kind.${n.kind}`, n.kind);
            return (
              <li key={n.id} className={n.readAt ? undefined : 'unread'}>
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time> —{' '}
                {n.link ? (
                  <Link
                    to={n.link}
                    onClick={(event) => {
                      // Marked read before leaving, so the header's count is right on arrival.
                      event.preventDefault();
                      const link = n.link ?? '/';
                      void teamApi
                        .readNotification(n.id)
                        .catch(() => undefined)
                        .then(() => navigate(link));
                    }}
                  >
                    {text}
                  </Link>
                ) : (
                  text
                )}
                {!n.readAt && <strong> · {t('notifications.new')}</strong>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The navigation's link to the notifications, with the unread count (read on each page change). */
export function NotificationsLink({ path }: { path: string }) {
  const { t } = useTranslation();
  // Re-read the count when the page changes (path), so a notification read elsewhere clears it.
  const fetcher = useCallback(() => teamApi.notifications(), [path]);
  const [state] = useLoaded(fetcher);
  const unread = state.status === 'ready' ? state.data.unread : 0;
  return (
    <NavLink to="/notifications">
      {t('notifications.title')}
      {unread > 0 && (
        <>
          {' '}
          <span className="tag">{t('notifications.unread', { count: unread })}</span>
        </>
      )}
    </NavLink>
  );
}
