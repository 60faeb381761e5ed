import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { absences, auditLog, memberOrganisations } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation } from '../../../test/helpers/directory-factories.js';
import {
  buildMember,
  buildPerson,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/helpers/factories.js';
import { insertAppointment } from '../agenda/agenda.repository.js';
import { findAbsenceConflicts } from './busy.js';

type TWho = 'nurse' | 'doctor' | 'manager' | 'colleague' | 'coordinator' | 'steering' | 'patient';

describe('availability: working hours, absences, free slots (decision 030)', () => {
  let t: TTestApp;
  const agents = {} as Record<TWho, TAgent>;
  const memberOf = {} as Record<TWho, string>;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const roles: Record<TWho, 'professional' | 'coordinator' | 'steering' | 'patient'> = {
      nurse: 'professional',
      doctor: 'professional',
      manager: 'professional',
      colleague: 'professional',
      coordinator: 'coordinator',
      steering: 'steering',
      patient: 'patient',
    };
    const person = await buildPerson(db);
    for (const who of Object.keys(roles) as TWho[]) {
      const user = await buildUser(db, {
        role: roles[who],
        ...(who === 'patient' ? { personId: person.id } : {}),
      });
      memberOf[who] = user.memberId ?? '';
      agents[who] = await loginAs(t.app, user.email, TEST_PASSWORD);
    }
    // The nurse works at a home-care service managed by 'manager'; the doctor at a practice.
    const homeCare = await buildOrganisation(db, { name: 'SSIAD du Val' });
    const practice = await buildOrganisation(db, { name: 'Maison de santé du Bourg' });
    await db.insert(memberOrganisations).values([
      { memberId: memberOf.nurse, organisationId: homeCare.id },
      { memberId: memberOf.manager, organisationId: homeCare.id, canEditServices: true },
      { memberId: memberOf.colleague, organisationId: homeCare.id },
      { memberId: memberOf.doctor, organisationId: practice.id },
    ]);
  });
  after(() => t.close());

  const hoursUrl = (who: TWho) => `/api/availability/members/${memberOf[who]}/working-hours`;
  const absencesUrl = (who: TWho) => `/api/availability/members/${memberOf[who]}/absences`;
  const morning = { ranges: [{ weekday: 1, start: '08:00', end: '12:00' }] };

  describe('working hours', () => {
    it('lets a member set their own week, read back in local time', async () => {
      const response = await agents.nurse.request('PUT', hoursUrl('nurse'), {
        ranges: [
          { weekday: 2, start: '13:30', end: '17:00' },
          { weekday: 2, start: '08:00', end: '12:00' },
        ],
      });
      assert.equal(response.statusCode, 200, response.body);
      const read = await agents.nurse.request('GET', `/api/availability/members/${memberOf.nurse}`);
      const body = read.json<{ week: unknown[]; usesDefaultWeek: boolean; canEdit: boolean }>();
      assert.deepEqual(body.week, [
        { weekday: 2, start: '08:00', end: '12:00' },
        { weekday: 2, start: '13:30', end: '17:00' },
      ]);
      assert.equal(body.usesDefaultWeek, false);
      assert.equal(body.canEdit, true);
    });

    it("refuses another member's week (403) and an unknown member (404)", async () => {
      const other = await agents.doctor.request('PUT', hoursUrl('nurse'), morning);
      assert.equal(other.statusCode, 403);
      const colleague = await agents.colleague.request('PUT', hoursUrl('nurse'), morning);
      assert.equal(colleague.statusCode, 403);
      const unknown = await agents.coordinator.request(
        'PUT',
        '/api/availability/members/00000000-0000-4000-8000-000000000000/working-hours',
        morning,
      );
      assert.equal(unknown.statusCode, 404);
    });

    it("lets the organisation's editor and network staff set a member's week", async () => {
      const manager = await agents.manager.request('PUT', hoursUrl('nurse'), morning);
      assert.equal(manager.statusCode, 200, manager.body);
      const staff = await agents.coordinator.request('PUT', hoursUrl('doctor'), morning);
      assert.equal(staff.statusCode, 200, staff.body);
    });

    it('refuses a patient, even reading', async () => {
      const read = await agents.patient.request(
        'GET',
        `/api/availability/members/${memberOf.nurse}`,
      );
      assert.equal(read.statusCode, 403);
      const write = await agents.patient.request('PUT', hoursUrl('nurse'), morning);
      assert.equal(write.statusCode, 403);
    });

    it('refuses a range ending before it starts, or overlapping another (422), changing nothing', async () => {
      const before = await agents.nurse.request(
        'GET',
        `/api/availability/members/${memberOf.nurse}`,
      );
      const reversed = await agents.nurse.request('PUT', hoursUrl('nurse'), {
        ranges: [{ weekday: 1, start: '12:00', end: '08:00' }],
      });
      assert.equal(reversed.statusCode, 422, reversed.body);
      const overlapping = await agents.nurse.request('PUT', hoursUrl('nurse'), {
        ranges: [
          { weekday: 3, start: '08:00', end: '12:00' },
          { weekday: 3, start: '11:00', end: '14:00' },
        ],
      });
      assert.equal(overlapping.statusCode, 422, overlapping.body);
      const badClock = await agents.nurse.request('PUT', hoursUrl('nurse'), {
        ranges: [{ weekday: 1, start: '25:00', end: '26:00' }],
      });
      assert.equal(badClock.statusCode, 400, badClock.body);
      const after = await agents.nurse.request(
        'GET',
        `/api/availability/members/${memberOf.nurse}`,
      );
      assert.deepEqual(after.json(), before.json());
    });
  });

  describe('absences', () => {
    const leave = {
      startsAt: '2026-08-03T00:00:00+02:00',
      endsAt: '2026-08-15T00:00:00+02:00',
      kind: 'leave',
      label: 'Congés d’été',
    };

    it('shows the label to the member and staff, and only "absent" to others', async () => {
      const created = await agents.doctor.request('POST', absencesUrl('doctor'), leave);
      assert.equal(created.statusCode, 201, created.body);
      const url = `/api/availability/members/${memberOf.doctor}?from=2026-08-01T00:00:00Z&to=2026-09-01T00:00:00Z`;
      type TRead = { absences: { kind: string; label: string | null }[] };
      const own = (await agents.doctor.request('GET', url)).json<TRead>();
      assert.equal(own.absences[0]?.label, 'Congés d’été');
      const staff = (await agents.coordinator.request('GET', url)).json<TRead>();
      assert.equal(staff.absences[0]?.label, 'Congés d’été');
      for (const who of ['nurse', 'steering'] as const) {
        const response = await agents[who].request('GET', url);
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json<TRead>();
        assert.equal(body.absences[0]?.kind, 'leave');
        assert.equal(body.absences[0]?.label, null);
      }
    });

    it("refuses another member's absence (403), a patient (403) and an end before the start (422)", async () => {
      assert.equal(
        (await agents.nurse.request('POST', absencesUrl('doctor'), leave)).statusCode,
        403,
      );
      assert.equal(
        (await agents.patient.request('POST', absencesUrl('doctor'), leave)).statusCode,
        403,
      );
      const reversed = await agents.doctor.request('POST', absencesUrl('doctor'), {
        ...leave,
        endsAt: '2026-08-01T00:00:00+02:00',
      });
      assert.equal(reversed.statusCode, 422, reversed.body);
      const medical = await agents.doctor.request('POST', absencesUrl('doctor'), {
        ...leave,
        kind: 'sick',
      });
      assert.equal(medical.statusCode, 400);
    });

    it('removes an absence: its member or staff, not someone else; audited', async () => {
      const created = await agents.coordinator.request('POST', absencesUrl('nurse'), {
        startsAt: '2026-09-01T08:00:00Z',
        endsAt: '2026-09-01T12:00:00Z',
        kind: 'training',
      });
      const { id } = created.json<{ id: string }>();
      const refused = await agents.doctor.request('DELETE', `${absencesUrl('nurse')}/${id}`);
      assert.equal(refused.statusCode, 403);
      const wrongMember = await agents.doctor.request('DELETE', `${absencesUrl('doctor')}/${id}`);
      assert.equal(wrongMember.statusCode, 404);
      const removed = await agents.nurse.request('DELETE', `${absencesUrl('nurse')}/${id}`);
      assert.equal(removed.statusCode, 204, removed.body);
      const [gone] = await t.database.db.select().from(absences).where(eq(absences.id, id));
      assert.equal(gone, undefined);
      const audit = await t.database.db
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, 'availability.absence.remove'), eq(auditLog.resourceId, id)),
        );
      assert.equal(audit.length, 1);
    });

    it('findAbsenceConflicts names who is absent during a proposed appointment', async () => {
      const db = t.database.db;
      const conflicts = await findAbsenceConflicts(db, {
        memberIds: [memberOf.doctor, memberOf.nurse],
        startsAt: new Date('2026-08-10T07:00:00Z'),
        endsAt: new Date('2026-08-10T08:00:00Z'),
      });
      assert.deepEqual(
        conflicts.map((c) => [c.memberId, c.kind]),
        [[memberOf.doctor, 'leave']],
      );
      assert.ok(!('label' in conflicts[0]!));
      const touching = await findAbsenceConflicts(db, {
        memberIds: [memberOf.doctor],
        startsAt: new Date('2026-08-14T22:00:00Z'),
        endsAt: new Date('2026-08-14T23:00:00Z'),
      });
      assert.deepEqual(touching, [], 'an appointment starting when the absence ends is fine');
    });
  });

  describe('free-slot search', () => {
    it('finds times when two members of two organisations are free around appointments and an absence', async () => {
      const db = t.database.db;
      const a = await buildMember(db);
      const b = await buildMember(db);
      const orgA = await buildOrganisation(db);
      const orgB = await buildOrganisation(db);
      await db.insert(memberOrganisations).values([
        { memberId: a.id, organisationId: orgA.id },
        { memberId: b.id, organisationId: orgB.id },
      ]);
      await agents.coordinator.request('PUT', `/api/availability/members/${a.id}/working-hours`, {
        ranges: [1, 2, 3].map((weekday) => ({ weekday, start: '08:00', end: '12:00' })),
      });
      // b: no hours recorded (default week). Monday 2026-06-15 (UTC+2).
      const appointment = (startsAt: string, endsAt: string, status: 'planned' | 'cancelled') =>
        insertAppointment(
          db,
          {
            kind: 'meeting',
            place: 'remote',
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
            status,
          },
          [a.id],
        );
      await appointment('2026-06-15T06:00:00Z', '2026-06-15T08:00:00Z', 'planned'); // 08–10
      await appointment('2026-06-15T08:00:00Z', '2026-06-15T10:00:00Z', 'cancelled'); // ignored
      await insertAppointment(
        db,
        {
          kind: 'home_visit',
          place: 'home',
          startsAt: new Date('2026-06-15T09:00:00Z'),
          endsAt: new Date('2026-06-15T09:30:00Z'),
        },
        [b.id],
      ); // 11:00–11:30
      await agents.coordinator.request('POST', `/api/availability/members/${b.id}/absences`, {
        startsAt: '2026-06-16T00:00:00+02:00',
        endsAt: '2026-06-17T00:00:00+02:00',
        kind: 'training',
      });
      const response = await agents.nurse.request('POST', '/api/availability/free-slots', {
        memberIds: [a.id, b.id],
        durationMinutes: 60,
        from: '2026-06-15T00:00:00+02:00',
        to: '2026-06-18T00:00:00+02:00',
      });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<{
        windows: { startsAt: string; endsAt: string }[];
        slots: { startsAt: string }[];
        participants: { memberId: string; usesDefaultWeek: boolean }[];
      }>();
      assert.deepEqual(body.windows, [
        // Monday 10:00–11:00 local; Tuesday: b in training; Wednesday 08:00–12:00.
        { startsAt: '2026-06-15T08:00:00.000Z', endsAt: '2026-06-15T09:00:00.000Z' },
        { startsAt: '2026-06-17T06:00:00.000Z', endsAt: '2026-06-17T10:00:00.000Z' },
      ]);
      assert.equal(body.slots[0]?.startsAt, '2026-06-15T08:00:00.000Z');
      assert.deepEqual(
        body.participants.map((p) => p.usesDefaultWeek),
        [false, true],
      );
    });

    it('refuses a reversed or too long period, reversed hours and unknown members (422), and a patient', async () => {
      const base = {
        memberIds: [memberOf.nurse],
        durationMinutes: 30,
        from: '2026-06-15T00:00:00Z',
        to: '2026-06-20T00:00:00Z',
      };
      const cases = [
        { ...base, to: '2026-06-14T00:00:00Z' },
        { ...base, to: '2026-08-15T00:00:00Z' },
        { ...base, earliestHour: 14, latestHour: 9 },
        { ...base, memberIds: ['00000000-0000-4000-8000-000000000000'] },
      ];
      for (const body of cases) {
        const response = await agents.nurse.request('POST', '/api/availability/free-slots', body);
        assert.equal(response.statusCode, 422, `${JSON.stringify(body)}: ${response.body}`);
      }
      const tooMany = await agents.nurse.request('POST', '/api/availability/free-slots', {
        ...base,
        memberIds: Array.from({ length: 11 }, () => memberOf.nurse),
      });
      assert.equal(tooMany.statusCode, 400);
      const patient = await agents.patient.request('POST', '/api/availability/free-slots', base);
      assert.equal(patient.statusCode, 403);
    });
  });
});
