/**
 * The agenda's durable job (decision 029): once a day, every running series is written on to
 * the 12-week horizon. Scheduled by every process (idempotent by day), run by one.
 */
import type { TDb } from '../../db/client.js';
import { ensureJob, type TJob } from '../jobs/jobs.service.js';
import { extendSeries } from './agenda.service.js';

export const EXTEND_SERIES_JOB = 'agenda.extend_series';

/** Creates today's job (UTC day), due now; idempotent. */
export async function scheduleSeriesExtension(db: TDb, now: Date): Promise<void> {
  await ensureJob(db, { kind: EXTEND_SERIES_JOB, key: now.toISOString().slice(0, 10), runAt: now });
}

/** Runs the job: the series' occurrences up to the horizon from the job's day. */
export async function runSeriesExtension(tx: TDb, _job: TJob): Promise<void> {
  await extendSeries(tx, new Date());
}
