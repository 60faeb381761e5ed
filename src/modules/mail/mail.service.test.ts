import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { eq, isNull } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import {
  deliverPendingMail,
  listOutbox,
  MAIL_MAX_ATTEMPTS,
  MAIL_RETRY_DELAYS_MS,
  queueMail,
} from './mail.service.js';

const silentLog = { warn: () => undefined, error: () => undefined } as never;

describe('mail', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('keeps a queued mail in the outbox only if its transaction commits', async () => {
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'a@msp.fr', subject: 'Kept', body: 'x' }),
    );
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await queueMail(tx, { to: 'b@msp.fr', subject: 'Rolled back', body: 'x' });
        throw new Error('rollback');
      }),
    );
    assert.deepEqual(
      (await listOutbox(database.db)).map((m) => m.subject),
      ['Kept'],
    );
  });

  it('delivers pending mails through SMTP once each and marks them sent', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (mail: SendMailOptions) => {
      sent.push(mail.to as string);
      return original(mail);
    };
    assert.equal(
      await deliverPendingMail(database.db, transport, 'Maillon <no-reply@test>', silentLog),
      1,
    );
    assert.equal(
      await deliverPendingMail(database.db, transport, 'Maillon <no-reply@test>', silentLog),
      0,
    );
    assert.deepEqual(sent, ['a@msp.fr']);
    assert.equal((await database.db.select().from(outbox).where(isNull(outbox.sentAt))).length, 0);
  });

  it('records a delivery failure on the mail instead of losing it', async () => {
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'c@msp.fr', subject: 'Fails', body: 'x' }),
    );
    const broken = nodemailer.createTransport({ jsonTransport: true });
    broken.sendMail = () => Promise.reject(new Error('connection refused'));
    await deliverPendingMail(database.db, broken, 'Maillon <no-reply@test>', silentLog);
    const [mail] = await database.db.select().from(outbox).where(isNull(outbox.sentAt));
    assert.equal(mail!.subject, 'Fails');
    assert.match(mail!.error!, /connection refused/);
  });

  it('tries a failed mail again later, with growing waits, then gives up', async () => {
    await database.db.delete(outbox);
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'd@msp.fr', subject: 'Retried', body: 'x' }),
    );
    const broken = nodemailer.createTransport({ jsonTransport: true });
    let tries = 0;
    broken.sendMail = () => {
      tries++;
      return Promise.reject(Object.assign(new Error('greylisted'), { responseCode: 451 }));
    };
    let clock = new Date('2026-11-29T08:00:00Z').getTime();
    const now = () => new Date(clock);
    const deliver = () =>
      deliverPendingMail(database.db, broken, 'Maillon <no-reply@test>', silentLog, now);
    const row = async () => (await database.db.select().from(outbox))[0]!;

    assert.equal(await deliver(), 1);
    assert.equal(await deliver(), 0, 'not tried again before its next attempt');
    for (const [index, delay] of MAIL_RETRY_DELAYS_MS.entries()) {
      const mail = await row();
      assert.equal(mail.attempts, index + 1);
      assert.equal(mail.nextAttemptAt!.getTime(), clock + delay);
      clock += delay - 1;
      assert.equal(await deliver(), 0, `attempt ${index + 2} waits its turn`);
      clock += 1;
      assert.equal(await deliver(), 1);
    }
    const mail = await row();
    assert.equal(tries, MAIL_MAX_ATTEMPTS);
    assert.equal(mail.attempts, MAIL_MAX_ATTEMPTS);
    assert.ok(mail.gaveUpAt, 'given up after the last attempt');
    assert.equal(mail.sentAt, null);
    assert.match(mail.error!, /greylisted/);
    clock += 7 * 24 * 3600_000;
    assert.equal(await deliver(), 0, 'a given-up mail is never tried on its own again');
  });

  it('gives up at once on a refusal of the recipient (5xx to RCPT TO), keeping the answer', async () => {
    await database.db.delete(outbox);
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'nobody@msp.fr', subject: 'Refused', body: 'x' }),
    );
    const refusing = nodemailer.createTransport({ jsonTransport: true });
    refusing.sendMail = () =>
      Promise.reject(
        Object.assign(new Error('550 mailbox unavailable'), {
          code: 'EENVELOPE',
          command: 'RCPT TO',
          responseCode: 550,
        }),
      );
    await deliverPendingMail(database.db, refusing, 'Maillon <no-reply@test>', silentLog);
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, 'Refused'));
    assert.equal(mail!.attempts, 1);
    assert.ok(mail!.gaveUpAt);
    assert.match(mail!.error!, /550/);
  });
});
