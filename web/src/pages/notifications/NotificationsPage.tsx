import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Locale } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../directory/shared';
import { useCodeText } from '../persons/team-api';
import { useNotificationsLive } from './live';
import { type NotificationItem, notificationsApi } from './notifications-api';

const TIME_ZONE = 'Europe/Paris';
const INTL: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The day of an instant in the network's time zone, 'YYYY-MM-DD'. */
function dayOf(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(iso));
}

/** Notifications grouped by day, newest day first (the list is already newest first). */
function byDay(items: NotificationItem[]): [string, NotificationItem[]][] {
  const groups = new Map<string, NotificationItem[]>();
  for (const item of items) {
    const day = dayOf(item.createdAt);
    groups.set(day, [...(groups.get(day) ?? []), item]);
  }
  return [...groups];
}

/** My notifications (decisions 018, 025): by day, live, each opens its page and is marked read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const codeText = useCodeText();
  const locale = currentLocale();
  const errorText = useErrorText();
  usePageTitle(t('notifications.title'));
  const navigate = useNavigate();
  const live = useNotificationsLive();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Refetched when a live notification arrives (live.version).
  const fetcher = useCallback(() => notificationsApi.list(), [live.version]);
  const [state, reload] = useLoaded(fetcher);

  const today = dayOf(new Date().toISOString());
  const yesterday = dayOf(new Date(Date.now() - 86_400_000).toISOString());
  const dayTitle = (day: string) => {
    if (day === today) return t('notifications.today');
    if (day === yesterday) return t('notifications.yesterday');
    return new Intl.DateTimeFormat(INTL[locale], {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day}T12:00:00Z`));
  };
  const timeOf = (iso: string) =>
    new Intl.DateTimeFormat(INTL[locale], { timeStyle: 'short', timeZone: TIME_ZONE }).format(
      new Date(iso),
    );

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await action();
      reload();
      live.refresh();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Alert tone="error">{errorText(state.error)}</Alert>;
  const { items, unread } = state.data;
  return (
    <>
      <div className="page-intro page-intro-actions">
        <h1>{t('notifications.title')}</h1>
        <button
          type="button"
          className="button"
          disabled={busy || unread === 0}
          onClick={() => void act(() => notificationsApi.readAll())}
        >
          {t('notifications.readAll')}
        </button>
      </div>
      <p className="muted">
        {unread > 0 ? t('notifications.unread', { count: unread }) : t('notifications.allRead')}{' '}
        <Link to="/account#notification-preferences">{t('notifications.settingsLink')}</Link>
      </p>
      {actionError !== null && <Alert tone="error">{errorText(actionError)}</Alert>}
      {items.length === 0 ? (
        <p className="empty-state">{t('notifications.none')}</p>
      ) : (
        byDay(items).map(([day, group]) => (
          <section key={day} className="notification-day" aria-labelledby={`day-${day}`}>
            <h2 id={`day-${day}`}>{dayTitle(day)}</h2>
            <ul className="notification-list">
              {group.map((n) => {
                const text = codeText(`notifications.kind.${n.kind}`, n.kind);
                return (
                  <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'}>
                    <time dateTime={n.createdAt}>{timeOf(n.createdAt)}</time>
                    <span className="notification-text">
                      {n.urgent && (
                        <span className="tag tag-urgent">{t('notifications.urgent')}</span>
                      )}{' '}
                      {n.link ? (
                        <Link
                          to={n.link}
                          onClick={(event) => {
                            // Marked read before leaving, so the header's count is right on arrival.
                            event.preventDefault();
                            const link = n.link ?? '/';
                            void notificationsApi
                              .read(n.id)
                              .catch(() => undefined)
                              .then(() => {
                                live.refresh();
                                return navigate(link);
                              });
                          }}
                        >
                          {text}
                        </Link>
                      ) : (
                        text
                      )}
                      {!n.readAt && (
                        <strong className="notification-new"> · {t('notifications.new')}</strong>
                      )}
                    </span>
                    {!n.readAt && (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        disabled={busy}
                        onClick={() => void act(() => notificationsApi.read(n.id))}
                      >
                        {t('notifications.markRead')}
                        <span className="visually-hidden"> : {text}</span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
