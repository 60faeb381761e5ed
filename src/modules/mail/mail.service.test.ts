import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { isNull } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { deliverPendingMail, listOutbox, queueMail } from './mail.service.js';

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
});
