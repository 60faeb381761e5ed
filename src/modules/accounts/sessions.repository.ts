import { and, eq, isNull, ne } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { sessions } from '../../db/schema/index.js';
import type { TUserRow } from './users.repository.js';

/** Stores a new session. */
export async function insertSession(db: TDb, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** What a request needs of its user (secrets such as the password hash stay in the table). */
export type TSessionUser = Pick<
  TUserRow,
  | 'id'
  | 'email'
  | 'displayName'
  | 'locale'
  | 'role'
  | 'status'
  | 'memberId'
  | 'personId'
  | 'totpEnabled'
>;

export type TLiveSession = {
  session: { userId: string; lastSeenAt: Date; expiresAt: Date; mfaPending: boolean };
  user: TSessionUser;
  /** The stored second-factor setting (network_settings), read in the same round trip. */
  mfaRequiredRoles: unknown;
};

// Read on every request but public ones: one prepared statement (src/db/statements.ts).
const LIVE_SESSION = statement(
  'live_session',
  `SELECT s.user_id, s.last_seen_at, s.expires_at, s.mfa_pending,
          u.email, u.display_name, u.locale, u.role::text AS role, u.status::text AS status,
          u.member_id, u.person_id, u.totp_enabled,
          (SELECT value FROM network_settings WHERE key = 'mfa_required_roles') AS mfa_required_roles
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = $1 AND s.revoked_at IS NULL`,
);

type TLiveSessionRow = {
  user_id: string;
  last_seen_at: Date;
  expires_at: Date;
  mfa_pending: boolean;
  email: string;
  display_name: string;
  locale: string;
  role: TUserRow['role'];
  status: TUserRow['status'];
  member_id: string | null;
  person_id: string | null;
  totp_enabled: boolean;
  mfa_required_roles: unknown;
};

/** A live (not revoked) session with its user. */
export async function findLiveSession(
  db: TDb,
  tokenHash: string,
): Promise<TLiveSession | undefined> {
  const [row] = await runStatement<TLiveSessionRow>(db, LIVE_SESSION, [tokenHash]);
  if (!row) return undefined;
  return {
    session: {
      userId: row.user_id,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      mfaPending: row.mfa_pending,
    },
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
      role: row.role,
      status: row.status,
      memberId: row.member_id,
      personId: row.person_id,
      totpEnabled: row.totp_enabled,
    },
    mfaRequiredRoles: row.mfa_required_roles,
  };
}

/** Records activity so the idle timeout starts again. */
export async function touchSession(db: TDb, tokenHash: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

/** Revokes one session. */
export async function revokeSession(db: TDb, tokenHash: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Revokes every session of a user except, optionally, the current one. */
export async function revokeUserSessions(
  db: TDb,
  userId: string,
  exceptTokenHash?: string,
): Promise<void> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (exceptTokenHash) conditions.push(ne(sessions.tokenHash, exceptTokenHash));
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(...conditions));
}
