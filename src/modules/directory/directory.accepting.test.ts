import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { memberOrganisations, members } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { audienceOf, isAcceptingStale, preferredChannel } from './directory.accepting.js';

type TResult = {
  type: string;
  id: string;
  accepting: string | null;
  audience: string;
  acceptingStale: boolean;
  contact: { kind: string; value: string; bestTimes?: string } | null;
};

describe('members accepting new people (decision 033)', () => {
  let t: TTestApp;
  let admin: TAgent;
  let nurse: TAgent;
  let editor: TAgent;
  let colleague: TAgent;
  let outsider: TAgent;
  let patient: TAgent;
  let nurseMemberId: string;
  let nurseUserName: string;
  let orgId: string;
  let serviceId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    orgId = (
      await buildOrganisation(db, {
        name: 'Cabinet infirmier des Tilleuls',
        type: 'msp',
        commune: 'Lavergne',
      })
    ).id;
    const ccas = (await buildOrganisation(db, { name: 'CCAS de Lavergne', type: 'social_service' }))
      .id;
    serviceId = (await buildService(db, ccas, { name: 'Portage de repas Lavergne' })).id;
    const nurseUser = await buildUser(db, { role: 'professional' });
    nurseUserName = nurseUser.displayName;
    nurseMemberId = nurseUser.memberId!;
    await db
      .update(members)
      .set({
        firstName: 'Odile',
        lastName: 'Acceptine',
        profession: 'nurse',
        channels: [
          { kind: 'email', value: 'odile@test.fr' },
          { kind: 'phone', value: '06 12 34 56 78', preferred: true, bestTimes: 'avant 9 h' },
        ],
      })
      .where(eq(members.id, nurseMemberId));
    const editorUser = await buildUser(db, { role: 'professional' });
    const colleagueUser = await buildUser(db, { role: 'professional' });
    await db.insert(memberOrganisations).values([
      { memberId: nurseMemberId, organisationId: orgId, canEditServices: false },
      { memberId: editorUser.memberId!, organisationId: orgId, canEditServices: true },
      { memberId: colleagueUser.memberId!, organisationId: orgId, canEditServices: false },
    ]);
    const outsiderUser = await buildUser(db, { role: 'professional' });
    const patientUser = await buildUser(db, { role: 'patient' });
    const adminUser = await buildUser(db, { role: 'admin' });
    admin = await loginAs(t.app, adminUser.email, TEST_PASSWORD);
    nurse = await loginAs(t.app, nurseUser.email, TEST_PASSWORD);
    editor = await loginAs(t.app, editorUser.email, TEST_PASSWORD);
    colleague = await loginAs(t.app, colleagueUser.email, TEST_PASSWORD);
    outsider = await loginAs(t.app, outsiderUser.email, TEST_PASSWORD);
    patient = await loginAs(t.app, patientUser.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const path = () => `/api/directory/members/${nurseMemberId}/accepting`;
  const profile = async (agent: TAgent) =>
    (await agent.request('GET', `/api/directory/members/${nurseMemberId}`)).json<{
      accepting: {
        status: string | null;
        conditions: string | null;
        confirmedAt: string | null;
        confirmedBy: { displayName: string } | null;
        stale: boolean;
        audience: string;
        canEdit: boolean;
      };
    }>().accepting;

  it('starts unset: nobody has said, nothing to confirm', async () => {
    const status = await profile(admin);
    assert.equal(status.status, null);
    assert.equal(status.stale, false);
    assert.equal(status.audience, 'patients');
  });

  it('lets the member say it, dated and signed, and records it in the history', async () => {
    assert.equal((await profile(nurse)).canEdit, true);
    const response = await nurse.request('PUT', path(), { accepting: 'yes' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().accepting, 'yes');
    const status = await profile(colleague);
    assert.equal(status.status, 'yes');
    assert.equal(status.confirmedBy?.displayName, nurseUserName);
    assert.ok(Date.now() - Date.parse(status.confirmedAt!) < 60_000);
    assert.equal(status.stale, false);
    assert.equal(status.canEdit, false, 'a colleague who may not edit services may not say it');
    const history = (
      await nurse.request('GET', `/api/directory/members/${nurseMemberId}/history`)
    ).json<{ items: { changes: Record<string, { to: unknown }> }[] }>().items;
    assert.equal(history[0]!.changes.accepting!.to, 'yes');
  });

  it("lets an editor of the member's organisation and network staff say it", async () => {
    assert.equal((await profile(editor)).canEdit, true);
    const byEditor = await editor.request('PUT', path(), {
      accepting: 'conditions',
      conditions: 'Secteur de Lavergne seulement',
    });
    assert.equal(byEditor.statusCode, 200, byEditor.body);
    assert.equal((await profile(admin)).conditions, 'Secteur de Lavergne seulement');
    const byStaff = await admin.request('PUT', path(), { accepting: 'no' });
    assert.equal(byStaff.statusCode, 200, byStaff.body);
    const status = await profile(admin);
    assert.equal(status.status, 'no');
    assert.equal(status.conditions, null, 'conditions go with "conditions" only');
  });

  it('refuses another member, a colleague without editing rights and a patient, changing nothing', async () => {
    for (const agent of [outsider, colleague, patient]) {
      const response = await agent.request('PUT', path(), { accepting: 'yes' });
      assert.equal(response.statusCode, 403, response.body);
    }
    assert.equal((await profile(admin)).status, 'no');
  });

  it('answers 404 for an unknown member and 400 for a status that is not one', async () => {
    const unknown = await admin.request(
      'PUT',
      '/api/directory/members/00000000-0000-4000-8000-000000000000/accepting',
      { accepting: 'yes' },
    );
    assert.equal(unknown.statusCode, 404);
    const bad = await admin.request('PUT', path(), { accepting: 'maybe' });
    assert.equal(bad.statusCode, 400);
  });

  it('makes the accepting filter return individuals, with their preferred channel', async () => {
    await nurse.request('PUT', path(), { accepting: 'yes' });
    const answer = (await colleague.request('GET', '/api/directory/search?accepting=yes')).json<{
      items: TResult[];
    }>();
    const found = answer.items.find((item) => item.id === nurseMemberId);
    assert.ok(found, 'the member accepting new people is found by the filter');
    assert.equal(found.type, 'member');
    assert.equal(found.audience, 'patients');
    assert.equal(found.acceptingStale, false);
    assert.deepEqual(found.contact, {
      kind: 'phone',
      value: '06 12 34 56 78',
      bestTimes: 'avant 9 h',
    });
    const service = answer.items.find((item) => item.id === serviceId);
    assert.equal(service?.audience, 'beneficiaries', 'a CCAS takes on beneficiaries');
    const refusing = (await colleague.request('GET', '/api/directory/search?accepting=no')).json<{
      items: TResult[];
    }>();
    assert.ok(!refusing.items.some((item) => item.id === nurseMemberId));
  });

  it('shows a status confirmed more than 90 days ago as to be confirmed, until confirmed again', async () => {
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await t.database.db
      .update(members)
      .set({ acceptingConfirmedAt: longAgo })
      .where(eq(members.id, nurseMemberId));
    assert.equal((await profile(admin)).stale, true);
    const items = (await admin.request('GET', '/api/directory/search?q=Acceptine')).json<{
      items: TResult[];
    }>().items;
    assert.equal(items.find((i) => i.id === nurseMemberId)?.acceptingStale, true);
    await nurse.request('PUT', path(), { accepting: 'yes' });
    assert.equal((await profile(admin)).stale, false);
  });

  it('gives a member without any channel no contact on the card', async () => {
    const bare = await buildDirectoryMember(t.database.db, {
      lastName: 'Sanscanal',
      profession: 'social_worker',
    });
    const items = (await admin.request('GET', '/api/directory/search?q=Sanscanal')).json<{
      items: TResult[];
    }>().items;
    const found = items.find((i) => i.id === bare.id);
    assert.equal(found?.contact, null);
    assert.equal(found?.audience, 'beneficiaries');
    assert.equal(found?.accepting, null);
  });
});

describe('accepting wording and contact rules', () => {
  it('words care practices as patients, social help as beneficiaries, others as people', () => {
    assert.equal(audienceOf({ profession: 'nurse' }), 'patients');
    assert.equal(audienceOf({ profession: 'home_aide' }), 'beneficiaries');
    assert.equal(audienceOf({ profession: 'case_manager' }), 'people');
    assert.equal(audienceOf({ organisationType: 'msp' }), 'patients');
    assert.equal(audienceOf({ organisationType: 'social_service' }), 'beneficiaries');
    assert.equal(audienceOf({ organisationType: 'home_care' }), 'beneficiaries');
    assert.equal(audienceOf({ organisationType: 'association' }), 'people');
    assert.equal(audienceOf({ organisationType: 'made_up' }), 'people');
    assert.equal(audienceOf({}), 'people');
  });

  it('needs a status confirmed within 90 days', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    assert.equal(isAcceptingStale(null, now), true);
    assert.equal(isAcceptingStale(new Date(now - 89 * 86_400_000), now), false);
    assert.equal(isAcceptingStale(new Date(now - 91 * 86_400_000), now), true);
  });

  it('picks the preferred channel, else the first, else the phone, else the e-mail', () => {
    const channels = [
      { kind: 'email', value: 'a@b.fr' },
      { kind: 'sms', value: '0611223344', preferred: true },
    ];
    assert.equal(preferredChannel(channels, null, null)?.kind, 'sms');
    assert.equal(preferredChannel([channels[0]!], '0102030405', null)?.kind, 'email');
    assert.deepEqual(preferredChannel([], '0102030405', 'x@y.fr'), {
      kind: 'phone',
      value: '0102030405',
    });
    assert.deepEqual(preferredChannel([], null, 'x@y.fr'), { kind: 'email', value: 'x@y.fr' });
    assert.equal(preferredChannel([{ kind: 'phone', value: ' ' }], null, null), null);
  });
});
