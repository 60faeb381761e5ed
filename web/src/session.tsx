import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api';
import type { Session, User } from './api';
import { applyLocale, storedLocale } from './i18n';

type SessionState =
  | { status: 'loading' }
  /** `signedOut`: the person just chose to leave, so there is no page to bring them back to. */
  | { status: 'anonymous'; signedOut?: boolean }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; session: Session };

type SessionContextValue = {
  state: SessionState;
  /** The session of the signed-in person, or null. */
  session: Session | null;
  /** Stores a session answered by login, TOTP or invitation acceptance. */
  signIn: (session: Session) => void;
  /** Updates the signed-in user after an account change. */
  updateUser: (user: User) => void;
  /** Asks the server again (after enabling two-factor, for example). */
  refresh: () => Promise<void>;
  /** Ends the session on the server and here. */
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

/** Loads the session once at start and shares it with every screen. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const accept = useCallback((session: Session | null, signedOut = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'ready', session } : { status: 'anonymous', signedOut });
  }, []);

  const load = useCallback(async () => {
    try {
      const session = await api.getSession();
      // The choice made on this device wins; otherwise follow the account's language.
      if (!storedLocale() && !session.mfaPending) await applyLocale(session.user.locale, false);
      accept(session);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) accept(null);
      else setState({ status: 'error', error });
    }
  }, [accept]);

  useEffect(() => {
    void load();
    setUnauthenticatedHandler(() => accept(null));
    return () => setUnauthenticatedHandler(null);
  }, [load, accept]);

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      session: state.status === 'ready' ? state.session : null,
      signIn: (session) => {
        if (!storedLocale() && !session.mfaPending) void applyLocale(session.user.locale, false);
        accept(session);
      },
      updateUser: (user) =>
        setState((previous) =>
          previous.status === 'ready'
            ? { status: 'ready', session: { ...previous.session, user } }
            : previous,
        ),
      refresh: load,
      signOut: async () => {
        try {
          await api.logout();
        } catch (error) {
          // Already signed out on the server: nothing left to end.
          if (!(error instanceof ApiError && error.status === 401)) throw error;
        }
        accept(null, true);
      },
    }),
    [state, accept, load],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session shared by SessionProvider. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
