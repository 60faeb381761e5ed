/**
 * The access matrix: every route of the OpenAPI document × every kind of user × every relation to a
 * followed person. A route missing from MATRIX fails the test, so a new route cannot ship without
 * saying who may use it. For patient data the audit row of each request must record the decision.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  assessments,
  auditLog,
  breakGlassGrants,
  notifications,
  outbox,
  persons as personTable,
  pathways,
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
  status: number;
  body?: (body: Record<string, unknown>, ids: TIds, actor: TActorKey) => void;
};

type TEntry =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'role'; allowed: TActorKey[]; request: TRequest; expect: TExpect }
  | { kind: 'person'; audit: string; allowed: TActorKey[]; request: TRequest; expect: TExpect };

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
const fresh = () => `00000000-0000-4000-8000-${randomUUID().slice(-12)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MATRIX: Record<string, TEntry> = {
  'GET /api/health': { kind: 'public' },
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
  // The emergency liaison sheet (decision 020): the plan's readers; medical items a second decision.
  'GET /api/persons/{personId}/emergency-sheet.pdf': {
    kind: 'person',
    audit: 'person.emergency_sheet',
    allowed: ASSESSMENT_READERS,
    request: (ids) => ({ url: `/api/persons/${ids.personId}/emergency-sheet.pdf` }),
    expect: { status: 200 },
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
  // Each user reads and marks their own notifications (someone else's: 404, tested beside).
  'GET /api/notifications': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/notifications' }),
    expect: { status: 200, body: (body) => assert.equal(itemsOf(body).length, 1) },
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
    expect: { status: 200, body: (body) => assert.equal((body.families as []).length, 6) },
  },
  'PUT /api/notifications/preferences': {
    kind: 'role',
    allowed: ALL,
    request: () => ({
      url: '/api/notifications/preferences',
      body: { families: [{ family: 'messages', inApp: true, emailNow: false, digest: false }] },
    }),
    expect: { status: 200, body: (body) => assert.equal((body.families as []).length, 6) },
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
    const [named] = await db.select().from(personTable).where(eq(personTable.id, person.id));
    ids = {
      personLastName: named!.lastName,
      personBirthDate: named!.birthDate!,
      notificationIds,
      multiDraftId: await draftOf('multidimensional'),
      aggirDraftId: await draftOf('aggir'),
      planVersion: 1,
      candidates,
      duplicates,
      personVersion: 1,
      pathwayVersion: 1,
      userIds,
      personId: person.id,
      otherPersonId: other.id,
      memberId: (await buildDirectoryMember(db)).id,
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
    for (const key of ACTORS) {
      ids.toAccept[key] = (await buildSupportRequest(db)).id;
      ids.toRedirect[key] = (await buildSupportRequest(db)).id;
      ids.toDecline[key] = (await buildSupportRequest(db)).id;
    }
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
    assert.equal(
      response.statusCode,
      expect.status,
      `${actor} ${route}: ${String(response.statusCode)} ${response.body.slice(0, 300)}`,
    );
    if (expect.body) {
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
          const expected: number = SEES_PERSON.includes(actor) && method !== 'GET' ? 403 : 404;
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
