import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  outbox,
  persons,
  supportRequests,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { newPersonRequestBody } from '../../../test/helpers/request-factories.js';

type TDuplicateAnswer = {
  error: {
    code: string;
    message: string;
    details: {
      fields: { field: string; message: string }[];
      candidates: { id: string; lastName: string; match: string }[];
      followedElsewhere: boolean;
      notice: string | null;
    };
  };
};

/**
 * Triage meets identity (decisions 011 and 012): accepting a request about a new person runs the
 * duplicate check, and a decline reaches the person's GP when the person agreed to it.
 */
describe('triage: the new person through the identity module, the decline to the GP', () => {
  let t: TTestApp;
  let gp: TAgent;
  let coordinator: TAgent;
  let coordinatorMemberId: string;
  let gpUser: Awaited<ReturnType<typeof buildUser>>;
  let assessor: Awaited<ReturnType<typeof buildUser>>;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    gpUser = await buildUser(db, { role: 'professional' });
    const coordinatorUser = await buildUser(db, { role: 'coordinator' });
    coordinatorMemberId = coordinatorUser.memberId!;
    assessor = await buildUser(db, { role: 'coordinator' });
    gp = await loginAs(t.app, gpUser.email, TEST_PASSWORD);
    coordinator = await loginAs(t.app, coordinatorUser.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const idOf = (response: { headers: Record<string, unknown> }) =>
    String(response.headers['x-request-id']);
  const auditOf = (requestId: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
  const countPersons = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;
  const requestRow = async (id: string) =>
    (await t.database.db.select().from(supportRequests).where(eq(supportRequests.id, id)))[0]!;

  /** A followed person with this identity (and these relations). */
  async function personNamed(
    identity: { firstName: string; lastName: string; birthDate: string },
    relations: { caseManagerId?: string; gpMemberId?: string; teamMemberId?: string } = {},
  ) {
    const built = await buildPerson(t.database.db, {
      caseManagerId: relations.caseManagerId ?? null,
      team: relations.teamMemberId ? [{ memberId: relations.teamMemberId }] : [],
    });
    await t.database.db
      .update(persons)
      .set({
        ...identity,
        birthName: identity.lastName,
        gpMemberId: relations.gpMemberId ?? null,
      })
      .where(eq(persons.id, built.id));
    return built.id;
  }

  async function fileAboutNew(newPerson: {
    firstName: string;
    lastName: string;
    birthDate: string;
    commune?: string;
    communeInsee?: string;
  }) {
    const response = await gp.request('POST', '/api/requests', newPersonRequestBody({ newPerson }));
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string; reference: string }>().id;
  }

  it('answers 409 with the candidates the coordinator may see, changes nothing, then attaches the request to the one chosen', async () => {
    const db = t.database.db;
    const existing = await personNamed(
      { firstName: 'Hélène', lastName: 'Martin-Lefèvre', birthDate: '1940-06-01' },
      { caseManagerId: coordinatorMemberId },
    );
    // typed without accents, case or hyphen
    const requestId = await fileAboutNew({
      firstName: 'helene',
      lastName: 'MARTIN LEFEVRE',
      birthDate: '1940-06-01',
    });
    const before = await countPersons();
    const refused = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
    });
    assert.equal(refused.statusCode, 409, refused.body);
    const { details, message } = refused.json<TDuplicateAnswer>().error;
    assert.deepEqual(
      details.candidates.map((c) => c.id),
      [existing],
    );
    assert.equal(details.followedElsewhere, false);
    assert.equal(details.fields[0]?.field, 'confirmNotDuplicate');
    assert.match(message, /peut-être déjà suivie/);
    assert.equal(await countPersons(), before);
    const untouched = await requestRow(requestId);
    assert.deepEqual([untouched.state, untouched.personId], ['received', null]);
    // the check and the candidate read are kept in the audit log
    const checked = (await auditOf(idOf(refused))).map((row) => [row.action, row.outcome]);
    assert.ok(checked.some(([action]) => action === 'person.duplicate_check'));
    assert.ok(
      checked.some(
        ([action, outcome]) => action === 'person.duplicate_candidate' && outcome === 'allowed',
      ),
    );

    const attached = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
      personId: existing,
    });
    assert.equal(attached.statusCode, 200, attached.body);
    assert.equal(attached.json<{ person: { id: string } }>().person.id, existing);
    assert.equal(await countPersons(), before);
    const row = await requestRow(requestId);
    assert.deepEqual([row.state, row.personId], ['accepted', existing]);
    const team = await db
      .select()
      .from(careTeamMembers)
      .where(eq(careTeamMembers.personId, existing));
    assert.ok(team.some((m) => m.memberId === assessor.memberId));
    const actions = (await auditOf(idOf(attached))).map((r) => [r.action, r.outcome]);
    assert.ok(actions.some(([a, o]) => a === 'request.attach_person' && o === 'allowed'));
  });

  it('tells only "already followed" for a candidate outside the coordinator’s rights, refuses to attach it, and registers a confirmed new person', async () => {
    const db = t.database.db;
    const hidden = await personNamed({
      firstName: 'Paul',
      lastName: 'Durandeau',
      birthDate: '1942-02-03',
    });
    // first and last names swapped
    const requestId = await fileAboutNew({
      firstName: 'Durandeau',
      lastName: 'Paul',
      birthDate: '1942-02-03',
    });
    const refused = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
    });
    assert.equal(refused.statusCode, 409, refused.body);
    const { details } = refused.json<TDuplicateAnswer>().error;
    assert.deepEqual(details.candidates, []);
    assert.equal(details.followedElsewhere, true);
    assert.match(details.notice ?? '', /déjà suivie par le réseau/);
    assert.ok(!refused.body.includes(hidden), 'the hidden record’s id is never sent');

    const attach = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
      personId: hidden,
    });
    assert.equal(attach.statusCode, 404);
    const [denied] = (await auditOf(idOf(attach))).filter(
      (r) => r.action === 'request.attach_person',
    );
    assert.deepEqual([denied?.outcome, denied?.personId], ['denied', hidden]);
    assert.equal((await requestRow(requestId)).state, 'received');

    const before = await countPersons();
    const created = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
      confirmNotDuplicate: true,
    });
    assert.equal(created.statusCode, 200, created.body);
    const personId = created.json<{ person: { id: string } }>().person.id;
    assert.notEqual(personId, hidden);
    assert.equal(await countPersons(), before + 1);
    const [person] = await db.select().from(persons).where(eq(persons.id, personId));
    assert.deepEqual(
      [person?.birthName, person?.lastName, person?.firstName, person?.birthDate],
      ['Paul', 'Paul', 'Durandeau', '1942-02-03'],
    );
    assert.deepEqual(
      [person?.identityStatus, person?.caseManagerId],
      ['provisoire', coordinatorMemberId],
    );
    const create = (await auditOf(idOf(created))).find((r) => r.action === 'person.create');
    assert.equal(create?.outcome, 'allowed');
    assert.equal(
      (create?.details as { confirmedNotDuplicate?: boolean }).confirmedNotDuplicate,
      true,
    );
  });

  it('registers a person without candidates at once, through the identity module, with the commune picked', async () => {
    const requestId = await fileAboutNew({
      firstName: 'Solange',
      lastName: 'Quintrec',
      birthDate: '1933-11-23',
      commune: 'le lamentin',
      communeInsee: '97213',
    });
    const accepted = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
    });
    assert.equal(accepted.statusCode, 200, accepted.body);
    const personId = accepted.json<{ person: { id: string } }>().person.id;
    const [person] = await t.database.db.select().from(persons).where(eq(persons.id, personId));
    assert.deepEqual(
      [person?.birthName, person?.identityStatus, person?.commune, person?.communeInsee],
      ['Quintrec', 'provisoire', 'Le Lamentin', '97213'],
    );
    const actions = (await auditOf(idOf(accepted))).map((r) => r.action);
    for (const action of ['person.duplicate_check', 'person.create', 'request.state_change'])
      assert.ok(actions.includes(action), action);
  });

  it('refuses to attach a request already about a followed person to another one', async () => {
    const followed = await personNamed(
      { firstName: 'Irène', lastName: 'Kervella', birthDate: '1939-01-09' },
      { teamMemberId: gpUser.memberId! },
    );
    const other = await personNamed(
      { firstName: 'Irène', lastName: 'Kerbellec', birthDate: '1939-01-09' },
      { caseManagerId: coordinatorMemberId },
    );
    const body = newPersonRequestBody({ personId: followed });
    delete (body as Partial<typeof body>).newPerson;
    const requestId = (await gp.request('POST', '/api/requests', body)).json<{ id: string }>().id;
    const response = await coordinator.request('POST', `/api/requests/${requestId}/accept`, {
      assessorMemberId: assessor.memberId,
      personId: other,
    });
    assert.equal(response.statusCode, 422);
    assert.equal(response.json<TDuplicateAnswer>().error.details.fields[0]?.field, 'personId');
    assert.equal((await requestRow(requestId)).state, 'received');
  });

  describe('a decline sent to the GP', () => {
    let doctor: Awaited<ReturnType<typeof buildUser>>;
    let personId: string;

    before(async () => {
      doctor = await buildUser(t.database.db, { role: 'professional', locale: 'en' });
      personId = await personNamed(
        { firstName: 'Marthe', lastName: 'Le Goff', birthDate: '1937-08-30' },
        { teamMemberId: gpUser.memberId!, gpMemberId: doctor.memberId! },
      );
    });

    async function declineAbout(shareWithGp: boolean | undefined, reason: string) {
      const body = newPersonRequestBody({
        personId,
        consent: {
          how: 'oral',
          obtainedOn: '2026-01-05',
          ...(shareWithGp === undefined ? {} : { shareWithGp }),
        },
      });
      delete (body as Partial<typeof body>).newPerson;
      const filed = await gp.request('POST', '/api/requests', body);
      assert.equal(filed.statusCode, 201, filed.body);
      const { id, reference } = filed.json<{ id: string; reference: string }>();
      const declined = await coordinator.request('POST', `/api/requests/${id}/decline`, { reason });
      assert.equal(declined.statusCode, 200, declined.body);
      const [change] = (await auditOf(idOf(declined))).filter(
        (r) => r.action === 'request.state_change',
      );
      return {
        reference,
        detail: declined.json<{ consent: { shareWithGp: boolean } }>(),
        copySentToGp: (change?.details as { copySentToGp?: boolean }).copySentToGp === true,
      };
    }
    const mailsTo = (address: string) =>
      t.database.db.select().from(outbox).where(eq(outbox.toAddress, address));

    it('sends a copy to the GP, in their language, when the person agreed', async () => {
      const { reference, detail, copySentToGp } = await declineAbout(
        true,
        'Déjà suivie par le SSIAD voisin',
      );
      assert.equal(detail.consent.shareWithGp, true);
      assert.equal(copySentToGp, true, 'the audit row says the copy went to the GP');
      const mails = (await mailsTo(doctor.email)).filter((m) => m.subject.includes(reference));
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, /declined/);
      assert.match(mails[0]!.body, /Déjà suivie par le SSIAD voisin/);
      assert.match(mails[0]!.body, /Marthe Le Goff/);
      // the requester still gets their own answer
      assert.ok(
        (await mailsTo(gpUser.email)).some((m) => m.subject.includes(reference)),
        'the requester’s answer',
      );
    });

    it('sends nothing to the GP without the person’s consent (the default)', async () => {
      for (const share of [false, undefined]) {
        const { reference, detail, copySentToGp } = await declineAbout(
          share,
          'Hors du territoire du réseau',
        );
        assert.equal(detail.consent.shareWithGp, false);
        assert.equal(copySentToGp, false);
        assert.ok(!(await mailsTo(doctor.email)).some((m) => m.subject.includes(reference)));
      }
    });
  });
});
