/**
 * Durable jobs (decision 025): work to run at a given time, once, whichever server process takes
 * it. Nothing is kept in process memory: a job is a row of `jobs`, unique by (kind, key) — the
 * daily digest of 2026-12-05 is one row however many processes schedule it. A process claims a
 * due job for a lease (FOR UPDATE SKIP LOCKED, on PostgreSQL and PGlite alike: two processes
 * never take the same one), then runs it in ONE transaction that first locks the row again and
 * checks it is not done: what the job writes (mails in the outbox…) and its `done_at` commit
 * together, so a job that ran is never run again, and a job whose process died mid-way (lease
 * expired, nothing committed) is run by another. A failure is kept (last_error) and tried again
 * later; after JOB_MAX_ATTEMPTS it is given up.
 *
 * Later users: alert recomputation, agenda reminders — a kind, a handler, and a schedule.
 */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../db/client.js';
import { jobs } from '../../db/schema/index.js';
import { describeForLog } from '../../server/errors.handler.js';

export type TJob = typeof jobs.$inferSelect;

/** Runs one job in the transaction given (tx): what it writes commits with the job's done_at. */
export type TJobHandler = (tx: TDb, job: TJob) => Promise<void>;

/** Makes sure the jobs due by `now` exist (e.g. today's digest); idempotent (ensureJob). */
export type TJobSchedule = (db: TDb, now: Date) => Promise<void>;

/** How long a process holds a job it runs. */
export const JOB_LEASE_MS = 5 * 60_000;
/** Wait after the 1st, 2nd… failure. */
export const JOB_RETRY_DELAYS_MS = [1, 5, 30, 120].map((minutes) => minutes * 60_000);
export const JOB_MAX_ATTEMPTS = JOB_RETRY_DELAYS_MS.length + 1;

/** Creates the job (kind, key) unless it exists already: true when this call created it. */
export async function ensureJob(
  db: TDb,
  job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown> },
): Promise<boolean> {
  const rows = await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {} })
    .onConflictDoNothing({ target: [jobs.kind, jobs.key] })
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Takes the oldest due job nobody holds, for JOB_LEASE_MS, in one statement (SKIP LOCKED). */
async function claimDueJob(db: TDb, kinds: string[], now: Date): Promise<TJob | undefined> {
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        isNull(jobs.doneAt),
        isNull(jobs.gaveUpAt),
        inArray(jobs.kind, kinds),
        lte(jobs.runAt, now),
        or(isNull(jobs.claimedUntil), lte(jobs.claimedUntil, now)),
      ),
    )
    .orderBy(asc(jobs.runAt))
    .limit(1)
    .for('update', { skipLocked: true });
  const [job] = await db
    .update(jobs)
    .set({ claimedUntil: new Date(now.getTime() + JOB_LEASE_MS) })
    .where(inArray(jobs.id, due))
    .returning();
  return job;
}

/**
 * Runs one claimed job: in one transaction, locks its row, skips it if another process finished
 * it meanwhile (a lease that ran out), runs the handler, marks it done. True when it ran here.
 */
async function runClaimedJob(db: TDb, job: TJob, handler: TJobHandler, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, job.id), isNull(jobs.doneAt)))
      .for('update');
    if (!row) return false;
    await handler(tx, row);
    await tx
      .update(jobs)
      .set({ doneAt: now, claimedUntil: null, attempts: row.attempts + 1, lastError: null })
      .where(eq(jobs.id, job.id));
    return true;
  });
}

/**
 * Runs every due job of the given kinds, one after the other; how many ran here. A failing job
 * keeps its error and is tried again later (or given up after JOB_MAX_ATTEMPTS).
 */
export async function runDueJobs(
  db: TDb,
  handlers: Record<string, TJobHandler>,
  log: Pick<FastifyBaseLogger, 'warn'>,
  now: () => Date = () => new Date(),
): Promise<number> {
  let ran = 0;
  const kinds = Object.keys(handlers);
  if (kinds.length === 0) return 0;
  for (;;) {
    const job = await claimDueJob(db, kinds, now());
    if (!job) return ran;
    try {
      if (await runClaimedJob(db, job, handlers[job.kind]!, now())) ran++;
    } catch (error) {
      const attempts = job.attempts + 1;
      const gaveUp = attempts >= JOB_MAX_ATTEMPTS;
      log.warn(
        { jobId: job.id, kind: job.kind, attempts, gaveUp, err: describeForLog(error) },
        'job failed',
      );
      await db
        .update(jobs)
        .set({
          attempts,
          claimedUntil: null,
          lastError: (error as Error).message.slice(0, 500),
          ...(gaveUp
            ? { gaveUpAt: now() }
            : { runAt: new Date(now().getTime() + JOB_RETRY_DELAYS_MS[attempts - 1]!) }),
        })
        .where(eq(jobs.id, job.id));
    }
  }
}

/**
 * Every `everyMs`, in each server process: the schedules create the jobs now due (idempotent),
 * then the due jobs run. Returns a stop function.
 */
export function startJobs(
  db: TDb,
  handlers: Record<string, TJobHandler>,
  schedules: TJobSchedule[],
  log: FastifyBaseLogger,
  everyMs = 30_000,
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    (async () => {
      const now = new Date();
      for (const schedule of schedules) await schedule(db, now);
      await runDueJobs(db, handlers, log);
    })()
      .catch((error: unknown) => log.error({ err: describeForLog(error) }, 'job loop failed'))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 1_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
