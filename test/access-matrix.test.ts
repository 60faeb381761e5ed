/**
 * The access matrix: every route of the OpenAPI document × every kind of user × every relation to a
 * followed person. A route missing from MATRIX fails the test, so a new route cannot ship without
 * saying who may use it. For patient data the audit row of each request must record the decision.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog, breakGlassGrants, outbox } from '../src/db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from './helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';

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
  personId: string;
  otherPersonId: string;
  memberId: string;
  organisationId: string;
  serviceId: string;
  token: string;
  mailId: string;
  invitationMailId: string;
  spareUserId: string;
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

type TEntry =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'role'; allowed: TActorKey[]; request: (ids: TIds) => { url: string; body?: unknown } }
  | {
      kind: 'person';
      audit: string;
      allowed: TActorKey[];
      request: (ids: TIds) => { url: string; body?: unknown };
    };

const ALL: TActorKey[] = [...ACTORS];
const fresh = () => `00000000-0000-4000-8000-${randomUUID().slice(-12)}`;

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
  'GET /api/admin/users': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/users' }),
  },
  'POST /api/admin/invitations': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/admin/invitations',
      body: { email: `${randomUUID()}@test.fr`, displayName: 'Invitée', role: 'professional' },
    }),
  },
  'GET /api/admin/outbox': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/outbox' }),
  },
  // on a spare account, never one of the actors (disabling an actor would end their session)
  'POST /api/admin/users/{userId}/disable': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/disable` }),
  },
  'POST /api/admin/users/{userId}/enable': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/enable` }),
  },
  'POST /api/admin/users/{userId}/password-reset': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/password-reset` }),
  },
  'POST /api/admin/users/{userId}/second-factor/reset': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/users/${ids.spareUserId}/second-factor/reset` }),
  },
  'POST /api/admin/outbox/{mailId}/retry': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/outbox/${ids.mailId}/retry` }),
  },
  'POST /api/admin/outbox/{mailId}/link': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/admin/outbox/${ids.invitationMailId}/link` }),
  },
  'GET /api/admin/audit-check': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/audit-check' }),
  },
  'POST /api/admin/audit-check': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/audit-check' }),
  },
  'GET /api/admin/settings': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/settings' }),
  },
  'PUT /api/admin/settings': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/admin/settings', body: { mfaRequiredRoles: [] } }),
  },
  'GET /api/persons': { kind: 'role', allowed: ALL, request: () => ({ url: '/api/persons' }) },
  'GET /api/persons/{personId}': {
    kind: 'person',
    audit: 'person.read',
    allowed: SEES_PERSON,
    request: (ids) => ({ url: `/api/persons/${ids.personId}` }),
  },
  'GET /api/persons/{personId}/audit': {
    kind: 'person',
    audit: 'person.audit_read',
    allowed: ['admin', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/audit` }),
  },
  'POST /api/persons/{personId}/care-team': {
    kind: 'person',
    audit: 'care_team.add',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/care-team`,
      body: { memberId: ids.memberId },
    }),
  },
  'DELETE /api/persons/{personId}/care-team/{memberId}': {
    kind: 'person',
    audit: 'care_team.remove',
    allowed: ['admin', 'caseManager'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/care-team/${fresh()}` }),
  },
  'POST /api/persons/{personId}/objections': {
    kind: 'person',
    audit: 'consent.object',
    allowed: ['admin', 'caseManager', 'patientSelf'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/objections`,
      body: { memberId: fresh() },
    }),
  },
  'DELETE /api/persons/{personId}/objections/{memberId}': {
    kind: 'person',
    audit: 'consent.withdraw_objection',
    allowed: ['admin', 'caseManager', 'patientSelf'],
    request: (ids) => ({ url: `/api/persons/${ids.personId}/objections/${fresh()}` }),
  },
  'POST /api/persons/{personId}/account-invitation': {
    kind: 'person',
    audit: 'person.account_invite',
    allowed: ['caseManager'],
    request: (ids) => ({
      url: `/api/persons/${ids.personId}/account-invitation`,
      body: { email: `${randomUUID()}@famille.fr`, displayName: 'Aidant' },
    }),
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
  },
  'GET /api/directory/search': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/directory/search?q=test' }),
  },
  'GET /api/directory/vocabulary': {
    kind: 'role',
    allowed: ALL,
    request: () => ({ url: '/api/directory/vocabulary' }),
  },
  'GET /api/directory/members/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}` }),
  },
  'GET /api/directory/organisations/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}` }),
  },
  'GET /api/directory/services/{id}': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}` }),
  },
  'GET /api/directory/members/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}/history` }),
  },
  'GET /api/directory/organisations/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}/history` }),
  },
  'GET /api/directory/services/{id}/history': {
    kind: 'role',
    allowed: ALL,
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}/history` }),
  },
  'POST /api/directory/members': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/members',
      body: { firstName: 'Matrice', lastName: 'Test', profession: 'nurse' },
    }),
  },
  'POST /api/directory/organisations': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/organisations',
      body: { name: `Structure ${randomUUID()}`, type: 'msp' },
    }),
  },
  'POST /api/directory/services': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: '/api/directory/services',
      body: { organisationId: ids.organisationId, name: 'Service matrice' },
    }),
  },
  'PATCH /api/directory/members/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/members/${ids.memberId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
  },
  'PATCH /api/directory/organisations/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/organisations/${ids.organisationId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
  },
  'PATCH /api/directory/services/{id}': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({
      url: `/api/directory/services/${ids.serviceId}`,
      body: { version: 1, goodToKnow: 'x' },
    }),
  },
  'POST /api/directory/members/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/members/${ids.memberId}/verify` }),
  },
  'POST /api/directory/organisations/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/organisations/${ids.organisationId}/verify` }),
  },
  'POST /api/directory/services/{id}/verify': {
    kind: 'role',
    allowed: ['admin'],
    request: (ids) => ({ url: `/api/directory/services/${ids.serviceId}/verify` }),
  },
  'POST /api/directory/import/{kind}': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({
      url: '/api/directory/import/organisations',
      body: { csv: 'name,type\nMatrice,msp\n', dryRun: true },
    }),
  },
  'GET /api/directory/export/{kind}.csv': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/directory/export/members.csv' }),
  },
  'GET /api/directory/export/hsds.json': {
    kind: 'role',
    allowed: ['admin'],
    request: () => ({ url: '/api/directory/export/hsds.json' }),
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
    const organisationId = (await buildOrganisation(db)).id;
    ids = {
      personId: person.id,
      otherPersonId: other.id,
      memberId: (await buildDirectoryMember(db)).id,
      organisationId,
      serviceId: (await buildService(db, organisationId)).id,
      token: 'x'.repeat(43),
      spareUserId: (await buildUser(db, { role: 'professional' })).id,
      invitationMailId: '',
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

  it('gives every role exactly the routes it is allowed, and nothing else', async () => {
    let checked = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.kind !== 'role') continue;
      const method = route.split(' ')[0]!;
      for (const actor of ACTORS) {
        const { url, body } = entry.request(ids);
        const response = await agents[actor].request(method, url, body);
        const allowed = entry.allowed.includes(actor);
        if (allowed) {
          // Allowed means the role passes the access checks; the request itself may still be refused
          // for its content (a stale version: 409), never for who asks.
          assert.ok(
            ![401, 403, 404].includes(response.statusCode),
            `${actor} ${route}: ${response.statusCode} ${response.body}`,
          );
        } else {
          assert.ok(
            [403, 404].includes(response.statusCode),
            `${actor} ${route} should be refused, got ${response.statusCode}`,
          );
        }
        checked++;
      }
    }
    assert.ok(checked > 200);
  });

  it('decides every patient-data request per relation, answers 404 when the person is not visible, and audits each decision', async () => {
    let checked = 0;
    for (const [route, entry] of Object.entries(MATRIX)) {
      if (entry.kind !== 'person') continue;
      const method = route.split(' ')[0]!;
      for (const actor of ACTORS) {
        const { url, body } = entry.request(ids);
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
          assert.ok(
            response.statusCode < 500 && ![401, 403].includes(response.statusCode),
            `${actor} ${route}: ${response.statusCode}`,
          );
        }
        if (actor === 'breakGlass' && allowed)
          assert.equal(row.breakGlass, 'Urgence simulée', 'break-the-glass access is flagged');
        checked++;
      }
    }
    const personRoutes = Object.values(MATRIX).filter((entry) => entry.kind === 'person');
    assert.equal(checked, personRoutes.length * ACTORS.length);
    assert.ok(personRoutes.length >= 8);
  });
});
