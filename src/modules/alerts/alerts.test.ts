/**
 * Hospital stays and pathway-break alerts (decision 024): each rule raised and cleared by the
 * right events at a fixed `now`, the sweep idempotent and safe when two run at once, a discharge
 * telling the team and opening a follow-up due in 48 hours, one open stay a person, the guard.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  alerts,
  auditLog,
  carePlans,
  caseloadCaps,
  hospitalStays,
  notifications,
  pathwayEvents,
  pathways,
  referrals,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildPathway } from '../../../test/helpers/pathway-factories.js';
import { buildOrganisation, buildService } from '../../../test/helpers/directory-factories.js';
import { FOLLOW_UP_MS } from './alert-rules.js';
import { setNoContactDays } from './alert-settings.js';
import { recomputePersonAlerts, runAlertSweep } from './alerts.sweep.js';

const DAY = 86_400_000;
/** The fixed time the rules decide at: far enough ahead that every fixture row is in its past. */
const T0 = new Date(Date.now() + 400 * DAY);
const at = (days: number) => new Date(T0.getTime() + days * DAY);

type TAlertView = {
  id: string;
  kind: string;
  state: string;
  dueAt: string | null;
  owner: { id: string } | null;
  canHandle: boolean;
  resolved: { note: string | null } | null;
};

describe('hospital stays and pathway-break alerts', () => {
  let t: TTestApp;
  const agents = {} as Record<'admin' | 'manager' | 'nurse' | 'aide' | 'outsider', TAgent>;
  const users = {} as Record<string, { id: string; memberId: string | null }>;

  before(async () => {
    t = await createTestApp();
    const roles = {
      admin: 'admin',
      manager: 'coordinator',
      nurse: 'professional',
      aide: 'social',
      outsider: 'professional',
    } as const;
    for (const [key, role] of Object.entries(roles) as [keyof typeof roles, never][]) {
      const user = await buildUser(t.database.db, { role });
      users[key] = user;
      agents[key] = await loginAs(t.app, user.email, TEST_PASSWORD);
    }
  });
  after(() => t.close());

  /** Followed by the manager, the nurse and the aide in the team, an active pathway since T0. */
  const followed = async (level: 'liaison' | 'coordination' | 'integration' = 'coordination') => {
    const db = t.database.db;
    const person = await buildPerson(db, {
      caseManagerId: users.manager!.memberId,
      team: [{ memberId: users.nurse!.memberId! }, { memberId: users.aide!.memberId! }],
    });
    await buildPathway(db, person.id, { state: 'active', level });
    await db.update(pathways).set({ stateSince: T0 }).where(eq(pathways.personId, person.id));
    // the factory's care_team.joined events are contacts: move them before T0
    await db
      .update(pathwayEvents)
      .set({ at: at(-1000) })
      .where(eq(pathwayEvents.personId, person.id));
    return person.id;
  };
  const alertsOf = (personId: string, kind?: string) =>
    t.database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.personId, personId), kind ? eq(alerts.kind, kind) : undefined))
      .orderBy(desc(alerts.raisedAt));
  const admit = (agent: TAgent, personId: string, body: Record<string, unknown> = {}) =>
    agent.request('POST', `/api/persons/${personId}/stays`, {
      facilityName: 'CHU de Saint-Étienne',
      admittedAt: new Date(Date.now() - 2 * DAY).toISOString(),
      planned: false,
      reason: 'Chute avec fracture du col du fémur',
      ...body,
    });
  const stayIdOf = (response: { body: string }) =>
    (JSON.parse(response.body) as { items: { id: string }[] }).items[0]!.id;

  it('no contact: raised after N days by level, cleared by a contact, N from the settings', async () => {
    const db = t.database.db;
    const personId = await followed('integration');
    await recomputePersonAlerts(db, personId, at(13));
    assert.equal((await alertsOf(personId, 'no_contact')).length, 0, '13 days: under 14');
    await recomputePersonAlerts(db, personId, at(15));
    const [raised] = await alertsOf(personId, 'no_contact');
    assert.equal(raised?.state, 'open');
    assert.equal(raised?.ownerUserId, users.manager!.id, 'owner: the case manager');
    assert.equal(raised?.data.days, 15);

    await db.insert(pathwayEvents).values({
      personId,
      kind: 'logbook.entry_posted',
      category: 'social',
      sourceTable: 'logbook_entries',
      sourceId: personId,
      at: at(15),
    });
    await recomputePersonAlerts(db, personId, at(16));
    const [cleared] = await alertsOf(personId, 'no_contact');
    assert.equal(cleared?.state, 'cleared');
    assert.ok(cleared?.clearedAt, 'kept, with when it cleared');

    // 14 days after that entry: raised again, a new occurrence; a longer setting clears it
    await recomputePersonAlerts(db, personId, at(30));
    assert.equal((await alertsOf(personId, 'no_contact'))[0]?.state, 'open');
    await setNoContactDays(db, { liaison: 60, coordination: 30, integration: 20 });
    await recomputePersonAlerts(db, personId, at(30));
    assert.deepEqual(
      (await alertsOf(personId, 'no_contact')).map((a) => a.state),
      ['cleared', 'cleared'],
    );
    await setNoContactDays(db, { liaison: 60, coordination: 30, integration: 14 });
  });

  it('refuses a second admission while a stay is open (409), nothing written', async () => {
    const personId = await followed();
    const first = await admit(agents.nurse, personId, { planned: true });
    assert.equal(first.statusCode, 201, first.body);
    const second = await admit(agents.manager, personId);
    assert.equal(second.statusCode, 409, second.body);
    assert.match(second.json<{ error: { message: string } }>().error.message, /déjà en cours/);
    const stays = await t.database.db
      .select()
      .from(hospitalStays)
      .where(eq(hospitalStays.personId, personId));
    assert.equal(stays.length, 1);
    assert.equal((await alertsOf(personId, 'unplanned_stay')).length, 0, 'a planned admission');
    const neither = await admit(agents.nurse, personId, { facilityName: undefined });
    assert.equal(neither.statusCode, 422);
  });

  it('unplanned admission raises an alert; discharge clears it, tells the team, opens a 48 h follow-up', async () => {
    const db = t.database.db;
    const personId = await followed();
    const admitted = await admit(agents.nurse, personId);
    assert.equal(admitted.statusCode, 201, admitted.body);
    const stayId = stayIdOf(admitted);
    const [unplanned] = await alertsOf(personId, 'unplanned_stay');
    assert.equal(unplanned?.state, 'open');
    assert.equal(unplanned?.ownerUserId, users.manager!.id);
    assert.equal(unplanned?.sourceId, stayId);
    const view = admitted.json<{ suggestSuspend: boolean; items: { reason: string | null }[] }>();
    assert.equal(view.suggestSuspend, false, 'the nurse may not steer the pathway');
    const managerView = await agents.manager.request('GET', `/api/persons/${personId}/stays`);
    assert.equal(managerView.json<{ suggestSuspend: boolean }>().suggestSuspend, true);
    const aideView = await agents.aide.request('GET', `/api/persons/${personId}/stays`);
    const aideStay = aideView.json<{ items: { reason: string | null; reasonHidden: boolean }[] }>()
      .items[0]!;
    assert.deepEqual([aideStay.reason, aideStay.reasonHidden], [null, true], 'reason is medical');

    const dischargedAt = new Date(Date.now() - 3600_000);
    const discharged = await agents.nurse.request(
      'POST',
      `/api/persons/${personId}/stays/${stayId}/discharge`,
      { dischargedAt: dischargedAt.toISOString(), destination: 'home', planned: false },
    );
    assert.equal(discharged.statusCode, 200, discharged.body);
    assert.equal((await alertsOf(personId, 'unplanned_stay'))[0]?.state, 'cleared');
    const [followUp] = await alertsOf(personId, 'discharge_follow_up');
    assert.equal(followUp?.state, 'open');
    assert.equal(followUp?.ownerUserId, users.manager!.id, 'the case manager follows up');
    assert.equal(followUp.dueAt!.getTime() - dischargedAt.getTime(), FOLLOW_UP_MS);

    const told = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.personId, personId), eq(notifications.kind, 'stay.discharged')));
    assert.deepEqual(
      told.map((row) => row.userId).sort(),
      [users.manager!.id, users.aide!.id].sort(),
      'the team with an account, but the nurse who recorded it',
    );
    const events = await db
      .select({ kind: pathwayEvents.kind })
      .from(pathwayEvents)
      .where(
        and(
          eq(pathwayEvents.personId, personId),
          inArray(pathwayEvents.kind, ['hospital.admitted', 'hospital.discharged']),
        ),
      );
    assert.equal(events.length, 2);

    const again = await agents.nurse.request(
      'POST',
      `/api/persons/${personId}/stays/${stayId}/discharge`,
      { dischargedAt: dischargedAt.toISOString(), destination: 'home', planned: false },
    );
    assert.equal(again.statusCode, 409);
    const future = await admit(agents.nurse, personId, { planned: true });
    const futureStay = stayIdOf(future);
    const tooLate = await agents.nurse.request(
      'POST',
      `/api/persons/${personId}/stays/${futureStay}/discharge`,
      {
        dischargedAt: new Date(Date.now() + DAY).toISOString(),
        destination: 'home',
        planned: true,
      },
    );
    assert.equal(tooLate.statusCode, 422);
    assert.equal(
      (await alertsOf(personId, 'discharge_follow_up'))[0]?.state,
      'cleared',
      'readmitted: the follow-up of the earlier stay no longer stands',
    );
  });

  it('the owner resolves a follow-up with a note; it is not raised again; others may not', async () => {
    const db = t.database.db;
    const personId = await followed();
    const stayId = stayIdOf(await admit(agents.nurse, personId));
    await agents.manager.request('POST', `/api/persons/${personId}/stays/${stayId}/discharge`, {
      dischargedAt: new Date().toISOString(),
      destination: 'rehabilitation',
      planned: true,
    });
    const [followUp] = await alertsOf(personId, 'discharge_follow_up');
    const url = `/api/alerts/${followUp!.id}`;

    const byNurse = await agents.nurse.request('POST', `${url}/resolve`, { note: 'Vu' });
    assert.equal(byNurse.statusCode, 403, 'the nurse reads the person but does not own it');
    const byOutsider = await agents.outsider.request('POST', `${url}/resolve`, { note: 'Vu' });
    assert.equal(byOutsider.statusCode, 404);
    const [denied] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'alert.resolve'), eq(auditLog.actorUserId, users.outsider!.id)),
      );
    assert.equal(denied?.outcome, 'denied');
    const noNote = await agents.manager.request('POST', `${url}/resolve`, { note: '  ' });
    assert.equal(noNote.statusCode, 422);

    const acknowledged = await agents.manager.request('POST', `${url}/acknowledge`, {});
    assert.equal(acknowledged.json<TAlertView>().state, 'acknowledged');
    const resolved = await agents.manager.request('POST', `${url}/resolve`, {
      note: 'Appel à la fille : retour à domicile bien passé, passage infirmier demain.',
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json<TAlertView>().state, 'resolved');
    assert.match(resolved.json<TAlertView>().resolved!.note!, /Appel à la fille/);
    const twice = await agents.manager.request('POST', `${url}/resolve`, { note: 'encore' });
    assert.equal(twice.statusCode, 409);

    await recomputePersonAlerts(db, personId);
    await runAlertSweep(db, at(1));
    assert.deepEqual(
      (await alertsOf(personId, 'discharge_follow_up')).map((a) => a.state),
      ['resolved'],
      'this occurrence is done',
    );
  });

  it('plan review overdue: raised past the last review plus the level delay, cleared by a review', async () => {
    const db = t.database.db;
    const personId = await followed('coordination');
    const [plan] = await db
      .insert(carePlans)
      .values({ personId, currentVersion: 1, lastReviewedAt: T0 })
      .returning();
    await recomputePersonAlerts(db, personId, at(179));
    assert.equal((await alertsOf(personId, 'plan_review_overdue')).length, 0);
    await recomputePersonAlerts(db, personId, at(181));
    const [raised] = await alertsOf(personId, 'plan_review_overdue');
    assert.equal(raised?.state, 'open');
    assert.equal(raised?.dueAt?.getTime(), at(180).getTime());
    await db
      .update(carePlans)
      .set({ lastReviewedAt: at(181) })
      .where(eq(carePlans.id, plan!.id));
    await recomputePersonAlerts(db, personId, at(182));
    assert.equal((await alertsOf(personId, 'plan_review_overdue'))[0]?.state, 'cleared');
  });

  it('referral unanswered: raised past its urgency for whoever sent it, cleared once filled', async () => {
    const db = t.database.db;
    const personId = await followed('coordination');
    const organisation = await buildOrganisation(db);
    const service = await buildService(db, organisation.id);
    const sent = await agents.manager.request('POST', `/api/persons/${personId}/referrals`, {
      reason: 'Soins infirmiers à domicile après la sortie',
      urgency: 'within_24h',
      recipients: [{ serviceId: service.id }],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const referralId = sent.json<{ id: string }>().id;
    await recomputePersonAlerts(db, personId, new Date(Date.now() + 3600_000));
    assert.equal((await alertsOf(personId, 'referral_unanswered')).length, 0, 'not late yet');
    await recomputePersonAlerts(db, personId, new Date(Date.now() + 2 * DAY));
    const [raised] = await alertsOf(personId, 'referral_unanswered');
    assert.deepEqual(
      [raised?.state, raised?.sourceId, raised?.ownerUserId, raised?.data.urgency],
      ['open', referralId, users.manager!.id, 'within_24h'],
    );
    await db.update(referrals).set({ state: 'filled' }).where(eq(referrals.id, referralId));
    await recomputePersonAlerts(db, personId, new Date(Date.now() + 2 * DAY));
    assert.equal((await alertsOf(personId, 'referral_unanswered'))[0]?.state, 'cleared');
  });

  it('caseload over cap: raised for the coordination team by the sweep, cleared under the cap', async () => {
    const db = t.database.db;
    const manager = await buildUser(db, { role: 'coordinator' });
    await db.insert(caseloadCaps).values({ memberId: manager.memberId!, cap: 1 });
    const people = [
      await buildPerson(db, { caseManagerId: manager.memberId }),
      await buildPerson(db, { caseManagerId: manager.memberId }),
    ];
    await runAlertSweep(db, T0);
    const over = () =>
      db
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, 'caseload_over_cap'), eq(alerts.sourceId, manager.memberId!)));
    const [raised] = await over();
    assert.deepEqual(
      [raised?.state, raised?.personId, raised?.ownerUserId, raised?.data.count],
      ['open', null, null, 2],
    );
    const all = await agents.admin.request('GET', '/api/alerts?scope=all&kind=caseload_over_cap');
    assert.ok(all.json<{ items: TAlertView[] }>().items.some((a) => a.id === raised!.id));
    const mine = await agents.nurse.request('GET', '/api/alerts?scope=all');
    assert.equal(mine.statusCode, 403, 'all alerts: the coordination team only');
    await db.insert(pathways).values({ personId: people[1]!.id, state: 'closed' });
    await runAlertSweep(db, T0);
    assert.equal((await over())[0]?.state, 'cleared');
  });

  it('sweeps are idempotent, and two at once raise each alert once', async () => {
    const db = t.database.db;
    const people = [await followed(), await followed(), await followed()];
    const first = await runAlertSweep(db, at(60));
    assert.ok(first.raised >= 3);
    const second = await runAlertSweep(db, at(60));
    assert.deepEqual([second.raised, second.cleared, second.updated], [0, 0, 0]);

    const more = [await followed(), await followed()];
    const [a, b] = await Promise.all([
      runAlertSweep(db, at(60)),
      runAlertSweep(db, at(60)),
      ...more.map((personId) => recomputePersonAlerts(db, personId, at(60))),
    ]);
    const perPerson = await db
      .select({ personId: alerts.personId })
      .from(alerts)
      .where(and(eq(alerts.kind, 'no_contact'), inArray(alerts.personId, [...people, ...more])));
    assert.equal(perPerson.length, 5, 'one no-contact alert each');
    assert.ok(a.raised + b.raised <= 2);
    const third = await runAlertSweep(db, at(60));
    assert.equal(third.raised, 0);
  });

  it("reads alerts through the guard: mine, a person's, and 404 audited to a non-member", async () => {
    const db = t.database.db;
    const personId = await followed();
    await admit(agents.nurse, personId);
    const mine = await agents.manager.request('GET', '/api/alerts');
    assert.equal(mine.statusCode, 200, mine.body);
    const item = mine
      .json<{ items: (TAlertView & { person: { id: string } | null })[] }>()
      .items.find((a) => a.person?.id === personId && a.kind === 'unplanned_stay');
    assert.ok(item?.canHandle);
    const nurse = await agents.nurse.request('GET', `/api/persons/${personId}/alerts`);
    assert.equal(nurse.statusCode, 200);
    assert.equal(nurse.json<{ items: TAlertView[] }>().items[0]?.canHandle, false);
    const outsider = await agents.outsider.request('GET', `/api/persons/${personId}/alerts`);
    assert.equal(outsider.statusCode, 404);
    const outsiderStays = await agents.outsider.request('GET', `/api/persons/${personId}/stays`);
    assert.equal(outsiderStays.statusCode, 404);
    const audited = await db
      .select({ outcome: auditLog.outcome, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, users.outsider!.id), eq(auditLog.personId, personId)));
    assert.deepEqual(audited.map((row) => `${row.action}:${row.outcome}`).sort(), [
      'alerts.read:denied',
      'stays.read:denied',
    ]);
    const outsiderMine = await agents.outsider.request('GET', '/api/alerts');
    assert.equal(outsiderMine.json<{ total: number }>().total, 0);
  });

  it('a merge moves stays and alerts to the kept record', async () => {
    const db = t.database.db;
    const kept = await followed();
    const duplicate = await followed();
    await admit(agents.nurse, duplicate);
    await recomputePersonAlerts(db, duplicate, at(40));
    const response = await agents.admin.request('POST', `/api/persons/${kept}/merge`, {
      duplicatePersonId: duplicate,
    });
    assert.equal(response.statusCode, 200, response.body);
    const stays = await db.select().from(hospitalStays).where(eq(hospitalStays.personId, kept));
    assert.equal(stays.length, 1);
    const moved = await alertsOf(kept);
    assert.ok(moved.some((a) => a.kind === 'unplanned_stay' && a.state === 'open'));
    assert.equal((await alertsOf(duplicate)).length, 0);
    assert.ok(
      moved.some(
        (a) => a.kind === 'no_contact' && a.sourceId === duplicate && a.state === 'cleared',
      ),
      "the duplicate record's own no-contact alert is cleared",
    );
  });
});
