import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, pathwayEvents, pathwayHistory } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildPathway } from '../../../test/helpers/pathway-factories.js';
import { PATHWAY_STATES, PATHWAY_TRANSITIONS } from './pathway.states.js';

type TView = {
  pathway: { version: number; state: string; stateReason: string | null; level: string | null };
  nextStates: string[];
  canSteer: boolean;
  history: { kind: string; fromState: string; toState: string; reason: string | null }[];
};
type TError = { error: { message: string; details?: { fields?: { field: string }[] } } };

const COMPLETE = {
  reason: 'Hospitalisation prolongée',
  expectedEnd: '2027-02-01',
  closeReason: 'moved_away',
};

describe('the pathway and the caseload', () => {
  let t: TTestApp;
  const agents = {} as Record<
    'admin' | 'manager' | 'other' | 'third' | 'nurse' | 'outsider' | 'proManager',
    TAgent
  >;
  const members = {} as Record<'manager' | 'other' | 'third' | 'nurse' | 'proManager', string>;
  const userIds = {} as Record<string, string>;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const roles = {
      admin: 'admin',
      manager: 'coordinator',
      other: 'coordinator',
      third: 'coordinator',
      nurse: 'professional',
      outsider: 'professional',
      proManager: 'professional',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, never][]) {
      const user = await buildUser(db, { role });
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
      userIds[key] = user.id;
      if (key !== 'admin' && key !== 'outsider') members[key] = user.memberId!;
    }
  });
  after(() => t.close());

  /** A person followed by the manager, the nurse in the team, a pathway in this state. */
  const followed = async (
    state = 'assessing' as (typeof PATHWAY_STATES)[number],
    level?: 'liaison' | 'coordination',
  ) => {
    const db = t.database.db;
    const person = await buildPerson(db, {
      caseManagerId: members.manager,
      team: [{ memberId: members.nurse }],
    });
    const pathway = await buildPathway(db, person.id, { state, level: level ?? 'coordination' });
    return { personId: person.id, version: pathway.version };
  };
  const move = (agent: TAgent, personId: string, body: Record<string, unknown>) =>
    agent.request('POST', `/api/persons/${personId}/pathway/transitions`, body);
  const auditOf = async (action: string, personId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.personId, personId)))
      .orderBy(desc(auditLog.seq));

  it('moves along every allowed transition and refuses every other with 409', async () => {
    for (const from of PATHWAY_STATES) {
      for (const to of PATHWAY_STATES) {
        const { personId, version } = await followed(from);
        const response = await move(agents.manager, personId, { version, to, ...COMPLETE });
        const legal = PATHWAY_TRANSITIONS[from].includes(to);
        assert.equal(response.statusCode, legal ? 200 : 409, `${from} → ${to}: ${response.body}`);
        if (legal) assert.equal(response.json<TView>().pathway.state, to);
      }
    }
  });

  it('says in plain words why a move is refused and what is possible', async () => {
    const { personId, version } = await followed('closed');
    const response = await move(agents.manager, personId, {
      version,
      to: 'suspended',
      ...COMPLETE,
    });
    assert.equal(response.statusCode, 409);
    assert.equal(
      response.json<TError>().error.message,
      'Un parcours « clôturé » ne peut pas passer à « suspendu ». Depuis « clôturé », il peut passer à : en évaluation, actif.',
    );
  });

  it('records who, when and why, with a pathway event, and answers 409 on a stale version', async () => {
    const { personId, version } = await followed('assessing');
    const moved = await move(agents.manager, personId, {
      version,
      to: 'suspended',
      reason: 'Hospitalisation longue',
      expectedEnd: '2027-03-01',
    });
    assert.equal(moved.statusCode, 200);
    const view = moved.json<TView>();
    assert.equal(view.pathway.version, version + 1);
    assert.equal(view.pathway.stateReason, 'Hospitalisation longue');
    assert.deepEqual(
      view.history.map((h) => [h.kind, h.fromState, h.toState, h.reason]),
      [['transition', 'assessing', 'suspended', 'Hospitalisation longue']],
    );
    const [event] = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(
        and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'pathway.transition')),
      );
    assert.equal(event!.actorUserId, userIds.manager);
    assert.deepEqual([event!.data.from, event!.data.to], ['assessing', 'suspended']);
    const stale = await move(agents.admin, personId, { version, to: 'active', reason: 'Retour' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.json<TError>().error.message, /modifié par quelqu’un d’autre/);
  });

  it('asks a suspension for its expected end and a move to active for a level', async () => {
    const { personId, version } = await followed('assessing');
    const noEnd = await move(agents.manager, personId, { version, to: 'suspended', reason: 'x' });
    assert.equal(noEnd.statusCode, 422);
    assert.equal(noEnd.json<TError>().error.details!.fields![0]!.field, 'expectedEnd');
    const db = t.database.db;
    const person = await buildPerson(db, { caseManagerId: members.manager });
    const pathway = await buildPathway(db, person.id);
    const noLevel = await move(agents.manager, person.id, {
      version: pathway.version,
      to: 'active',
      reason: 'Évaluation faite',
    });
    assert.equal(noLevel.statusCode, 409);
    assert.match(noLevel.json<TError>().error.message, /sans niveau d'intégration/);
  });

  it('lets the team read the pathway but not move it (403, audited); an outsider gets 404', async () => {
    const { personId, version } = await followed('assessing');
    const read = await agents.nurse.request('GET', `/api/persons/${personId}/pathway`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json<TView>().canSteer, false);
    assert.deepEqual(read.json<TView>().nextStates, []);
    const refused = await move(agents.nurse, personId, {
      version,
      to: 'closed',
      closeReason: 'died',
    });
    assert.equal(refused.statusCode, 403);
    const outsider = await move(agents.outsider, personId, {
      version,
      to: 'closed',
      closeReason: 'died',
    });
    assert.equal(outsider.statusCode, 404);
    const audits = await auditOf('pathway.transition', personId);
    assert.deepEqual(
      audits.map((a) => a.outcome),
      ['denied', 'denied'],
    );
    // The coordination team steers a pathway without following the person.
    const staff = await move(agents.other, personId, {
      version,
      to: 'closed',
      closeReason: 'died',
    });
    assert.equal(staff.statusCode, 200);
  });

  const assign = (agent: TAgent, personId: string, body: Record<string, unknown>) =>
    agent.request('PUT', `/api/persons/${personId}/case-manager`, body);

  it('refuses a case manager over the cap, lets the coordination team force it with a reason (audited)', async () => {
    const db = t.database.db;
    for (let i = 0; i < 2; i++) await buildPerson(db, { caseManagerId: members.third });
    const cap = await agents.admin.request('PUT', `/api/caseload/managers/${members.third}/cap`, {
      cap: 2,
    });
    assert.equal(cap.statusCode, 204);
    const { personId } = await followed('assessing');
    const refused = await assign(agents.manager, personId, { memberId: members.third });
    assert.equal(refused.statusCode, 409);
    assert.match(
      refused.json<TError>().error.message,
      /suit déjà 2 personnes, le plafond est de 2/,
    );
    const noReason = await assign(agents.admin, personId, { memberId: members.third, force: true });
    assert.equal(noReason.statusCode, 422);
    const forced = await assign(agents.admin, personId, {
      memberId: members.third,
      force: true,
      reason: 'Retour d’une personne qu’elle suivait déjà',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    assert.deepEqual(forced.json<{ caseload: unknown; forced: boolean }>(), {
      ...forced.json<object>(),
      caseload: { count: 3, cap: 2 },
      forced: true,
    });
    const [audit] = await auditOf('caseload.cap_forced', personId);
    assert.equal(audit!.actorUserId, userIds.admin);
    assert.equal(audit!.reason, 'Retour d’une personne qu’elle suivait déjà');
    const [history] = await db
      .select()
      .from(pathwayHistory)
      .where(eq(pathwayHistory.personId, personId));
    assert.deepEqual(
      [history!.fromMemberId, history!.toMemberId, history!.forced],
      [members.manager, members.third, true],
    );
  });

  it('refuses to force the cap for a case manager outside the coordination team', async () => {
    const db = t.database.db;
    const person = await buildPerson(db, { caseManagerId: members.proManager });
    const response = await assign(agents.proManager, person.id, {
      memberId: members.third,
      force: true,
      reason: 'Je pars',
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.json<TError>().error.message, /Seule l’équipe de coordination/);
    const [audit] = await auditOf('case_manager.assign', person.id);
    assert.equal(audit!.outcome, 'allowed');
    assert.equal((await auditOf('caseload.cap_forced', person.id)).length, 0);
  });

  it('hands a person over: the old manager is refused at once (404, audited), the new one reads', async () => {
    const { personId } = await followed('active');
    const handover = await assign(agents.admin, personId, {
      memberId: members.other,
      reason: 'Congé long',
    });
    assert.equal(handover.statusCode, 200);
    const old = await agents.manager.request('GET', `/api/persons/${personId}`);
    assert.equal(old.statusCode, 404);
    const [audit] = await auditOf('person.read', personId);
    assert.deepEqual([audit!.outcome, audit!.actorUserId], ['denied', userIds.manager]);
    assert.equal((await agents.other.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    const view = (await agents.other.request('GET', `/api/persons/${personId}/pathway`)).json<
      TView & { history: { kind: string; reason: string }[] }
    >();
    assert.deepEqual(
      view.history.map((h) => [h.kind, h.reason]),
      [['case_manager', 'Congé long']],
    );
  });

  it('moves the history with a merged duplicate to the record kept', async () => {
    const { personId } = await followed('assessing');
    const handover = await assign(agents.admin, personId, { memberId: members.other });
    assert.equal(handover.statusCode, 200);
    const kept = await buildPerson(t.database.db, { caseManagerId: members.other });
    const merged = await agents.admin.request('POST', `/api/persons/${kept.id}/merge`, {
      duplicatePersonId: personId,
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const view = (
      await agents.other.request('GET', `/api/persons/${kept.id}/pathway`)
    ).json<TView>();
    assert.equal(view.pathway.state, 'assessing');
    assert.deepEqual(
      view.history.map((h) => h.kind),
      ['case_manager'],
    );
  });

  it('names a referent at the liaison level only, from the care team', async () => {
    const coordination = await followed('assessing', 'coordination');
    const refused = await agents.manager.request(
      'PUT',
      `/api/persons/${coordination.personId}/pathway/referent`,
      { version: coordination.version, memberId: members.nurse },
    );
    assert.equal(refused.statusCode, 409);
    assert.match(refused.json<TError>().error.message, /au seul niveau liaison/);
    const liaison = await followed('assessing', 'liaison');
    const url = `/api/persons/${liaison.personId}/pathway/referent`;
    const notInTeam = await agents.manager.request('PUT', url, {
      version: liaison.version,
      memberId: members.other,
    });
    assert.equal(notInTeam.statusCode, 409);
    const named = await agents.manager.request('PUT', url, {
      version: liaison.version,
      memberId: members.nurse,
    });
    assert.equal(named.statusCode, 200, named.body);
    // With a referent, a liaison pathway needs no case manager to become active.
    const db = t.database.db;
    const person = await buildPerson(db, { team: [{ memberId: members.nurse }] });
    const pathway = await buildPathway(db, person.id, {
      level: 'liaison',
      referentMemberId: members.nurse,
    });
    const active = await move(agents.admin, person.id, {
      version: pathway.version,
      to: 'active',
      reason: 'Suivi par son infirmière',
    });
    assert.equal(active.statusCode, 200, active.body);
    const alone = await buildPerson(db);
    const alonePathway = await buildPathway(db, alone.id, { level: 'coordination' });
    const nobody = await move(agents.admin, alone.id, {
      version: alonePathway.version,
      to: 'active',
      reason: 'x',
    });
    assert.equal(nobody.statusCode, 409);
  });

  it("shows the manager's caseload by level with the cap used, and the board its unassigned", async () => {
    const caseload = await agents.manager.request('GET', '/api/caseload');
    assert.equal(caseload.statusCode, 200, caseload.body);
    const body = caseload.json<{
      count: number;
      cap: number;
      byLevel: Record<string, number>;
      items: { state: string | null; level: string | null }[];
      events: { kind: string }[];
    }>();
    assert.equal(body.cap, 40);
    assert.equal(body.count, body.items.length);
    assert.ok(body.items.every((i) => i.state !== 'closed'));
    assert.ok(body.byLevel.coordination! > 0);
    assert.ok(body.events.some((e) => e.kind === 'pathway.transition'));
    assert.equal((await agents.nurse.request('GET', '/api/caseload/board')).statusCode, 403);
    const board = await agents.other.request('GET', '/api/caseload/board');
    assert.equal(board.statusCode, 200, board.body);
    const { managers, unassigned } = board.json<{
      managers: { memberId: string; count: number; cap: number }[];
      unassigned: { id: string }[];
    }>();
    const third = managers.find((m) => m.memberId === members.third)!;
    assert.deepEqual([third.count, third.cap], [3, 2]);
    assert.ok(unassigned.length > 0);
  });
});
