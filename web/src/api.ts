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
  /** Own directory profile ("Ma fiche annuaire"); null for patients and caregivers. */
  memberId: string | null;
};

export type Session = {
  user: User;
  csrfToken: string;
  mfaPending: boolean;
  mfaSetupRequired: boolean;
};

export type AuthResult = { status: 'ok' | 'mfa_required'; session: Session };

export type Invitation = { email: string; displayName: string; role: Role; expiresAt: string };
export type PasswordReset = { email: string; displayName: string; expiresAt: string };

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
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  gaveUpAt: string | null;
};
export type AuditCheck = {
  at: string;
  ok: boolean;
  checked: number;
  problems: string[];
  ms: number;
};
export type TotpSetup = { secret: string; otpauthUrl: string; qrSvg: string };
export type Outbox = { delivery: 'smtp' | 'none'; items: OutboxMail[] };

export type Settings = { mfaRequiredRoles: Role[]; directoryStaleDays: number };

export type FieldError = { field: string; message: string };

/* ---------- Directory "Qui fait quoi" ---------- */

/** The three kinds of directory entries, as named in the API's paths. */
export const DIRECTORY_KINDS = ['members', 'organisations', 'services'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];
export type EntryType = 'member' | 'organisation' | 'service';
export const ENTRY_TYPE_OF: Record<DirectoryKind, EntryType> = {
  members: 'member',
  organisations: 'organisation',
  services: 'service',
};
export const KIND_OF: Record<EntryType, DirectoryKind> = {
  member: 'members',
  organisation: 'organisations',
  service: 'services',
};

export const CHANNEL_KINDS = [
  'phone',
  'sms',
  'email',
  'secure_messaging',
  'fax',
  'in_person',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type Accepting = 'yes' | 'no' | 'conditions';

export type Channel = { kind: ChannelKind; value: string; preferred?: boolean; bestTimes?: string };

export type Term = { code: string; fr: string; en: string };
export type Vocabulary = {
  professions: Term[];
  organisationTypes: Term[];
  careStreams: Term[];
  channels: Term[];
  languages: Term[];
  communes: string[];
  staleDays: number;
  /** The CSV columns the import reads (the server's list), per kind of file. */
  importColumns: Record<DirectoryKind, { column: string; required: boolean }[]>;
};

export type SearchMatch = { field: string; value: string; exact: boolean };
export type SearchResult = {
  type: EntryType;
  id: string;
  title: string;
  subtitle: string | null;
  profession: string | null;
  organisationType: string | null;
  careStreams: string[];
  communes: string[];
  accepting: Accepting | null;
  languages: string[];
  channels: string[];
  stale: boolean;
  matched: SearchMatch[];
};
export type SearchAnswer = {
  items: SearchResult[];
  /** How many entries match; a lower bound when totalExact is false (a broad search). */
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
};

type Freshness = {
  version: number;
  verifiedAt: string | null;
  verifiedBy: { id: string; displayName: string } | null;
  stale: boolean;
  updatedAt: string;
  canEdit: boolean;
};

export type MemberProfile = Freshness & {
  id: string;
  firstName: string;
  lastName: string;
  profession: string;
  specialty: string | null;
  rpps: string | null;
  adeli: string | null;
  gln: string | null;
  email: string | null;
  phone: string | null;
  languages: string[];
  channels: Channel[];
  goodToKnow: string | null;
  organisations: {
    id: string;
    name: string;
    type: string;
    commune: string | null;
    roleTitle: string | null;
    canEditServices: boolean;
  }[];
};

export type OrganisationProfile = Freshness & {
  id: string;
  name: string;
  type: string;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  channels: Channel[];
  goodToKnow: string | null;
  members: {
    id: string;
    firstName: string;
    lastName: string;
    profession: string;
    roleTitle: string | null;
  }[];
  services: { id: string; name: string; accepting: Accepting; careStreams: string[] }[];
  canAddService: boolean;
};

export type ServiceProfile = Freshness & {
  id: string;
  organisation: { id: string; name: string; commune: string | null; phone: string | null };
  name: string;
  description: string | null;
  missions: string | null;
  limits: string | null;
  eligibility: string | null;
  careStreams: string[];
  communesServed: string[];
  waitingTime: string | null;
  accepting: Accepting;
  acceptingConditions: string | null;
  hours: string | null;
  costNotes: string | null;
  channels: Channel[];
  goodToKnow: string | null;
};

export type DirectoryProfile = {
  members: MemberProfile;
  organisations: OrganisationProfile;
  services: ServiceProfile;
};

export type HistoryEntry = {
  version: number;
  action: string;
  changedAt: string;
  changedBy: { id: string; displayName: string } | null;
  changes: Record<string, { from: unknown; to: unknown }>;
};

export type ImportReport = {
  kind: DirectoryKind;
  dryRun: boolean;
  total: number;
  accepted: number;
  rejected: { row: number; errors: FieldError[] }[];
  preview: string[];
  created: number;
};

/** Search criteria as the API's query string takes them. */
export type DirectoryQuery = Partial<
  Record<
    | 'q'
    | 'type'
    | 'profession'
    | 'organisationType'
    | 'careStream'
    | 'commune'
    | 'accepting'
    | 'language'
    | 'channel'
    | 'page'
    | 'pageSize',
    string
  >
>;

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
  setupTotp: () => request<TotpSetup>('POST', '/api/account/totp/setup'),
  enableTotp: (code: string) => request<undefined>('POST', '/api/account/totp/enable', { code }),
  disableTotp: (password: string) =>
    request<undefined>('POST', '/api/account/totp/disable', { password }),

  getInvitation: (token: string) =>
    request<Invitation>('GET', `/api/invitations/${encodeURIComponent(token)}`),
  requestPasswordReset: (email: string) =>
    request<{ status: 'sent' }>('POST', '/api/auth/password-reset', { email }),
  getPasswordReset: (token: string) =>
    request<PasswordReset>('GET', `/api/password-resets/${encodeURIComponent(token)}`),
  completePasswordReset: (token: string, password: string) =>
    request<undefined>('POST', `/api/password-resets/${encodeURIComponent(token)}`, { password }),
  disableUser: (userId: string) =>
    request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(userId)}/disable`),
  enableUser: (userId: string) =>
    request<AdminUser>('POST', `/api/admin/users/${encodeURIComponent(userId)}/enable`),
  sendPasswordReset: (userId: string) =>
    request<{ status: 'sent' }>(
      'POST',
      `/api/admin/users/${encodeURIComponent(userId)}/password-reset`,
    ),
  resetSecondFactor: (userId: string) =>
    request<AdminUser>(
      'POST',
      `/api/admin/users/${encodeURIComponent(userId)}/second-factor/reset`,
    ),
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
  listOutbox: () => request<Outbox>('GET', '/api/admin/outbox'),
  retryMail: (mailId: string) =>
    request<undefined>('POST', `/api/admin/outbox/${encodeURIComponent(mailId)}/retry`),
  getSettings: () => request<Settings>('GET', '/api/admin/settings'),
  lastAuditCheck: () => request<{ check: AuditCheck | null }>('GET', '/api/admin/audit-check'),
  runAuditCheck: () => request<{ check: AuditCheck }>('POST', '/api/admin/audit-check'),
  updateSettings: (settings: Partial<Settings>) =>
    request<Settings>('PUT', '/api/admin/settings', settings),

  searchDirectory: (query: DirectoryQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    return request<SearchAnswer>('GET', `/api/directory/search?${params.toString()}`);
  },
  getVocabulary: () => request<Vocabulary>('GET', '/api/directory/vocabulary'),
  getEntry: <K extends DirectoryKind>(kind: K, id: string) =>
    request<DirectoryProfile[K]>('GET', `/api/directory/${kind}/${encodeURIComponent(id)}`),
  createEntry: (kind: DirectoryKind, fields: Record<string, unknown>) =>
    request<{ id: string }>('POST', `/api/directory/${kind}`, fields),
  updateEntry: (
    kind: DirectoryKind,
    id: string,
    changes: Record<string, unknown> & { version: number },
  ) =>
    request<{ id: string; version: number }>(
      'PATCH',
      `/api/directory/${kind}/${encodeURIComponent(id)}`,
      changes,
    ),
  verifyEntry: (kind: DirectoryKind, id: string) =>
    request<{ id: string; version: number; verifiedAt: string }>(
      'POST',
      `/api/directory/${kind}/${encodeURIComponent(id)}/verify`,
    ),
  getEntryHistory: (kind: DirectoryKind, id: string) =>
    request<{ items: HistoryEntry[] }>(
      'GET',
      `/api/directory/${kind}/${encodeURIComponent(id)}/history`,
    ),
  importDirectory: (kind: DirectoryKind, csv: string, dryRun: boolean) =>
    request<ImportReport>('POST', `/api/directory/import/${kind}`, { csv, dryRun }),
};

/** Download addresses of the directory exports (plain links: the browser saves the file). */
export const DIRECTORY_EXPORTS = {
  organisations: '/api/directory/export/organisations.csv',
  members: '/api/directory/export/members.csv',
  services: '/api/directory/export/services.csv',
  hsds: '/api/directory/export/hsds.json',
} as const;
