/**
 * The access facts read in one statement (ACCESS_FACT_COLUMNS + accessFactsOf) are exactly those
 * the four queries of the first guard computed (kept below as the reference): for the generic
 * loader, a person's page and the caseload list alike, over every relation the table knows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { TDatabase, TDb } from '../../db/client.js';
import {
  breakGlassGrants,
  careTeamMembers,
  persons,
  sharingObjections,
} from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';
import { actorOf } from '../accounts/sessions.service.js';
import { loadMyPersons, loadPersonPage } from '../persons/persons-page.repository.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { buildPerson, buildUser } from '../../../test/helpers/factories.js';
import type { TRelation } from './access.policy.js';
import { loadAccessFactsOf, type TLoadedFacts } from './access.repository.js';

/** The facts as the guard computed them before issue 12, in four queries (the reference). */
async function referenceFacts(tx: TDb, actor: TActor, ids: string[]) {
  const facts = new Map<string, TLoadedFacts>();
  const now = new Date();
  const people = await tx
    .select({ id: persons.id, caseManagerId: persons.caseManagerId })
    .from(persons)
    .where(inArray(persons.id, ids));
  const memberId = actor.memberId;
  const memberships = memberId
    ? await tx
        .select({
          personId: careTeamMembers.personId,
          until: careTeamMembers.until,
          medicalAccess: careTeamMembers.medicalAccess,
        })
        .from(careTeamMembers)
        .where(and(inArray(careTeamMembers.personId, ids), eq(careTeamMembers.memberId, memberId)))
    : [];
  const objections = memberId
    ? await tx
        .select({ personId: sharingObjections.personId })
        .from(sharingObjections)
        .where(
          and(
            inArray(sharingObjections.personId, ids),
            eq(sharingObjections.memberId, memberId),
            isNull(sharingObjections.withdrawnAt),
          ),
        )
    : [];
  const grants = await tx
    .select({ personId: breakGlassGrants.personId, reason: breakGlassGrants.reason })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.userId, actor.userId),
        inArray(breakGlassGrants.personId, ids),
        gt(breakGlassGrants.expiresAt, now),
      ),
    )
    .orderBy(desc(breakGlassGrants.createdAt));
  const objected = new Set(objections.map((o) => o.personId));
  for (const person of people) {
    let relation: TRelation = 'none';
    let medicalAccess = false;
    if (actor.personId === person.id) relation = 'self';
    else if (memberId) {
      if (person.caseManagerId === memberId) relation = 'case_manager';
      const mine = memberships.filter((m) => m.personId === person.id);
      const active = mine.find((m) => m.until === null || m.until > now);
      if (active) {
        medicalAccess = active.medicalAccess;
        if (relation === 'none') relation = 'team_member';
      } else if (relation === 'none' && mine.length > 0) relation = 'former_member';
    }
    const grant = grants.find((g) => g.personId === person.id);
    facts.set(person.id, {
      role: actor.role,
      relation,
      medicalAccess,
      objected: memberId !== null && objected.has(person.id),
      breakGlass: grant !== undefined,
      breakGlassReason: grant?.reason ?? null,
    });
  }
  return facts;
}

describe('access facts in one statement', () => {
  let database: TDatabase;
  let actors: TActor[];
  let ids: string[];

  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const coordinator = await buildUser(db, { role: 'coordinator' });
    const social = await buildUser(db, { role: 'social' });
    const admin = await buildUser(db, { role: 'admin' });
    const steering = await buildUser(db, { role: 'steering' });
    const cm = coordinator.memberId!;
    const sm = social.memberId!;
    const managed = await buildPerson(db, { caseManagerId: cm, team: [{ memberId: sm }] });
    // Case manager and also in the team with medical access: the case manager wins, the grant shows.
    const both = await buildPerson(db, {
      caseManagerId: cm,
      team: [{ memberId: cm, medicalAccess: true }],
    });
    const teamMedical = await buildPerson(db, {
      team: [
        { memberId: cm, medicalAccess: true },
        { memberId: sm, medicalAccess: false },
      ],
    });
    const former = await buildPerson(db, {
      team: [
        { memberId: cm, ended: true },
        { memberId: sm, ended: true },
      ],
    });
    // Ended and active again: active wins.
    const rejoined = await buildPerson(db, {
      team: [{ memberId: sm, ended: true }, { memberId: sm }],
    });
    const objecting = await buildPerson(db, { team: [{ memberId: cm }, { memberId: sm }] });
    await db.insert(sharingObjections).values([
      { personId: objecting.id, memberId: cm },
      { personId: objecting.id, memberId: sm, withdrawnAt: new Date() },
    ]);
    const glass = await buildPerson(db);
    const hour = 3_600_000;
    await db.insert(breakGlassGrants).values([
      {
        userId: admin.id,
        personId: glass.id,
        reason: 'older reason, still open',
        createdAt: new Date(Date.now() - 2 * hour),
        expiresAt: new Date(Date.now() + hour),
      },
      {
        userId: admin.id,
        personId: glass.id,
        reason: 'newest reason, still open',
        createdAt: new Date(Date.now() - hour),
        expiresAt: new Date(Date.now() + hour),
      },
      {
        userId: social.id,
        personId: glass.id,
        reason: 'expired reason',
        createdAt: new Date(Date.now() - 5 * hour),
        expiresAt: new Date(Date.now() - hour),
      },
      {
        userId: admin.id,
        personId: managed.id,
        reason: 'open on a managed person',
        expiresAt: new Date(Date.now() + hour),
      },
    ]);
    const stranger = await buildPerson(db);
    const patient = await buildUser(db, { role: 'patient', personId: managed.id });
    const bound = [coordinator, social, admin, steering, patient];
    actors = bound.map((user) => actorOf(user));
    ids = [managed, both, teamMedical, former, rejoined, objecting, glass, stranger].map(
      (p) => p.id,
    );
  });
  after(() => database.close());

  it('gives the same facts as the four queries did, for every actor and person', async () => {
    const seen = new Set<string>();
    for (const actor of actors) {
      const reference = await referenceFacts(database.db, actor, ids);
      assert.deepEqual(await loadAccessFactsOf(database.db, actor, ids), reference, actor.role);
      for (const id of ids) {
        const page = await loadPersonPage(database.db, actor, id);
        assert.deepEqual(page?.facts, reference.get(id), `${actor.role}, page of ${id}`);
        const facts = reference.get(id)!;
        seen.add(
          `${facts.relation}${facts.medicalAccess ? '+medical' : ''}${facts.objected ? '+objected' : ''}${facts.breakGlass ? '+glass' : ''}`,
        );
      }
      for (const row of await loadMyPersons(database.db, actor)) {
        assert.deepEqual(row.facts, reference.get(row.personId), `${actor.role}, list`);
      }
    }
    // The scenarios cover every relation and fact the decision table reads.
    for (const kind of [
      'self',
      'case_manager',
      'case_manager+medical',
      'team_member+medical',
      'team_member',
      'former_member',
      'team_member+objected',
      'none+glass',
      'none',
    ]) {
      assert.ok(seen.has(kind), `${kind} among ${[...seen].join(', ')}`);
    }
  });

  it('lists the related people only: caseload, active teams, open grants, oneself', async () => {
    const [coordinator, social, admin, steering, patient] = actors as [
      TActor,
      TActor,
      TActor,
      TActor,
      TActor,
    ];
    const listed = async (actor: TActor) =>
      new Set((await loadMyPersons(database.db, actor)).map((row) => row.personId));
    const [managed, both, teamMedical, former, rejoined, objecting, glass] = ids;
    assert.deepEqual(await listed(coordinator), new Set([managed, both, teamMedical, objecting]));
    assert.deepEqual(await listed(social), new Set([managed, teamMedical, rejoined, objecting]));
    assert.deepEqual(await listed(admin), new Set([glass, managed]));
    assert.deepEqual(await listed(steering), new Set());
    assert.deepEqual(await listed(patient), new Set([managed]));
    assert.ok(!(await listed(coordinator)).has(former!));
  });

  it('reads no page for a person who does not exist', async () => {
    assert.equal(
      await loadPersonPage(database.db, actors[0]!, '00000000-0000-4000-8000-000000000000'),
      null,
    );
  });
});
