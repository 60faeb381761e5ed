import { lt, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { anchorMailBody, appendAnchor } from '../modules/audit/audit.anchor.js';
import { checkAuditChain } from '../modules/audit/audit.check.js';
import { queueMail } from '../modules/mail/mail.service.js';
import { housekeepingRuns } from '../modules/metrics/metrics.js';
import { describeForLog } from '../server/errors.handler.js';
import type { TDb, TDriver } from './client.js';
import { appointmentReminders, loginThrottle, sessions } from './schema/index.js';

/** Ended sessions are kept this long (to answer "who was logged in when"), then deleted. */
export const SESSION_KEEP_MS = 7 * 24 * 3600_000;
/** Throttle windows last 15 minutes; a counter older than this is certainly over. */
export const THROTTLE_KEEP_MS = 24 * 3600_000;
/**
 * A sent reminder (appointment_reminders, decision 031) is kept this long after the start it was
 * for. The reminders sweep only looks at appointments starting within the next day, so a row past
 * its start can no longer stop a second sending: it is kept a month to answer "was I reminded?".
 */
export const REMINDER_KEEP_MS = 30 * 24 * 3600_000;

/**
 * Tables that churn (updated or deleted rows): PGlite has no autovacuum, so without this their dead
 * rows pile up and searches and logins slow down over months. PostgreSQL's autovacuum does it there.
 */
const CHURNING_TABLES = [
  'sessions',
  'login_throttle',
  'audit_head',
  // every row is written twice: appended, then sealed
  'audit_log',
  'outbox',
  'directory_index',
  'directory_cards',
  'directory_words',
  'care_team_members',
  'appointment_reminders',
];

export type THousekeepingReport = {
  sessionsDeleted: number;
  throttleDeleted: number;
  remindersDeleted: number;
  vacuumed: string[];
  auditChain: { ok: boolean; checked: number };
  /** The head written outside the database (and mailed), or null when no anchor file is set. */
  anchored: { seq: number; file: string; mailedTo: string | null } | null;
};

/** Where the audit chain's head is anchored outside the database: a file, and maybe a mailbox. */
export type TAnchorTarget = { file: string; email?: string | undefined };

/**
 * Deletes what nobody needs any more (ended sessions after a week, finished throttle windows, sent
 * reminders a month after the appointment's start), on
 * PGlite vacuums and analyses the tables that churn, walks the audit chain and compares it with
 * the anchors (result kept for the admin screen), then anchors the head it verified: appended to
 * the anchor file and, when an address is set, mailed. Safe to run on several instances at once.
 */
export async function runHousekeeping(
  db: TDb,
  driver: TDriver,
  now: Date = new Date(),
  anchor?: TAnchorTarget,
): Promise<THousekeepingReport> {
  const endedSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, new Date(now.getTime() - SESSION_KEEP_MS)))
    .returning({ tokenHash: sessions.tokenHash });
  const endedWindows = await db
    .delete(loginThrottle)
    .where(lt(loginThrottle.windowStart, new Date(now.getTime() - THROTTLE_KEEP_MS)))
    .returning({ key: loginThrottle.key });
  const pastReminders = await db
    .delete(appointmentReminders)
    .where(lt(appointmentReminders.startsAt, new Date(now.getTime() - REMINDER_KEEP_MS)))
    .returning({ appointmentId: appointmentReminders.appointmentId });
  const vacuumed: string[] = [];
  if (driver === 'pglite') {
    for (const table of CHURNING_TABLES) {
      await db.execute(sql`VACUUM (ANALYZE) ${sql.identifier(table)}`);
      vacuumed.push(table);
    }
  }
  const audit = await checkAuditChain(db, { anchorFile: anchor?.file });
  return {
    sessionsDeleted: endedSessions.length,
    throttleDeleted: endedWindows.length,
    remindersDeleted: pastReminders.length,
    vacuumed,
    auditChain: { ok: audit.ok, checked: audit.checked },
    anchored:
      anchor && audit.ok && audit.head ? await anchorHead(db, anchor, audit.head, now) : null,
  };
}

/**
 * Writes the head outside the database. A rollback of the chain's tail (rows deleted and the
 * head moved back by someone holding the database) then shows as an anchored row that is missing
 * or different; the check compares the file, and the mails are a copy the server cannot rewrite.
 */
async function anchorHead(
  db: TDb,
  target: TAnchorTarget,
  head: { seq: number; hash: string },
  now: Date,
): Promise<NonNullable<THousekeepingReport['anchored']>> {
  const anchor = { seq: head.seq, hash: head.hash, at: now.toISOString() };
  appendAnchor(target.file, anchor);
  if (target.email) {
    await queueMail(db, {
      to: target.email,
      subject: `Maillon: audit log anchor, row ${anchor.seq} (${anchor.at.slice(0, 10)})`,
      body: anchorMailBody(anchor),
    });
  }
  return { seq: anchor.seq, file: target.file, mailedTo: target.email ?? null };
}

/** Runs housekeeping a few minutes after start, then daily; returns a stop function. */
export function startHousekeeping(
  db: TDb,
  driver: TDriver,
  log: FastifyBaseLogger,
  options: { timing?: { firstAfterMs: number; everyMs: number }; anchor?: TAnchorTarget } = {},
): () => void {
  const timing = options.timing ?? { firstAfterMs: 5 * 60_000, everyMs: 24 * 3600_000 };
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    const started = performance.now();
    runHousekeeping(db, driver, new Date(), options.anchor)
      .then((report) => {
        const fields = { ...report, ms: Math.round(performance.now() - started) };
        housekeepingRuns.inc({ outcome: report.auditChain.ok ? 'ok' : 'chain_broken' });
        if (report.auditChain.ok) log.info(fields, 'housekeeping done');
        else log.error(fields, 'housekeeping: the audit chain is BROKEN (see the admin screen)');
      })
      .catch((error: unknown) => {
        housekeepingRuns.inc({ outcome: 'failed' });
        log.error({ err: describeForLog(error) }, 'housekeeping failed');
      })
      .finally(() => {
        running = false;
      });
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, timing.everyMs);
    interval.unref();
  }, timing.firstAfterMs);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
