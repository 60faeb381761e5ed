/**
 * The access matrix: every route of the OpenAPI document × every kind of user × every relation to a
 * followed person. A route missing from MATRIX fails the test, so a new route cannot ship without
 * saying who may use it. For patient data the audit row of each request must record the decision.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import {
  absences,
  alerts,
  appointments,
  assessments,
  attachments,
  auditLog,
  breakGlassGrants,
  conversationParticipants,
  conversations,
  memberOrganisations,
  notifications,
  outbox,
  persons as personTable,
  pathways,
  referralRecipients,
  users as userTable,
} from '../src/db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from './helpers/directory-factories.js';
import { buildMember, buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';
import { buildSupportRequest } from './helpers/request-factories.js';
import { insertAppointment } from '../src/modules/agenda/agenda.repository.js';

const ACTORS = [
  'admin',
  'caseManager',
  'member',
  'socialMember',
  'former',
  'outsider',
  'objected',
  'breakGlass',
  'steering',
  'patientSelf',
  'otherPatient',
] as const;
type TActorKey = (typeof ACTORS)[number];
type TIds = {
  /** One fresh directory member per actor, for team and objection writes that must succeed. */
  candidates: Record<TActorKey, string>;
  /** One record per actor that the merge route may merge into the followed person. */
  duplicates: Record<TActorKey, string>;
  /** The followed person's identity version, moved on by each allowed identity edit. */
  personVersion: number;
  /** The version of the followed person's pathway, moved on by each allowed change. */
  pathwayVersion: number;
  personId: string;
  otherPersonId: string;
  memberId: string;
  organisationId: string;
  serviceId: string;
  token: string;
  mailId: string;
  invitationMailId: string;
  spareUserId: string;
  userIds: Record<TActorKey, string>;
  /** A request for support about the person, filed by 'member'. */
  supportRequestId: string;
  /** Open requests per actor and answer, so that every allowed answer succeeds. */
  toAccept: Record<TActorKey, string>;
  toRedirect: Record<TActorKey, string>;
  toDecline: Record<TActorKey, string>;
  /** The member of an active coordinator account, who may be named to assess. */
  assessorMemberId: string;
  /** Drafts of the person's assessments: multidimensional (answers), AGGIR (completion). */
  multiDraftId: string;
  aggirDraftId: string;
  /** What a break-the-glass search needs to find the person: exact last name and birth date. */
  personLastName: string;
  personBirthDate: string;
  /** One notification of each actor's own, to mark read. */
  notificationIds: Record<TActorKey, string>;
  /** The current version of the person's plan, moved on by each allowed save. */
  planVersion: number;
  /** A conversation about the person (decision 022): caseManager, member, socialMember, and
   * former and objected added before they left or the person objected. */
  conversationId: string;
  /** A social logbook entry of the person, and the PDF attached to it (decision 021). */
  logbookEntryId: string;
  logbookAttachmentId: string;
  messageAttachmentId: string;
  referralAttachmentId: string;
  /** A referral about the person to a service 'outsider' answers for (decision 023). */
  referralId: string;
  referralRecipientId: string;
  /** One referral per actor whose recipient asked for information, to answer, complete, cancel. */
  referralsToFollow: Record<TActorKey, { referralId: string; recipientId: string }>;
  /** The stay the first allowed admission opens, for the discharge route. */
  stayId: string;
  /** One open alert about the person per actor, owned by the case manager (decision 024). */
  alertIds: Record<TActorKey, string>;
  /** One absence of the directory member `memberId` per actor, to remove (decision 030). */
  absenceIds: Record<TActorKey, string>;
  /** An appointment about the person (decision 029), and its version moved on by each edit. */
  appointmentId: string;
  appointmentVersion: number;
  /** One two-occurrence series per actor: the first to split, the second to remove. */
  seriesOccurrences: Record<TActorKey, [string, string]>;
  /**
   * Case conferences (decision 031), organised by caseManager with member, socialMember and
   * outsider taking part: one to add and remove a person per actor, one with a person on it.
   */
  conferenceId: string;
  conferencePersons: Record<TActorKey, string>;
  conferenceItems: Partial<Record<TActorKey, string>>;
  decidedConferenceId: string;
  decidedItemId: string;
  caseManagerMemberId: string;
  /** A home visit about the person, caseManager taking part (its .ics). */
  icsAppointmentId: string;
};

/** Who may see the person at all (a refusal then answers 403, not 404). */
const SEES_PERSON: TActorKey[] = [
  'admin',
  'caseManager',
  'member',
  'socialMember',
  'breakGlass',
  'patientSelf',
];

type TRequest = (ids: TIds, actor: TActorKey) => { url: string; body?: unknown };
/**
 * What an allowed actor gets: the success status (or a documented refusal for the content, e.g.
 * 409) and, given the body, a check that it is the expected answer and not merely a 2xx.
 */
type TExpect = {
  /** Or per actor: e.g. the first allowed admission succeeds and the next meet the open stay. */
  status: number | ((actor: TActorKey) => number);
  body?: (body: Record<string, unknown>, ids: TIds, actor: TActorKey) => void;
};

type TEntry =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'role'; allowed: TActorKey[]; request: TRequest; expect: TExpect }
  | {
      kind: 'person';
      audit: string;
      allowed: TActorKey[];
      request: TRequest;
      expect: TExpect;
      /** Who sees the resource without seeing the person (a referral's recipient): refused 403. */
      sees?: TActorKey[];
    };

/** The items of a list answer. */
const itemsOf = (body: Record<string, unknown>) => body.items as Record<string, unknown>[];
const idsOf = (body: Record<string, unknown>) => itemsOf(body).map((item) => item.id);
/** The person list each actor must see: the followed person to those who follow them. */
const SEES_IN_LIST: TActorKey[] = [
  'caseManager',
  'member',
  'socialMember',
  'breakGlass',
  'patientSelf',
];

const ALL: TActorKey[] = [...ACTORS];
/** Who registers persons directly: network staff, coordinators and health professionals. */
const CREATORS: TActorKey[] = [
  'admin',
  'caseManager',
  'member',
  'former',
  'outsider',
  'objected',
  'breakGlass',
];
/** Social data: the team, the case manager, break-the-glass (read) and the person; not network staff. */
const ASSESSMENT_READERS: TActorKey[] = [
  'caseManager',
  'member',
  'socialMember',
  'breakGlass',
  'patientSelf',
];
const ASSESSMENT_WRITERS: TActorKey[] = ['caseManager', 'member', 'socialMember'];
/** Who writes secure messages: network member accounts (not the person, not steering). */
const MESSAGING: TActorKey[] = [
  'admin',
  'caseManager',
  'member',
  'socialMember',
  'former',
  'outsider',
  'objected',
  'breakGlass',
];
/** Who reads and writes the conversation about the person: its participants still in the team. */
const CONVERSING: TActorKey[] = ['caseManager', 'member', 'socialMember'];
/** Availability is not patient data: every signed-in account but patients reads it. */
const AVAILABILITY_READERS: TActorKey[] = ALL.filter(
  (a) => !['patientSelf', 'otherPatient'].includes(a),
);
/** Who takes part in the matrix's case conferences (decision 031). */
const CONFERRING: TActorKey[] = ['caseManager', 'member', 'socialMember', 'outsider'];
/** Member accounts: the calendar feed and reminders are about one's directory profile. */
const MEMBER_ACCOUNTS: TActorKey[] = [...MESSAGING];
/** Who reads the person's administrative data, or takes part in the appointment. */
const ICS_READERS: TActorKey[] = [
  'admin',
  'caseManager',
  'member',
  'socialMember',
  'breakGlass',
  'patientSelf',
];
const fresh = () => `00000000-0000-4000-8000-${randomUUID().slice(-12)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MATRIX: Record<string, TEntry> = {
  'GET /api/health': { kind: 'public' },
  'GET /api/health/ready': { kind: 'public' },
  'POST /api/auth/login': { kind: 'public' },
  'GET /api/invitations/{token}': { kind: 'public' },
  'POST /api/invitations/{token}/accept': { kind: 'public' },
  'POST /api/auth/password-reset': { kind: 'public' },
  'GET /api/password-resets/{token}': { kind: 'public' },
  'POST /api/password-resets/{token}': { kind: 'public' },
  'GET /api/auth/session': { kind: 'self' },
  'POST /api/auth/totp': { kind: 'self' },
  'POST /api/auth/logout': { kind: 'self' },
  'PATCH /api/account': { kind: 'self' },
  'POST /api/account/password': { kind: 'self' },
  'POST /api/account/totp/setup': { kind: 'self' },
  'POST /api/account/totp/enable': { kind: 'self' },
  'POST /api/account/totp/disable': { kind: 'self' },
  // The session's own live notifications (tried below: opened, then ended by the logout).
  'GET /api/notifications/stream': { kind: 'self' },
  'GET /api/admin/users': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/users' }),
    expect: {
      status: 200,
      body: (body, ids) => {
        for (const id of Object.values(ids.userIds)) assert.ok(idsOf(body).includes(id), id);
      },
    },
  },
  'POST /api/admin/invitations': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/admin/invitations',
      body: { email: `${randomUUID()}@test.fr`, displayName: 'Invitée', role: 'professional' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.userId), UUID) },
  },
  'GET /api/admin/outbox': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/outbox' }),
    expect: { status: 200, body: (body, ids) => assert.ok(idsOf(body).includes(ids.mailId)) },
  },
  // on a spare account, never one of the actors (disabling an actor would end their session)
  'POST /api/admin/users/{userId}/disable': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/disable` }),
    expect: {
      status: 200,
      body: (body, ids) => assert.deepEqual([body.id, body.status], [ids.spareUserId, 'disabled']),
    },
  },
  'POST /api/admin/users/{userId}/enable': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/enable` }),
    expect: {
      status: 200,
      body: (body, ids) => assert.deepEqual([body.id, body.status], [ids.spareUserId, 'active']),
    },
  },
  'POST /api/admin/users/{userId}/password-reset': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/password-reset` }),
    expect: { status: 202, body: (body) => assert.deepEqual(body, { status: 'sent' }) },
  },
  'POST /api/admin/users/{userId}/second-factor/reset': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/second-factor/reset` }),
    expect: {
      status: 200,
      body: (body, ids) => assert.deepEqual([body.id, body.mfaEnabled], [ids.spareUserId, false]),
    },
  },
  'POST /api/admin/outbox/{mailId}/retry': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/outbox/${ids.mailId}/retry` }),
    expect: { status: 204 },
  },
  'POST /api/admin/outbox/{mailId}/link': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/outbox/${ids.invitationMailId}/link` }),
    expect: {
      status: 200,
      body: (body) => assert.match(String(body.link), /\/invitation\/[\w-]{20,}$/),
    },
  },
  'GET /api/admin/audit-check': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/audit-check' }),
    expect: { status: 200, body: (body) => assert.ok('check' in body) },
  },
  'POST /api/admin/audit-check': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/audit-check' }),
    expect: {
      status: 200,
      body: (body) => assert.equal((body.check as { ok: boolean }).ok, true),
    },
  },
  'GET /api/admin/settings': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/settings' }),
    expect: { status: 200, body: (body) => assert.deepEqual(body.mfaRequiredRoles, []) },
  },
  'PUT /api/admin/settings': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/settings', body: { mfaRequiredRoles: [] } }),
    expect: { status: 200, body: (body) => assert.deepEqual(body.mfaRequiredRoles, []) },
  },
  'GET /api/persons': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/persons' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(idsOf(body).includes(ids.personId), SEES_IN_LIST.includes(actor), actor),
    },
  },
  'GET /api/persons/{personId}': {
    kind: 'person',
    audit: 'person.read',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.personId) },
  },
  'GET /api/persons/{personId}/audit': {
    kind: 'person',
    audit: 'person.audit_read',
    allowed: ['admin', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/audit` }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length > 0) },
  },
  // Assessments are social data at least; their medical items are a second decision.
  'GET /api/persons/{personId}/assessments': {
    kind: 'person',
    audit: 'assessment.list',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/assessments` }),
    expect: {
      status: 200,
      body: (body, ids) =>
        assert.deepEqual(idsOf(body).sort(), [ids.multiDraftId, ids.aggirDraftId].sort()),
    },
  },
  // An AGGIR draft exists: every allowed start meets it (409, the guard's decision audited first).
  'POST /api/persons/{personId}/assessments': {
    kind: 'person',
    audit: 'assessment.start',
    allowed: ASSESSMENT_WRITERS,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/assessments`,
      body: { instrumentId: 'aggir' },
    }),
    expect: { status: 409 },
  },
  'GET /api/persons/{personId}/assessments/{assessmentId}': {
    kind: 'person',
    audit: 'assessment.read',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/assessments/${ids.multiDraftId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.multiDraftId) },
  },
  'PUT /api/persons/{personId}/assessments/{assessmentId}/answers': {
    kind: 'person',
    audit: 'assessment.answer',
    allowed: ASSESSMENT_WRITERS,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/assessments/${ids.multiDraftId}/answers`,
      body: { answers: { livesAlone: true } },
    }),
    expect: {
      status: 200,
      body: (body) =>
        assert.equal((body.answers as Record<string, { value: unknown }>).livesAlone?.value, true),
    },
  },
  // The AGGIR draft has no answer: every allowed completion is refused for its content (422).
  'POST /api/persons/{personId}/assessments/{assessmentId}/complete': {
    kind: 'person',
    audit: 'assessment.complete',
    allowed: ASSESSMENT_WRITERS,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/assessments/${ids.aggirDraftId}/complete`,
    }),
    expect: { status: 422 },
  },
  'GET /api/persons/{personId}/level': {
    kind: 'person',
    audit: 'person.level.read',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/level` }),
    expect: {
      status: 200,
      body: (body) => assert.deepEqual([body.level, body.reasons], [null, []]),
    },
  },
  // The person's case manager alone overrides the level (social data, like the level).
  'PUT /api/persons/{personId}/level/override': {
    kind: 'person',
    audit: 'level.override',
    allowed: ['caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/level/override`,
      body: { level: 'coordination', justification: 'Aidante épuisée, passages fréquents' },
    }),
    expect: {
      status: 200,
      body: (body) => assert.deepEqual([body.level, body.levelInForce], [null, 'coordination']),
    },
  },
  // The plan (decision 017) is social data at least, like the assessments; each allowed save is
  // made on the current version, so it succeeds (a stale one would answer 409).
  'GET /api/plans/vocabulary': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/plans/vocabulary' }),
    expect: { status: 200, body: (body) => assert.ok((body.needs as unknown[]).length > 40) },
  },
  'GET /api/persons/{personId}/plan': {
    kind: 'person',
    audit: 'plan.read',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/plan` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.personId, ids.personId) },
  },
  'PUT /api/persons/{personId}/plan': {
    kind: 'person',
    audit: 'plan.save',
    allowed: ASSESSMENT_WRITERS,
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/plan`,
      body: { baseVersion: ids.planVersion, content: { situation: `Relu par ${actor}` } },
    }),
    expect: {
      status: 200,
      body: (body, ids, actor) => {
        assert.equal((body.content as { situation: string }).situation, `Relu par ${actor}`);
        ids.planVersion = body.version as number;
      },
    },
  },
  'GET /api/persons/{personId}/plan/versions': {
    kind: 'person',
    audit: 'plan.versions',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/plan/versions` }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length >= 1) },
  },
  'GET /api/persons/{personId}/plan/versions/{version}': {
    kind: 'person',
    audit: 'plan.version.read',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/plan/versions/1` }),
    expect: { status: 200, body: (body) => assert.equal(body.version, 1) },
  },
  'GET /api/persons/{personId}/plan/versions/{from}/diff/{to}': {
    kind: 'person',
    audit: 'plan.diff',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/plan/versions/0/diff/1` }),
    expect: {
      status: 200,
      body: (body) =>
        assert.deepEqual(body.fields, [{ field: 'situation', before: '', after: 'Premier plan' }]),
    },
  },
  'GET /api/persons/{personId}/plan/pdf': {
    kind: 'person',
    audit: 'plan.print',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/plan/pdf` }),
    expect: { status: 200 },
  },
  // One appointment's .ics: those who take part (caseManager) and who may read the person's
  // administrative data.
  'GET /api/agenda/appointments/{appointmentId}/ics': {
    kind: 'person',
    audit: 'appointment.ics',
    allowed: ICS_READERS,
    request: (ids) => ({ url: `/api/agenda/appointments/${ids.icsAppointmentId}/ics` }),
    expect: { status: 200 },
  },
  // The emergency liaison sheet (decision 020): the plan's readers; medical items a second decision.
  'GET /api/persons/{personId}/emergency-sheet.pdf': {
    kind: 'person',
    audit: 'person.emergency_sheet',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/emergency-sheet.pdf` }),
    expect: { status: 200 },
  },
  // The palliative-care flag (decision 027): medical data, read and written on its own.
  'GET /api/persons/{personId}/palliative-care': {
    kind: 'person',
    audit: 'person.palliative_read',
    allowed: ['caseManager', 'member', 'breakGlass', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/palliative-care` }),
    expect: { status: 200 },
  },
  'PUT /api/persons/{personId}/palliative-care': {
    kind: 'person',
    audit: 'person.palliative_update',
    allowed: ['caseManager', 'member'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/palliative-care`,
      body: { palliativeCare: true },
    }),
    expect: {
      status: 200,
      body: (body) => assert.equal(body.palliativeCare, true),
    },
  },
  // Each actor adds (then removes, objects to, withdraws) a member of its own: every allowed
  // request must succeed, not meet a conflict left by the actor before it.
  'POST /api/persons/{personId}/care-team': {
    kind: 'person',
    audit: 'care_team.add',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/care-team`,
      body: { memberId: ids.candidates[actor] },
    }),
    expect: { status: 204 },
  },
  // A planned end (decision 027): the member keeps access until the day; DELETE below ends it now.
  'PATCH /api/persons/{personId}/care-team/{memberId}': {
    kind: 'person',
    audit: 'care_team.end_planned',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/care-team/${ids.candidates[actor]}`,
      body: { until: '2999-12-31' },
    }),
    expect: { status: 204 },
  },
  'DELETE /api/persons/{personId}/care-team/{memberId}': {
    kind: 'person',
    audit: 'care_team.remove',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/care-team/${ids.candidates[actor]}`,
    }),
    expect: { status: 204 },
  },
  'POST /api/persons/{personId}/objections': {
    kind: 'person',
    audit: 'consent.object',
    allowed: ['admin', 'caseManager', 'patientSelf'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/objections`,
      body: { memberId: ids.candidates[actor] },
    }),
    expect: { status: 204 },
  },
  'DELETE /api/persons/{personId}/objections/{memberId}': {
    kind: 'person',
    audit: 'consent.withdraw_objection',
    allowed: ['admin', 'caseManager', 'patientSelf'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/objections/${ids.candidates[actor]}`,
    }),
    expect: { status: 204 },
  },
  'POST /api/persons/{personId}/account-invitation': {
    kind: 'person',
    audit: 'person.account_invite',
    allowed: ['caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/account-invitation`,
      body: { email: `${randomUUID()}@famille.fr`, displayName: 'Aidant' },
    }),
    // The followed person already has their own account (patientSelf): the case manager is let
    // through by the guard and told so, the documented 409.
    expect: {
      status: 409,
      body: (body) => assert.equal((body.error as { code: string }).code, 'conflict'),
    },
  },
  'POST /api/persons/duplicates': {
    kind: 'role',
    allowed: CREATORS,
    request: () => ({
      url: '/api/persons/duplicates',
      body: { birthName: 'Matrice', firstName: 'Doublon', birthDate: '1940-01-01' },
    }),
    expect: {
      status: 200,
      body: (body) => assert.deepEqual([body.candidates, body.followedElsewhere], [[], false]),
    },
  },
  'POST /api/persons': {
    kind: 'role',
    allowed: CREATORS,
    request: (_, actor) => ({
      url: '/api/persons',
      body: { birthName: `Matrice${actor}`, firstName: 'Création', birthDate: '1941-02-02' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.id), UUID) },
  },
  // Each allowed edit names the version the one before it left.
  'PATCH /api/persons/{personId}': {
    kind: 'person',
    audit: 'person.identity_update',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}`,
      body: { version: ids.personVersion, phone: '01 02 03 04 05' },
    }),
    expect: {
      status: 200,
      body: (body, ids) => {
        assert.equal(body.version, ids.personVersion + 1);
        ids.personVersion = body.version;
      },
    },
  },
  // Alerts (decision 024): handled by their owner (the case manager) or the coordination team;
  // those who read the person but do neither get 403, the others 404. Before the merge and the
  // stays below, which recompute the person's alerts (and clear these hand-made ones).
  'POST /api/alerts/{alertId}/acknowledge': {
    kind: 'person',
    audit: 'alert.acknowledge',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/alerts/${ids.alertIds[actor]}/acknowledge`,
      body: { note: 'Pris en compte' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'acknowledged') },
  },
  'POST /api/alerts/{alertId}/resolve': {
    kind: 'person',
    audit: 'alert.resolve',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/alerts/${ids.alertIds[actor]}/resolve`,
      body: { note: 'Appel passé, tout va bien' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'resolved') },
  },
  'GET /api/persons/{personId}/alerts': {
    kind: 'person',
    audit: 'alerts.read',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/alerts` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  // Working hours, absences, free slots (decision 030): read by anyone but patients; edited by
  // the member, their organisation's editors and network staff (the member here is nobody's own).
  'GET /api/availability/members/{memberId}': {
    kind: 'role',
    allowed: AVAILABILITY_READERS,
    request: (ids) => ({ url: `/api/availability/members/${ids.memberId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.memberId, ids.memberId) },
  },
  'PUT /api/availability/members/{memberId}/working-hours': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/availability/members/${ids.memberId}/working-hours`,
      body: { ranges: [{ weekday: 1, start: '08:00', end: '12:00' }] },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.usesDefaultWeek, false) },
  },
  'POST /api/availability/members/{memberId}/absences': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/availability/members/${ids.memberId}/absences`,
      body: { startsAt: '2030-01-07T08:00:00Z', endsAt: '2030-01-07T12:00:00Z', kind: 'training' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.id), UUID) },
  },
  'DELETE /api/availability/members/{memberId}/absences/{absenceId}': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/availability/members/${ids.memberId}/absences/${ids.absenceIds[actor]}`,
    }),
    expect: { status: 204 },
  },
  'POST /api/availability/free-slots': {
    kind: 'role',
    allowed: AVAILABILITY_READERS,
    request: (ids) => ({
      url: '/api/availability/free-slots',
      body: {
        memberIds: [ids.memberId],
        durationMinutes: 60,
        from: '2030-01-07T00:00:00Z',
        to: '2030-01-12T00:00:00Z',
      },
    }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.slots)) },
  },
  'GET /api/alerts': {
    kind: 'role',
    allowed: ALL.filter((a) => !['steering', 'patientSelf', 'otherPatient'].includes(a)),
    request: () => ({ url: '/api/alerts' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(
          itemsOf(body).some((item) => ids.alertIds.caseManager === item.id),
          actor === 'caseManager',
          actor,
        ),
    },
  },
  'POST /api/persons/{personId}/merge': {
    kind: 'person',
    audit: 'person.merge',
    allowed: ['admin'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/merge`,
      body: { duplicatePersonId: ids.duplicates[actor] },
    }),
    expect: {
      status: 200,
      body: (body, ids) => {
        assert.deepEqual(body, { id: ids.personId, mergedId: ids.duplicates.admin });
        ids.personVersion++;
      },
    },
  },
  // The pathway (decision 016): read with the administrative data, steered by the case
  // manager and the coordination team; each allowed change moves the version on.
  'GET /api/persons/{personId}/pathway': {
    kind: 'person',
    audit: 'pathway.read',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/pathway` }),
    expect: {
      status: 200,
      body: (body, ids) => {
        const pathway = body.pathway as { version: number };
        assert.equal(pathway.version, ids.pathwayVersion);
      },
    },
  },
  'POST /api/persons/{personId}/pathway/transitions': {
    kind: 'person',
    audit: 'pathway.transition',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/persons/${ids.personId}/pathway/transitions`,
      body:
        actor === 'admin'
          ? {
              version: ids.pathwayVersion,
              to: 'suspended',
              reason: 'Hospitalisation',
              expectedEnd: '2027-01-31',
            }
          : { version: ids.pathwayVersion, to: 'assessing', reason: 'Retour à domicile' },
    }),
    expect: {
      status: 200,
      body: (body, ids, actor) => {
        const pathway = body.pathway as { version: number; state: string };
        assert.equal(pathway.state, actor === 'admin' ? 'suspended' : 'assessing');
        ids.pathwayVersion = pathway.version;
      },
    },
  },
  'PUT /api/persons/{personId}/pathway/referent': {
    kind: 'person',
    audit: 'pathway.referent',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/pathway/referent`,
      body: { version: ids.pathwayVersion, memberId: null },
    }),
    expect: {
      status: 200,
      body: (body, ids) => {
        const pathway = body.pathway as { version: number; referent: unknown };
        assert.equal(pathway.referent, null);
        ids.pathwayVersion = pathway.version;
      },
    },
  },
  // Naming the case manager they already have: allowed, and nothing moves (no handover here).
  'PUT /api/persons/{personId}/case-manager': {
    kind: 'person',
    audit: 'case_manager.assign',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/case-manager`,
      body: { memberId: ids.assessorMemberId },
    }),
    expect: {
      status: 200,
      body: (body, ids) =>
        assert.equal((body.caseManager as { id: string }).id, ids.assessorMemberId),
    },
  },
  // Closed-loop referrals (decision 023): the person's team sends and follows them; 'outsider'
  // works at the recipient service, so reads what they decide on and answers, outside the team.
  'GET /api/persons/{personId}/referrals': {
    kind: 'person',
    audit: 'referral.list',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/referrals` }),
    expect: { status: 200, body: (body, ids) => assert.ok(idsOf(body).includes(ids.referralId)) },
  },
  'POST /api/persons/{personId}/referrals': {
    kind: 'person',
    audit: 'referral.send',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/referrals`,
      body: {
        reason: 'Kinésithérapie à domicile',
        urgency: 'within_30d',
        recipients: [{ serviceId: ids.serviceId }],
      },
    }),
    expect: { status: 201, body: (body) => assert.equal(body.state, 'sent') },
  },
  'GET /api/persons/{personId}/usual-providers': {
    kind: 'person',
    audit: 'referral.usual_providers',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/usual-providers` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.members)) },
  },
  'GET /api/referrals/inbox': {
    kind: 'role',
    allowed: ALL.filter((a) => !['steering', 'patientSelf', 'otherPatient'].includes(a)),
    request: () => ({ url: '/api/referrals/inbox' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(idsOf(body).includes(ids.referralId), actor === 'outsider', actor),
    },
  },
  'GET /api/referrals/{referralId}/attachments/{attachmentId}': {
    kind: 'person',
    audit: 'referral.attachment_download',
    allowed: [...SEES_PERSON, 'outsider'],
    request: (ids) => ({
      url: `/api/referrals/${ids.referralId}/attachments/${ids.referralAttachmentId}`,
    }),
    expect: { status: 200 },
  },
  'GET /api/referrals/{referralId}': {
    kind: 'person',
    audit: 'referral.read',
    allowed: [...SEES_PERSON, 'outsider'],
    request: (ids) => ({ url: `/api/referrals/${ids.referralId}` }),
    expect: {
      status: 200,
      body: (body, ids, actor) => {
        assert.equal(body.id, ids.referralId);
        assert.equal(body.view, actor === 'outsider' ? 'addressed' : 'full');
      },
    },
  },
  'POST /api/referrals/{referralId}/recipients/{recipientId}/answer': {
    kind: 'person',
    audit: 'referral.request_info',
    allowed: ['outsider'],
    request: (ids) => ({
      url: `/api/referrals/${ids.referralId}/recipients/${ids.referralRecipientId}/answer`,
      body: { decision: 'request_info', question: 'Quel étage, quel code ?' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.view, 'addressed') },
  },
  'POST /api/referrals/{referralId}/recipients/{recipientId}/info-answer': {
    kind: 'person',
    audit: 'referral.answer_info',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    sees: ['outsider'],
    request: (ids, actor) => ({
      url: `/api/referrals/${ids.referralsToFollow[actor].referralId}/recipients/${ids.referralsToFollow[actor].recipientId}/info-answer`,
      body: { answer: 'Deuxième étage, code 1234' },
    }),
    expect: {
      status: 200,
      body: (body) => assert.equal((body.recipients as { state: string }[])[0]?.state, 'pending'),
    },
  },
  // Nobody accepted these: completing is refused for the content (409), after the guard.
  'POST /api/referrals/{referralId}/complete': {
    kind: 'person',
    audit: 'referral.complete',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    sees: ['outsider'],
    request: (ids, actor) => ({
      url: `/api/referrals/${ids.referralsToFollow[actor].referralId}/complete`,
      body: { outcome: 'Pris en charge' },
    }),
    expect: { status: 409 },
  },
  'POST /api/referrals/{referralId}/cancel': {
    kind: 'person',
    audit: 'referral.cancel',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    sees: ['outsider'],
    request: (ids, actor) => ({
      url: `/api/referrals/${ids.referralsToFollow[actor].referralId}/cancel`,
      body: { outcome: 'La personne a trouvé un cabinet près de chez elle' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'cancelled') },
  },
  // Hospital stays (decision 024): read with the administrative data, recorded by the team. One
  // open stay a person: the first allowed admission opens it, the next meet it (409), and the
  // first allowed discharge closes it, the next find it closed (409).
  'GET /api/persons/{personId}/stays': {
    kind: 'person',
    audit: 'stays.read',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/stays` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'POST /api/persons/{personId}/stays': {
    kind: 'person',
    audit: 'stay.admit',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/stays`,
      body: {
        facilityName: 'Centre hospitalier de Firminy',
        admittedAt: new Date(Date.now() - 86_400_000).toISOString(),
        planned: false,
      },
    }),
    expect: {
      status: (actor) => (actor === 'admin' ? 201 : 409),
      body: (body, ids) => {
        ids.stayId = (itemsOf(body)[0] as { id: string }).id;
      },
    },
  },
  'POST /api/persons/{personId}/stays/{stayId}/discharge': {
    kind: 'person',
    audit: 'stay.discharge',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/stays/${ids.stayId}/discharge`,
      body: { dischargedAt: new Date().toISOString(), destination: 'home', planned: true },
    }),
    expect: {
      status: (actor) => (actor === 'admin' ? 200 : 409),
      body: (body) => assert.ok((itemsOf(body)[0] as { dischargedAt: string }).dischargedAt),
    },
  },
  // The shared agenda (decision 029): appointments about the person go through the guard like
  // its administrative data; the agenda is closed to patients and steering.
  'POST /api/agenda/appointments': {
    kind: 'person',
    audit: 'appointment.create',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids) => ({
      url: '/api/agenda/appointments',
      body: {
        kind: 'home_visit',
        place: 'home',
        personId: ids.personId,
        participantIds: [ids.assessorMemberId],
        startsAt: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 40 * 86_400_000 + 3_600_000).toISOString(),
      },
    }),
    expect: {
      status: 201,
      body: (body) => assert.equal((body.appointment as { status: string }).status, 'planned'),
    },
  },
  'GET /api/agenda/appointments/{appointmentId}': {
    kind: 'person',
    audit: 'appointment.read',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass'],
    request: (ids) => ({ url: `/api/agenda/appointments/${ids.appointmentId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.appointmentId) },
  },
  'PATCH /api/agenda/appointments/{appointmentId}': {
    kind: 'person',
    audit: 'appointment.edit',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids, actor) => ({
      url: `/api/agenda/appointments/${ids.appointmentId}`,
      body: { version: ids.appointmentVersion, title: `Visite (${actor})` },
    }),
    expect: {
      status: 200,
      body: (body, ids) => {
        ids.appointmentVersion = (body.appointment as { version: number }).version;
      },
    },
  },
  'POST /api/agenda/appointments/{appointmentId}/status': {
    kind: 'person',
    audit: 'appointment.status',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids) => ({
      url: `/api/agenda/appointments/${ids.appointmentId}/status`,
      body: { version: ids.appointmentVersion, status: 'confirmed' },
    }),
    // the first allowed confirms it, the next find it confirmed already (409)
    expect: {
      status: (actor) => (actor === 'admin' ? 200 : 409),
      body: (body) => assert.equal(body.status, 'confirmed'),
    },
  },
  'DELETE /api/agenda/appointments/{appointmentId}/occurrence': {
    kind: 'person',
    audit: 'appointment.remove_occurrence',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids, actor) => ({
      url: `/api/agenda/appointments/${ids.seriesOccurrences[actor][1]}/occurrence`,
    }),
    expect: { status: 204 },
  },
  'POST /api/agenda/appointments/{appointmentId}/following': {
    kind: 'person',
    audit: 'appointment.split_series',
    allowed: ['admin', 'caseManager', 'member', 'socialMember'],
    request: (ids, actor) => ({
      url: `/api/agenda/appointments/${ids.seriesOccurrences[actor][0]}/following`,
      body: { version: 1, title: 'Nouvel horaire' },
    }),
    expect: {
      status: 201,
      body: (body) => assert.ok((body.appointment as { seriesId: string | null }).seriesId),
    },
  },
  'GET /api/agenda/mine': {
    kind: 'role',
    allowed: ALL.filter((a) => !['steering', 'patientSelf', 'otherPatient'].includes(a)),
    request: () => ({ url: `/api/agenda/mine?from=${new Date().toISOString()}&days=14` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'GET /api/persons/{personId}/appointments': {
    kind: 'person',
    audit: 'appointment.list',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/appointments` }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length > 0) },
  },
  'GET /api/persons/{personId}/team-calendar': {
    kind: 'person',
    audit: 'appointment.team_calendar',
    allowed: ['admin', 'caseManager', 'member', 'socialMember', 'breakGlass'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/team-calendar?from=${new Date().toISOString()}&days=14`,
    }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.members)) },
  },
  'GET /api/caseload': {
    kind: 'role',
    allowed: ALL.filter((a) => !['steering', 'patientSelf', 'otherPatient'].includes(a)),
    request: () => ({ url: '/api/caseload' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(idsOf(body).includes(ids.personId), actor === 'caseManager', actor),
    },
  },
  'GET /api/caseload/board': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: () => ({ url: '/api/caseload/board' }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.managers)) },
  },
  'PUT /api/caseload/managers/{memberId}/cap': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({ url: `/api/caseload/managers/${ids.memberId}/cap`, body: { cap: 35 } }),
    expect: { status: 204 },
  },
  // About a followed person: whoever may read them files (the guard decides and audits it).
  'POST /api/requests': {
    kind: 'person',
    audit: 'request.file',
    allowed: SEES_PERSON,
    request: (ids) => ({
      url: '/api/requests',
      body: {
        personId: ids.personId,
        source: 'community_professional',
        difficulties: ['health'],
        urgency: 'routine',
        consent: { how: 'oral', obtainedOn: '2026-01-05' },
      },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.reference), /^DA-/) },
  },
  // The coordination team and the request's requester ('member') read it; every read audited.
  'GET /api/requests/{requestId}': {
    kind: 'person',
    audit: 'request.read',
    allowed: ['admin', 'caseManager', 'member'],
    request: (ids) => ({ url: `/api/requests/${ids.supportRequestId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.supportRequestId) },
  },
  // The team with its history, and the timeline: whoever may read the person's identity.
  'GET /api/persons/{personId}/care-team': {
    kind: 'person',
    audit: 'care_team.read',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/care-team` }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length >= 3) },
  },
  'GET /api/persons/{personId}/timeline': {
    kind: 'person',
    audit: 'person.timeline_read',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/timeline` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  // The logbook (decision 021): whoever may read the person reads it (each category then decided
  // by the guard); the team posts; a file is read by those who may read its entry (social here).
  'GET /api/persons/{personId}/logbook': {
    kind: 'person',
    audit: 'logbook.read',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/logbook` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'POST /api/persons/{personId}/logbook': {
    kind: 'person',
    audit: 'logbook.entry_post',
    allowed: ASSESSMENT_WRITERS,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/logbook`,
      body: { category: 'social', text: 'Passage ce matin, RAS.' },
    }),
    expect: { status: 201, body: (body) => assert.equal(typeof body.id, 'string') },
  },
  'POST /api/persons/{personId}/logbook/read': {
    kind: 'person',
    audit: 'logbook.read_marked',
    allowed: SEES_PERSON,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/logbook/read`,
      body: { entryIds: [ids.logbookEntryId] },
    }),
    expect: { status: 200, body: (body) => assert.equal(typeof body.marked, 'number') },
  },
  'GET /api/persons/{personId}/logbook/attachments/{attachmentId}': {
    kind: 'person',
    audit: 'logbook.attachment_download',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/logbook/attachments/${ids.logbookAttachmentId}`,
    }),
    expect: { status: 200 },
  },
  // Opening emergency access is a decision of the guard: clinicians and staff outside the care team,
  // not someone the person objects to; refused and allowed openings are both audited. Last of the
  // person routes: the grants it opens must not change the rows above.
  'POST /api/persons/{personId}/break-glass': {
    kind: 'person',
    audit: 'person.break_glass',
    allowed: ['admin', 'former', 'outsider', 'breakGlass'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/break-glass`,
      body: { reason: 'Urgence simulée' },
    }),
    expect: {
      status: 201,
      body: (body) => assert.ok(Date.parse(String(body.expiresAt)) > Date.now()),
    },
  },
  // Clinicians and staff look for someone to open emergency access on: the person is found only
  // by those the guard would let open it (outside the team, no objection).
  'POST /api/persons/break-glass/search': {
    kind: 'role',
    allowed: CREATORS.concat('socialMember'),
    request: (ids) => ({
      url: '/api/persons/break-glass/search',
      body: { lastName: ids.personLastName, birthDate: ids.personBirthDate },
    }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(
          idsOf(body).includes(ids.personId),
          ['admin', 'former', 'outsider', 'breakGlass'].includes(actor),
          actor,
        ),
    },
  },
  // Secure messages (decision 022): network members; a conversation about the person is its
  // care team's (participants who still pass the guard), every other reader 404, audited.
  'GET /api/conversations': {
    kind: 'role',
    allowed: MESSAGING,
    request: () => ({ url: '/api/conversations' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(idsOf(body).includes(ids.conversationId), CONVERSING.includes(actor), actor),
    },
  },
  'GET /api/conversations/unread': {
    kind: 'role',
    allowed: MESSAGING,
    request: () => ({ url: '/api/conversations/unread' }),
    expect: { status: 200, body: (body) => assert.equal(typeof body.total, 'number') },
  },
  'GET /api/conversations/candidates': {
    kind: 'role',
    allowed: MESSAGING,
    request: () => ({ url: '/api/conversations/candidates?q=test' }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length > 0) },
  },
  'POST /api/conversations': {
    kind: 'role',
    allowed: MESSAGING,
    request: (ids, actor) => ({
      url: '/api/conversations',
      body: {
        kind: 'group',
        title: `Groupe de ${actor}`,
        participantUserIds: [ids.userIds.admin, ids.userIds.caseManager],
      },
    }),
    expect: {
      status: 201,
      body: (body, _ids, actor) => assert.equal(body.title, `Groupe de ${actor}`),
    },
  },
  'GET /api/conversations/{conversationId}': {
    kind: 'person',
    audit: 'conversation.read',
    allowed: CONVERSING,
    request: (ids) => ({ url: `/api/conversations/${ids.conversationId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.conversationId) },
  },
  'GET /api/conversations/{conversationId}/messages': {
    kind: 'person',
    audit: 'conversation.messages',
    allowed: CONVERSING,
    request: (ids) => ({ url: `/api/conversations/${ids.conversationId}/messages` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'GET /api/conversations/{conversationId}/attachments/{attachmentId}': {
    kind: 'person',
    audit: 'message.attachment_download',
    allowed: CONVERSING,
    request: (ids) => ({
      url: `/api/conversations/${ids.conversationId}/attachments/${ids.messageAttachmentId}`,
    }),
    expect: { status: 200 },
  },
  // Writes answer 404 to every non-participant (also to staff who see the person): 'role' entries.
  'POST /api/conversations/{conversationId}/messages': {
    kind: 'role',
    allowed: CONVERSING,
    request: (ids, actor) => ({
      url: `/api/conversations/${ids.conversationId}/messages`,
      body: { body: `Message de ${actor}` },
    }),
    expect: {
      status: 201,
      body: (body, _ids, actor) => assert.equal(body.body, `Message de ${actor}`),
    },
  },
  'POST /api/conversations/{conversationId}/read': {
    kind: 'role',
    allowed: CONVERSING,
    request: (ids) => ({ url: `/api/conversations/${ids.conversationId}/read` }),
    expect: { status: 200, body: (body) => assert.equal(typeof body.total, 'number') },
  },
  'POST /api/conversations/{conversationId}/participants': {
    kind: 'role',
    allowed: CONVERSING,
    request: (ids) => ({
      url: `/api/conversations/${ids.conversationId}/participants`,
      body: { userIds: [ids.userIds.caseManager] },
    }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.conversationId) },
  },
  'GET /api/persons/{personId}/conversation-team': {
    kind: 'person',
    audit: 'conversation.team',
    allowed: CONVERSING,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/conversation-team` }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length >= 2) },
  },
  // Each user reads and marks their own notifications (someone else's: 404, tested beside).
  'GET /api/notifications': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/notifications' }),
    // their own (messages posted earlier in the matrix may have told them more)
    expect: {
      status: 200,
      body: (body, ids, actor) => assert.ok(idsOf(body).includes(ids.notificationIds[actor])),
    },
  },
  'POST /api/notifications/{id}/read': {
    kind: 'role',
    allowed: ALL,
    request: (ids, actor) => ({ url: `/api/notifications/${ids.notificationIds[actor]}/read` }),
    expect: { status: 204 },
  },
  'POST /api/notifications/read-all': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/notifications/read-all' }),
    expect: { status: 200, body: (body) => assert.equal(typeof body.marked, 'number') },
  },
  // Each user's own preferences (no one else's can be named: there is no user id in the route).
  'GET /api/notifications/preferences': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/notifications/preferences' }),
    expect: { status: 200, body: (body) => assert.equal((body.families as []).length, 7) },
  },
  'PUT /api/notifications/preferences': {
    kind: 'role',
    allowed: ALL,
    request: () => ({
      url: '/api/notifications/preferences',
      body: { families: [{ family: 'messages', inApp: true, emailNow: false, digest: false }] },
    }),
    expect: { status: 200, body: (body) => assert.equal((body.families as []).length, 7) },
  },
  'GET /api/directory/search': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/directory/search?q=matrice' }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  // Instrument definitions and the GIR calculator hold no personal data: any logged-in user.
  'GET /api/instruments': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/instruments' }),
    expect: {
      status: 200,
      body: (body) =>
        assert.deepEqual(
          itemsOf(body).map((item) => item.id),
          ['multidimensional', 'aggir', 'prisma7'],
        ),
    },
  },
  'POST /api/instruments/aggir/score': {
    kind: 'role',
    allowed: ALL,
    request: () => ({
      url: '/api/instruments/aggir/score',
      body: {
        codes: {
          coherence: 'B',
          orientation: 'B',
          toilette: 'B',
          habillage: 'B',
          alimentation: 'B',
          elimination: 'B',
          transferts: 'B',
          deplacementsInterieurs: 'B',
        },
      },
    }),
    expect: {
      status: 200,
      body: (body) => assert.deepEqual(body, { gir: 4, rank: 10, group: 'G' }),
    },
  },
  'GET /api/directory/vocabulary': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/directory/vocabulary' }),
    expect: { status: 200, body: (body) => assert.ok(Object.keys(body).length > 0) },
  },
  'GET /api/directory/members/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.memberId) },
  },
  'GET /api/directory/organisations/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.organisationId) },
  },
  'GET /api/directory/services/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.serviceId) },
  },
  'GET /api/directory/members/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}/history` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'GET /api/directory/organisations/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}/history` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'GET /api/directory/services/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}/history` }),
    expect: { status: 200, body: (body) => assert.ok(Array.isArray(body.items)) },
  },
  'POST /api/directory/members': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/members',
      body: { firstName: 'Matrice', lastName: 'Test', profession: 'nurse' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.id), UUID) },
  },
  'POST /api/directory/organisations': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/organisations',
      body: { name: `Structure ${randomUUID()}`, type: 'msp' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.id), UUID) },
  },
  'POST /api/directory/services': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: '/api/directory/services',
      body: { organisationId: ids.organisationId, name: 'Service matrice' },
    }),
    expect: { status: 201, body: (body) => assert.match(String(body.id), UUID) },
  },
  'PATCH /api/directory/members/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/members/${ids.memberId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.version, 2) },
  },
  'PUT /api/directory/members/{id}/accepting': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/members/${ids.memberId}/accepting`,
      body: { accepting: 'yes' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.accepting, 'yes') },
  },
  'PATCH /api/directory/organisations/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/organisations/${ids.organisationId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.version, 2) },
  },
  'PATCH /api/directory/services/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/services/${ids.serviceId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.version, 2) },
  },
  'POST /api/directory/members/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}/verify` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.memberId) },
  },
  'POST /api/directory/organisations/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}/verify` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.organisationId) },
  },
  'POST /api/directory/services/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}/verify` }),
    expect: { status: 200, body: (body, ids) => assert.equal(body.id, ids.serviceId) },
  },
  'POST /api/directory/import/{kind}': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/import/organisations',
      body: { csv: 'name,type\nMatrice,msp\n', dryRun: true },
    }),
    expect: {
      status: 200,
      body: (body) => assert.deepEqual([body.dryRun, body.total, body.accepted], [true, 1, 1]),
    },
  },
  'GET /api/directory/export/{kind}.csv': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/directory/export/members.csv' }),
    expect: { status: 200 },
  },
  'GET /api/directory/export/hsds.json': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/directory/export/hsds.json' }),
    expect: { status: 200 },
  },
  'GET /api/public/requests/challenge': { kind: 'public' },
  'POST /api/public/requests': { kind: 'public' },
  'GET /api/communes': { kind: 'public' },
  'GET /api/requests/mine': {
    kind: 'role',
    allowed: ALL.filter((actor) => actor !== 'steering'),
    request: () => ({ url: '/api/requests/mine' }),
    expect: {
      status: 200,
      body: (body, ids, actor) =>
        assert.equal(idsOf(body).includes(ids.supportRequestId), actor === 'member', actor),
    },
  },
  'GET /api/requests': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: () => ({ url: '/api/requests' }),
    expect: {
      status: 200,
      body: (body, ids) => assert.ok(idsOf(body).includes(ids.supportRequestId)),
    },
  },
  'GET /api/requests/assessors': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: () => ({ url: '/api/requests/assessors' }),
    expect: { status: 200, body: (body) => assert.ok(itemsOf(body).length > 0) },
  },
  'POST /api/requests/{requestId}/accept': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/requests/${ids.toAccept[actor]}/accept`,
      body: { assessorMemberId: ids.assessorMemberId },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'accepted') },
  },
  'POST /api/requests/{requestId}/redirect': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/requests/${ids.toRedirect[actor]}/redirect`,
      body: { serviceId: ids.serviceId },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'redirected') },
  },
  'POST /api/requests/{requestId}/decline': {
    kind: 'role',
    allowed: ['admin', 'caseManager'],
    request: (ids, actor) => ({
      url: `/api/requests/${ids.toDecline[actor]}/decline`,
      body: { reason: 'Hors du territoire du réseau' },
    }),
    expect: { status: 200, body: (body) => assert.equal(body.state, 'declined') },
  },
  // Case conferences (decision 031): those who take part (caseManager organises; member,
  // socialMember and outsider take part); each person of the agenda goes through the guard.
  'GET /api/conferences/{appointmentId}': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids) => ({ url: `/api/conferences/${ids.decidedConferenceId}` }),
    expect: {
      status: 200,
      body: (body, _ids, actor) =>
        assert.equal(
          (body.items as { visible: boolean }[])[0]?.visible,
          actor !== 'outsider',
          actor,
        ),
    },
  },
  // the picker: the organiser's persons, each through the guard (outsider sees none of them)
  'GET /api/conferences/{appointmentId}/candidates': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids) => ({ url: `/api/conferences/${ids.decidedConferenceId}/candidates?q=test` }),
    expect: {
      status: 200,
      body: (body, _ids, actor) =>
        assert.equal((body.items as unknown[]).length > 0, actor !== 'outsider', actor),
    },
  },
  'POST /api/conferences/{appointmentId}/items': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids, actor) => ({
      url: `/api/conferences/${ids.conferenceId}/items`,
      body: { personId: ids.conferencePersons[actor] },
    }),
    // outsider may not see the person they try to add: 404, as for a missing one
    expect: {
      status: (actor) => (actor === 'outsider' ? 404 : 201),
      body: (body, ids, actor) => {
        const item = (body.items as { id: string; personId: string | null }[]).find(
          (i) => i.personId === ids.conferencePersons[actor],
        );
        assert.ok(item);
        ids.conferenceItems[actor] = item.id;
      },
    },
  },
  'DELETE /api/conferences/{appointmentId}/items/{itemId}': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids, actor) => ({
      url: `/api/conferences/${ids.conferenceId}/items/${ids.conferenceItems[actor] ?? fresh()}`,
    }),
    expect: { status: (actor) => (actor === 'outsider' ? 404 : 200) },
  },
  'PUT /api/conferences/{appointmentId}/order': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids) => ({
      url: `/api/conferences/${ids.decidedConferenceId}/order`,
      body: { itemIds: [ids.decidedItemId] },
    }),
    expect: { status: 200 },
  },
  'PUT /api/conferences/{appointmentId}/participants/{memberId}/attendance': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids) => ({
      url: `/api/conferences/${ids.decidedConferenceId}/participants/${ids.caseManagerMemberId}/attendance`,
      body: { attendance: 'present' },
    }),
    expect: { status: 200 },
  },
  // the decision is the person's social data: outsider, not in the team, is refused by the guard
  'PUT /api/conferences/{appointmentId}/items/{itemId}/decision': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids, actor) => ({
      url: `/api/conferences/${ids.decidedConferenceId}/items/${ids.decidedItemId}/decision`,
      body: { decision: `Décision notée par ${actor}` },
    }),
    expect: { status: (actor) => (actor === 'outsider' ? 404 : 200) },
  },
  // the first writer carries it into the plan; it is final then (409)
  'POST /api/conferences/{appointmentId}/items/{itemId}/write-back': {
    kind: 'role',
    allowed: CONFERRING,
    request: (ids) => ({
      url: `/api/conferences/${ids.decidedConferenceId}/items/${ids.decidedItemId}/write-back`,
      body: {},
    }),
    expect: {
      status: (actor) => (actor === 'outsider' ? 404 : actor === 'caseManager' ? 200 : 409),
    },
  },
  // The private calendar feed (decision 031): the token in the address is the credential.
  'GET /ical/{file}': { kind: 'public' },
  'GET /api/account/calendar-feed': {
    kind: 'role',
    allowed: MEMBER_ACCOUNTS,
    request: () => ({ url: '/api/account/calendar-feed' }),
    expect: { status: 200, body: (body) => assert.equal(typeof body.active, 'boolean') },
  },
  'POST /api/account/calendar-feed': {
    kind: 'role',
    allowed: MEMBER_ACCOUNTS,
    request: () => ({ url: '/api/account/calendar-feed' }),
    expect: {
      status: 201,
      body: (body) => assert.match(String(body.url), /\/ical\/[\w-]{43}\.ics$/),
    },
  },
  'DELETE /api/account/calendar-feed': {
    kind: 'role',
    allowed: MEMBER_ACCOUNTS,
    request: () => ({ url: '/api/account/calendar-feed' }),
    expect: { status: 204 },
  },
  'GET /api/reminders/preferences': {
    kind: 'role',
    allowed: MEMBER_ACCOUNTS,
    request: () => ({ url: '/api/reminders/preferences' }),
    expect: { status: 200, body: (body) => assert.deepEqual(body.leadMinutes, [60]) },
  },
  'PUT /api/reminders/preferences': {
    kind: 'role',
    allowed: MEMBER_ACCOUNTS,
    request: () => ({ url: '/api/reminders/preferences', body: { leadMinutes: [60] } }),
    expect: { status: 200, body: (body) => assert.deepEqual(body.leadMinutes, [60]) },
  },
};

describe('access matrix', () => {
  let t: TTestApp;
  const agents = {} as Record<TActorKey, TAgent>;
  const userIds = {} as Record<TActorKey, string>;
  let ids: TIds;
  let routes: string[] = [];

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const role: Record<
      TActorKey,
      'admin' | 'coordinator' | 'professional' | 'social' | 'steering' | 'patient'
    > = {
      admin: 'admin',
      caseManager: 'coordinator',
      member: 'professional',
      socialMember: 'social',
      former: 'professional',
      outsider: 'professional',
      objected: 'professional',
      breakGlass: 'professional',
      steering: 'steering',
      patientSelf: 'patient',
      otherPatient: 'patient',
    };
    const users = {} as Record<TActorKey, Awaited<ReturnType<typeof buildUser>>>;
    for (const key of ACTORS.filter((k) => role[k] !== 'patient'))
      users[key] = await buildUser(db, { role: role[key] });
    const person = await buildPerson(db, {
      caseManagerId: users.caseManager.memberId,
      team: [
        { memberId: users.member.memberId! },
        { memberId: users.socialMember.memberId! },
        { memberId: users.former.memberId!, ended: true },
        { memberId: users.objected.memberId! },
      ],
    });
    const other = await buildPerson(db);
    await db.insert(pathways).values({ personId: person.id });
    users.patientSelf = await buildUser(db, { role: 'patient', personId: person.id });
    users.otherPatient = await buildUser(db, { role: 'patient', personId: other.id });
    for (const key of ACTORS) {
      agents[key] = await loginAs(t.app, users[key].email, TEST_PASSWORD);
      userIds[key] = users[key].id;
    }
    await agents.caseManager.request('POST', `/api/persons/${person.id}/objections`, {
      memberId: users.objected.memberId,
    });
    await db.insert(breakGlassGrants).values({
      userId: users.breakGlass.id,
      personId: person.id,
      reason: 'Urgence simulée',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const firstPlan = await agents.caseManager.request('PUT', `/api/persons/${person.id}/plan`, {
      baseVersion: 0,
      content: { situation: 'Premier plan' },
    });
    assert.equal(firstPlan.statusCode, 200, firstPlan.body);
    const organisationId = (await buildOrganisation(db)).id;
    const candidates = {} as Record<TActorKey, string>;
    for (const key of ACTORS) candidates[key] = (await buildMember(db)).id;
    const duplicates = {} as Record<TActorKey, string>;
    for (const key of ACTORS) duplicates[key] = (await buildPerson(db)).id;
    const draftOf = async (instrumentId: string) =>
      (
        await db
          .insert(assessments)
          .values({
            personId: person.id,
            instrumentId,
            instrumentVersion: 1,
            state: 'draft',
            startedBy: users.caseManager.id,
          })
          .returning()
      )[0]!.id;
    const notificationIds = {} as Record<TActorKey, string>;
    for (const key of ACTORS) {
      const [row] = await db
        .insert(notifications)
        .values({ userId: users[key].id, kind: 'care_team.joined', link: '/' })
        .returning();
      notificationIds[key] = row!.id;
    }
    const alertIds = {} as Record<TActorKey, string>;
    for (const key of ACTORS) {
      const [row] = await db
        .insert(alerts)
        .values({
          personId: person.id,
          kind: 'discharge_follow_up',
          ownerUserId: users.caseManager.id,
          sourceTable: 'hospital_stays',
          sourceId: randomUUID(),
          episode: key,
          raisedAt: new Date(),
          dueAt: new Date(Date.now() + 48 * 3_600_000),
          data: {},
        })
        .returning();
      alertIds[key] = row!.id;
    }
    const [named] = await db.select().from(personTable).where(eq(personTable.id, person.id));
    // Former and objected were in the conversation before leaving the team / the objection.
    const [conversation] = await db
      .insert(conversations)
      .values({
        kind: 'group',
        title: 'Équipe',
        personId: person.id,
        createdBy: users.caseManager.id,
      })
      .returning();
    await db.insert(conversationParticipants).values(
      (['caseManager', 'member', 'socialMember', 'former', 'objected'] as const).map((key) => ({
        conversationId: conversation!.id,
        userId: users[key].id,
      })),
    );
    const absenceIds = {} as Record<TActorKey, string>;
    const directoryMemberId = (await buildDirectoryMember(db)).id;
    for (const key of ACTORS) {
      const [row] = await db
        .insert(absences)
        .values({
          memberId: directoryMemberId,
          startsAt: new Date('2030-02-01T08:00:00Z'),
          endsAt: new Date('2030-02-01T12:00:00Z'),
          kind: 'leave',
        })
        .returning();
      absenceIds[key] = row!.id;
    }
    ids = {
      personLastName: named!.lastName,
      personBirthDate: named!.birthDate!,
      notificationIds,
      multiDraftId: await draftOf('multidimensional'),
      aggirDraftId: await draftOf('aggir'),
      planVersion: 1,
      conversationId: conversation!.id,
      logbookEntryId: '',
      logbookAttachmentId: '',
      messageAttachmentId: '',
      referralAttachmentId: '',
      referralId: '',
      referralRecipientId: '',
      referralsToFollow: {} as TIds['referralsToFollow'],
      stayId: '',
      alertIds,
      absenceIds,
      appointmentId: '',
      appointmentVersion: 1,
      seriesOccurrences: {} as TIds['seriesOccurrences'],
      conferenceId: '',
      conferencePersons: {} as Record<TActorKey, string>,
      conferenceItems: {},
      decidedConferenceId: '',
      decidedItemId: '',
      caseManagerMemberId: '',
      icsAppointmentId: '',
      candidates,
      duplicates,
      personVersion: 1,
      pathwayVersion: 1,
      userIds,
      personId: person.id,
      otherPersonId: other.id,
      memberId: directoryMemberId,
      organisationId,
      serviceId: (await buildService(db, organisationId)).id,
      token: 'x'.repeat(43),
      // with a second factor, so that resetting it is a real change (else 409)
      spareUserId: (await buildUser(db, { role: 'professional', totpSecret: 'JBSWY3DPEHPK3PXP' }))
        .id,
      invitationMailId: '',
      supportRequestId: '',
      toAccept: {} as Record<TActorKey, string>,
      toRedirect: {} as Record<TActorKey, string>,
      toDecline: {} as Record<TActorKey, string>,
      assessorMemberId: users.caseManager.memberId!,
      mailId: (
        await db
          .insert(outbox)
          .values({ toAddress: 'a@test.fr', subject: 'Essai', body: 'x', error: 'refused' })
          .returning()
      )[0]!.id,
    };
    const invited = await agents.admin.request('POST', '/api/admin/invitations', {
      email: `${randomUUID()}@test.fr`,
      displayName: 'Invitée à remettre',
      role: 'professional',
    });
    ids.invitationMailId = (
      await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(eq(outbox.invitationId, invited.json<{ id: string }>().id))
    )[0]!.id;
    const filed = await agents.member.request('POST', '/api/requests', {
      personId: person.id,
      source: 'community_professional',
      difficulties: ['autonomy'],
      urgency: 'week',
      consent: { how: 'written', obtainedOn: '2026-01-05' },
    });
    ids.supportRequestId = filed.json<{ id: string }>().id;
    const logbookEntry = await agents.caseManager.request(
      'POST',
      `/api/persons/${person.id}/logbook`,
      {
        category: 'social',
        text: 'Courrier de la CARSAT joint.',
        attachments: [
          {
            name: 'courrier.pdf',
            contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
          },
        ],
      },
    );
    assert.equal(logbookEntry.statusCode, 201, logbookEntry.body);
    ids.logbookEntryId = logbookEntry.json<{ id: string }>().id;
    ids.logbookAttachmentId = (
      await db
        .select({ id: attachments.id })
        .from(attachments)
        .where(eq(attachments.ownerId, ids.logbookEntryId))
    )[0]!.id;
    const withFile = await agents.caseManager.request(
      'POST',
      `/api/conversations/${ids.conversationId}/messages`,
      {
        body: 'Compte rendu joint.',
        attachments: [
          {
            name: 'compte-rendu.pdf',
            contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
          },
        ],
      },
    );
    assert.equal(withFile.statusCode, 201, withFile.body);
    ids.messageAttachmentId = withFile.json<{ attachments: { id: string }[] }>().attachments[0]!.id;
    const recipientOrganisation = (await buildOrganisation(db)).id;
    const recipientService = (await buildService(db, recipientOrganisation)).id;
    await db
      .insert(memberOrganisations)
      .values({ memberId: users.outsider.memberId!, organisationId: recipientOrganisation });
    const refer = async () => {
      const sent = await agents.caseManager.request('POST', `/api/persons/${person.id}/referrals`, {
        reason: 'Soins infirmiers après la sortie',
        urgency: 'within_7d',
        recipients: [{ serviceId: recipientService }],
        attachments: [
          {
            name: 'ordonnance.pdf',
            contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
          },
        ],
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const view = sent.json<{
        id: string;
        recipients: { id: string }[];
        attachments: { id: string }[];
      }>();
      return {
        referralId: view.id,
        recipientId: view.recipients[0]!.id,
        attachmentId: view.attachments[0]!.id,
      };
    };
    const shared = await refer();
    ids.referralId = shared.referralId;
    ids.referralAttachmentId = shared.attachmentId;
    ids.referralRecipientId = shared.recipientId;
    ids.referralsToFollow = {} as TIds['referralsToFollow'];
    for (const key of ACTORS) {
      ids.referralsToFollow[key] = await refer();
      await db
        .update(referralRecipients)
        .set({ state: 'info_requested', infoQuestion: 'Quel étage ?', infoRequestedAt: new Date() })
        .where(eq(referralRecipients.id, ids.referralsToFollow[key].recipientId));
    }
    for (const key of ACTORS) {
      ids.toAccept[key] = (await buildSupportRequest(db)).id;
      ids.toRedirect[key] = (await buildSupportRequest(db)).id;
      ids.toDecline[key] = (await buildSupportRequest(db)).id;
    }
    const planned = await agents.caseManager.request('POST', '/api/agenda/appointments', {
      kind: 'home_visit',
      place: 'home',
      personId: person.id,
      participantIds: [users.caseManager.memberId, users.member.memberId],
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86_400_000 + 3_600_000).toISOString(),
    });
    assert.equal(planned.statusCode, 201, planned.body);
    ids.appointmentId = planned.json<{ appointment: { id: string } }>().appointment.id;
    for (const [index, key] of ACTORS.entries()) {
      const start = new Date(Date.now() + (50 + index * 3) * 86_400_000);
      const series = await agents.caseManager.request('POST', '/api/agenda/appointments', {
        kind: 'home_visit',
        place: 'home',
        personId: person.id,
        participantIds: [users.caseManager.memberId],
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 1_800_000).toISOString(),
        recurrence: { rrule: 'FREQ=DAILY;COUNT=2' },
      });
      assert.equal(series.statusCode, 201, series.body);
      const seriesId = series.json<{ appointment: { seriesId: string } }>().appointment.seriesId;
      const rows = await db
        .select({ id: appointments.id })
        .from(appointments)
        .where(eq(appointments.seriesId, seriesId))
        .orderBy(asc(appointments.occurrenceStart));
      ids.seriesOccurrences[key] = [rows[0]!.id, rows[1]!.id];
    }
    const start = new Date(Date.now() + 7 * 86_400_000);
    const conference = async () =>
      (
        await insertAppointment(
          db,
          {
            kind: 'case_conference',
            place: 'remote',
            startsAt: start,
            endsAt: new Date(start.getTime() + 3_600_000),
            organiserMemberId: users.caseManager.memberId,
          },
          (['caseManager', 'member', 'socialMember', 'outsider'] as const).map(
            (key) => users[key].memberId!,
          ),
        )
      ).id;
    const conferenceTeam = () =>
      buildPerson(db, {
        caseManagerId: users.caseManager.memberId,
        team: [{ memberId: users.member.memberId! }, { memberId: users.socialMember.memberId! }],
      });
    ids.conferenceId = await conference();
    ids.conferencePersons = {} as Record<TActorKey, string>;
    for (const key of ACTORS) ids.conferencePersons[key] = (await conferenceTeam()).id;
    ids.conferenceItems = {};
    ids.decidedConferenceId = await conference();
    ids.caseManagerMemberId = users.caseManager.memberId!;
    const listed = await agents.caseManager.request(
      'POST',
      `/api/conferences/${ids.decidedConferenceId}/items`,
      { personId: (await conferenceTeam()).id },
    );
    assert.equal(listed.statusCode, 201, listed.body);
    ids.decidedItemId = listed.json<{ items: { id: string }[] }>().items[0]!.id;
    ids.icsAppointmentId = (
      await insertAppointment(
        db,
        {
          personId: person.id,
          kind: 'home_visit',
          place: 'home',
          startsAt: start,
          endsAt: new Date(start.getTime() + 1_800_000),
        },
        [users.caseManager.memberId!],
      )
    ).id;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, object>;
    }>();
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  after(() => t.close());

  it('has an entry for every route of the API', () => {
    const missing = routes.filter((route) => !(route in MATRIX));
    assert.deepEqual(missing, [], 'add these routes to MATRIX with who may use them');
    assert.deepEqual(
      Object.keys(MATRIX).filter((route) => !routes.includes(route)),
      [],
      'MATRIX lists routes that no longer exist',
    );
    const kinds = Object.values(MATRIX).map((entry) => entry.kind);
    const count = (kind: TEntry['kind']) => kinds.filter((k) => k === kind).length;
    process.stdout.write(
      `access matrix: ${String(routes.length)} routes: ${String(count('public'))} public, ${String(count('self'))} own-account, ${String(count('role'))} role-limited × ${String(ACTORS.length)} actors, ${String(count('person'))} patient-data × ${String(ACTORS.length)} actors\n`,
    );
  });

  it("acts on own-account routes for the session's own account only, never another user's", async () => {
    const db = t.database.db;
    const victim = await buildUser(db, { role: 'coordinator' });
    const actor = await buildUser(db, { role: 'professional' });
    const victimAgent = await loginAs(t.app, victim.email, TEST_PASSWORD);
    const agent = await loginAs(t.app, actor.email, TEST_PASSWORD);
    const rowOf = async (id: string) =>
      JSON.stringify((await db.select().from(userTable).where(eq(userTable.id, id)))[0]);
    const victimBefore = await rowOf(victim.id);
    const actorBefore = await rowOf(actor.id);
    const tried = new Set<string>();
    const call = async (route: string, body?: unknown) => {
      tried.add(route);
      const [method, url] = route.split(' ') as [string, string];
      return agent.request(method, url, body);
    };
    const status = async (route: string, body?: unknown) => (await call(route, body)).statusCode;

    const session = await call('GET /api/auth/session');
    assert.equal(session.statusCode, 200);
    assert.equal(session.json<{ user: { id: string } }>().user.id, actor.id);
    // Not waiting for a second factor: refused, and the session stays as it was.
    assert.equal(await status('POST /api/auth/totp', { code: '123456' }), 401);
    const renamed = await call('PATCH /api/account', { displayName: 'Nom changé' });
    assert.equal(renamed.statusCode, 200);
    assert.equal(renamed.json<{ user: { id: string } }>().user.id, actor.id);
    const setup = await call('POST /api/account/totp/setup', { password: TEST_PASSWORD });
    assert.equal(setup.statusCode, 200);
    assert.ok(setup.json<{ secret: string }>().secret);
    assert.equal(await status('POST /api/account/totp/enable', { code: '000000' }), 422);
    // No second factor enabled yet: turning it off is a no-op.
    assert.equal(await status('POST /api/account/totp/disable', { password: TEST_PASSWORD }), 204);
    assert.equal(
      await status('POST /api/account/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'another correct horse battery',
      }),
      204,
    );
    assert.notEqual(await rowOf(actor.id), actorBefore, 'the session user changed');
    // The live stream opens for the session's own user (read until it says it is ready).
    tried.add('GET /api/notifications/stream');
    const stream = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/stream',
      headers: { cookie: agent.cookie },
      payloadAsStream: true,
    });
    assert.equal(stream.statusCode, 200);
    let received = '';
    for await (const chunk of stream.stream()) {
      received += String(chunk);
      if (received.includes('event: ready')) break;
    }
    assert.equal(await status('POST /api/auth/logout'), 204);
    assert.equal((await agent.request('GET', '/api/auth/session')).statusCode, 401);

    assert.equal(await rowOf(victim.id), victimBefore, "another user's account is untouched");
    assert.equal((await victimAgent.request('GET', '/api/auth/session')).statusCode, 200);
    assert.deepEqual(
      Object.entries(MATRIX)
        .filter(([route, e]) => e.kind === 'self' && !tried.has(route))
        .map(([route]) => route),
      [],
      'every own-account route is tried',
    );
  });

  it('refuses every non-public route without a session', async () => {
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.kind === 'public') continue;
      const [method, path] = route.split(' ') as [string, string];
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'kind' ? 'members' : fresh(),
      );
      const response = await t.app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' ? {} : { payload: {} }),
      });
      assert.equal(
        response.statusCode,
        401,
        `${route} without a session answered ${response.statusCode}`,
      );
    }
  });

  /** An allowed request answers the expected status with the expected body. */
  const assertAnswered = (
    route: string,
    actor: TActorKey,
    expect: TExpect,
    response: Awaited<ReturnType<TAgent['request']>>,
  ) => {
    const status = typeof expect.status === 'function' ? expect.status(actor) : expect.status;
    assert.equal(
      response.statusCode,
      status,
      `${actor} ${route}: ${String(response.statusCode)} ${response.body.slice(0, 300)}`,
    );
    if (expect.body && status < 300) {
      try {
        expect.body(response.json(), ids, actor);
      } catch (error) {
        throw new Error(`${actor} ${route}: unexpected body ${response.body.slice(0, 300)}`, {
          cause: error,
        });
      }
    }
  };

  it('gives every role exactly the routes it is allowed, with the expected answer, and nothing else', async () => {
    let checked = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.kind !== 'role') continue;
      const method = route.split(' ')[0]!;
      for (const actor of ACTORS) {
        const { url, body } = entry.request(ids, actor);
        const response = await agents[actor].request(method, url, body);
        if (entry.allowed.includes(actor)) {
          assertAnswered(route, actor, entry.expect, response);
        } else {
          assert.ok(
            [403, 404].includes(response.statusCode),
            `${actor} ${route} should be refused, got ${String(response.statusCode)}`,
          );
        }
        checked++;
      }
    }
    process.stdout.write(`access matrix: ${String(checked)} role checks\n`);
    assert.equal(
      checked,
      Object.values(MATRIX).filter((e) => e.kind === 'role').length * ACTORS.length,
    );
  });

  it('decides every patient-data request per relation, answers 404 when the person is not visible, and audits each decision', async () => {
    let checked = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.kind !== 'person') continue;
      const method = route.split(' ')[0]!;
      for (const actor of ACTORS) {
        const { url, body } = entry.request(ids, actor);
        const response = await agents[actor].request(method, url, body);
        const requestId = String(response.headers['x-request-id']);
        const [row] = await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.requestId, requestId), eq(auditLog.action, entry.audit)));
        const allowed = entry.allowed.includes(actor);
        assert.ok(row, `${actor} ${route}: no audit row for the decision`);
        assert.equal(
          row.outcome,
          allowed ? 'allowed' : 'denied',
          `${actor} ${route}: audited ${row.outcome}`,
        );
        assert.equal(row.actorUserId, userIds[actor]);
        if (!allowed) {
          const sees = [...SEES_PERSON, ...(entry.sees ?? [])];
          const expected: number = sees.includes(actor) && method !== 'GET' ? 403 : 404;
          assert.equal(
            response.statusCode,
            expected,
            `${actor} ${route}: refused with ${response.statusCode}`,
          );
        } else {
          assertAnswered(route, actor, entry.expect, response);
        }
        if (actor === 'breakGlass' && allowed)
          assert.equal(row.breakGlass, 'Urgence simulée', 'break-the-glass access is flagged');
        checked++;
      }
    }
    const personRoutes = Object.values(MATRIX).filter((e) => e.kind === 'person').length;
    process.stdout.write(
      `access matrix: ${String(checked)} patient-data decisions, each audited\n`,
    );
    assert.equal(checked, personRoutes * ACTORS.length);
    assert.ok(personRoutes >= 8);
  });
});
