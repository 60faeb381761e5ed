/**
 * The daily digest (decision 025): each morning at DIGEST_HOUR (Europe/Paris), one mail per
 * member who has unread notifications written since the previous digest, in families they want
 * in the digest: "you have N new notifications" and a link, nothing else. A durable job
 * ('notifications.digest', key = the day) — one row per day, so sent once across processes.
 */
import { sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { ensureJob, type TJob } from '../jobs/jobs.service.js';
import { queueMail } from '../mail/mail.service.js';
import { digestMail } from './notifications.mail.js';
import { DEFAULT_PREFERENCES, familyOf, NOTIFICATION_KINDS } from './notifications.kinds.js';
import { notificationMailBase, rowsOf } from './notifications.repository.js';

export const DIGEST_JOB = 'notifications.digest';
export const DIGEST_HOUR = 7;
const ZONE = 'Europe/Paris';

/** Creates today's digest job (Paris day), due at DIGEST_HOUR that day; idempotent. */
export async function scheduleDigest(db: TDb, now: Date): Promise<void> {
  const [day] = rowsOf<{ key: string; runAt: string }>(
    await db.execute(sql`
      SELECT to_char((${now.toISOString()}::timestamptz AT TIME ZONE ${ZONE})::date, 'YYYY-MM-DD') AS key,
        (((${now.toISOString()}::timestamptz AT TIME ZONE ${ZONE})::date + make_time(${DIGEST_HOUR}, 0, 0))
          AT TIME ZONE ${ZONE})::text AS "runAt"`),
  );
  await ensureJob(db, { kind: DIGEST_JOB, key: day!.key, runAt: new Date(day!.runAt) });
}

// Every family's default puts it in the digest: a member without a row for a family gets it.
const DIGEST_BY_DEFAULT = Object.values(DEFAULT_PREFERENCES).every((p) => p.digest);

/** The family of a kind in SQL, from the same table as familyOf (kinds not known: 'other'). */
const familySql = sql.raw(
  `CASE split_part(n.kind, '.', 1) ${[
    ...new Set(NOTIFICATION_KINDS.map((kind) => kind.split('.')[0]!)),
  ]
    .map((prefix) => `WHEN '${prefix}' THEN '${familyOf(`${prefix}.x`) ?? 'other'}'`)
    .join(' ')} ELSE 'other' END`,
);

/**
 * The digest of the job's day: unread notifications written from the previous day's
 * DIGEST_HOUR to this day's, counted per active member for the families they want in the
 * digest; one mail each. Runs in the job's transaction (mails commit with done_at).
 */
export async function runDigest(tx: TDb, job: TJob): Promise<void> {
  const recipients = rowsOf<{ email: string; locale: string; n: number }>(
    await tx.execute(sql`
      SELECT u.email, u.locale, count(*)::int AS n
      FROM notifications n
      JOIN users u ON u.id = n.user_id
      LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.family = ${familySql}
      WHERE n.created_at >= ((${job.key}::date - 1) + make_time(${DIGEST_HOUR}, 0, 0)) AT TIME ZONE ${ZONE}
        AND n.created_at < (${job.key}::date + make_time(${DIGEST_HOUR}, 0, 0)) AT TIME ZONE ${ZONE}
        AND n.read_at IS NULL
        AND u.status = 'active'
        AND coalesce(p.digest, ${DIGEST_BY_DEFAULT})
      GROUP BY u.id, u.email, u.locale
      ORDER BY u.email`),
  );
  for (const recipient of recipients) {
    await queueMail(tx, {
      to: recipient.email,
      ...digestMail(recipient.locale, notificationMailBase(), recipient.n),
    });
  }
}
