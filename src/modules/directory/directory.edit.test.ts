import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { members, services } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { memberOrganisations } from '../../db/schema/index.js';

describe('directory editing rights, versions and history', () => {
  let t: TTestApp;
  let admin: TAgent;
  let adminUserId: string;
  let alice: TAgent;
  let aliceMemberId: string;
  let bobMemberId: string;
  let orgId: string;
  let serviceId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    orgId = (
      await buildOrganisation(db, {
        name: 'CCAS de Lavergne',
        type: 'social_service',
        commune: 'Lavergne',
      })
    ).id;
    serviceId = (
      await buildService(db, orgId, { name: 'Aide aux démarches', careStreams: ['social_rights'] })
    ).id;
    const aliceUser = await buildUser(db, { role: 'social' });
    const bobUser = await buildUser(db, { role: 'professional' });
    aliceMemberId = aliceUser.memberId!;
    bobMemberId = bobUser.memberId!;
    await db.insert(memberOrganisations).values({
      memberId: aliceMemberId,
      organisationId: orgId,
      roleTitle: 'Assistante sociale',
      canEditServices: true,
    });
    const adminUser = await buildUser(db, { role: 'admin' });
    adminUserId = adminUser.id;
    admin = await loginAs(t.app, adminUser.email, TEST_PASSWORD);
    alice = await loginAs(t.app, aliceUser.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const versionOf = async (path: string, agent = admin) =>
    (await agent.request('GET', path)).json().version as number;

  it('lets a member edit their own profile and records who changed what', async () => {
    const path = `/api/directory/members/${aliceMemberId}`;
    const profile = (await alice.request('GET', path)).json<{
      version: number;
      canEdit: boolean;
    }>();
    assert.equal(profile.canEdit, true);
    const response = await alice.request('PATCH', path, {
      version: profile.version,
      languages: ['fr', 'ar'],
      goodToKnow: 'Permanence le mardi matin',
      channels: [
        { kind: 'phone', value: '04 77 11 22 33', preferred: true, bestTimes: 'avant 9 h' },
      ],
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().version, profile.version + 1);
    const history = (await alice.request('GET', `${path}/history`)).json().items;
    assert.equal(history[0].action, 'update');
    assert.deepEqual(history[0].changes.goodToKnow, {
      from: null,
      to: 'Permanence le mardi matin',
    });
    assert.ok(history[0].changedBy.displayName);
    const found = (await alice.request('GET', '/api/directory/search?language=ar')).json().items;
    assert.ok(
      found.some((i: { id: string }) => i.id === aliceMemberId),
      'the search index follows the edit',
    );
  });

  it("refuses a member editing another member's profile with 403, changing nothing", async () => {
    const [before] = await t.database.db.select().from(members).where(eq(members.id, bobMemberId));
    const response = await alice.request('PATCH', `/api/directory/members/${bobMemberId}`, {
      version: before!.version,
      lastName: 'Piraté',
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'forbidden');
    const [after] = await t.database.db.select().from(members).where(eq(members.id, bobMemberId));
    assert.deepEqual(after, before);
    assert.equal(
      (await alice.request('GET', `/api/directory/members/${bobMemberId}`)).json().canEdit,
      false,
    );
  });

  it('does not let a member change where they work or their editing rights', async () => {
    const version = await versionOf(`/api/directory/members/${aliceMemberId}`);
    const response = await alice.request('PATCH', `/api/directory/members/${aliceMemberId}`, {
      version,
      organisations: [],
    });
    assert.equal(response.statusCode, 403);
  });

  it('detects a concurrent edit: the second writer gets 409 and nothing is overwritten', async () => {
    const path = `/api/directory/organisations/${orgId}`;
    const version = await versionOf(path);
    assert.equal(
      (await admin.request('PATCH', path, { version, openingHours: 'Lundi-vendredi 9 h-17 h' }))
        .statusCode,
      200,
    );
    const stale = await admin.request('PATCH', path, { version, openingHours: 'Fermé' });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().error.details.currentVersion, version + 1);
    assert.equal((await admin.request('GET', path)).json().openingHours, 'Lundi-vendredi 9 h-17 h');
  });

  it('lets exactly one of many concurrent edits of the same version win', async () => {
    const path = `/api/directory/organisations/${orgId}`;
    const version = await versionOf(path);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.request('PATCH', path, { version, goodToKnow: `Écrit par ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!;
    const profile = (await admin.request('GET', path)).json<{
      version: number;
      goodToKnow: string;
    }>();
    assert.equal(profile.version, version + 1);
    const history = (await admin.request('GET', `${path}/history`)).json<{
      items: { version: number }[];
    }>().items;
    assert.equal(
      history.filter((h) => h.version === version + 1).length,
      1,
      'one history entry for the one write',
    );
    assert.ok(winner);
  });

  it("lets a member allowed by staff edit their organisation's services, not the organisation", async () => {
    const path = `/api/directory/services/${serviceId}`;
    const version = await versionOf(path, alice);
    const ok = await alice.request('PATCH', path, {
      version,
      accepting: 'conditions',
      acceptingConditions: 'Résider à Lavergne',
    });
    assert.equal(ok.statusCode, 200);
    const created = await alice.request('POST', '/api/directory/services', {
      organisationId: orgId,
      name: 'Domiciliation',
      careStreams: ['social_rights'],
    });
    assert.equal(created.statusCode, 201);
    const org = await alice.request('PATCH', `/api/directory/organisations/${orgId}`, {
      version: await versionOf(`/api/directory/organisations/${orgId}`),
      name: 'Autre nom',
    });
    assert.equal(org.statusCode, 403);
  });

  it('refuses service edits to a member without the right, changing nothing', async () => {
    const bob = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional' })).email,
      TEST_PASSWORD,
    );
    const [before] = await t.database.db.select().from(services).where(eq(services.id, serviceId));
    const response = await bob.request('PATCH', `/api/directory/services/${serviceId}`, {
      version: before!.version,
      name: 'Piraté',
    });
    assert.equal(response.statusCode, 403);
    const [after] = await t.database.db.select().from(services).where(eq(services.id, serviceId));
    assert.deepEqual(after, before);
    assert.equal(
      (
        await bob.request('POST', '/api/directory/members', {
          firstName: 'X',
          lastName: 'Y',
          profession: 'nurse',
        })
      ).statusCode,
      403,
    );
  });

  it('validates edits with a 400 naming each bad field', async () => {
    const response = await admin.request('POST', '/api/directory/members', {
      firstName: '',
      lastName: 'Durand',
      profession: 'wizard',
      rpps: '123',
      email: 'not-an-email',
    });
    assert.equal(response.statusCode, 400);
    const fields = response
      .json()
      .error.details.fields.map((f: { field: string }) => f.field)
      .sort();
    assert.deepEqual(fields, ['email', 'firstName', 'profession', 'rpps']);
  });

  it('lets staff create a member working somewhere, shown under "who works here"', async () => {
    const created = await admin.request('POST', '/api/directory/members', {
      firstName: 'Nadia',
      lastName: 'Benali',
      profession: 'social_worker',
      rpps: '10101010101',
      organisations: [{ organisationId: orgId, roleTitle: 'Conseillère', canEditServices: false }],
    });
    assert.equal(created.statusCode, 201);
    const org = (await admin.request('GET', `/api/directory/organisations/${orgId}`)).json();
    assert.ok(org.members.some((m: { id: string }) => m.id === created.json().id));
    const unknownOrg = await admin.request('POST', '/api/directory/members', {
      firstName: 'A',
      lastName: 'B',
      profession: 'nurse',
      organisations: [{ organisationId: '00000000-0000-4000-8000-000000000000' }],
    });
    assert.equal(unknownOrg.statusCode, 422);
  });

  it('marks an entry verified today, by whom, with the history saying so', async () => {
    const member = await buildDirectoryMember(t.database.db);
    const response = await admin.request('POST', `/api/directory/members/${member.id}/verify`);
    assert.equal(response.statusCode, 200);
    const profile = (await alice.request('GET', `/api/directory/members/${member.id}`)).json<{
      verifiedAt: string;
      verifiedBy: { id: string; displayName: string } | null;
    }>();
    assert.equal(profile.verifiedAt, response.json().verifiedAt);
    assert.equal(profile.verifiedBy?.id, adminUserId);
    assert.ok(profile.verifiedBy.displayName);
    const history = (
      await admin.request('GET', `/api/directory/members/${member.id}/history`)
    ).json().items;
    assert.deepEqual(
      history.map((h: { action: string }) => h.action),
      ['verify', 'create'],
    );
    assert.equal(
      (await alice.request('POST', `/api/directory/members/${member.id}/verify`)).statusCode,
      403,
    );
  });

  it('refuses the same workplace twice and a half map point with a 422 naming the field', async () => {
    const path = `/api/directory/members/${bobMemberId}`;
    const before = await versionOf(path);
    const twice = await admin.request('PATCH', path, {
      version: before,
      organisations: [{ organisationId: orgId }, { organisationId: orgId, roleTitle: 'Bis' }],
    });
    assert.equal(twice.statusCode, 422, twice.body);
    assert.equal(twice.json().error.details.fields[0].field, 'organisations.1.organisationId');
    assert.equal(await versionOf(path), before, 'nothing changed');

    const half = await admin.request('POST', '/api/directory/organisations', {
      name: 'Cabinet sans longitude',
      type: 'msp',
      latitude: 45.43,
    });
    assert.equal(half.statusCode, 422, half.body);
    assert.equal(half.json().error.details.fields[0].field, 'longitude');
    const orgPath = `/api/directory/organisations/${orgId}`;
    const placed = await admin.request('PATCH', orgPath, {
      version: await versionOf(orgPath),
      latitude: 45.43,
      longitude: 4.39,
    });
    assert.equal(placed.statusCode, 200, placed.body);
    const unplaced = await admin.request('PATCH', orgPath, {
      version: placed.json().version,
      latitude: null,
    });
    assert.equal(unplaced.statusCode, 422);
    assert.equal(unplaced.json().error.details.fields[0].field, 'latitude');
    assert.equal(await versionOf(orgPath), placed.json().version, 'nothing changed');
  });

  it('answers 404 for an unknown entry', async () => {
    assert.equal(
      (await admin.request('GET', '/api/directory/services/00000000-0000-4000-8000-000000000000'))
        .statusCode,
      404,
    );
  });

  it('rewrites the search rows of an entry only when what they show changes (decision 055)', async () => {
    const { id } = await buildDirectoryMember(t.database.db, { lastName: 'Ancelin' });
    const path = `/api/directory/members/${id}`;
    const INDEX_ROW = sql`SELECT xmin::text AS xmin FROM directory_index
                           WHERE entity_type = 'member' AND entity_id = ${id}
                          UNION ALL
                          SELECT xmin::text FROM directory_cards
                           WHERE entity_type = 'member' AND entity_id = ${id}`;
    const versions = async () => {
      const result: unknown = await t.database.db.execute(INDEX_ROW);
      return (result as { rows: { xmin: string }[] }).rows.map((row) => row.xmin);
    };
    const before = await versions();
    assert.equal(before.length, 2, 'an index row and a card');
    const notes = await admin.request('PATCH', path, {
      version: await versionOf(path),
      goodToKnow: 'Joignable le matin, pas le mercredi.',
    });
    assert.equal(notes.statusCode, 200, notes.body);
    assert.deepEqual(await versions(), before, 'a note the search does not show: rows untouched');
    const specialty = await admin.request('PATCH', path, {
      version: await versionOf(path),
      specialty: 'Cicatrisation complexe',
    });
    assert.equal(specialty.statusCode, 200, specialty.body);
    const after = await versions();
    assert.ok(
      after.every((xmin, i) => xmin !== before[i]),
      'a searchable field: both rewritten',
    );
    const found = await admin.request('GET', '/api/directory/search?q=cicatrisation');
    assert.ok(
      found.json<{ items: { id: string }[] }>().items.some((item) => item.id === id),
      'and found by it',
    );
  });
});
