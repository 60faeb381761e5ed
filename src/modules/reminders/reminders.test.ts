import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  appointmentParticipants,
  appointmentReminders,
  appointments,
  notificationPreferences,
  notifications,
  outbox,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { insertAppointment } from '../agenda/agenda.repository.js';
import { runDueJobs } from '../jobs/jobs.service.js';
import {
  REMINDER_JOB,
  reminderJob,
  scheduleReminders,
  sendDueReminders,
} from './reminders.service.js';

const OPTIONS = { timeZone: 'Europe/Paris', publicUrl: 'https://maillon.test' };
const MINUTE = 60_000;
const silent = { warn: () => undefined };

describe('appointment reminders', () => {
  let t: TTestApp;
  let agent: TAgent;
  let user: { id: string; memberId: string; email: string };

  before(async () => {
    t = await createTestApp();
    const built = await buildUser(t.database.db, { role: 'professional' });
    user = { id: built.id, memberId: built.memberId!, email: built.email };
    agent = await loginAs(t.app, built.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const remindersOf = (appointmentId: string) =>
    t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, user.id),
          eq(notifications.link, `/agenda/rendez-vous/${appointmentId}`),
        ),
      );
  const visit = async (startsAt: Date, memberIds = [user.memberId]) => {
    const person = await buildPerson(t.database.db);
    return insertAppointment(
      t.database.db,
      {
        personId: person.id,
        kind: 'home_visit',
        title: 'Pansement escarre',
        notes: 'Chimiothérapie',
        place: 'home',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * MINUTE),
      },
      memberIds,
    );
  };

  it('reminds in the app one hour before by default, once, even when two sweeps run together', async () => {
    const now = new Date();
    const soon = await visit(new Date(now.getTime() + 50 * MINUTE));
    const later = await visit(new Date(now.getTime() + 5 * 60 * MINUTE));
    const sent = await Promise.all([
      t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS)),
      t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS)),
    ]);
    assert.ok(sent.reduce((a, b) => a + b, 0) >= 1);
    assert.equal((await remindersOf(soon.id)).length, 1);
    assert.equal((await remindersOf(soon.id))[0]?.kind, 'reminder.appointment');
    assert.equal((await remindersOf(later.id)).length, 0, 'not yet: 5 hours before');
    await t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS));
    assert.equal((await remindersOf(soon.id)).length, 1, 'a second sweep sends nothing more');
    const rows = await t.database.db
      .select()
      .from(appointmentReminders)
      .where(eq(appointmentReminders.appointmentId, soon.id));
    assert.deepEqual(
      rows.map((r) => r.leadMinutes),
      [60],
    );
  });

  it('sends nothing for a cancelled appointment, and reminds a moved one at its new time only', async () => {
    const now = new Date();
    const cancelled = await visit(new Date(now.getTime() + 30 * MINUTE));
    await t.database.db
      .update(appointments)
      .set({ status: 'cancelled' })
      .where(eq(appointments.id, cancelled.id));
    const moved = await visit(new Date(now.getTime() + 40 * MINUTE));
    const later = new Date(now.getTime() + 6 * 60 * MINUTE);
    await t.database.db
      .update(appointments)
      .set({ startsAt: later, endsAt: new Date(later.getTime() + 30 * MINUTE) })
      .where(eq(appointments.id, moved.id));
    await t.database.db
      .update(appointmentParticipants)
      .set({ startsAt: later })
      .where(eq(appointmentParticipants.appointmentId, moved.id));
    await t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS));
    assert.equal((await remindersOf(cancelled.id)).length, 0);
    assert.equal((await remindersOf(moved.id)).length, 0, 'no reminder at the old time');
    const atNewTime = new Date(later.getTime() - 55 * MINUTE);
    await t.database.db.transaction((tx) => sendDueReminders(tx, atNewTime, OPTIONS));
    assert.equal((await remindersOf(moved.id)).length, 1);
  });

  it('follows the member’s leads and e-mails when asked, with no medical text', async () => {
    const saved = await agent.request('PUT', '/api/reminders/preferences', {
      leadMinutes: [1440, 60],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json<{ leadMinutes: number[] }>().leadMinutes, [60, 1440]);
    assert.equal(
      (await agent.request('PUT', '/api/reminders/preferences', { leadMinutes: [30] })).statusCode,
      400,
    );
    await t.database.db
      .insert(notificationPreferences)
      .values({ userId: user.id, family: 'reminders', inApp: true, emailNow: true, digest: false });
    const now = new Date();
    const tomorrow = await visit(new Date(now.getTime() + 23 * 60 * MINUTE));
    await t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS));
    assert.equal((await remindersOf(tomorrow.id)).length, 1, 'the 24-hour reminder');
    const mails = (
      await t.database.db.select().from(outbox).where(eq(outbox.toAddress, user.email))
    ).filter((mail) => mail.body.includes(tomorrow.id));
    assert.equal(mails.length, 1);
    const text = `${mails[0]!.subject} ${mails[0]!.body}`;
    assert.match(text, /Visite à domicile/);
    assert.match(text, new RegExp(`/agenda/rendez-vous/${tomorrow.id}`));
    for (const word of ['escarre', 'Pansement', 'Chimiothérapie', 'Jeanne']) {
      assert.ok(!text.includes(word), word);
    }
    // an hour before: the 1-hour reminder as well
    const hourBefore = new Date(now.getTime() + 22 * 60 * MINUTE + 5 * MINUTE);
    await t.database.db.transaction((tx) => sendDueReminders(tx, hourBefore, OPTIONS));
    assert.equal((await remindersOf(tomorrow.id)).length, 2);
    // none at all
    await agent.request('PUT', '/api/reminders/preferences', { leadMinutes: [] });
    const none = await visit(new Date(now.getTime() + 10 * MINUTE));
    await t.database.db.transaction((tx) => sendDueReminders(tx, now, OPTIONS));
    assert.equal((await remindersOf(none.id)).length, 0);
    await agent.request('PUT', '/api/reminders/preferences', { leadMinutes: [60] });
  });

  it('runs as a durable job, one per five-minute slot across processes', async () => {
    const now = new Date();
    const due = await visit(new Date(now.getTime() + 20 * MINUTE));
    await scheduleReminders(t.database.db, now);
    await scheduleReminders(t.database.db, now);
    const handlers = { [REMINDER_JOB]: reminderJob(OPTIONS) };
    const ran = await Promise.all([
      runDueJobs(t.database.db, handlers, silent),
      runDueJobs(t.database.db, handlers, silent),
    ]);
    assert.equal(
      ran.reduce((a, b) => a + b, 0),
      1,
    );
    assert.equal((await remindersOf(due.id)).length, 1);
  });
});
