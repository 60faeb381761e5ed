/**
 * The typed client for Maillon's JSON API. Every call goes through `request`, which sends the
 * session cookie, the CSRF token on state-changing calls, and turns the server's error shape
 * `{ error: { code, message, details } }` into a thrown ApiError.
 */

export const ROLES = [
  'admin',
  'coordinator',
  'professional',
  'social',
  'patient',
  'steering',
] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type User = {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  role: Role;
  mfaEnabled: boolean;
};

export type Session = {
  user: User;
  csrfToken: string;
  mfaPending: boolean;
  mfaSetupRequired: boolean;
};

export type AuthResult = { status: 'ok' | 'mfa_required'; session: Session };

export type Invitation = { email: string; displayName: string; role: Role; expiresAt: string };

export type Relation = 'case_manager' | 'team_member' | 'self' | 'break_glass';

export type PersonSummary = {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  commune: string | null;
  relation: Relation;
};

export type UserStatus = 'invited' | 'active' | 'disabled';

export type AdminUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  mfaEnabled: boolean;
  createdAt: string;
};

export type OutboxMail = {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
};

export type Settings = { mfaRequiredRoles: Role[] };

export type FieldError = { field: string; message: string };

/** An error answered by the server (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation messages keyed by field name (last segment of the server's field path). */
  get fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    const fields = (this.details as { fields?: unknown } | null | undefined)?.fields;
    if (!Array.isArray(fields)) return result;
    for (const item of fields as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { field, message } = item as Partial<FieldError>;
      if (typeof field !== 'string' || typeof message !== 'string') continue;
      const name = field.split(/[./]/).filter(Boolean).pop() ?? field;
      result[name] ??= message;
    }
    return result;
  }
}

let csrfToken: string | null = null;
let acceptLanguage: Locale = 'fr';
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token of the current session (null once logged out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The language the server should answer its messages in. */
export function setApiLanguage(locale: Locale): void {
  acceptLanguage = locale;
}

/** Called when a request finds the session gone (expired, logged out elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to the API (exported for capability modules such as the directory). */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': acceptLanguage,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;

  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } })
    ?.error;
  const apiError = new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : 'unexpected',
    typeof error?.message === 'string' ? error.message : '',
    error?.details,
  );
  // Only a read tells reliably that the session is gone: a 401 on a write may mean "wrong
  // password" or "wrong code", which the form shows instead.
  if (
    response.status === 401 &&
    method === 'GET' &&
    !path.startsWith('/api/auth/') &&
    onUnauthenticated
  ) {
    onUnauthenticated();
  }
  throw apiError;
}

/** All the calls the web app makes, one function per endpoint. */
export const api = {
  getSession: () => request<Session>('GET', '/api/auth/session'),
  login: (email: string, password: string) =>
    request<AuthResult>('POST', '/api/auth/login', { email, password }),
  verifyTotp: (code: string) => request<AuthResult>('POST', '/api/auth/totp', { code }),
  logout: () => request<undefined>('POST', '/api/auth/logout'),

  updateAccount: (changes: { displayName?: string; locale?: Locale }) =>
    request<{ user: User }>('PATCH', '/api/account', changes),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<undefined>('POST', '/api/account/password', { currentPassword, newPassword }),
  setupTotp: () =>
    request<{ secret: string; otpauthUrl: string }>('POST', '/api/account/totp/setup'),
  enableTotp: (code: string) => request<undefined>('POST', '/api/account/totp/enable', { code }),
  disableTotp: (password: string) =>
    request<undefined>('POST', '/api/account/totp/disable', { password }),

  getInvitation: (token: string) =>
    request<Invitation>('GET', `/api/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string, password: string) =>
    request<AuthResult>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, {
      password,
    }),

  listPersons: () => request<{ items: PersonSummary[] }>('GET', '/api/persons'),

  listUsers: () => request<{ items: AdminUser[] }>('GET', '/api/admin/users'),
  inviteUser: (invite: { email: string; displayName: string; role: Role; locale?: Locale }) =>
    request<{ id: string; userId: string; expiresAt: string }>(
      'POST',
      '/api/admin/invitations',
      invite,
    ),
  listOutbox: () => request<{ items: OutboxMail[] }>('GET', '/api/admin/outbox'),
  getSettings: () => request<Settings>('GET', '/api/admin/settings'),
  updateSettings: (settings: Settings) => request<Settings>('PUT', '/api/admin/settings', settings),
};
