import type { TDb } from '../../db/client.js';
import type { TActor, TRole } from '../../server/context.js';
import { getMfaRequiredRoles, mfaRolesFrom } from '../settings/settings.repository.js';
import {
  findLiveSession,
  insertSession,
  revokeSession,
  touchSession,
  type TLiveSession,
  type TSessionUser,
} from './sessions.repository.js';
import { csrfTokenFor, digestToken, newToken } from './tokens.js';

/** A session ends after this much inactivity… */
export const SESSION_IDLE_MS = 60 * 60 * 1000;
/** …and in any case this long after login (a working day at patients' homes). */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export const SESSION_COOKIE = 'maillon_session';

export type TResolvedSession = {
  tokenHash: string;
  actor: TActor;
  mfaEnabled: boolean;
  mfaPending: boolean;
  mfaSetupRequired: boolean;
  csrfToken: string;
};

/** Maps a user row to the actor a request acts for. */
export function actorOf(user: TSessionUser): TActor {
  return {
    userId: user.id,
    role: user.role,
    email: user.email,
    displayName: user.displayName,
    locale: user.locale === 'en' ? 'en' : 'fr',
    memberId: user.memberId,
    personId: user.personId,
  };
}

/** Opens a session and returns the token for the cookie (only its digest is stored). */
export async function openSession(
  db: TDb,
  userId: string,
  options: { mfaPending: boolean },
): Promise<string> {
  const token = newToken();
  const now = new Date();
  await insertSession(db, {
    tokenHash: digestToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    mfaPending: options.mfaPending,
  });
  return token;
}

/** Whether the network requires a second factor for this role and the user has none yet. */
export async function needsMfaSetup(db: TDb, role: TRole, totpEnabled: boolean): Promise<boolean> {
  if (totpEnabled) return false;
  return (await getMfaRequiredRoles(db)).includes(role);
}

/** The session behind a cookie token, or null when absent, revoked, idle or expired. */
export async function resolveSession(
  db: TDb,
  token: string,
  secret: string,
): Promise<TResolvedSession | null> {
  const tokenHash = digestToken(token);
  return sessionOfLive(db, tokenHash, await findLiveSession(db, tokenHash), secret);
}

/**
 * The session a live row stands for (found by resolveSession, or read in a request's first
 * statement: runWithLiveSession), or null when absent, its user not active, idle or expired;
 * an active one is touched at most once a minute.
 */
export async function sessionOfLive(
  db: TDb,
  tokenHash: string,
  row: TLiveSession | undefined,
  secret: string,
): Promise<TResolvedSession | null> {
  if (!row || row.user.status !== 'active') return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) return null;
  if (row.session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now) return null;
  if (now - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, tokenHash, new Date(now));
  }
  let csrfToken: string | undefined;
  return {
    tokenHash,
    actor: actorOf(row.user),
    mfaEnabled: row.user.totpEnabled,
    mfaPending: row.session.mfaPending,
    mfaSetupRequired:
      !row.user.totpEnabled && mfaRolesFrom(row.mfaRequiredRoles).includes(row.user.role),
    // An HMAC, needed only by a change (the CSRF check) or the session's own view: computed then.
    get csrfToken() {
      return (csrfToken ??= csrfTokenFor(secret, tokenHash));
    },
  };
}

/** Ends a session (logout). */
export function closeSession(db: TDb, tokenHash: string): Promise<void> {
  return revokeSession(db, tokenHash);
}
