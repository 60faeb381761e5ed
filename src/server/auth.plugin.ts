import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { runWithLiveSession, type TBodyRow } from '../modules/accounts/sessions.repository.js';
import {
  resolveSession,
  sessionOfLive,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  type TResolvedSession,
} from '../modules/accounts/sessions.service.js';
import { digestToken, safeEqual } from '../modules/accounts/tokens.js';
import type { TConfig } from './config.js';
import type { TAnonymousContext, TContext, TRole } from './context.js';
import { AppError } from './errors.js';
import { localeFromHeader, type TLocale } from './messages.js';
import type { TDb } from '../db/client.js';
import type { TStatement } from '../db/statements.js';

/**
 * none: anyone, and the session is not even looked up — for answers that are the same whoever
 * asks (health, the OpenAPI document), so a probe costs no session query; public: anyone (the
 * session, if any, is read: its user's language, a login over an open session); pending: a
 * session that may still await its second factor; user (default): a full session. Deny by
 * default: a route that says nothing needs a logged-in user.
 */
export type TRouteAuth = 'none' | 'public' | 'pending' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: TRouteAuth;
    roles?: readonly TRole[];
    /** Reachable while the network requires a second factor the user has not set up yet. */
    allowDuringMfaSetup?: boolean;
    /**
     * A GET whose handler reads the session in its own first statement (runWithSession,
     * decision 019): the hook only checks a session cookie is there; the handler must call
     * runWithSession before anything else (contextOf refuses until it has).
     */
    sessionInStatement?: boolean;
  }
  interface FastifyRequest {
    session: TResolvedSession | null;
    locale: TLocale;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookie settings of the session cookie. */
export function sessionCookieOptions(config: TConfig) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.startsWith('https://'),
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  };
}

/** Sets the session cookie on a reply. */
export function setSessionCookie(reply: FastifyReply, config: TConfig, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError('csrf_failed', 'auth.csrf');
  }
  if (originHost !== request.headers.host) throw new AppError('csrf_failed', 'auth.csrf');
}

/** API routes need a user unless they say otherwise; the web app's files and API docs are public. */
function defaultAuth(url: string | undefined): TRouteAuth {
  if (!url?.startsWith('/api/') || url.startsWith('/api/docs')) return 'public';
  return 'user';
}

/** Resolves the session of every request and enforces the route's auth settings. */
export function registerAuth(app: FastifyInstance, db: TDb, config: TConfig): void {
  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'fr');

  // onRequest, before the body is read: nobody makes the server parse a large body (a CSV import
  // takes up to 10 MB) without a session and the route's role.
  app.addHook('onRequest', async (request) => {
    request.locale = localeFromHeader(request.headers['accept-language']);
    const routeConfig = request.routeOptions.config;
    const auth = routeConfig.auth ?? defaultAuth(request.routeOptions.url);
    if (auth === 'none') {
      if (MUTATING.has(request.method)) assertSameOrigin(request);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (routeConfig.sessionInStatement && auth === 'user' && request.method === 'GET') {
      if (!token) throw new AppError('unauthenticated', 'auth.required');
      return; // looked up, and checked as below, by the handler's first statement
    }
    const session = token ? await resolveSession(db, token, config.sessionSecret) : null;
    request.session = session;
    if (session) request.locale = session.actor.locale;

    if (MUTATING.has(request.method)) assertSameOrigin(request);
    if (auth === 'public') return;
    enforceSession(request, session, Boolean(token), auth);
  });
}

/** The route's requirements on a looked-up session (auth 'pending' or 'user'); throws when unmet. */
function enforceSession(
  request: FastifyRequest,
  session: TResolvedSession | null,
  hadToken: boolean,
  auth: 'pending' | 'user',
): asserts session is TResolvedSession {
  const routeConfig = request.routeOptions.config;
  if (!session) {
    throw new AppError('unauthenticated', hadToken ? 'auth.session_expired' : 'auth.required');
  }
  if (MUTATING.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
      throw new AppError('csrf_failed', 'auth.csrf');
    }
  }
  if (auth === 'pending') return;
  if (session.mfaPending) throw new AppError('mfa_required', 'auth.mfa_pending');
  if (session.mfaSetupRequired && !routeConfig.allowDuringMfaSetup) {
    throw new AppError('mfa_setup_required', 'auth.mfa_setup_required');
  }
  if (routeConfig.roles && !routeConfig.roles.includes(session.actor.role)) {
    throw new AppError('forbidden', 'auth.forbidden_role');
  }
}

/**
 * For a route with `sessionInStatement`: runs its first statement — made by withLiveSession, so
 * the session lookup rides in it — then applies to the session found exactly the checks the
 * hook applies to others (live, user active, not idle or expired, second factor, role). Only
 * then does it hand back the context and the statement's rows (none when it found nothing); with
 * no valid session the rows are dropped and the request answered 401 like any other.
 */
export async function runWithSession(
  request: FastifyRequest,
  db: TDb,
  config: TConfig,
  combined: TStatement,
  values: readonly unknown[],
): Promise<{ ctx: TContext; rows: TBodyRow[] }> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw new AppError('unauthenticated', 'auth.required');
  const tokenHash = digestToken(token);
  const { live, rows } = await runWithLiveSession(db, combined, tokenHash, values);
  const session = await sessionOfLive(db, tokenHash, live, config.sessionSecret);
  request.session = session;
  if (session) request.locale = session.actor.locale;
  enforceSession(request, session, true, 'user');
  return { ctx: contextOf(request, db, config), rows };
}

/** The service context of an authenticated request. */
export function contextOf(request: FastifyRequest, db: TDb, config: TConfig): TContext {
  if (!request.session) throw new AppError('unauthenticated', 'auth.required');
  return { db, config, actor: request.session.actor, requestId: request.id };
}

/** The service context of a request made before login. */
export function anonymousContextOf(
  request: FastifyRequest,
  db: TDb,
  config: TConfig,
): TAnonymousContext {
  return { db, config, actor: null, requestId: request.id, ip: request.ip };
}
