import { and, eq, isNull, ne } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { runStatement, statement, type TStatement } from '../../db/statements.js';
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
  return row && liveSessionOf(row);
}

function liveSessionOf(row: TLiveSessionRow): TLiveSession {
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

/**
 * A request's first statement with the session lookup folded in (decision 019): `body` is a
 * statement written for the actor's parameters ($1 user id, $2 member id — ACCESS_FACT_COLUMNS'
 * convention — and any other listed in `fromSession`), which here come from the live session
 * found by the token digest ($1 of the result); the body's other parameters follow, in order
 * ($3 becomes $2, and so on). No row: no live session; one row with the body's columns all null:
 * the body found nothing; else the body's rows, in `orderBy`'s order (the body's own ORDER BY
 * does not carry through the join).
 */
export function withLiveSession(
  name: string,
  body: TStatement,
  options: {
    fromSession?: Record<number, 'user_id' | 'member_id' | 'person_id'>;
    /** The order of the body's rows, on its columns (`d.`), when it returns several. */
    orderBy?: string;
  } = {},
): TStatement {
  const fromSession = options.fromSession ?? { 1: 'user_id', 2: 'member_id' };
  const shifted = new Map<number, number>();
  let next = 2;
  const text = body.text.replace(/\$(\d+)/g, (_, n: string) => {
    const column = fromSession[Number(n)];
    if (column) return `ls.${column}`;
    if (!shifted.has(Number(n))) shifted.set(Number(n), 0);
    return `$${n}`;
  });
  for (const n of [...shifted.keys()].sort((a, b) => a - b)) shifted.set(n, next++);
  const renumbered = text.replace(
    /(?<!ls\.)\$(\d+)/g,
    (_, n: string) => `$${shifted.get(Number(n))}`,
  );
  return statement(
    name,
    `WITH ls AS (${LIVE_SESSION.text})
     SELECT row_to_json(ls) AS live_session, d.*
       FROM ls LEFT JOIN LATERAL (${renumbered}) d ON true
      ${options.orderBy ? `ORDER BY ${options.orderBy}` : ''}`,
  );
}

/**
 * Runs a statement made by withLiveSession: the live session behind the token digest (undefined
 * if none) and the body's rows (none if it found nothing).
 */
export async function runWithLiveSession(
  db: TDb,
  combined: TStatement,
  tokenHash: string,
  values: readonly unknown[],
): Promise<{ live: TLiveSession | undefined; rows: TBodyRow[] }> {
  const found = await runStatement<TBodyRow & { live_session: TLiveSessionJson }>(db, combined, [
    tokenHash,
    ...values,
  ]);
  const json = found[0]?.live_session;
  if (!json) return { live: undefined, rows: [] };
  const live = liveSessionOf({
    ...json,
    last_seen_at: new Date(json.last_seen_at),
    expires_at: new Date(json.expires_at),
  });
  const rows = found.map(({ live_session: _, ...rest }) => rest);
  const isEmpty = rows.length === 1 && Object.values(rows[0]!).every((value) => value === null);
  return { live, rows: isEmpty ? [] : rows };
}

/** A row of a withLiveSession statement's body: its caller knows its columns. */
export type TBodyRow = Record<string, unknown>;

/** The live session's row as row_to_json gives it (timestamps as text). */
type TLiveSessionJson = Omit<TLiveSessionRow, 'last_seen_at' | 'expires_at'> & {
  last_seen_at: string;
  expires_at: string;
};

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
