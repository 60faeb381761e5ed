import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import {
  auditLog,
  breakGlassGrants,
  careTeamMembers,
  sharingObjections,
} from '../../db/schema/index.js';
import { sealAuditLog } from '../audit/audit.seal.js';
import { verifyAuditChain } from '../audit/audit.verify.js';
import { BREAK_GLASS_TTL_MS } from './persons.service.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildMember,
  buildPerson,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/helpers/factories.js';

describe('persons: the access guard through the API', () => {
  let t: TTestApp;
  const agents = {} as Record<
    | 'manager'
    | 'member'
    | 'former'
    | 'outsider'
    | 'objected'
    | 'admin'
    | 'steering'
    | 'patient'
    | 'otherPatient',
    TAgent
  >;
  const ids = {} as Record<
    'manager' | 'member' | 'former' | 'outsider' | 'objected',
    { userId: string; memberId: string }
  >;
  let personId: string;
  let adminUserId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const users: Record<string, Awaited<ReturnType<typeof buildUser>>> = {};
    users.manager = await buildUser(db, { role: 'coordinator' });
    users.member = await buildUser(db, { role: 'professional' });
    users.former = await buildUser(db, { role: 'professional' });
    users.outsider = await buildUser(db, { role: 'professional' });
    users.objected = await buildUser(db, { role: 'professional' });
    const person = await buildPerson(db, {
      caseManagerId: users.manager.memberId,
      team: [
        { memberId: users.member.memberId! },
        { memberId: users.former.memberId!, ended: true },
        { memberId: users.objected.memberId! },
      ],
    });
    personId = person.id;
    const other = await buildPerson(db);
    users.admin = await buildUser(db, { role: 'admin' });
    adminUserId = users.admin.id;
    users.steering = await buildUser(db, { role: 'steering' });
    users.patient = await buildUser(db, { role: 'patient', personId: person.id });
    users.otherPatient = await buildUser(db, { role: 'patient', personId: other.id });
    for (const [key, user] of Object.entries(users)) {
      agents[key as keyof typeof agents] = await loginAs(t.app, user.email, TEST_PASSWORD);
      if (user.memberId)
        ids[key as keyof typeof ids] = { userId: user.id, memberId: user.memberId };
    }
    const objection = await agents.manager.request('POST', `/api/persons/${personId}/objections`, {
      memberId: users.objected.memberId,
      reason: 'Voisin de la personne',
    });
    assert.equal(objection.statusCode, 204);
  });
  after(() => t.close());

  const lastAudit = async (userId: string) =>
    (
      await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.actorUserId, userId))
        .orderBy(desc(auditLog.seq))
        .limit(1)
    )[0]!;

  it('shows the person to the case manager and a care-team member, and audits each read', async () => {
    for (const key of ['manager', 'member'] as const) {
      const response = await agents[key].request('GET', `/api/persons/${personId}`);
      assert.equal(response.statusCode, 200, key);
      assert.equal(response.json().id, personId);
      const audit = await lastAudit(ids[key].userId);
      assert.deepEqual(
        [audit.action, audit.outcome, audit.personId],
        ['person.read', 'allowed', personId],
      );
    }
  });

  it('says what else the reader may open: the plan and level for the team, not for network staff', async () => {
    for (const [key, may] of [
      ['manager', true],
      ['member', true],
      ['admin', false],
    ] as const) {
      const response = await agents[key].request('GET', `/api/persons/${personId}`);
      assert.equal(response.statusCode, 200, key);
      assert.deepEqual(
        response.json().can,
        { readPlan: may, readLevel: may, readMedical: may, writeMedical: may },
        key,
      );
    }
    // Said from the read's facts: no other decision is audited.
    assert.equal((await lastAudit(adminUserId)).action, 'person.read');
  });

  it('lists the person among "my persons" of the case manager with the relation', async () => {
    const { items } = (await agents.manager.request('GET', '/api/persons')).json();
    assert.deepEqual(
      items.map((p: { id: string; relation: string }) => [p.id, p.relation]),
      [[personId, 'case_manager']],
    );
  });

  it('answers 404 to a non-member, a former member and an objected member, and audits the refusal', async () => {
    for (const key of ['outsider', 'former', 'objected'] as const) {
      const response = await agents[key].request('GET', `/api/persons/${personId}`);
      assert.equal(response.statusCode, 404, key);
      const missing = await agents[key].request(
        'GET',
        '/api/persons/00000000-0000-4000-8000-000000000000',
      );
      assert.equal(response.body, missing.body, 'a refusal reads exactly like a missing record');
      const audit = (
        await t.database.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.actorUserId, ids[key].userId), eq(auditLog.personId, personId)))
          .orderBy(desc(auditLog.seq))
      )[0]!;
      assert.deepEqual([audit.outcome, audit.action], ['denied', 'person.read']);
    }
    assert.equal((await agents.objected.request('GET', '/api/persons')).json().items.length, 0);
  });

  it('never shows a person to the steering role', async () => {
    assert.equal(
      (await agents.steering.request('GET', `/api/persons/${personId}`)).statusCode,
      404,
    );
    assert.deepEqual((await agents.steering.request('GET', '/api/persons')).json(), { items: [] });
  });

  it('shows patients their own record only', async () => {
    assert.equal(
      (await agents.patient.request('GET', `/api/persons/${personId}`)).json().relation,
      'self',
    );
    assert.equal(
      (await agents.otherPatient.request('GET', `/api/persons/${personId}`)).statusCode,
      404,
    );
  });

  it('lets the person and network staff read the audit trail, not the care team', async () => {
    const own = await agents.patient.request('GET', `/api/persons/${personId}/audit?limit=100`);
    assert.equal(own.statusCode, 200);
    assert.ok(
      own
        .json()
        .items.some(
          (row: { action: string; outcome: string }) =>
            row.action === 'person.read' && row.outcome === 'denied',
        ),
    );
    assert.equal(
      (await agents.admin.request('GET', `/api/persons/${personId}/audit`)).statusCode,
      200,
    );
    assert.equal(
      (await agents.manager.request('GET', `/api/persons/${personId}/audit`)).statusCode,
      404,
    );
    assert.equal(
      (await agents.member.request('GET', `/api/persons/${personId}/audit`)).statusCode,
      404,
    );
  });

  it('requires a reason to break the glass, then flags every access made through it', async () => {
    const noReason = await agents.outsider.request('POST', `/api/persons/${personId}/break-glass`, {
      reason: 'urgent',
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.details.fields[0].field, 'reason');
    assert.equal(
      (await agents.outsider.request('GET', `/api/persons/${personId}`)).statusCode,
      404,
    );
    const reason = 'Appel du SAMU : patiente inconsciente à domicile';
    const open = await agents.outsider.request('POST', `/api/persons/${personId}/break-glass`, {
      reason,
    });
    assert.equal(open.statusCode, 201);
    const read = await agents.outsider.request('GET', `/api/persons/${personId}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().relation, 'break_glass');
    const audit = await lastAudit(ids.outsider.userId);
    assert.deepEqual([audit.outcome, audit.breakGlass], ['allowed', reason]);
    const steering = await agents.steering.request('POST', `/api/persons/${personId}/break-glass`, {
      reason,
    });
    assert.equal(steering.statusCode, 404);
  });

  it('opens break-the-glass only through the guard, auditing the decision either way', async () => {
    const db = t.database.db;
    const reason = 'Chute à domicile, médecin traitant injoignable';
    const grants = (userId: string) =>
      db.select().from(breakGlassGrants).where(eq(breakGlassGrants.userId, userId));
    const refusals = [
      { who: 'member', status: 403, why: /already in the care team/ }, // sees the person already
      { who: 'manager', status: 403, why: /already in the care team/ },
      { who: 'objected', status: 404, why: /objects/ },
      { who: 'steering', status: 404, why: /only clinicians/ },
      { who: 'patient', status: 403, why: /only clinicians/ },
      { who: 'otherPatient', status: 404, why: /only clinicians/ },
    ] as const;
    for (const { who, status, why } of refusals) {
      const agent = agents[who];
      const answer = await agent.request('POST', `/api/persons/${personId}/break-glass`, {
        reason,
      });
      assert.equal(answer.statusCode, status, `${who}: ${answer.body}`);
      const [row] = await db
        .select()
        .from(auditLog)
        .where(eq(auditLog.requestId, String(answer.headers['x-request-id'])));
      assert.ok(row, `${who}: the refusal is audited`);
      assert.deepEqual(
        [row.action, row.outcome, row.personId, row.breakGlass],
        ['person.break_glass', 'denied', personId, reason],
        who,
      );
      assert.match(row.reason ?? '', why, who);
      assert.equal((await grants(row.actorUserId!)).length, 0, `${who}: no grant`);
    }
    const unknown = await agents.outsider.request(
      'POST',
      '/api/persons/00000000-0000-4000-8000-000000000000/break-glass',
      { reason },
    );
    assert.equal(unknown.statusCode, 404);

    const nurse = await buildUser(db, { role: 'social' });
    const nurseAgent = await loginAs(t.app, nurse.email, TEST_PASSWORD);
    const open = await nurseAgent.request('POST', `/api/persons/${personId}/break-glass`, {
      reason,
    });
    assert.equal(open.statusCode, 201);
    const [allowed] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(open.headers['x-request-id'])));
    assert.deepEqual(
      [allowed?.action, allowed?.outcome, allowed?.breakGlass],
      ['person.break_glass', 'allowed', reason],
    );
    assert.equal((await grants(nurse.id)).length, 1);
    await sealAuditLog(db);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('does not let break-the-glass override an objection', async () => {
    // A live grant held by the objected member (opened before the person objected, say): the
    // refusal below must come from the objection, not from a grant that was never there.
    await t.database.db.insert(breakGlassGrants).values({
      userId: ids.objected.userId,
      personId,
      reason: 'Urgence vitale signalée par la famille',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const grants = await t.database.db
      .select()
      .from(breakGlassGrants)
      .where(
        and(
          eq(breakGlassGrants.userId, ids.objected.userId),
          eq(breakGlassGrants.personId, personId),
        ),
      );
    assert.equal(grants.length, 1);
    const read = await agents.objected.request('GET', `/api/persons/${personId}`);
    assert.equal(read.statusCode, 404);
    const audit = await lastAudit(ids.objected.userId);
    assert.deepEqual(
      [audit.action, audit.outcome, audit.breakGlass],
      ['person.read', 'denied', null],
    );
  });

  it('opens emergency access for four hours only: an expired grant no longer opens the record', async () => {
    const clinician = await buildUser(t.database.db, { role: 'professional' });
    const agent = await loginAs(t.app, clinician.email, TEST_PASSWORD);
    const opened = await agent.request('POST', `/api/persons/${personId}/break-glass`, {
      reason: 'Chute à domicile, médecin traitant injoignable',
    });
    assert.equal(opened.statusCode, 201);
    const expiresIn = Date.parse(opened.json<{ expiresAt: string }>().expiresAt) - Date.now();
    assert.equal(BREAK_GLASS_TTL_MS, 4 * 3_600_000);
    assert.ok(expiresIn > 4 * 3_600_000 - 60_000 && expiresIn <= 4 * 3_600_000, `${expiresIn} ms`);
    assert.equal((await agent.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    // Four hours and a second later (the grant's end moved into the past).
    await t.database.db
      .update(breakGlassGrants)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(breakGlassGrants.userId, clinician.id));
    const late = await agent.request('GET', `/api/persons/${personId}`);
    assert.equal(late.statusCode, 404);
    const audit = await lastAudit(clinician.id);
    assert.deepEqual(
      [audit.action, audit.outcome, audit.breakGlass],
      ['person.read', 'denied', null],
    );
  });

  it('pages the audit trail backwards with before and limit, each row once, newest first', async () => {
    const url = `/api/persons/${personId}/audit`;
    const all = (await agents.admin.request('GET', `${url}?limit=200`)).json<{
      items: { seq: number }[];
    }>().items;
    assert.ok(all.length >= 7, `${all.length} rows`);
    const paged: number[] = [];
    let before: number | undefined;
    for (let page = 0; page < 100; page++) {
      const response = await agents.admin.request(
        'GET',
        `${url}?limit=3${before === undefined ? '' : `&before=${before}`}`,
      );
      assert.equal(response.statusCode, 200);
      const items = response.json<{ items: { seq: number }[] }>().items;
      assert.ok(items.length <= 3);
      if (items.length === 0) break;
      paged.push(...items.map((row) => row.seq));
      before = items.at(-1)!.seq;
    }
    // Reading the trail is itself audited: each page read adds a row newer than the full list.
    assert.deepEqual(
      paged.filter((seq) => seq <= all[0]!.seq),
      all.map((row) => row.seq),
    );
    assert.ok(
      paged.every((seq, i) => i === 0 || seq < paged[i - 1]!),
      'newest first, no row twice',
    );
    // Without limit: the default page of 50 (the request's own audit row is written after it).
    const stored = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.personId, personId));
    const defaultPage = (await agents.admin.request('GET', url)).json<{ items: unknown[] }>();
    assert.equal(defaultPage.items.length, Math.min(50, stored.length));
    for (const bad of ['limit=0', 'limit=201', 'before=0', 'before=x'])
      assert.equal((await agents.admin.request('GET', `${url}?${bad}`)).statusCode, 400, bad);
  });

  it('lets the case manager manage the team; a member gets 403 and nothing changes', async () => {
    const newcomer = await buildMember(t.database.db, { profession: 'physiotherapist' });
    const refused = await agents.member.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: newcomer.id,
    });
    assert.equal(refused.statusCode, 403);
    const rows = () =>
      t.database.db.select().from(careTeamMembers).where(eq(careTeamMembers.memberId, newcomer.id));
    assert.equal((await rows()).length, 0);
    const added = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: newcomer.id,
      roleTitle: 'Kinésithérapie',
    });
    assert.equal(added.statusCode, 204);
    const twice = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: newcomer.id,
    });
    assert.equal(twice.statusCode, 409);
    const unknown = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknown.statusCode, 422);
    const removed = await agents.manager.request(
      'DELETE',
      `/api/persons/${personId}/care-team/${newcomer.id}`,
    );
    assert.equal(removed.statusCode, 204);
    assert.ok((await rows())[0]!.until, 'the membership is ended, not deleted');
  });

  it('audits a granted access even when the request then fails, and keeps nothing else', async () => {
    const stranger = '00000000-0000-4000-8000-00000000abcd';
    const response = await agents.manager.request(
      'DELETE',
      `/api/persons/${personId}/care-team/${stranger}`,
    );
    assert.equal(response.statusCode, 404);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(response.headers['x-request-id'])));
    assert.deepEqual([row!.action, row!.outcome], ['care_team.remove', 'allowed']);
    assert.equal(row!.details?.failedWith, 'not_found');
  });

  it('takes access away at once from a removed member', async () => {
    const temp = await buildUser(t.database.db, { role: 'professional' });
    await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: temp.memberId,
    });
    const agent = await loginAs(t.app, temp.email, TEST_PASSWORD);
    assert.equal((await agent.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    await agents.manager.request('DELETE', `/api/persons/${personId}/care-team/${temp.memberId}`);
    assert.equal((await agent.request('GET', `/api/persons/${personId}`)).statusCode, 404);
  });

  it('does not let the patient change their care team', async () => {
    const refused = await agents.patient.request(
      'DELETE',
      `/api/persons/${personId}/care-team/${ids.member.memberId}`,
    );
    assert.equal(refused.statusCode, 403);
    assert.equal((await agents.member.request('GET', `/api/persons/${personId}`)).statusCode, 200);
  });

  it('lets the patient withdraw an objection, restoring access', async () => {
    const withdraw = await agents.patient.request(
      'DELETE',
      `/api/persons/${personId}/objections/${ids.objected.memberId}`,
    );
    assert.equal(withdraw.statusCode, 204);
    assert.equal(
      (await agents.objected.request('GET', `/api/persons/${personId}`)).statusCode,
      200,
    );
    const again = await agents.patient.request(
      'DELETE',
      `/api/persons/${personId}/objections/${ids.objected.memberId}`,
    );
    assert.equal(again.statusCode, 404);
  });

  it('refuses a second objection to the same member with 409 and keeps one', async () => {
    const target = await buildMember(t.database.db);
    await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: target.id,
    });
    const first = await agents.manager.request('POST', `/api/persons/${personId}/objections`, {
      memberId: target.id,
    });
    assert.equal(first.statusCode, 204);
    const again = await agents.manager.request('POST', `/api/persons/${personId}/objections`, {
      memberId: target.id,
      reason: 'Encore',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'conflict');
    const rows = await t.database.db
      .select()
      .from(sharingObjections)
      .where(
        and(eq(sharingObjections.personId, personId), eq(sharingObjections.memberId, target.id)),
      );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.reason, null);
  });

  it('lets the patient object to a member of their team, who loses access at once', async () => {
    const nurse = await buildUser(t.database.db, { role: 'professional' });
    await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: nurse.memberId,
    });
    const nurseAgent = await loginAs(t.app, nurse.email, TEST_PASSWORD);
    assert.equal((await nurseAgent.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    const objection = await agents.patient.request('POST', `/api/persons/${personId}/objections`, {
      memberId: nurse.memberId,
      reason: 'Je préfère une autre infirmière',
    });
    assert.equal(objection.statusCode, 204);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(objection.headers['x-request-id'])));
    assert.deepEqual(
      [audit!.action, audit!.outcome, audit!.actorRole, audit!.personId],
      ['consent.object', 'allowed', 'patient', personId],
    );
    assert.equal((await nurseAgent.request('GET', `/api/persons/${personId}`)).statusCode, 404);
    const detail = (await agents.patient.request('GET', `/api/persons/${personId}`)).json<{
      objections: { memberId: string; reason: string | null }[];
    }>();
    assert.ok(
      detail.objections.some(
        (o) => o.memberId === nurse.memberId && o.reason === 'Je préfère une autre infirmière',
      ),
    );
    const otherPerson = await agents.otherPatient.request(
      'POST',
      `/api/persons/${personId}/objections`,
      { memberId: ids.member.memberId },
    );
    assert.equal(otherPerson.statusCode, 404);
  });

  it('records medical access for a social member through the API and shows it in the team', async () => {
    const social = await buildMember(t.database.db, { profession: 'social_worker' });
    const plain = await buildMember(t.database.db, { profession: 'home_help' });
    const granted = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: social.id,
      medicalAccess: true,
    });
    assert.equal(granted.statusCode, 204);
    const byDefault = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: plain.id,
    });
    assert.equal(byDefault.statusCode, 204);
    const team = (await agents.manager.request('GET', `/api/persons/${personId}`)).json<{
      careTeam: { memberId: string; medicalAccess: boolean }[];
    }>().careTeam;
    assert.equal(team.find((m) => m.memberId === social.id)?.medicalAccess, true);
    assert.equal(team.find((m) => m.memberId === plain.id)?.medicalAccess, false);
    const wrongType = await agents.manager.request('POST', `/api/persons/${personId}/care-team`, {
      memberId: (await buildMember(t.database.db)).id,
      medicalAccess: 'yes',
    });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json().error.details.fields[0].field, 'medicalAccess');
  });

  it('rejects malformed ids with a 400 before touching data', async () => {
    const response = await agents.manager.request('GET', '/api/persons/not-a-uuid');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.details.fields[0].field, 'personId');
  });

  it('keeps the audit chain valid through all of the above', async () => {
    await sealAuditLog(t.database.db);
    const result = await verifyAuditChain(t.database.db);
    assert.equal(result.ok, true, result.problems.join('\n'));
    assert.ok(result.checked > 20);
  });
});
