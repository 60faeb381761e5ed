/**
 * The typed client for Maillon's JSON API. Every call goes through `request`, which sends the
 * session cookie, the CSRF token on state-changing calls, and turns the server's error shape
 * `{ error: { code, message, details } }` into a thrown ApiError.
 */

import type { z } from 'zod';
import type * as accounts from '../../src/modules/accounts/accounts.schemas';
import type * as assessments from '../../src/modules/assessments/assessments.schemas';
import type * as instruments from '../../src/modules/assessments/instruments.schemas';
import type { ZAuditCheck } from '../../src/modules/audit/audit.check';
import type * as directory from '../../src/modules/directory/directory.schemas';
import type { ZVocabulary } from '../../src/modules/directory/directory.vocabulary.routes';
import type * as identity from '../../src/modules/persons/person-identity.schemas';
import type * as persons from '../../src/modules/persons/persons.schemas';
import type * as plans from '../../src/modules/plans/plans.schemas';
import type * as requests from '../../src/modules/requests/requests.schemas';
import type * as communes from '../../src/modules/communes/communes.schemas';

/*
 * The types below are the server's own: each is read from the zod schema that validates the
 * request or shapes the response (type-only imports, erased from the browser bundle). A field
 * renamed, removed or narrowed on the server breaks the web's typecheck instead of a screen.
 * `Answer<…>` is what the server sends; `Body<…>` is what a request may carry (defaults optional).
 */
type Answer<T extends z.ZodType> = z.output<T>;
type Body<T extends z.ZodType> = z.input<T>;

/** The members of a server union as a list; the compiler checks it names each one exactly once. */
export function listOf<T extends string>(members: Record<T, true>): readonly T[] {
  return Object.keys(members) as T[];
}

export type Role = Answer<typeof accounts.ZRole>;
export const ROLES = listOf<Role>({
  admin: true,
  coordinator: true,
  professional: true,
  social: true,
  patient: true,
  steering: true,
});

export type Locale = Answer<typeof accounts.ZLocale>;
export const LOCALES = listOf<Locale>({ fr: true, en: true });

export type User = Answer<typeof accounts.ZUser>;
export type Session = Answer<typeof accounts.ZSession>;
export type AuthResult = Answer<typeof accounts.ZLoginResponse>;
export type Invitation = Answer<typeof accounts.ZInvitationView>;
export type PasswordReset = Answer<typeof accounts.ZPasswordResetView>;
export type InviteRequest = Body<typeof accounts.ZInviteRequest>;
export type InviteResponse = Answer<typeof accounts.ZInviteResponse>;
/** A followed person's own account, asked by their case manager. */
export type PersonAccountInvite = Body<typeof accounts.ZPatientInviteRequest>;
export type AccountChanges = Body<typeof accounts.ZUpdateAccountRequest>;

export type Relation = Answer<typeof persons.ZRelation>;
export type PersonSummary = Answer<typeof persons.ZPersonSummary>;
export type PersonDetail = Answer<typeof persons.ZPersonDetail>;
export type PersonContact = PersonDetail['contacts'][number];
export type IdentityStatus = Answer<typeof identity.ZIdentityStatus>;
export const IDENTITY_STATUSES = listOf<IdentityStatus>({
  provisoire: true,
  recuperee: true,
  validee: true,
  qualifiee: true,
});
export type Sex = Answer<typeof identity.ZSex>;
export const SEXES = listOf<Sex>({ female: true, male: true, other: true, unknown: true });
export type ContactKind = Answer<typeof identity.ZContactKind>;
export const CONTACT_KINDS = listOf<ContactKind>({
  trusted_person: true,
  caregiver: true,
  legal_representative: true,
});
export type NewPerson = Body<typeof identity.ZCreatePersonRequest>;
export type IdentityChanges = Body<typeof identity.ZUpdateIdentityRequest>;
export type IdentityDocument = NonNullable<IdentityChanges['identityDocument']>;
export const IDENTITY_DOCUMENTS = listOf<IdentityDocument>({
  passport: true,
  national_id_card: true,
  residence_permit: true,
  birth_certificate_with_family_book: true,
});
export type DuplicateQuery = Body<typeof identity.ZDuplicateCheckRequest>;
export type DuplicateCheck = Answer<typeof identity.ZDuplicateCheckResponse>;
export type DuplicateCandidate = DuplicateCheck['candidates'][number];

export type AdminUser = Answer<typeof accounts.ZAdminUser>;
export type UserStatus = AdminUser['status'];
export type OutboxMail = Answer<typeof accounts.ZOutboxMail>;
export type OneTimeLink = NonNullable<OutboxMail['oneTimeLink']>;
export type Outbox = Answer<typeof accounts.ZOutbox>;
export type RevealedLink = Answer<typeof accounts.ZRevealedLink>;
export type AuditCheck = Answer<typeof ZAuditCheck>;
export type TotpSetup = Answer<typeof accounts.ZTotpSetup>;
export type Settings = Answer<typeof accounts.ZSettings>;

export type AggirCode = Answer<typeof instruments.ZAggirCode>;
export const AGGIR_CODES = listOf<AggirCode>({ A: true, B: true, C: true });
export type AggirScoreRequest = Body<typeof instruments.ZAggirScoreRequest>;
export type AggirVariable = keyof AggirScoreRequest['codes'];
/** The eight weighted variables, in the order of the official grid. */
export const AGGIR_VARIABLES = listOf<AggirVariable>({
  coherence: true,
  orientation: true,
  toilette: true,
  habillage: true,
  alimentation: true,
  elimination: true,
  transferts: true,
  deplacementsInterieurs: true,
});
export type AggirScore = Answer<typeof instruments.ZAggirScoreResponse>;

export type Instrument = Answer<typeof instruments.ZInstrumentDefinition>;
export type InstrumentItem = Answer<typeof instruments.ZInstrumentItem>;
export type Assessment = Answer<typeof assessments.ZAssessment>;
export type AssessmentDetail = Answer<typeof assessments.ZAssessmentDetail>;
export type AnswerValue = Answer<typeof assessments.ZAnswerValue>;
export type LevelView = Answer<typeof assessments.ZLevelView>;
export type PersonLevel = Answer<typeof assessments.ZPersonLevel>;
export type OverrideLevelRequest = Body<typeof assessments.ZOverrideLevelRequest>;

/* ---------- The coordination plan (PPCS) ---------- */
export type Plan = Answer<typeof plans.ZPlan>;
export type PlanVersionView = Answer<typeof plans.ZPlanVersion>;
export type PlanContent = Answer<typeof plans.ZPlanContent>;
export type PlanNeed = PlanContent['needs'][number];
export type PlanGoal = PlanContent['goals'][number];
export type PlanAction = PlanContent['actions'][number];
export type PlanDiff = Answer<typeof plans.ZPlanDiff>;
export type PlanVersions = Answer<typeof plans.ZPlanVersionList>;
export type PlanVocabulary = Answer<typeof plans.ZPlanVocabulary>;
export type SavePlanRequest = Body<typeof plans.ZSavePlanRequest>;

export type FieldError = { field: string; message: string };

/* ---------- Directory "Qui fait quoi" ---------- */

export type Vocabulary = Answer<typeof ZVocabulary>;
export type Term = Vocabulary['professions'][number];

/** The three kinds of directory entries, as named in the API's paths. */
export type DirectoryKind = Answer<typeof directory.ZCsvKind>;
export const DIRECTORY_KINDS = listOf<DirectoryKind>({
  members: true,
  organisations: true,
  services: true,
});
export type EntryType = Answer<typeof directory.ZEntityType>;
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

/** A way to reach an entry, as sent in a create or update body. */
export type Channel = Body<typeof directory.ZChannel>;
export type ChannelKind = Channel['kind'];
export const CHANNEL_KINDS = listOf<ChannelKind>({
  phone: true,
  sms: true,
  email: true,
  secure_messaging: true,
  fax: true,
  in_person: true,
});
/** What a form may send; answers carry `accepting` as any string (older rows, imports). */
export type Accepting = Body<typeof directory.ZAccepting>;

export type SearchResult = Answer<typeof directory.ZSearchResult>;
export type SearchMatch = SearchResult['matched'][number];
export type SearchAnswer = Answer<typeof directory.ZSearchResponse>;

export type MemberProfile = Answer<typeof directory.ZMemberProfile>;
export type OrganisationProfile = Answer<typeof directory.ZOrganisationProfile>;
export type ServiceProfile = Answer<typeof directory.ZServiceProfile>;

/** A way to reach an entry, as profiles show it (`kind` is any string the server stored). */
export type ProfileChannel = MemberProfile['channels'][number];
export type MemberAccepting = MemberProfile['accepting'];
export type MemberAcceptingRequest = Body<typeof directory.ZMemberAcceptingInput>;
export type Audience = Answer<typeof directory.ZAudience>;
export type CardChannel = NonNullable<SearchResult['contact']>;

export type DirectoryProfile = {
  members: MemberProfile;
  organisations: OrganisationProfile;
  services: ServiceProfile;
};
/** The body of POST /api/directory/{kind}. */
export type EntryInput = {
  members: Body<typeof directory.ZMemberInput>;
  organisations: Body<typeof directory.ZOrganisationInput>;
  services: Body<typeof directory.ZServiceInput>;
};
/** The body of PATCH /api/directory/{kind}/{id}: the fields changed and the version read. */
export type EntryPatch = {
  members: Body<typeof directory.ZMemberPatch>;
  organisations: Body<typeof directory.ZOrganisationPatch>;
  services: Body<typeof directory.ZServicePatch>;
};

export type HistoryEntry = Answer<typeof directory.ZHistoryEntry>;
export type ImportReport = Answer<typeof directory.ZImportReport>;
export type ImportRequest = Body<typeof directory.ZImportRequest>;

/** Search criteria as the API's query string takes them (the server's filter names). */
export type DirectoryQuery = { [K in keyof Body<typeof directory.ZSearchQuery>]?: string };

/* ---------- Requests for support (demandes d'appui) ---------- */

export type Commune = Answer<typeof communes.ZCommune>;
export type CommuneList = Answer<typeof communes.ZCommuneList>;
export type FileRequest = Body<typeof requests.ZFileRequest>;
export type PublicRequest = Body<typeof requests.ZPublicRequest>;
export type FiledRequest = Answer<typeof requests.ZFiledRequest>;
export type PublicFiledRequest = Answer<typeof requests.ZPublicFiledRequest>;
export type Challenge = Answer<typeof requests.ZChallenge>;
export type RequestSummary = Answer<typeof requests.ZRequestSummary>;
export type RequestDetail = Answer<typeof requests.ZRequestDetail>;
/** A record the duplicate check found, in the 409 of an accept (details.candidates). */
export type TriageCandidate = Answer<typeof requests.ZDuplicateCandidate>;
export type MyRequest = Answer<typeof requests.ZMyRequest>;
export type Assessor = Answer<typeof requests.ZAssessor>;
export type Difficulty = Answer<typeof requests.ZDifficulty>;
export type RequestSource = Answer<typeof requests.ZSource>;
export type Urgency = Answer<typeof requests.ZUrgency>;
export type RequestState = Answer<typeof requests.ZRequestState>;
export type ConsentHow = Answer<typeof requests.ZConsent>['how'];
export const DIFFICULTIES = listOf<Difficulty>({
  health: true,
  autonomy: true,
  social_isolation: true,
  housing: true,
  rights_money: true,
  caregiver_exhausted: true,
  repeated_hospital_stays: true,
});
export const SOURCES = listOf<RequestSource>({
  community_professional: true,
  hospital: true,
  medico_social: true,
  social_service: true,
  person: true,
  caregiver: true,
});
export const URGENCIES = listOf<Urgency>({ same_day: true, week: true, routine: true });
export const CONSENT_HOW = listOf<ConsentHow>({ oral: true, written: true, by_person: true });

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

/**
 * One call to the API (exported for capability modules such as the directory). A `signal` lets a
 * search that is no longer wanted be dropped: its abort is thrown as is, never as a network error.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
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
      signal,
    });
  } catch (caught) {
    if (signal?.aborted) throw caught;
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

  updateAccount: (changes: AccountChanges) =>
    request<{ user: User }>('PATCH', '/api/account', changes),
  // A sign-in factor changes only with the current password, and the current code when on.
  changePassword: (currentPassword: string, newPassword: string, code?: string) =>
    request<undefined>('POST', '/api/account/password', { currentPassword, newPassword, code }),
  setupTotp: (password: string, code?: string) =>
    request<TotpSetup>('POST', '/api/account/totp/setup', { password, code }),
  enableTotp: (code: string) => request<undefined>('POST', '/api/account/totp/enable', { code }),
  disableTotp: (password: string, code: string) =>
    request<undefined>('POST', '/api/account/totp/disable', { password, code }),

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
  getPerson: (personId: string) =>
    request<PersonDetail>('GET', `/api/persons/${encodeURIComponent(personId)}`),
  checkDuplicates: (query: DuplicateQuery) =>
    request<DuplicateCheck>('POST', '/api/persons/duplicates', query),
  createPerson: (person: NewPerson) =>
    request<{ id: string; version: number }>('POST', '/api/persons', person),
  updateIdentity: (personId: string, changes: IdentityChanges) =>
    request<{ id: string; version: number }>(
      'PATCH',
      `/api/persons/${encodeURIComponent(personId)}`,
      changes,
    ),
  mergePersons: (personId: string, duplicatePersonId: string) =>
    request<{ id: string; mergedId: string }>(
      'POST',
      `/api/persons/${encodeURIComponent(personId)}/merge`,
      { duplicatePersonId },
    ),
  invitePersonAccount: (personId: string, invite: PersonAccountInvite) =>
    request<InviteResponse>(
      'POST',
      `/api/persons/${encodeURIComponent(personId)}/account-invitation`,
      invite,
    ),

  listUsers: () => request<{ items: AdminUser[] }>('GET', '/api/admin/users'),
  inviteUser: (invite: InviteRequest) =>
    request<InviteResponse>('POST', '/api/admin/invitations', invite),
  listOutbox: () => request<Outbox>('GET', '/api/admin/outbox'),
  revealLink: (mailId: string) =>
    request<RevealedLink>('POST', `/api/admin/outbox/${encodeURIComponent(mailId)}/link`),
  retryMail: (mailId: string) =>
    request<undefined>('POST', `/api/admin/outbox/${encodeURIComponent(mailId)}/retry`),
  listInstruments: () => request<{ items: Instrument[] }>('GET', '/api/instruments'),
  listAssessments: (personId: string) =>
    request<{ items: Assessment[] }>('GET', `/api/persons/${personId}/assessments`),
  getPersonLevel: (personId: string) =>
    request<PersonLevel>('GET', `/api/persons/${personId}/level`),
  overridePersonLevel: (personId: string, body: OverrideLevelRequest) =>
    request<PersonLevel>('PUT', `/api/persons/${personId}/level/override`, body),
  startAssessment: (personId: string, instrumentId: string) =>
    request<AssessmentDetail>('POST', `/api/persons/${personId}/assessments`, { instrumentId }),
  getAssessment: (personId: string, assessmentId: string) =>
    request<AssessmentDetail>('GET', `/api/persons/${personId}/assessments/${assessmentId}`),
  saveAnswers: (
    personId: string,
    assessmentId: string,
    answers: Record<string, AnswerValue | null>,
  ) =>
    request<AssessmentDetail>(
      'PUT',
      `/api/persons/${personId}/assessments/${assessmentId}/answers`,
      { answers },
    ),
  completeAssessment: (personId: string, assessmentId: string) =>
    request<AssessmentDetail>(
      'POST',
      `/api/persons/${personId}/assessments/${assessmentId}/complete`,
    ),
  getPlanVocabulary: () => request<PlanVocabulary>('GET', '/api/plans/vocabulary'),
  getPlan: (personId: string) => request<Plan>('GET', `/api/persons/${personId}/plan`),
  savePlan: (personId: string, body: SavePlanRequest) =>
    request<Plan>('PUT', `/api/persons/${personId}/plan`, body),
  listPlanVersions: (personId: string) =>
    request<PlanVersions>('GET', `/api/persons/${personId}/plan/versions`),
  getPlanVersion: (personId: string, version: number) =>
    request<PlanVersionView>('GET', `/api/persons/${personId}/plan/versions/${version}`),
  diffPlanVersions: (personId: string, from: number, to: number) =>
    request<PlanDiff>('GET', `/api/persons/${personId}/plan/versions/${from}/diff/${to}`),
  scoreAggir: (codes: AggirScoreRequest['codes']) =>
    request<AggirScore>('POST', '/api/instruments/aggir/score', { codes }),
  getSettings: () => request<Settings>('GET', '/api/admin/settings'),
  lastAuditCheck: () => request<{ check: AuditCheck | null }>('GET', '/api/admin/audit-check'),
  runAuditCheck: () => request<{ check: AuditCheck }>('POST', '/api/admin/audit-check'),
  updateSettings: (settings: Partial<Settings>) =>
    request<Settings>('PUT', '/api/admin/settings', settings),

  searchDirectory: (query: DirectoryQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    return request<SearchAnswer>(
      'GET',
      `/api/directory/search?${params.toString()}`,
      undefined,
      signal,
    );
  },
  getVocabulary: () => request<Vocabulary>('GET', '/api/directory/vocabulary'),
  getEntry: <K extends DirectoryKind>(kind: K, id: string) =>
    request<DirectoryProfile[K]>('GET', `/api/directory/${kind}/${encodeURIComponent(id)}`),
  createEntry: <K extends DirectoryKind>(kind: K, fields: EntryInput[K]) =>
    request<{ id: string }>('POST', `/api/directory/${kind}`, fields),
  updateEntry: <K extends DirectoryKind>(kind: K, id: string, changes: EntryPatch[K]) =>
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
  /** Says whether a member accepts new people, confirmed today (decision 033). */
  setMemberAccepting: (id: string, body: MemberAcceptingRequest) =>
    request<{ id: string; version: number; accepting: string; acceptingConfirmedAt: string }>(
      'PUT',
      `/api/directory/members/${encodeURIComponent(id)}/accepting`,
      body,
    ),
  getEntryHistory: (kind: DirectoryKind, id: string) =>
    request<{ items: HistoryEntry[] }>(
      'GET',
      `/api/directory/${kind}/${encodeURIComponent(id)}/history`,
    ),
  importDirectory: (kind: DirectoryKind, body: ImportRequest) =>
    request<ImportReport>('POST', `/api/directory/import/${kind}`, body),

  fileRequest: (body: FileRequest) => request<FiledRequest>('POST', '/api/requests', body),
  myRequests: () => request<{ items: MyRequest[] }>('GET', '/api/requests/mine'),
  requestQueue: (view: 'open' | 'answered') =>
    request<{ items: RequestSummary[] }>('GET', `/api/requests?view=${view}`),
  getRequest: (id: string) =>
    request<RequestDetail>('GET', `/api/requests/${encodeURIComponent(id)}`),
  assessors: () => request<{ items: Assessor[] }>('GET', '/api/requests/assessors'),
  acceptRequest: (
    id: string,
    assessorMemberId: string,
    person: { personId?: string; confirmNotDuplicate?: boolean } = {},
  ) =>
    request<RequestDetail>('POST', `/api/requests/${encodeURIComponent(id)}/accept`, {
      assessorMemberId,
      ...person,
    }),
  redirectRequest: (id: string, serviceId: string, note?: string) =>
    request<RequestDetail>('POST', `/api/requests/${encodeURIComponent(id)}/redirect`, {
      serviceId,
      note,
    }),
  declineRequest: (id: string, reason: string) =>
    request<RequestDetail>('POST', `/api/requests/${encodeURIComponent(id)}/decline`, {
      reason,
    }),
  publicChallenge: () => request<Challenge>('GET', '/api/public/requests/challenge'),
  filePublicRequest: (body: PublicRequest) =>
    request<PublicFiledRequest>('POST', '/api/public/requests', body),
  communes: (q: string) => request<CommuneList>('GET', `/api/communes?q=${encodeURIComponent(q)}`),
};

/** Download addresses of the directory exports (plain links: the browser saves the file). */
export const DIRECTORY_EXPORTS = {
  organisations: '/api/directory/export/organisations.csv',
  members: '/api/directory/export/members.csv',
  services: '/api/directory/export/services.csv',
  hsds: '/api/directory/export/hsds.json',
} as const;
