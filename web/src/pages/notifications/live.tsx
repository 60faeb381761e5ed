/**
 * Live notifications in the web app (decision 025): one EventSource per tab on the server's
 * stream; each event (or a resync) refetches the unread count and tells the screens that show
 * notifications to refetch — events carry no content. Without EventSource, or once the stream
 * has given up, the count is polled instead.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NOTIFICATION_STREAM, notificationsApi } from './notifications-api';

/** How often the count is read when the stream is not available. */
const POLL_MS = 60_000;

type TLive = {
  unread: number;
  /** Moves on with each live event: screens listing notifications refetch when it changes. */
  version: number;
  /** Reads the unread count again (after marking read). */
  refresh: () => void;
  /** A short text for screen readers when something new arrives. */
  announcement: string;
  /** How the count is kept current: the live stream, or polling. */
  mode: 'stream' | 'polling' | 'off';
};

const LiveContext = createContext<TLive>({
  unread: 0,
  version: 0,
  refresh: () => undefined,
  announcement: '',
  mode: 'off',
});

export function useNotificationsLive(): TLive {
  return useContext(LiveContext);
}

export function NotificationsLiveProvider({
  enabled,
  children,
}: {
  enabled: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  const [version, setVersion] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [mode, setMode] = useState<TLive['mode']>('off');

  const refresh = useCallback(() => {
    notificationsApi.list().then(
      (list) => setUnread(list.unread),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!enabled) return;
    refresh();
    let poll: number | undefined;
    const bump = () => {
      setVersion((n) => n + 1);
      refresh();
    };
    const startPolling = () => {
      poll ??= window.setInterval(bump, POLL_MS);
      setMode('polling');
    };
    if (typeof EventSource === 'undefined') {
      startPolling();
      return () => window.clearInterval(poll);
    }
    const source = new EventSource(NOTIFICATION_STREAM, { withCredentials: true });
    let connectedBefore = false;
    source.addEventListener('notification', () => {
      setAnnouncement(t('notifications.arrived'));
      bump();
    });
    source.addEventListener('resync', bump);
    source.addEventListener('ready', () => {
      // back after a cut: what came meanwhile was replayed, but refetch to be sure
      if (connectedBefore) bump();
      connectedBefore = true;
      setMode('stream');
      if (poll !== undefined) {
        window.clearInterval(poll);
        poll = undefined;
      }
    });
    // the session ended (logout elsewhere, expiry): the next read finds out and signs out
    source.addEventListener('end', () => {
      source.close();
      startPolling();
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) startPolling();
    };
    return () => {
      source.close();
      window.clearInterval(poll);
      setMode('off');
    };
  }, [enabled, refresh, t]);

  const value = useMemo(
    () => ({ unread, version, refresh, announcement, mode }),
    [unread, version, refresh, announcement, mode],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The bell of the header: a link to the notifications with the live unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { unread, announcement, mode } = useNotificationsLive();
  return (
    <>
      <Link
        to="/notifications"
        className="bell"
        aria-label={t('notifications.bell', { count: unread })}
        data-unread={unread}
        data-live={mode}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="bell-icon">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Link>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </>
  );
}

/** The navigation's link to the notifications, with the live unread count. */
export function NotificationsNavLabel() {
  const { t } = useTranslation();
  const { unread } = useNotificationsLive();
  return (
    <>
      {t('notifications.title')}
      {unread > 0 && (
        <>
          {' '}
          <span className="tag">{t('notifications.unread', { count: unread })}</span>
        </>
      )}
    </>
  );
}
