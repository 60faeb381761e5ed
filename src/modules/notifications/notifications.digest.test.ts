/**
 * Preferences, urgent mail, the daily digest and the durable jobs it runs on (decision 025):
 * preferences are honoured (no row when in-app is off, no mail when e-mail is off), mails carry
 * no personal or medical detail, the digest of a day is scheduled once, run once by two workers,
 * retried after a failure, and its mail reaches a real SMTP server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { TDatabase, TDb } from '../../db/client.js';
import { jobs, notifications, outbox, users } from '../../db/schema/index.js';
import { createTestDatabase, TEST_DRIVER } from '../../../test/helpers/database.js';
import { buildPerson, buildUser } from '../../../test/helpers/factories.js';
import { ensureJob, runDueJobs, type TJob } from '../jobs/jobs.service.js';
import { createMailTransport, deliverPendingMail } from '../mail/mail.service.js';
import { DIGEST_JOB, runDigest, scheduleDigest } from './notifications.digest.js';
import {
  insertNotification,
  setNotificationMailBase,
  upsertPreference,
} from './notifications.repository.js';

const log = { warn: () => undefined, error: () => undefined, info: () => undefined } as never;
const DAY = '2031-03-10';
/** Inside the window of DAY's digest (from the 9th 07:00 to the 10th 07:00, Paris). */
const IN_WINDOW = sql`'2031-03-09 15:00:00 Europe/Paris'::timestamptz`;

describe(`notification preferences, mail and digest (${TEST_DRIVER})`, () => {
  let database: TDatabase;
  let db: TDb;
  before(async () => {
    database = await createTestDatabase(undefined, { poolSize: 5 });
    db = database.db;
    setNotificationMailBase('https://maillon.reseau-test.fr');
  });
  after(() => database.close());

  const notify = (userId: string, kind: string, personId: string | null, urgent?: boolean) =>
    db.transaction((tx) =>
      insertNotification(tx, {
        userId,
        kind,
        personId,
        link: personId ? `/persons/${personId}` : null,
        ...(urgent === undefined ? {} : { urgent }),
      }),
    );
  const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.toAddress, email));
  const rowsOf = (userId: string) =>
    db.select().from(notifications).where(eq(notifications.userId, userId));

  it('mails an urgent item at once with no personal detail, once while one waits, as preferred', async () => {
    const nurse = await buildUser(db, { role: 'professional' });
    const person = await buildPerson(db);
    await notify(nurse.id, 'logbook.urgent', person.id);
    await notify(nurse.id, 'logbook.urgent', person.id);
    const mails = await mailsTo(nurse.email);
    assert.equal(mails.length, 1, 'one urgent mail waiting covers the next');
    assert.equal(mails[0]!.subject, 'Maillon : une notification urgente');
    assert.match(mails[0]!.body, /https:\/\/maillon\.reseau-test\.fr\/notifications/);
    assert.doesNotMatch(mails[0]!.body, new RegExp(`${person.lastName}|${person.id}|logbook`));
    const rows = await rowsOf(nurse.id);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((row) => row.urgent));

    // not urgent: in the app only
    await notify(nurse.id, 'message.new', null);
    assert.equal((await mailsTo(nurse.email)).length, 1);
    // urgent by the caller's flag, e-mail on for referrals by default (the first was sent meanwhile)
    await db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.toAddress, nurse.email));
    await notify(nurse.id, 'referral.received', person.id, true);
    assert.equal((await mailsTo(nurse.email)).length, 2);
  });

  it('writes nothing in the app when in-app is off, and mails nothing when e-mail is off', async () => {
    const nurse = await buildUser(db, { role: 'professional', locale: 'en' });
    await upsertPreference(db, nurse.id, 'logbook_urgent', {
      inApp: true,
      emailNow: false,
      digest: true,
    });
    await upsertPreference(db, nurse.id, 'messages', {
      inApp: false,
      emailNow: true,
      digest: true,
    });
    await notify(nurse.id, 'logbook.urgent', null);
    await notify(nurse.id, 'message.mention', null, true);
    assert.deepEqual(
      (await rowsOf(nurse.id)).map((row) => row.kind),
      ['logbook.urgent'],
      'the message is not shown',
    );
    const mails = await mailsTo(nurse.email);
    assert.deepEqual(
      mails.map((mail) => mail.subject),
      ['Maillon: an urgent notification'],
      'no mail for the logbook (off); the urgent mention still mailed (e-mail on), in English',
    );
    // a disabled account is told nothing
    const gone = await buildUser(db, { role: 'professional' });
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, gone.id));
    await notify(gone.id, 'logbook.urgent', null);
    assert.equal((await rowsOf(gone.id)).length, 0);
    assert.equal((await mailsTo(gone.email)).length, 0);
  });

  it('schedules one digest job per Paris day, due at 07:00 that day', async () => {
    const now = new Date('2031-01-15T10:00:00Z');
    await scheduleDigest(db, now);
    await scheduleDigest(db, now);
    await scheduleDigest(db, new Date('2031-01-15T22:30:00Z')); // 23:30 in Paris: same day
    const rows = await db.select().from(jobs).where(eq(jobs.kind, DIGEST_JOB));
    assert.deepEqual(
      rows.map((row) => [row.key, row.runAt.toISOString()]),
      [['2031-01-15', '2031-01-15T06:00:00.000Z']],
    );
    await scheduleDigest(db, new Date('2031-01-15T23:30:00Z')); // 00:30 on the 16th in Paris
    assert.equal((await db.select().from(jobs).where(eq(jobs.kind, DIGEST_JOB))).length, 2);
    await db.delete(jobs);
  });

  it('sends the day digest once with two workers, to those who want it, counting unread ones', async () => {
    const wants = await buildUser(db, { role: 'professional' });
    const optedOut = await buildUser(db, { role: 'professional' });
    const allRead = await buildUser(db, { role: 'coordinator' });
    const person = await buildPerson(db);
    for (const user of [wants, optedOut, allRead]) {
      await notify(user.id, 'care_team.joined', person.id);
      await notify(user.id, 'message.new', null);
      await notify(user.id, 'stay.discharged', person.id);
    }
    await upsertPreference(db, optedOut.id, 'care_team', {
      inApp: true,
      emailNow: false,
      digest: false,
    });
    await upsertPreference(db, optedOut.id, 'messages', {
      inApp: true,
      emailNow: false,
      digest: false,
    });
    await upsertPreference(db, optedOut.id, 'hospital', {
      inApp: true,
      emailNow: false,
      digest: false,
    });
    const ids = [wants.id, optedOut.id, allRead.id];
    await db
      .update(notifications)
      .set({ createdAt: IN_WINDOW })
      .where(inArray(notifications.userId, ids));
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(eq(notifications.userId, allRead.id));
    // one outside the window (the day before): not counted
    await notify(wants.id, 'alert.raised', null);
    await db
      .update(notifications)
      .set({ createdAt: sql`'2031-03-09 06:59:00 Europe/Paris'::timestamptz` })
      .where(and(eq(notifications.userId, wants.id), eq(notifications.kind, 'alert.raised')));
    await db.delete(outbox);

    await ensureJob(db, { kind: DIGEST_JOB, key: DAY, runAt: new Date(Date.now() - 1000) });
    const handlers = { [DIGEST_JOB]: runDigest };
    const ran = await Promise.all([runDueJobs(db, handlers, log), runDueJobs(db, handlers, log)]);
    assert.equal(ran[0] + ran[1], 1, 'one worker ran it');
    assert.equal(await runDueJobs(db, handlers, log), 0, 'done: not run again');
    const mails = await db.select().from(outbox);
    assert.deepEqual(
      mails.map((mail) => [mail.toAddress, mail.subject]),
      [[wants.email, 'Maillon : 3 nouvelles notifications']],
    );
    assert.doesNotMatch(mails[0]!.body, new RegExp(`${person.lastName}|${person.id}`));
    const [job] = await db.select().from(jobs).where(eq(jobs.key, DAY));
    assert.ok(job!.doneAt);
    assert.equal(job!.attempts, 1);
  });

  it('keeps a failed job, tries it again later, and runs a job whose lease ran out once', async () => {
    let calls = 0;
    const failing = async (_tx: TDb, _job: TJob) => {
      calls++;
      throw new Error('SMTP relay refused');
    };
    await ensureJob(db, { kind: 'test.flaky', key: 'k1', runAt: new Date(Date.now() - 1000) });
    assert.equal(await runDueJobs(db, { 'test.flaky': failing }, log), 0);
    const [failed] = await db.select().from(jobs).where(eq(jobs.kind, 'test.flaky'));
    assert.equal(failed!.attempts, 1);
    assert.equal(failed!.lastError, 'SMTP relay refused');
    assert.ok(failed!.runAt.getTime() > Date.now(), 'tried again later');
    assert.equal(failed!.doneAt, null);
    assert.equal(await runDueJobs(db, { 'test.flaky': failing }, log), 0);
    assert.equal(calls, 1, 'not before its time');

    // a job claimed by a process that died (lease in the past) is taken by another, once
    let done = 0;
    await ensureJob(db, { kind: 'test.orphan', key: 'k1', runAt: new Date(Date.now() - 1000) });
    await db
      .update(jobs)
      .set({ claimedUntil: new Date(Date.now() - 1) })
      .where(eq(jobs.kind, 'test.orphan'));
    const ok = {
      'test.orphan': async () => {
        done++;
      },
    };
    await Promise.all([runDueJobs(db, ok, log), runDueJobs(db, ok, log)]);
    assert.equal(done, 1);
  });

  it('delivers the digest mail to a real SMTP server', async () => {
    const received: { to: string[]; text: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      const transport = createMailTransport(`smtp://127.0.0.1:${port}`);
      const sent = await deliverPendingMail(db, transport, 'Maillon <no-reply@test>', log);
      assert.ok(sent >= 1);
      const digest = received.find((mail) => mail.text.includes('3 nouvelles notifications'));
      assert.ok(digest, JSON.stringify(received.map((mail) => mail.to)));
      assert.match(digest.text, /maillon\.reseau-test\.fr\/notifications/);
      const unsent = await db
        .select()
        .from(outbox)
        .where(sql`${outbox.sentAt} is null`);
      assert.equal(unsent.length, 0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
