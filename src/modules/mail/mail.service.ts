import { and, asc, desc, eq, isNull, lte, or } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { describeForLog } from '../../server/errors.handler.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';

export type TMail = { to: string; subject: string; body: string };

/** Queues a mail in the caller's transaction: it is sent only if the change commits. */
export async function queueMail(tx: TDb, mail: TMail): Promise<void> {
  await tx.insert(outbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.body });
}

/** The outbox, newest first (shown to admins, and the only delivery when SMTP is not set). */
export function listOutbox(db: TDb, limit = 200) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}

/** Wait after the 1st, 2nd… failed delivery: about a day of tries before giving up. */
export const MAIL_RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720].map(
  (minutes) => minutes * 60_000,
);
/** Failed deliveries after which a mail is given up (an admin may retry it). */
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/** An SMTP 5xx answer (unknown mailbox, refused message) will not change by retrying. */
function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** What the outbox row becomes after a failed delivery: a later try, or given up. */
export function afterFailure(
  attemptsBefore: number,
  error: unknown,
  now: Date,
): { attempts: number; nextAttemptAt: Date | null; gaveUpAt: Date | null } {
  const attempts = attemptsBefore + 1;
  if (isPermanentRefusal(error) || attempts >= MAIL_MAX_ATTEMPTS) {
    return { attempts, nextAttemptAt: null, gaveUpAt: now };
  }
  return {
    attempts,
    nextAttemptAt: new Date(now.getTime() + MAIL_RETRY_DELAYS_MS[attempts - 1]!),
    gaveUpAt: null,
  };
}

/**
 * Sends the mails that are due through SMTP. Rows are claimed with SKIP LOCKED so several
 * instances can run this at once without sending a mail twice. A failure is kept on the row and
 * tried again later (MAIL_RETRY_DELAYS_MS), until a permanent refusal or MAIL_MAX_ATTEMPTS.
 */
export async function deliverPendingMail(
  db: TDb,
  transport: Transporter,
  from: string,
  log: FastifyBaseLogger,
  now: () => Date = () => new Date(),
): Promise<number> {
  let handled = 0;
  for (;;) {
    const delivered = await db.transaction(async (tx) => {
      const [mail] = await tx
        .select()
        .from(outbox)
        .where(
          and(
            isNull(outbox.sentAt),
            isNull(outbox.gaveUpAt),
            or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now())),
          ),
        )
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
        await tx
          .update(outbox)
          .set({ sentAt: now(), nextAttemptAt: null })
          .where(eq(outbox.id, mail.id));
      } catch (error) {
        const next = afterFailure(mail.attempts, error, now());
        // The SMTP answer may quote the address: it is kept in the outbox row, not in the logs.
        log.warn(
          {
            mailId: mail.id,
            code: (error as { code?: string }).code,
            attempts: next.attempts,
            gaveUp: next.gaveUpAt !== null,
          },
          'mail delivery failed',
        );
        await tx
          .update(outbox)
          .set({ ...next, error: (error as Error).message.slice(0, 500) })
          .where(eq(outbox.id, mail.id));
      }
      return true;
    });
    if (!delivered) return handled;
    handled++;
  }
}

/**
 * An admin asks for a mail to be tried again now (given up, or waiting for its next try): 404 if
 * there is no such mail, 409 if it was already sent. Audited.
 */
export async function retryMail(ctx: TContext, mailId: string): Promise<void> {
  await withTransaction(ctx.db, async (tx) => {
    const [mail] = await tx
      .select({ sentAt: outbox.sentAt, attempts: outbox.attempts })
      .from(outbox)
      .where(eq(outbox.id, mailId))
      .for('update');
    if (!mail) throw notFound('mail');
    if (mail.sentAt) throw new AppError('conflict', 'mail.already_sent');
    await tx
      .update(outbox)
      .set({ gaveUpAt: null, nextAttemptAt: null })
      .where(eq(outbox.id, mailId));
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'mail.retry',
      resourceType: 'mail',
      resourceId: mailId,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { attemptsSoFar: mail.attempts },
    });
  });
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
