import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { appointments, auditLog, calendarFeeds } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation } from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { insertAppointment } from '../agenda/agenda.repository.js';

/** Words that must never leave Maillon in a feed (put in titles and notes below). */
const MEDICAL = ['chimiothérapie', 'escarre', 'Alzheimer', 'morphine'];

/** The events of a calendar text, read by an independent parser (ical.js). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status')),
      stamp: vevent.getFirstPropertyValue('dtstamp') !== null,
    };
  });
}

describe('iCalendar feed and .ics', () => {
  let t: TTestApp;
  let me: TAgent;
  let other: TAgent;
  let outsider: TAgent;
  let ids: { me: string; other: string; outsider: string };
  let personId: string;
  let lastName: string;
  const base = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000;
  const at = (hours: number) => new Date(base + hours * 3_600_000);

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const [a, b, c] = [
      await buildUser(db, { role: 'professional' }),
      await buildUser(db, { role: 'social' }),
      await buildUser(db, { role: 'professional' }),
    ];
    me = await loginAs(t.app, a.email, TEST_PASSWORD);
    other = await loginAs(t.app, b.email, TEST_PASSWORD);
    outsider = await loginAs(t.app, c.email, TEST_PASSWORD);
    ids = { me: a.memberId!, other: b.memberId!, outsider: c.memberId! };
    const person = await buildPerson(db, { team: [{ memberId: ids.me }] });
    personId = person.id;
    lastName = person.lastName;
  });
  after(() => t.close());

  const feedOf = async (agent: TAgent) => {
    const made = await agent.request('POST', '/api/account/calendar-feed');
    assert.equal(made.statusCode, 201, made.body);
    const url = new URL(made.json<{ url: string }>().url);
    return url.pathname;
  };
  const fetchFeed = (path: string) => t.app.inject({ method: 'GET', url: path });

  it('lists my appointments only, as an independent parser reads them, with no medical text', async () => {
    const db = t.database.db;
    const organisation = await buildOrganisation(db, { name: 'Centre de santé des Tilleuls' });
    const visit = await insertAppointment(
      db,
      {
        personId,
        kind: 'home_visit',
        status: 'confirmed',
        title: `Pansement escarre ${lastName}`,
        notes: 'Chimiothérapie en cours, morphine le soir',
        notesCategory: 'medical',
        place: 'home',
        startsAt: at(0),
        endsAt: at(1),
        version: 3,
      },
      [ids.me],
    );
    const consult = await insertAppointment(
      db,
      {
        personId,
        kind: 'consultation',
        title: 'Bilan Alzheimer',
        place: 'organisation',
        placeOrganisationId: organisation.id,
        startsAt: at(24),
        endsAt: at(25),
      },
      [ids.me, ids.other],
    );
    const cancelled = await insertAppointment(
      db,
      {
        kind: 'meeting',
        status: 'cancelled',
        statusReason: 'morphine',
        title: 'Réunion chimiothérapie',
        place: 'remote',
        startsAt: at(48),
        endsAt: at(49),
      },
      [ids.me],
    );
    const notMine = await insertAppointment(
      db,
      { kind: 'assessment', place: 'other', startsAt: at(2), endsAt: at(3) },
      [ids.other],
    );
    const path = await feedOf(me);
    assert.match(path, /^\/ical\/[\w-]{43}\.ics$/);
    const response = await fetchFeed(path);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/calendar/);
    for (const word of [...MEDICAL, lastName, 'Jeanne', 'Pansement', 'Bilan']) {
      assert.ok(!response.body.toLowerCase().includes(word.toLowerCase()), `${word} in the feed`);
    }
    const events = parse(response.body);
    assert.deepEqual(
      events.map((e) => e.uid),
      [`${visit.id}@maillon`, `${consult.id}@maillon`, `${cancelled.id}@maillon`],
    );
    assert.ok(!events.some((e) => e.uid.startsWith(notMine.id)));
    const [first, second, third] = events;
    assert.deepEqual(
      [first!.summary, first!.location, first!.status, first!.sequence],
      ['Visite à domicile', 'Domicile', 'CONFIRMED', 3],
    );
    assert.deepEqual([first!.start, first!.end], [at(0).toISOString(), at(1).toISOString()]);
    assert.ok(first!.stamp, 'DTSTAMP');
    assert.match(first!.description, /\/agenda\/rendez-vous\//);
    assert.deepEqual(
      [second!.summary, second!.location, second!.status],
      ['Consultation', 'Centre de santé des Tilleuls', 'TENTATIVE'],
    );
    assert.deepEqual([third!.summary, third!.status], ['Réunion', 'CANCELLED']);

    // another member's token shows their appointments, never mine
    const theirs = parse((await fetchFeed(await feedOf(other))).body).map((e) => e.uid);
    assert.deepEqual(theirs.sort(), [`${consult.id}@maillon`, `${notMine.id}@maillon`].sort());

    // a moved appointment keeps its UID with a higher SEQUENCE
    await db
      .update(appointments)
      .set({ version: 4, startsAt: at(5), endsAt: at(6), updatedAt: new Date() })
      .where(eq(appointments.id, visit.id));
    const moved = parse((await fetchFeed(path)).body).find((e) => e.uid === `${visit.id}@maillon`);
    assert.equal(moved?.sequence, 4);
  });

  it('answers 404 once revoked, and for the old address once regenerated', async () => {
    const first = await feedOf(outsider);
    assert.equal((await fetchFeed(first)).statusCode, 200);
    const second = await feedOf(outsider);
    assert.notEqual(first, second);
    assert.equal((await fetchFeed(first)).statusCode, 404);
    assert.equal((await fetchFeed(second)).statusCode, 200);
    const status = await outsider.request('GET', '/api/account/calendar-feed');
    assert.equal(status.json<{ active: boolean }>().active, true);
    assert.equal((await outsider.request('DELETE', '/api/account/calendar-feed')).statusCode, 204);
    assert.equal((await fetchFeed(second)).statusCode, 404);
    assert.equal((await outsider.request('DELETE', '/api/account/calendar-feed')).statusCode, 404);
    assert.equal((await fetchFeed('/ical/not-a-token.ics')).statusCode, 404);
    assert.equal((await fetchFeed(`/ical/${'x'.repeat(43)}.ics`)).statusCode, 404);
    // only the digest is stored
    const rows = await t.database.db.select().from(calendarFeeds);
    assert.ok(rows.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash)));
    assert.ok(!rows.some((row) => second.includes(row.tokenHash)));
  });

  it('gives one appointment as .ics through the guard, with its title only for who may read it', async () => {
    const db = t.database.db;
    const visit = await insertAppointment(
      db,
      {
        personId,
        kind: 'home_visit',
        title: 'Toilette et aide au lever',
        notes: 'escarre sacrée',
        notesCategory: 'daily_life',
        place: 'home',
        startsAt: at(72),
        endsAt: at(73),
      },
      [ids.me],
    );
    const mine = await me.request('GET', `/api/agenda/appointments/${visit.id}/ics`);
    assert.equal(mine.statusCode, 200, mine.body);
    const [event] = parse(mine.body);
    assert.equal(event?.summary, 'Visite à domicile : Toilette et aide au lever');
    assert.ok(!mine.body.includes('escarre'));
    assert.ok(!mine.body.includes(lastName));
    const refused = await outsider.request('GET', `/api/agenda/appointments/${visit.id}/ics`);
    assert.equal(refused.statusCode, 404);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(refused.headers['x-request-id'])));
    assert.equal(audit?.outcome, 'denied');
    assert.equal(audit?.action, 'appointment.ics');
    // a participant outside the person's team gets it, without the title
    const shared = await insertAppointment(
      db,
      {
        personId,
        kind: 'consultation',
        title: 'Bilan Alzheimer',
        notesCategory: 'medical',
        place: 'remote',
        startsAt: at(80),
        endsAt: at(81),
      },
      [ids.me, ids.outsider],
    );
    const theirs = await outsider.request('GET', `/api/agenda/appointments/${shared.id}/ics`);
    assert.equal(theirs.statusCode, 200, theirs.body);
    assert.equal(parse(theirs.body)[0]?.summary, 'Consultation');
  });
});
