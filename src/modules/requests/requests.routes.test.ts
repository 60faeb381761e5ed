import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq, inArray } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  outbox,
  pathwayEvents,
  pathways,
  persons,
  referrals,
  supportRequests,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation, buildService } from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import {
  buildSupportRequest,
  newPersonRequestBody,
  solveChallenge,
} from '../../../test/helpers/request-factories.js';
import { issueChallenge } from './human-check.js';

type TFields = {
  error: {
    code: string;
    message: string;
    details?: { fields?: { field: string; message: string }[] };
  };
};

describe('requests for support', () => {
  let t: TTestApp;
  let gp: TAgent;
  let otherGp: TAgent;
  let coordinator: TAgent;
  let admin: TAgent;
  let patient: TAgent;
  let steering: TAgent;
  let assessor: Awaited<ReturnType<typeof buildUser>>;
  let gpUser: Awaited<ReturnType<typeof buildUser>>;
  let followed: Awaited<ReturnType<typeof buildPerson>>;
  let serviceId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    gpUser = await buildUser(db, { role: 'professional' });
    const otherGpUser = await buildUser(db, { role: 'professional' });
    const coordinatorUser = await buildUser(db, { role: 'coordinator' });
    const adminUser = await buildUser(db, { role: 'admin' });
    const steeringUser = await buildUser(db, { role: 'steering' });
    assessor = await buildUser(db, { role: 'coordinator' });
    followed = await buildPerson(db, { team: [{ memberId: gpUser.memberId! }] });
    const patientUser = await buildUser(db, { role: 'patient', personId: followed.id });
    gp = await loginAs(t.app, gpUser.email, TEST_PASSWORD);
    otherGp = await loginAs(t.app, otherGpUser.email, TEST_PASSWORD);
    coordinator = await loginAs(t.app, coordinatorUser.email, TEST_PASSWORD);
    admin = await loginAs(t.app, adminUser.email, TEST_PASSWORD);
    patient = await loginAs(t.app, patientUser.email, TEST_PASSWORD);
    steering = await loginAs(t.app, steeringUser.email, TEST_PASSWORD);
    serviceId = (
      await buildService(db, (await buildOrganisation(db)).id, { name: 'SSIAD du Valoux' })
    ).id;
  });
  after(() => t.close());

  const countRequests = async () =>
    (await t.database.db.select({ n: count() }).from(supportRequests))[0]!.n;
  const auditOf = (requestId: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
  const idOf = (response: { headers: Record<string, unknown> }) =>
    String(response.headers['x-request-id']);

  it('files a request about a new person and gives a reference; the event and the decision are recorded', async () => {
    const response = await gp.request('POST', '/api/requests', newPersonRequestBody());
    assert.equal(response.statusCode, 201, response.body);
    const filed = response.json<{ id: string; reference: string; state: string }>();
    assert.match(filed.reference, /^DA-\d{4}-\d{6}$/);
    assert.equal(filed.state, 'received');
    const audit = await auditOf(idOf(response));
    assert.deepEqual(
      audit.map((row) => [row.action, row.outcome, row.resourceId]),
      [['request.file', 'allowed', filed.id]],
    );
    const events = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(eq(pathwayEvents.sourceId, filed.id));
    assert.deepEqual(
      events.map((e) => [e.kind, e.personId, e.category]),
      [['request.filed', null, 'administrative']],
    );
  });

  it('gives each request its own reference', async () => {
    const a = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      reference: string;
    }>();
    const b = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      reference: string;
    }>();
    assert.notEqual(a.reference, b.reference);
  });

  it("refuses a request without the person's consent with a 422 naming the field, and stores nothing", async () => {
    const before = await countRequests();
    const body = newPersonRequestBody();
    delete (body as Partial<typeof body>).consent;
    const response = await gp.request('POST', '/api/requests', body);
    assert.equal(response.statusCode, 422);
    const error = response.json<TFields>().error;
    assert.deepEqual(error.details?.fields?.[0]?.field, 'consent');
    assert.match(error.message, /consentement/);
    assert.equal(await countRequests(), before);
  });

  it('answers bad data with field-level errors in French and English and stores nothing', async () => {
    const before = await countRequests();
    const body = newPersonRequestBody({
      newPerson: {
        firstName: 'x'.repeat(50_000),
        lastName: 'Ro\uD800ux',
        birthDate: '2999-01-01',
        commune: 'Xyzville-sur-Rien',
        communeInsee: '99999',
      },
    });
    // the saved locale of the user decides the language (an English-speaking GP)
    const english = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional', locale: 'en' })).email,
      TEST_PASSWORD,
    );
    for (const [language, words, agent] of [
      ['fr', /trop long.*100/, gp],
      ['en', /too long.*100/, english],
    ] as const) {
      const response = await agent.request('POST', '/api/requests', body);
      assert.equal(response.statusCode, 400);
      const fields = response.json<TFields>().error.details!.fields!;
      const byField = Object.fromEntries(fields.map((f) => [f.field, f.message]));
      assert.match(byField['newPerson.firstName']!, words);
      assert.match(byField['newPerson.lastName']!, language === 'fr' ? /illisible/ : /unreadable/);
      assert.match(byField['newPerson.birthDate']!, language === 'fr' ? /futur/ : /future/);
      assert.match(
        byField['newPerson.commune']!,
        language === 'fr' ? /commune inconnue/ : /unknown commune/,
      );
      assert.match(
        byField['newPerson.communeInsee']!,
        language === 'fr' ? /code INSEE inconnu/ : /unknown INSEE code/,
      );
    }
    const mismatch = await gp.request(
      'POST',
      '/api/requests',
      newPersonRequestBody({
        newPerson: { firstName: 'Léa', lastName: 'Test', commune: 'Lyon', communeInsee: '97411' },
      }),
    );
    assert.equal(mismatch.statusCode, 400);
    assert.deepEqual(
      mismatch.json<TFields>().error.details!.fields!.map((f) => f.field),
      ['newPerson.commune'],
    );
    assert.equal(await countRequests(), before);
  });

  it('stores the commune as the reference spells it, with its code (picked, or designated by the name alone)', async () => {
    for (const [newPerson, expected] of [
      [{ commune: 'st etienne' }, ['Saint-Étienne', '42218']],
      [{ communeInsee: '97611' }, ['Mamoudzou', '97611']],
      [{ commune: 'Saint-Denis' }, ['Saint-Denis', null]],
      [{ commune: 'saint denis', communeInsee: '97411' }, ['Saint-Denis', '97411']],
    ] as const) {
      const response = await gp.request(
        'POST',
        '/api/requests',
        newPersonRequestBody({ newPerson: { firstName: 'Léa', lastName: 'Test', ...newPerson } }),
      );
      assert.equal(response.statusCode, 201, response.body);
      const [row] = await t.database.db
        .select({ name: supportRequests.personCommune, code: supportRequests.personCommuneInsee })
        .from(supportRequests)
        .where(eq(supportRequests.id, response.json<{ id: string }>().id));
      assert.deepEqual([row!.name, row!.code], expected, JSON.stringify(newPerson));
    }
  });

  it('needs a person, one way only, and a difficulty or a description', async () => {
    const both = await gp.request(
      'POST',
      '/api/requests',
      newPersonRequestBody({ personId: followed.id }),
    );
    assert.equal(both.json<TFields>().error.details?.fields?.[0]?.field, 'personId');
    const none = newPersonRequestBody();
    delete (none as Partial<typeof none>).newPerson;
    assert.equal((await gp.request('POST', '/api/requests', none)).statusCode, 422);
    const empty = await gp.request(
      'POST',
      '/api/requests',
      newPersonRequestBody({ difficulties: [] }),
    );
    assert.equal(empty.json<TFields>().error.details?.fields?.[0]?.field, 'difficulties');
  });

  it('files about a followed person only for someone who may read them (the guard decides and audits)', async () => {
    const body = newPersonRequestBody({ personId: followed.id });
    delete (body as Partial<typeof body>).newPerson;
    const allowed = await gp.request('POST', '/api/requests', body);
    assert.equal(allowed.statusCode, 201);
    const row = (
      await t.database.db
        .select()
        .from(supportRequests)
        .where(eq(supportRequests.id, allowed.json<{ id: string }>().id))
    )[0]!;
    assert.deepEqual([row.personId, row.personLastName], [followed.id, followed.lastName]);
    const refused = await otherGp.request('POST', '/api/requests', body);
    assert.equal(refused.statusCode, 404);
    const [denied] = await auditOf(idOf(refused));
    assert.deepEqual(
      [denied!.action, denied!.outcome, denied!.personId],
      ['request.file', 'denied', followed.id],
    );
    // the person themselves asks for support
    assert.equal(
      (await patient.request('POST', '/api/requests', { ...body, source: 'person' })).statusCode,
      201,
    );
    // steering never files, a patient files for nobody else
    assert.equal(
      (await steering.request('POST', '/api/requests', newPersonRequestBody())).statusCode,
      403,
    );
    assert.equal(
      (await patient.request('POST', '/api/requests', newPersonRequestBody())).statusCode,
      403,
    );
  });

  it('shows requesters their own requests only, and never another request', async () => {
    const mine = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      id: string;
    }>();
    const theirs = (await otherGp.request('GET', '/api/requests/mine')).json<{
      items: { id: string }[];
    }>();
    assert.ok(!theirs.items.some((item) => item.id === mine.id));
    const list = await gp.request('GET', '/api/requests/mine');
    const items = list.json<{ items: { id: string; personName: string; state: string }[] }>().items;
    assert.ok(items.some((item) => item.id === mine.id && item.state === 'received'));
    const reads = await auditOf(idOf(list));
    assert.ok(reads.length >= items.length && reads.every((r) => r.action === 'request.read_own'));
    assert.equal((await gp.request('GET', `/api/requests/${mine.id}`)).statusCode, 200);
    const refused = await otherGp.request('GET', `/api/requests/${mine.id}`);
    assert.equal(refused.statusCode, 404);
    assert.equal((await auditOf(idOf(refused)))[0]?.outcome, 'denied');
    // the queue and the triage are the coordination team's
    assert.equal((await gp.request('GET', '/api/requests')).statusCode, 403);
    assert.equal(
      (
        await gp.request('POST', `/api/requests/${mine.id}/decline`, {
          reason: 'Je me refuse moi-même',
        })
      ).statusCode,
      403,
    );
  });

  it('lists the queue with the most pressing first and flags a request past its delay', async () => {
    const db = t.database.db;
    const late = await buildSupportRequest(db, {
      urgency: 'same_day',
      receivedAt: new Date(Date.now() - 2 * 86_400_000),
    });
    const fresh = await buildSupportRequest(db, { urgency: 'routine' });
    const response = await coordinator.request('GET', '/api/requests');
    assert.equal(response.statusCode, 200);
    const items = response.json<{ items: { id: string; pastDelay: boolean }[] }>().items;
    const ids = items.map((i) => i.id);
    assert.ok(ids.indexOf(late.id) < ids.indexOf(fresh.id));
    assert.equal(items.find((i) => i.id === late.id)?.pastDelay, true);
    assert.equal(items.find((i) => i.id === fresh.id)?.pastDelay, false);
    const audit = await auditOf(idOf(response));
    assert.equal(audit.length, items.length);
    assert.ok(audit.every((row) => row.action === 'request.list' && row.outcome === 'allowed'));
  });

  it('accepts: opens the pathway, puts the assessor in the care team (who can then read the person), audits and answers', async () => {
    const db = t.database.db;
    const filed = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      id: string;
      reference: string;
    }>();
    const response = await coordinator.request('POST', `/api/requests/${filed.id}/accept`, {
      assessorMemberId: assessor.memberId,
    });
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json<{
      state: string;
      person: { id: string };
      pathway: { assessor: { memberId: string } };
      firstAnswerMinutes: number;
    }>();
    assert.equal(detail.state, 'accepted');
    assert.equal(detail.pathway.assessor.memberId, assessor.memberId);
    assert.equal(typeof detail.firstAnswerMinutes, 'number');
    const personId = detail.person.id;
    const [pathway] = await db.select().from(pathways).where(eq(pathways.personId, personId));
    assert.equal(pathway?.state, 'assessing');
    const team = await db
      .select()
      .from(careTeamMembers)
      .where(eq(careTeamMembers.personId, personId));
    assert.deepEqual(
      team.map((m) => m.memberId),
      [assessor.memberId],
    );
    const audit = await auditOf(idOf(response));
    // the new person is registered through the identity module: checked for duplicates, created
    assert.deepEqual(audit.map((row) => [row.action, row.outcome]).sort(), [
      ['care_team.add', 'allowed'],
      ['person.create', 'allowed'],
      ['person.duplicate_check', 'success'],
      ['request.accept', 'allowed'],
      ['request.state_change', 'success'],
    ]);
    const kinds = (
      await db.select().from(pathwayEvents).where(eq(pathwayEvents.personId, personId))
    )
      .map((e) => e.kind)
      .sort();
    assert.deepEqual(kinds, ['care_team.assessor_added', 'pathway.opened', 'request.accepted']);
    const assessorAgent = await loginAs(t.app, assessor.email, TEST_PASSWORD);
    assert.equal((await assessorAgent.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    // the requester is not in the team: the state, not the person
    assert.equal((await gp.request('GET', `/api/persons/${personId}`)).statusCode, 404);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, gpUser.email));
    assert.match(mail!.body, new RegExp(filed.reference));
    // one answer per request: the transition table refuses a second
    const again = await coordinator.request('POST', `/api/requests/${filed.id}/decline`, {
      reason: 'Changement d’avis',
    });
    assert.equal(again.statusCode, 409);
    assert.match(again.json<TFields>().error.message, /déjà reçu sa réponse/);
    assert.equal(
      (await db.select({ n: count() }).from(persons).where(eq(persons.id, personId)))[0]!.n,
      1,
    );
  });

  it('refuses an assessor without an account, and changes nothing', async () => {
    const filed = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      id: string;
    }>();
    const response = await coordinator.request('POST', `/api/requests/${filed.id}/accept`, {
      assessorMemberId: followed.id,
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json<TFields>().error.details?.fields?.[0]?.field, 'assessorMemberId');
    const [row] = await t.database.db
      .select()
      .from(supportRequests)
      .where(eq(supportRequests.id, filed.id));
    assert.equal(row?.state, 'received');
  });

  it('redirects to a service (a referral to follow up) and declines with a reason sent to the requester', async () => {
    const db = t.database.db;
    const a = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      id: string;
    }>();
    const b = (await gp.request('POST', '/api/requests', newPersonRequestBody())).json<{
      id: string;
      reference: string;
    }>();
    const redirected = await admin.request('POST', `/api/requests/${a.id}/redirect`, {
      serviceId,
      note: 'Appelez le SSIAD le matin',
    });
    assert.equal(redirected.statusCode, 200, redirected.body);
    const [referral] = await db
      .select()
      .from(referrals)
      .where(eq(referrals.supportRequestId, a.id));
    assert.deepEqual([referral?.serviceId, referral?.state], [serviceId, 'sent']);
    const declined = await coordinator.request('POST', `/api/requests/${b.id}/decline`, {
      reason: 'Hors du territoire du réseau',
    });
    assert.equal(declined.statusCode, 200);
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, gpUser.email));
    assert.ok(
      mails.some(
        (m) => m.subject.includes(b.reference) && m.body.includes('Hors du territoire du réseau'),
      ),
    );
    const mine = (await gp.request('GET', '/api/requests/mine')).json<{
      items: {
        id: string;
        state: string;
        answerNote: string | null;
        serviceName: string | null;
        firstAnswerMinutes: number | null;
      }[];
    }>().items;
    const [ra, rb] = [mine.find((i) => i.id === a.id)!, mine.find((i) => i.id === b.id)!];
    assert.deepEqual([ra.state, ra.serviceName], ['redirected', 'SSIAD du Valoux']);
    assert.deepEqual([rb.state, rb.answerNote], ['declined', 'Hors du territoire du réseau']);
    assert.equal(typeof rb.firstAnswerMinutes, 'number');
    for (const response of [redirected, declined]) {
      const actions = (await auditOf(idOf(response))).map((r) => r.action);
      assert.ok(actions.includes('request.state_change'));
    }
  });

  it('keeps a request from a coordinator the person objects to', async () => {
    const db = t.database.db;
    const objectedUser = await buildUser(db, { role: 'coordinator' });
    const person = await buildPerson(db, { team: [{ memberId: gpUser.memberId! }] });
    await admin.request('POST', `/api/persons/${person.id}/objections`, {
      memberId: objectedUser.memberId,
    });
    const request = await buildSupportRequest(db, { personId: person.id });
    const objected = await loginAs(t.app, objectedUser.email, TEST_PASSWORD);
    assert.equal((await objected.request('GET', `/api/requests/${request.id}`)).statusCode, 404);
    const queue = (await objected.request('GET', '/api/requests')).json<{
      items: { id: string }[];
    }>();
    assert.ok(!queue.items.some((i) => i.id === request.id));
    assert.equal(
      (
        await objected.request('POST', `/api/requests/${request.id}/decline`, {
          reason: 'Je ne devrais pas voir ceci',
        })
      ).statusCode,
      404,
    );
    // nor can the objected member be named to assess
    const accept = await coordinator.request('POST', `/api/requests/${request.id}/accept`, {
      assessorMemberId: objectedUser.memberId,
    });
    assert.equal(
      accept.json<TFields>().error.details?.fields?.[0]?.message,
      'La personne s’oppose au partage de ses données avec ce professionnel : choisissez un autre évaluateur.',
    );
  });

  describe('public form', () => {
    const publicBody = (humanCheck: { token: string; answer: string }) => ({
      person: {
        firstName: 'Odette',
        lastName: 'Public',
        birthDate: '1936-07-14',
        commune: 'Saint-Étienne',
      },
      requester: { name: 'Marie Public', relation: 'caregiver', phone: '06 12 34 56 78' },
      difficulties: ['caregiver_exhausted'],
      urgency: 'week',
      consent: { how: 'by_person', obtainedOn: '2026-01-10' },
      humanCheck,
    });
    /** A question issued some seconds ago (a person reads before answering), solved. */
    const solved = () => {
      const challenge = issueChallenge(t.config.sessionSecret, 'fr', new Date(Date.now() - 10_000));
      return { token: challenge.token, answer: solveChallenge(challenge.question) };
    };
    const send = (body: unknown, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/public/requests',
        payload: body as object,
        remoteAddress,
      });

    it('gives a question without login, and a reference for a request whose check is passed', async () => {
      const challenge = await t.app.inject({
        method: 'GET',
        url: '/api/public/requests/challenge',
      });
      assert.equal(challenge.statusCode, 200);
      assert.match(
        challenge.json<{ question: string }>().question,
        /^Combien font \S+ plus \S+ \?$/,
      );
      const response = await send(publicBody(solved()), '10.0.0.1');
      assert.equal(response.statusCode, 201, response.body);
      const { reference } = response.json<{ reference: string }>();
      assert.match(reference, /^DA-\d{4}-\d{6}$/);
      const [row] = await t.database.db
        .select()
        .from(supportRequests)
        .where(eq(supportRequests.reference, reference));
      assert.deepEqual(
        [row?.channel, row?.source, row?.requesterUserId],
        ['public', 'caregiver', null],
      );
      const [audit] = await auditOf(idOf(response));
      assert.deepEqual([audit?.action, audit?.outcome], ['request.file_public', 'success']);
      // the coordination team sees it in the queue
      const queue = (await coordinator.request('GET', '/api/requests')).json<{
        items: { reference: string }[];
      }>();
      assert.ok(queue.items.some((i) => i.reference === reference));
    });

    it('refuses a wrong answer, a replayed answer, a missing consent and a missing contact, storing nothing', async () => {
      const before = await countRequests();
      const check = solved();
      const wrong = await send(
        publicBody({ ...check, answer: String(Number(check.answer) + 1) }),
        '10.0.0.2',
      );
      assert.equal(wrong.statusCode, 422);
      assert.equal(wrong.json<TFields>().error.details?.fields?.[0]?.field, 'humanCheck.answer');
      const noConsent = { ...publicBody(solved()), consent: undefined };
      assert.equal(
        (await send(noConsent, '10.0.0.2')).json<TFields>().error.details?.fields?.[0]?.field,
        'consent',
      );
      const noContact = publicBody(solved());
      noContact.requester = { name: 'Anonyme', relation: 'self' } as typeof noContact.requester;
      assert.equal(
        (await send(noContact, '10.0.0.2')).json<TFields>().error.details?.fields?.[0]?.field,
        'requester.phone',
      );
      for (const [commune, language, words] of [
        [{ commune: 'Xyzville' }, 'fr', /commune inconnue/],
        [{ communeInsee: '97699' }, 'en', /unknown INSEE code/],
      ] as const) {
        const body = publicBody(solved());
        const unknown = await t.app.inject({
          method: 'POST',
          url: '/api/public/requests',
          payload: {
            ...body,
            person: Object.assign({ ...body.person, commune: undefined }, commune),
          },
          headers: { 'accept-language': language },
          remoteAddress: '10.0.0.2',
        });
        assert.equal(unknown.statusCode, 400, unknown.body);
        const [field] = unknown.json<TFields>().error.details!.fields!;
        assert.equal(field!.field, `person.${Object.keys(commune)[0]!}`);
        assert.match(field!.message, words);
      }
      assert.equal(await countRequests(), before);
      assert.equal((await send(publicBody(check), '10.0.0.3')).statusCode, 201);
      const replay = await send(publicBody(check), '10.0.0.3');
      assert.equal(replay.statusCode, 422);
      assert.match(replay.json<TFields>().error.details!.fields![0]!.message, /déjà servi/);
    });

    it('limits the requests from one address (in the database), not from another', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await send(publicBody(solved()), '10.0.9.9')).statusCode);
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429, 429]);
      const limited = await send(publicBody(solved()), '10.0.9.9');
      assert.match(limited.json<TFields>().error.message, /Trop de demandes/);
      assert.equal((await send(publicBody(solved()), '10.0.9.10')).statusCode, 201);
    });
  });

  it('records every state change of the demo states in the audit log and the pathway events', async () => {
    const db = t.database.db;
    const changes = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'request.state_change'));
    const answered = await db
      .select()
      .from(supportRequests)
      .where(inArray(supportRequests.state, ['accepted', 'redirected', 'declined']));
    assert.equal(changes.length, answered.length);
    for (const request of answered) {
      assert.ok(changes.some((c) => c.resourceId === request.id));
      const events = await db
        .select()
        .from(pathwayEvents)
        .where(
          and(
            eq(pathwayEvents.sourceId, request.id),
            eq(pathwayEvents.kind, `request.${request.state}`),
          ),
        );
      assert.equal(events.length, 1, request.reference);
    }
  });
});
