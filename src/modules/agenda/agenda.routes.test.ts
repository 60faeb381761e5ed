import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import {
  absences,
  alerts,
  appointmentParticipants,
  appointments,
  appointmentSeries,
  auditLog,
  memberOrganisations,
  pathwayEvents,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation } from '../../../test/helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import type { TAppointmentView } from './agenda.schemas.js';
import { runDueJobs } from '../jobs/jobs.service.js';
import { EXTEND_SERIES_JOB, runSeriesExtension, scheduleSeriesExtension } from './agenda.jobs.js';
import { extendSeries } from './agenda.service.js';
import { findConflicts } from './conflicts.js';

type TWritten = {
  appointment: TAppointmentView;
  conflicts: {
    memberId: string;
    memberName: string;
    absent: boolean;
    appointmentId: string | null;
  }[];
  occurrences: number;
};
type TError = { error: { message: string; details?: Record<string, unknown> } };
type TCalendar = {
  items: {
    id: string | null;
    busy: boolean;
    title: string | null;
    person: { id: string } | null;
    participants: { memberId: string }[];
    startsAt: string;
    seriesId: string | null;
    occurrenceStart: string | null;
  }[];
};

const PARIS = 'Europe/Paris';
const HOUR = 3_600_000;
const local = (date: Date) => DateTime.fromJSDate(date, { zone: PARIS }).toFormat('ccc HH:mm');

describe('the shared agenda', () => {
  let t: TTestApp;
  const keys = ['manager', 'nurse', 'aide', 'former', 'outsider', 'admin', 'patient'] as const;
  const agents = {} as Record<(typeof keys)[number], TAgent>;
  const users = {} as Record<(typeof keys)[number], { id: string; memberId: string | null }>;
  let personId: string;
  let otherPersonId: string;
  /** Each test gets its own day, a week or more ahead, so that tests do not double-book. */
  let day = 7;
  const slot = (hour: number, hours = 1) => {
    const start = DateTime.now().setZone(PARIS).startOf('day').plus({ days: day, hours: hour });
    return { startsAt: start.toISO()!, endsAt: start.plus({ hours }).toISO()! };
  };

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const roles = {
      manager: 'coordinator',
      nurse: 'professional',
      aide: 'social',
      former: 'professional',
      outsider: 'professional',
      admin: 'admin',
    } as const;
    for (const key of Object.keys(roles) as (keyof typeof roles)[]) {
      const user = await buildUser(db, { role: roles[key] });
      users[key] = { id: user.id, memberId: user.memberId };
    }
    const person = await buildPerson(db, {
      caseManagerId: users.manager.memberId,
      team: [
        { memberId: users.nurse.memberId! },
        { memberId: users.aide.memberId! },
        { memberId: users.former.memberId!, ended: true },
      ],
    });
    personId = person.id;
    otherPersonId = (await buildPerson(db, { team: [{ memberId: users.nurse.memberId! }] })).id;
    const patient = await buildUser(db, { role: 'patient', personId });
    users.patient = { id: patient.id, memberId: null };
    const orgA = await buildOrganisation(db, { name: 'SSIAD du Valoux' });
    const orgB = await buildOrganisation(db, { name: 'Aide à domicile des Tilleuls' });
    await db.insert(memberOrganisations).values([
      { memberId: users.nurse.memberId!, organisationId: orgA.id },
      { memberId: users.aide.memberId!, organisationId: orgB.id },
    ]);
    for (const key of keys) {
      const [row] = await db.query.users.findMany({
        where: (u, { eq: is }) => is(u.id, users[key].id),
      });
      agents[key] = await loginAs(t.app, row!.email, TEST_PASSWORD);
    }
  });
  after(() => t.close());

  const plan = async (agent: TAgent, body: Record<string, unknown>, status = 201) => {
    const response = await agent.request('POST', '/api/agenda/appointments', {
      kind: 'home_visit',
      place: 'home',
      personId,
      participantIds: [users.nurse.memberId, users.aide.memberId],
      ...slot(9),
      ...body,
    });
    assert.equal(response.statusCode, status, response.body);
    return response.json<TWritten>();
  };
  const audited = async (action: string, userId: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.actorUserId, userId)));

  it('plans a home visit with two participants of two organisations, on the timeline', async () => {
    day = 7;
    const written = await plan(agents.manager, {
      title: 'Toilette',
      notes: 'Plaie au talon',
      notesCategory: 'medical',
    });
    const view = written.appointment;
    assert.equal(view.status, 'planned');
    assert.equal(view.version, 1);
    assert.deepEqual(written.conflicts, []);
    assert.deepEqual(
      view.participants
        .map((p) => p.organisations)
        .flat()
        .sort(),
      ['Aide à domicile des Tilleuls', 'SSIAD du Valoux'],
    );
    const copies = await t.database.db
      .select()
      .from(appointmentParticipants)
      .where(eq(appointmentParticipants.appointmentId, view.id));
    assert.equal(copies.length, 2);
    assert.ok(
      copies.every((c) => c.startsAt.toISOString() === view.startsAt && c.status === 'planned'),
    );
    const events = await t.database.db
      .select()
      .from(pathwayEvents)
      .where(
        and(eq(pathwayEvents.personId, personId), eq(pathwayEvents.kind, 'appointment.planned')),
      );
    assert.equal(events.length, 1);
    assert.equal(events[0]!.sourceId, view.id);
    // the social aide reads the appointment but not its medical notes
    const aide = (
      await agents.aide.request('GET', `/api/agenda/appointments/${view.id}`)
    ).json<TAppointmentView>();
    assert.equal(aide.notes, null);
    assert.equal(aide.notesHidden, true);
    const nurse = (
      await agents.nurse.request('GET', `/api/agenda/appointments/${view.id}`)
    ).json<TAppointmentView>();
    assert.equal(nurse.title, 'Toilette');
  });

  it('refuses readers outside the care team with 404, audited; patients may not use the agenda', async () => {
    day = 8;
    const { appointment } = await plan(agents.manager, {});
    for (const key of ['former', 'outsider'] as const) {
      const response = await agents[key].request(
        'GET',
        `/api/agenda/appointments/${appointment.id}`,
      );
      assert.equal(response.statusCode, 404, key);
      const rows = await audited('appointment.read', users[key].id);
      assert.equal(rows.at(-1)?.outcome, 'denied', key);
      assert.equal(rows.at(-1)?.resourceId, appointment.id);
    }
    const patient = await agents.patient.request(
      'GET',
      `/api/agenda/appointments/${appointment.id}`,
    );
    assert.equal(patient.statusCode, 404);
    assert.equal((await audited('appointment.read', users.patient.id)).at(-1)?.outcome, 'denied');
    const list = await agents.patient.request('GET', `/api/persons/${personId}/appointments`);
    assert.equal(list.statusCode, 404);
    assert.equal((await audited('appointment.list', users.patient.id)).at(-1)?.outcome, 'denied');
    const mine = await agents.patient.request(
      'GET',
      `/api/agenda/mine?from=${encodeURIComponent(slot(0).startsAt)}`,
    );
    assert.equal(mine.statusCode, 403);
    assert.equal(
      (await agents.nurse.request('GET', `/api/agenda/appointments/${appointment.id}`)).statusCode,
      200,
    );
  });

  it('refuses participants outside the care team with 422 naming them', async () => {
    day = 9;
    const response = await agents.manager.request('POST', '/api/agenda/appointments', {
      kind: 'home_visit',
      place: 'home',
      personId,
      participantIds: [users.nurse.memberId, users.outsider.memberId, users.former.memberId],
      ...slot(9),
    });
    assert.equal(response.statusCode, 422, response.body);
    const body = response.json<TError>();
    assert.match(body.error.message, /Test Member/);
    assert.deepEqual(
      (body.error.details!.memberIds as string[]).sort(),
      [users.outsider.memberId, users.former.memberId].sort(),
    );
    const none = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.startsAt, new Date(slot(9).startsAt)));
    assert.equal(none.length, 0, 'nothing was written');
  });

  it('edits on the version read; a stale version answers 409 with the current one', async () => {
    day = 10;
    const { appointment } = await plan(agents.manager, {});
    const moved = slot(14);
    const edit = await agents.nurse.request('PATCH', `/api/agenda/appointments/${appointment.id}`, {
      version: 1,
      ...moved,
      participantIds: [users.nurse.memberId],
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const edited = edit.json<TWritten>().appointment;
    assert.equal(edited.version, 2);
    assert.deepEqual(
      edited.participants.map((p) => p.memberId),
      [users.nurse.memberId],
    );
    const copies = await t.database.db
      .select()
      .from(appointmentParticipants)
      .where(eq(appointmentParticipants.appointmentId, appointment.id));
    assert.deepEqual(
      copies.map((c) => c.startsAt.toISOString()),
      [new Date(moved.startsAt).toISOString()],
    );
    const stale = await agents.manager.request(
      'PATCH',
      `/api/agenda/appointments/${appointment.id}`,
      {
        version: 1,
        ...slot(16),
      },
    );
    assert.equal(stale.statusCode, 409, stale.body);
    const details = stale.json<TError>().error.details!;
    assert.equal(details.currentVersion, 2);
    assert.deepEqual(details.differs, ['time']);
    assert.equal((details.current as TAppointmentView).startsAt, edited.startsAt);
  });

  it('moves through the states of the table; illegal moves answer 409 in words', async () => {
    day = -1;
    const { appointment } = await plan(agents.manager, {});
    const move = (agent: TAgent, body: object) =>
      agent.request('POST', `/api/agenda/appointments/${appointment.id}/status`, body);
    assert.equal((await move(agents.nurse, { version: 1, status: 'confirmed' })).statusCode, 200);
    const done = await move(agents.nurse, { version: 2, status: 'done' });
    assert.equal(done.statusCode, 200, done.body);
    const illegal = await move(agents.nurse, { version: 3, status: 'cancelled', reason: 'Erreur' });
    assert.equal(illegal.statusCode, 409);
    assert.match(illegal.json<TError>().error.message, /« annulé » : il est déjà « réalisé »/);
    day = 11;
    const future = (await plan(agents.manager, {})).appointment;
    const cancel = (body: object) =>
      agents.aide.request('POST', `/api/agenda/appointments/${future.id}/status`, body);
    assert.equal((await cancel({ version: 1, status: 'cancelled' })).statusCode, 422);
    assert.equal((await cancel({ version: 1, status: 'done' })).statusCode, 422, 'not started yet');
    const cancelled = await cancel({ version: 1, status: 'cancelled', reason: 'Hospitalisée' });
    assert.equal(cancelled.json<TAppointmentView>().statusReason, 'Hospitalisée');
    const kinds = (
      await t.database.db.select().from(pathwayEvents).where(eq(pathwayEvents.personId, personId))
    ).map((e) => e.kind);
    assert.ok(kinds.includes('appointment.done') && kinds.includes('appointment.cancelled'));
  });

  it('feeds the pathway-break alerts with a missed visit, owned by the case manager', async () => {
    day = -2;
    const { appointment } = await plan(agents.manager, {});
    const missed = await agents.nurse.request(
      'POST',
      `/api/agenda/appointments/${appointment.id}/status`,
      {
        version: 1,
        status: 'missed',
      },
    );
    assert.equal(missed.statusCode, 200, missed.body);
    const [alert] = await t.database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, 'appointment_missed'), eq(alerts.sourceId, appointment.id)));
    assert.equal(alert?.ownerUserId, users.manager.id);
    assert.equal(alert?.personId, personId);
  });

  it('warns of double-booking for a home visit and refuses a case conference naming who', async () => {
    day = 12;
    await plan(agents.manager, {});
    const warned = await plan(agents.manager, {
      ...slot(9.5),
      participantIds: [users.nurse.memberId],
    });
    assert.deepEqual(
      warned.conflicts.map((c) => c.memberId),
      [users.nurse.memberId],
    );
    const refused = await agents.manager.request('POST', '/api/agenda/appointments', {
      kind: 'case_conference',
      place: 'remote',
      personId,
      participantIds: [users.manager.memberId, users.aide.memberId],
      ...slot(9.25),
    });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json<TError>().error.message, /déjà pris·es/);
    const start = new Date(slot(9).startsAt);
    const found = await findConflicts(t.database.db, {
      memberIds: [users.nurse.memberId!, users.manager.memberId!],
      startsAt: start,
      endsAt: new Date(start.getTime() + HOUR),
    });
    assert.equal(found.length, 2);
    assert.ok(found.every((c) => c.memberId === users.nurse.memberId));
    const free = await findConflicts(t.database.db, {
      memberIds: [users.nurse.memberId!],
      startsAt: new Date(start.getTime() + 2 * HOUR),
      endsAt: new Date(start.getTime() + 3 * HOUR),
    });
    assert.deepEqual(free, []);
    // an absence (decision 030) is a conflict too, without its label
    await t.database.db.insert(absences).values({
      memberId: users.nurse.memberId!,
      startsAt: new Date(start.getTime() + 2 * HOUR),
      endsAt: new Date(start.getTime() + 26 * HOUR),
      kind: 'training',
      label: 'Formation plaies chroniques',
    });
    const away = await plan(agents.manager, {
      ...slot(12),
      participantIds: [users.nurse.memberId],
    });
    assert.deepEqual(
      away.conflicts.map((c) => [c.memberId, c.absent, c.appointmentId]),
      [[users.nurse.memberId, true, null]],
    );
    assert.ok(!JSON.stringify(away).includes('Formation'));
  });

  it('plans an appointment about no person, seen by its participants and network staff only', async () => {
    day = 13;
    const response = await agents.nurse.request('POST', '/api/agenda/appointments', {
      kind: 'meeting',
      place: 'other',
      placeText: 'Mairie',
      participantIds: [users.nurse.memberId, users.outsider.memberId],
      title: 'Réunion de secteur',
      ...slot(11),
    });
    assert.equal(response.statusCode, 201, response.body);
    const id = response.json<TWritten>().appointment.id;
    for (const [key, status] of [
      ['outsider', 200],
      ['admin', 200],
      ['aide', 404],
      ['patient', 404],
    ] as const) {
      assert.equal(
        (await agents[key].request('GET', `/api/agenda/appointments/${id}`)).statusCode,
        status,
        key,
      );
    }
  });

  it('shows my week, and a care team calendar with busy blocks for what the reader may not read', async () => {
    day = 14;
    const own = await plan(agents.manager, { title: 'Passage du soir' });
    const elsewhere = await plan(agents.nurse, {
      personId: otherPersonId,
      participantIds: [users.nurse.memberId],
      title: 'Pansement',
      ...slot(15),
    });
    const from = encodeURIComponent(slot(0).startsAt);
    const mine = (
      await agents.nurse.request('GET', `/api/agenda/mine?from=${from}&days=1`)
    ).json<TCalendar>();
    assert.deepEqual(
      mine.items.map((i) => i.id),
      [own.appointment.id, elsewhere.appointment.id],
    );
    const team = await agents.manager.request(
      'GET',
      `/api/persons/${personId}/team-calendar?from=${from}&days=1`,
    );
    assert.equal(team.statusCode, 200, team.body);
    const items = team.json<TCalendar>().items;
    assert.equal(items.length, 2);
    assert.equal(items[0]!.id, own.appointment.id);
    assert.deepEqual(
      { ...items[1], participants: undefined },
      { ...items[1], id: null, busy: true, title: null, person: null, participants: undefined },
    );
    assert.deepEqual(
      items[1]!.participants.map((p) => p.memberId),
      [users.nurse.memberId],
    );
    const list = (
      await agents.aide.request('GET', `/api/persons/${personId}/appointments`)
    ).json<TCalendar>();
    assert.ok(list.items.some((i) => i.id === own.appointment.id));
    assert.ok(!list.items.some((i) => i.id === elsewhere.appointment.id));
  });

  it('writes a weekday series with exceptions: moved, cancelled, removed, this and following', async () => {
    const monday = DateTime.now().setZone(PARIS).startOf('week').plus({ weeks: 3, hours: 8 });
    const written = await plan(agents.manager, {
      startsAt: monday.toISO(),
      endsAt: monday.plus({ minutes: 30 }).toISO(),
      participantIds: [users.nurse.memberId],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' },
    });
    assert.ok(written.occurrences >= 40, String(written.occurrences));
    const seriesId = written.appointment.seriesId!;
    const occurrences = async () =>
      t.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.seriesId, seriesId))
        .orderBy(asc(appointments.occurrenceStart));
    const [mon, tue, wed, thu] = await occurrences();
    // moved: Tuesday at 10:00, still linked by its occurrence start
    const moved = await agents.nurse.request('PATCH', `/api/agenda/appointments/${tue!.id}`, {
      version: 1,
      startsAt: monday.plus({ days: 1, hours: 2 }).toISO(),
      endsAt: monday.plus({ days: 1, hours: 2, minutes: 30 }).toISO(),
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(
      moved.json<TWritten>().appointment.occurrenceStart,
      tue!.occurrenceStart!.toISOString(),
    );
    // cancelled: Wednesday
    const cancelled = await agents.nurse.request(
      'POST',
      `/api/agenda/appointments/${wed!.id}/status`,
      {
        version: 1,
        status: 'cancelled',
        reason: 'Accueil de jour',
      },
    );
    assert.equal(cancelled.statusCode, 200);
    // removed: Thursday (an EXDATE)
    const removed = await agents.nurse.request(
      'DELETE',
      `/api/agenda/appointments/${thu!.id}/occurrence`,
    );
    assert.equal(removed.statusCode, 204);
    const [series] = await t.database.db
      .select()
      .from(appointmentSeries)
      .where(eq(appointmentSeries.id, seriesId));
    assert.deepEqual(
      series!.exdates.map((d) => d.toISOString()),
      [thu!.occurrenceStart!.toISOString()],
    );
    const after = await occurrences();
    assert.equal(after.length, written.occurrences - 1);
    assert.deepEqual(
      after.slice(0, 3).map((o) => [local(o.startsAt), o.status]),
      [
        ['Mon 08:00', 'planned'],
        ['Tue 10:00', 'planned'],
        ['Wed 08:00', 'cancelled'],
      ],
    );
    // the calendars carry each occurrence's planned start: Tuesday's differs (moved)
    const days = `from=${encodeURIComponent(monday.startOf('day').toISO()!)}&days=3`;
    for (const [agent, path] of [
      [agents.nurse, `/api/agenda/mine?${days}`],
      [agents.manager, `/api/persons/${personId}/appointments?${days}`],
      [agents.manager, `/api/persons/${personId}/team-calendar?${days}`],
    ] as const) {
      const items = (await agent.request('GET', path))
        .json<TCalendar>()
        .items.filter((item) => item.seriesId === seriesId);
      assert.deepEqual(
        items.map((item) => [
          local(new Date(item.startsAt)),
          item.occurrenceStart && local(new Date(item.occurrenceStart)),
        ]),
        [
          ['Mon 08:00', 'Mon 08:00'],
          ['Tue 10:00', 'Tue 08:00'],
          ['Wed 08:00', 'Wed 08:00'],
        ],
        path,
      );
    }
    // this and following: from the second Monday at 09:00, Mondays only
    const nextMonday = after.find(
      (o) => o.occurrenceStart!.getTime() === monday.plus({ weeks: 1 }).toMillis(),
    )!;
    const split = await agents.manager.request(
      'POST',
      `/api/agenda/appointments/${nextMonday.id}/following`,
      {
        version: 1,
        startsAt: monday.plus({ weeks: 1, hours: 1 }).toISO(),
        endsAt: monday.plus({ weeks: 1, hours: 1, minutes: 45 }).toISO(),
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
      },
    );
    assert.equal(split.statusCode, 201, split.body);
    const next = split.json<TWritten>();
    assert.notEqual(next.appointment.seriesId, seriesId);
    const old = await occurrences();
    assert.ok(old.every((o) => o.startsAt < new Date(monday.plus({ weeks: 1 }).toMillis())));
    assert.equal(old.length, 4, 'Mon, Tue (moved), Wed (cancelled), Fri of the first week');
    assert.equal(mon!.status, 'planned');
    const news = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.seriesId, next.appointment.seriesId!));
    assert.ok(
      news.every((o) => local(o.startsAt) === 'Mon 09:00'),
      news.map((o) => local(o.startsAt)).join(),
    );
    assert.equal(news.length, next.occurrences);
  });

  it('keeps a 08:00 series at 08:00 local across the autumn change (written on create)', async () => {
    const start = DateTime.fromISO('2026-10-19T08:00', { zone: PARIS });
    const written = await plan(agents.manager, {
      startsAt: start.toISO(),
      endsAt: start.plus({ minutes: 30 }).toISO(),
      participantIds: [users.aide.memberId],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=10' },
    });
    assert.equal(written.occurrences, 10);
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.seriesId, written.appointment.seriesId!))
      .orderBy(asc(appointments.startsAt));
    assert.ok(rows.every((o) => local(o.startsAt).endsWith('08:00')));
    assert.equal(rows[4]!.startsAt.toISOString(), '2026-10-23T06:00:00.000Z');
    assert.equal(rows[5]!.startsAt.toISOString(), '2026-10-26T07:00:00.000Z');
  });

  it('keeps it at 08:00 local across the spring change (written ahead by the durable job)', async () => {
    const start = DateTime.fromISO('2027-01-04T08:00', { zone: PARIS });
    const written = await plan(agents.manager, {
      startsAt: start.toISO(),
      endsAt: start.plus({ minutes: 30 }).toISO(),
      participantIds: [users.manager.memberId],
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR,MO' },
    });
    const seriesId = written.appointment.seriesId!;
    assert.ok((await extendSeries(t.database.db, new Date('2027-02-01T00:00:00Z'))) > 0);
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.seriesId, seriesId))
      .orderBy(asc(appointments.startsAt));
    const around = rows.filter(
      (o) => o.startsAt > new Date('2027-03-20') && o.startsAt < new Date('2027-04-03'),
    );
    assert.deepEqual(
      around.map((o) => o.startsAt.toISOString()),
      [
        '2027-03-22T07:00:00.000Z',
        '2027-03-26T07:00:00.000Z',
        '2027-03-29T06:00:00.000Z',
        '2027-04-02T06:00:00.000Z',
      ],
    );
    const starts = rows.map((o) => o.occurrenceStart!.getTime());
    assert.equal(new Set(starts).size, starts.length, 'no occurrence written twice');
    assert.equal(await extendSeries(t.database.db, new Date('2027-02-01T00:00:00Z')), 0);
  });

  it('runs the daily series extension as a durable job, once a day', async () => {
    const now = new Date();
    await scheduleSeriesExtension(t.database.db, now);
    await scheduleSeriesExtension(t.database.db, now);
    const log = { warn: () => undefined };
    const handlers = { [EXTEND_SERIES_JOB]: runSeriesExtension };
    assert.equal(await runDueJobs(t.database.db, handlers, log, () => now), 1);
    assert.equal(await runDueJobs(t.database.db, handlers, log, () => now), 0);
  });
});
