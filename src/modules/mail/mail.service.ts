import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { describeForLog } from '../../server/errors.handler.js';

export type TMail = { to: string; subject: string; body: string };

/** Queues a mail in the caller's transaction: it is sent only if the change commits. */
export async function queueMail(tx: TDb, mail: TMail): Promise<void> {
  await tx.insert(outbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.body });
}

/** The outbox, newest first (shown to admins, and the only delivery when SMTP is not set). */
export function listOutbox(db: TDb, limit = 200) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}

/**
 * Sends pending mails through SMTP. Rows are claimed with SKIP LOCKED so several instances can run
 * this at once without sending a mail twice.
 */
export async function deliverPendingMail(
  db: TDb,
  transport: Transporter,
  from: string,
  log: FastifyBaseLogger,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const delivered = await db.transaction(async (tx) => {
      const [mail] = await tx
        .select()
        .from(outbox)
        .where(and(isNull(outbox.sentAt), sql`${outbox.error} is null`))
        .orderBy(asc(outbox.createdAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!mail) return false;
      try {
        await transport.sendMail({
          from,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.body,
        });
        await tx.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, mail.id));
      } catch (error) {
        // The SMTP answer may quote the address: it is kept in the outbox row, not in the logs.
        log.warn(
          { mailId: mail.id, code: (error as { code?: string }).code },
          'mail delivery failed',
        );
        await tx
          .update(outbox)
          .set({ error: (error as Error).message.slice(0, 500) })
          .where(eq(outbox.id, mail.id));
      }
      return true;
    });
    if (!delivered) return sent;
    sent++;
  }
}

/** Starts periodic delivery when SMTP_URL is set; returns a stop function. */
export function startMailer(
  db: TDb,
  smtpUrl: string | undefined,
  publicUrl: string,
  log: FastifyBaseLogger,
): () => void {
  if (!smtpUrl) return () => undefined;
  const transport = nodemailer.createTransport(smtpUrl);
  const from = `Maillon <no-reply@${new URL(publicUrl).hostname}>`;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverPendingMail(db, transport, from, log)
      .catch((error: unknown) => log.error({ err: describeForLog(error) }, 'mailer loop failed'))
      .finally(() => {
        running = false;
      });
  }, 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
