import { and, asc, desc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../db/client.js';
import { invitations, outbox, users } from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { describeForLog } from '../../server/errors.handler.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';

/** Where a mail's one-time link goes in its body; the link itself is kept apart (outbox.link). */
export const OUTBOX_LINK_MARK = '{{link}}';

/**
 * A mail to queue. A one-time link (invitation, password reset) is given apart and stands as
 * OUTBOX_LINK_MARK in the body: what admins read never holds a live link (issue 10, finding 1).
 */
export type TMail = {
  to: string;
  subject: string;
  body: string;
  link?: { url: string; invitationId: string };
};

/** Queues a mail in the caller's transaction: it is sent only if the change commits. Its id. */
export async function queueMail(tx: TDb, mail: TMail): Promise<string> {
  if (mail.link && !mail.body.includes(OUTBOX_LINK_MARK)) {
    throw new Error('a mail with a one-time link must hold OUTBOX_LINK_MARK in its body');
  }
  if (mail.link && mail.body.replaceAll(OUTBOX_LINK_MARK, '').includes(mail.link.url)) {
    throw new Error('the one-time link must not be written in the body');
  }
  const [row] = await tx
    .insert(outbox)
    .values({
      toAddress: mail.to,
      subject: mail.subject,
      body: mail.body,
      link: mail.link?.url ?? null,
      invitationId: mail.link?.invitationId ?? null,
    })
    .returning({ id: outbox.id });
  return row!.id;
}

/**
 * The outbox, newest first, as admins may read it: never the link itself, only the state of the
 * one-time link a mail carries (open, used, expired or replaced).
 */
export function listOutbox(db: TDb, limit = 200) {
  return db
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      body: outbox.body,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      gaveUpAt: outbox.gaveUpAt,
      invitationId: outbox.invitationId,
      linkPurpose: invitations.purpose,
      linkExpiresAt: invitations.expiresAt,
      linkAcceptedAt: invitations.acceptedAt,
      linkRevokedAt: invitations.revokedAt,
      linkUserId: invitations.userId,
      linkUserStatus: users.status,
      linkUserPersonId: users.personId,
      linkInvitedBy: invitations.invitedBy,
    })
    .from(outbox)
    .leftJoin(invitations, eq(invitations.id, outbox.invitationId))
    .leftJoin(users, eq(users.id, invitations.userId))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

export type TOutboxRow = Awaited<ReturnType<typeof listOutbox>>[number];

/** The state of the one-time link a mail carries, or null when it carries none. */
export function linkStateOf(
  row: Pick<TOutboxRow, 'invitationId' | 'linkAcceptedAt' | 'linkRevokedAt' | 'linkExpiresAt'>,
  now = new Date(),
): 'open' | 'used' | 'revoked' | 'expired' | null {
  if (!row.invitationId) return null;
  if (row.linkAcceptedAt) return 'used';
  if (row.linkRevokedAt) return 'revoked';
  if (!row.linkExpiresAt || row.linkExpiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** An admin reads the outbox: audited, as it names who was written to and why. */
export async function readOutbox(ctx: TContext): Promise<TOutboxRow[]> {
  return withTransaction(ctx.db, async (tx) => {
    const rows = await listOutbox(tx);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'mail.outbox_read',
      resourceType: 'mail',
      outcome: 'success',
      requestId: ctx.requestId,
      details: { mails: rows.length },
    });
    return rows;
  });
}

/** The one-time link a mail carries, with its row, for the audited reveal of an invitation. */
export async function findMailLink(tx: TDb, mailId: string) {
  const [row] = await tx
    .select({ link: outbox.link, invitationId: outbox.invitationId, sentAt: outbox.sentAt })
    .from(outbox)
    .where(eq(outbox.id, mailId));
  return row;
}

/** Wait after the 1st, 2nd… failed delivery: about a day of tries before giving up. */
export const MAIL_RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360, 720].map(
  (minutes) => minutes * 60_000,
);
/** Failed deliveries after which a mail is given up (an admin may retry it). */
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;

/**
 * Only a refusal of this recipient or this message will not change by retrying: a 5xx answer to
 * RCPT TO or DATA, or an address nodemailer cannot use. A refused login (535, EAUTH), a refused
 * sender (MAIL FROM) or a connection failure is the server's or our configuration's fault: it is
 * tried again, so mails are not lost while an admin fixes SMTP_URL.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const { code, command, responseCode } = error as {
    code?: unknown;
    command?: unknown;
    responseCode?: unknown;
  };
  if ((code === 'EENVELOPE' || code === 'EMESSAGE') && command === 'API') return true;
  const refused = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return refused && (command === 'RCPT TO' || command === 'DATA');
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

/** How long an instance holds a mail it is sending: longer than the SMTP timeouts below. */
export const MAIL_LEASE_MS = 2 * 60_000;

/**
 * Short SMTP timeouts: an unreachable or silent server fails a delivery in seconds (it is tried
 * again later) instead of nodemailer's minutes. A query in SMTP_URL may still override them.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
};

/** The SMTP transport for SMTP_URL, with the short timeouts. */
export function createMailTransport(
  smtpUrl: string,
  timeouts: Partial<typeof SMTP_TIMEOUTS> = {},
): Transporter {
  return nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS, ...timeouts } as never);
}

/**
 * Takes the oldest mail that is due and that no instance holds, for MAIL_LEASE_MS, in one short
 * statement (SKIP LOCKED: two instances never take the same one). No transaction stays open while
 * the mail is sent: on PGlite an open transaction holds the only connection.
 */
async function claimNextMail(db: TDb, now: Date) {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        isNull(outbox.sentAt),
        isNull(outbox.gaveUpAt),
        or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
        or(isNull(outbox.claimedUntil), lte(outbox.claimedUntil, now)),
      ),
    )
    .orderBy(asc(outbox.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [mail] = await db
    .update(outbox)
    .set({ claimedUntil: new Date(now.getTime() + MAIL_LEASE_MS) })
    .where(inArray(outbox.id, due))
    .returning();
  return mail;
}

/**
 * Sends the mails that are due through SMTP, each claimed with a lease (claimNextMail) and sent
 * outside any transaction. A failure is kept on the row and tried again later
 * (MAIL_RETRY_DELAYS_MS), until a permanent refusal or MAIL_MAX_ATTEMPTS. Once sent, the mail's
 * one-time link is wiped: only its recipient has it.
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
    const mail = await claimNextMail(db, now());
    if (!mail) return handled;
    try {
      await transport.sendMail({
        from,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.body.replaceAll(OUTBOX_LINK_MARK, mail.link ?? ''),
      });
      await db
        .update(outbox)
        .set({ sentAt: now(), nextAttemptAt: null, claimedUntil: null, link: null, error: null })
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
      await db
        .update(outbox)
        .set({ ...next, claimedUntil: null, error: (error as Error).message.slice(0, 500) })
        .where(eq(outbox.id, mail.id));
    }
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
  const transport = createMailTransport(smtpUrl);
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
