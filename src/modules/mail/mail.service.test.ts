import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { eq, isNull } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import {
  afterFailure,
  createMailTransport,
  deliverPendingMail,
  listOutbox,
  MAIL_LEASE_MS,
  MAIL_MAX_ATTEMPTS,
  MAIL_RETRY_DELAYS_MS,
  queueMail,
  SMTP_TIMEOUTS,
} from './mail.service.js';

const silentLog = { warn: () => undefined, error: () => undefined } as never;
const FROM = 'Maillon <no-reply@test>';
const sleep = (ms: number) =>
  new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms));

/** A transport whose sendMail waits until released (a slow or unreachable SMTP server). */
function hangingTransport() {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  let release: () => void = () => undefined;
  let calls = 0;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  transport.sendMail = () => {
    calls++;
    markStarted();
    return new Promise((resolve) => (release = () => resolve({} as never)));
  };
  return { transport, started, release: () => release(), calls: () => calls };
}

/** A local SMTP server that greets, then answers AUTH with 535 (wrong SMTP_URL password). */
async function smtpServer(
  behaviour: 'refuse-login' | 'silent',
): Promise<Server & { port: number }> {
  const server = createServer((socket: Socket) => {
    if (behaviour === 'silent') return; // accepts the connection and never greets
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
        if (/^(EHLO|HELO)/i.test(line)) socket.write('250-test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH/i.test(line))
          socket.write('535 5.7.8 Authentication credentials invalid\r\n');
        else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('502 unknown\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return Object.assign(server, { port: typeof address === 'object' && address ? address.port : 0 });
}

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

  it(
    'sends outside any transaction: an SMTP server that hangs holds neither the database nor the mail',
    { timeout: 20_000 },
    async () => {
      await database.db.delete(outbox);
      await database.db.transaction((tx) =>
        queueMail(tx as never, { to: 'slow@msp.fr', subject: 'Slow', body: 'x' }),
      );
      const slow = hangingTransport();
      const delivering = deliverPendingMail(database.db, slow.transport, FROM, silentLog);
      try {
        await slow.started;
        // Before: the claim held a transaction (on PGlite the only connection) and the row lock.
        const write = database.db
          .update(outbox)
          .set({ error: 'touched meanwhile' })
          .where(eq(outbox.subject, 'Slow'))
          .then(() => 'done' as const);
        assert.equal(await Promise.race([write, sleep(3000)]), 'done', 'the database stays free');
        const other = hangingTransport();
        assert.equal(
          await Promise.race([
            deliverPendingMail(database.db, other.transport, FROM, silentLog),
            sleep(3000),
          ]),
          0,
          'a second instance leaves the claimed mail alone',
        );
        assert.equal(other.calls(), 0);
      } finally {
        slow.release();
      }
      assert.equal(await delivering, 1);
      const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, 'Slow'));
      assert.ok(mail!.sentAt);
      assert.equal(mail!.claimedUntil, null);
    },
  );

  it(
    'lets another instance send a mail whose sender vanished, once the lease is over',
    { timeout: 20_000 },
    async () => {
      await database.db.delete(outbox);
      await database.db.transaction((tx) =>
        queueMail(tx as never, { to: 'orphan@msp.fr', subject: 'Orphan', body: 'x' }),
      );
      let clock = new Date('2026-12-01T08:00:00Z').getTime();
      const now = () => new Date(clock);
      const vanished = hangingTransport(); // never released: the instance died while sending
      void deliverPendingMail(database.db, vanished.transport, FROM, silentLog, now);
      await vanished.started;
      const sent: string[] = [];
      const healthy = nodemailer.createTransport({ jsonTransport: true });
      const original = healthy.sendMail.bind(healthy);
      healthy.sendMail = (mail: SendMailOptions) => {
        sent.push(mail.to as string);
        return original(mail);
      };
      const deliver = () =>
        Promise.race([deliverPendingMail(database.db, healthy, FROM, silentLog, now), sleep(3000)]);
      clock += MAIL_LEASE_MS - 1;
      assert.equal(await deliver(), 0, 'still held by the first instance');
      clock += 1;
      assert.equal(await deliver(), 1, 'taken over after the lease');
      assert.deepEqual(sent, ['orphan@msp.fr']);
    },
  );

  it('keeps trying after a refused login, a refused sender or a lost connection; gives up only on the recipient or the message', () => {
    const now = new Date('2026-12-01T08:00:00Z');
    const failure = (fields: Record<string, unknown>) =>
      afterFailure(0, Object.assign(new Error('smtp'), fields), now);
    for (const fields of [
      { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' },
      { code: 'EENVELOPE', responseCode: 550, command: 'MAIL FROM' },
      { code: 'ECONNECTION', command: 'CONN' },
      { code: 'ETIMEDOUT', command: 'CONN' },
      { code: 'EPROTOCOL', responseCode: 554, command: 'CONN' },
      { code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' },
    ]) {
      assert.equal(failure(fields).gaveUpAt, null, `${JSON.stringify(fields)} is tried again`);
    }
    for (const fields of [
      { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' },
      { code: 'EMESSAGE', responseCode: 554, command: 'DATA' },
      { code: 'EENVELOPE', command: 'API' },
    ]) {
      assert.ok(failure(fields).gaveUpAt, `${JSON.stringify(fields)} is final`);
    }
  });

  it('keeps a mail in the queue when the SMTP server refuses our login (535)', async () => {
    await database.db.delete(outbox);
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'auth@msp.fr', subject: 'Auth', body: 'x' }),
    );
    const server = await smtpServer('refuse-login');
    try {
      const transport = createMailTransport(`smtp://maillon:wrong@127.0.0.1:${server.port}`);
      assert.equal(await deliverPendingMail(database.db, transport, FROM, silentLog), 1);
      transport.close();
    } finally {
      server.close();
    }
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, 'Auth'));
    assert.equal(mail!.gaveUpAt, null, 'not given up: the configuration will be fixed');
    assert.equal(mail!.attempts, 1);
    assert.ok(mail!.nextAttemptAt);
    assert.match(mail!.error!, /535/);
  });

  it('gives up a delivery in seconds when the SMTP server never answers', async () => {
    const configured = createMailTransport('smtp://mail.example.invalid:25') as unknown as {
      transporter: { options: Record<string, unknown> };
    };
    for (const [name, ms] of Object.entries(SMTP_TIMEOUTS)) {
      assert.equal(configured.transporter.options[name], ms, `${name} is set`);
    }
    assert.ok(SMTP_TIMEOUTS.connectionTimeout <= 10_000 && SMTP_TIMEOUTS.socketTimeout <= 30_000);
    assert.ok(MAIL_LEASE_MS > SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.socketTimeout);
    await database.db.delete(outbox);
    await database.db.transaction((tx) =>
      queueMail(tx as never, { to: 'silent@msp.fr', subject: 'Silent', body: 'x' }),
    );
    const server = await smtpServer('silent');
    try {
      const transport = createMailTransport(`smtp://127.0.0.1:${server.port}`, {
        greetingTimeout: 300,
      });
      const started = Date.now();
      assert.equal(await deliverPendingMail(database.db, transport, FROM, silentLog), 1);
      assert.ok(Date.now() - started < 5000, 'a silent server fails the try quickly');
      transport.close();
    } finally {
      server.close();
    }
    const [mail] = await database.db.select().from(outbox).where(eq(outbox.subject, 'Silent'));
    assert.equal(mail!.gaveUpAt, null);
    assert.equal(mail!.attempts, 1);
  });
});
