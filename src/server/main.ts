import cluster from 'node:cluster';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, redactSecrets } from './config.js';
import { describeForLog } from './errors.handler.js';
import { superviseWorkers } from './workers.js';
import { MigrationRightsError, openDatabase } from '../db/client.js';
import { DataDirExposedError, PRIVATE_UMASK } from '../db/data-dir.js';
import { startHousekeeping } from '../db/housekeeping.js';
import { startAlertSweep } from '../modules/alerts/alerts.sweep.js';
import { DataDirLockedError } from '../db/lock.js';
import { loadCommunes } from '../modules/communes/communes.reference.js';
import { startAuditSealer } from '../modules/audit/audit.seal.js';
import { startBackupRequests } from '../modules/backup/backup.requests.js';
import type { PGlite } from '@electric-sql/pglite';
import { startJobs } from '../modules/jobs/jobs.service.js';
import {
  EXTEND_SERIES_JOB,
  runSeriesExtension,
  scheduleSeriesExtension,
} from '../modules/agenda/agenda.jobs.js';
import {
  REMINDER_JOB,
  reminderJob,
  scheduleReminders,
} from '../modules/reminders/reminders.service.js';
import { startMailer } from '../modules/mail/mail.service.js';
import {
  DIGEST_JOB,
  runDigest,
  scheduleDigest,
} from '../modules/notifications/notifications.digest.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoNetwork } from '../seed/demo.seed.js';
import { reindexDirectoryIfStale } from '../modules/directory/directory.indexer.js';

/**
 * How often committed audit rows are sealed into the chain (decision 013): the longest a row
 * waits outside the chain while the server runs, give or take one seal.
 */
const AUDIT_SEAL_EVERY_MS = 200;

/** Starts Maillon: config → database (migrated) → demo seed → HTTP server → graceful shutdown. */
async function main(): Promise<void> {
  // Everything the server writes (session secret, embedded database, lock) is its own only.
  process.umask(PRIVATE_UMASK);
  // The primary reads the configuration first (a session secret it creates is the workers' too).
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) {
    superviseWorkers(config.workers, config.logLevel);
    return;
  }
  const database = await openDatabase(config);
  loadCommunes(); // the reference of communes, read once now rather than on a first request
  const app = await buildApp({ db: database.db, driver: database.driver, config });
  const sealer = startAuditSealer(database.db, {
    intervalMs: AUDIT_SEAL_EVERY_MS,
    onError: (error) => app.log.error({ err: describeForLog(error) }, 'audit seal failed'),
  });
  // rows a crash left unsealed join the chain before anything else happens
  await sealer.sealNow();
  // An index written by an older release is rebuilt before anyone searches (decision 032): a
  // database from before channel visibility thus gets its public text (decision 034).
  const reindexed = await reindexDirectoryIfStale(database.db);
  if (reindexed > 0) app.log.info({ entries: reindexed }, 'directory search index rebuilt');
  let seeded = false;
  if (config.seedDemo) seeded = await seedDemoNetwork(database.db).then(() => true);
  const stopMailer = startMailer(database.db, config.smtpUrl, config.publicUrl, app.log);
  // Durable jobs (decision 025): today's digest is scheduled by every process, run by one.
  // The agenda's series are written on to their horizon once a day (decision 029); appointment
  // reminders (decision 031): a sweep per five-minute slot, idempotent per reminder.
  const stopJobs = startJobs(
    database.db,
    {
      [DIGEST_JOB]: runDigest,
      [EXTEND_SERIES_JOB]: runSeriesExtension,
      [REMINDER_JOB]: reminderJob({ timeZone: config.timeZone, publicUrl: config.publicUrl }),
    },
    [scheduleDigest, scheduleSeriesExtension, scheduleReminders],
    app.log,
  );
  const stopHousekeeping = startHousekeeping(database.db, database.driver, app.log, {
    anchor: { file: config.auditAnchorFile, email: config.auditAnchorEmail },
  });

  // npm run backup asks this process for the embedded database's dump (decision 028)
  const stopBackups =
    database.driver === 'pglite'
      ? startBackupRequests(
          (database.db as unknown as { $client: PGlite }).$client,
          config.dataDir,
          (error) => app.log.error({ err: describeForLog(error) }, 'backup request failed'),
        )
      : () => undefined;
  const stopAlertSweep = startAlertSweep(database.db, app.log);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    stopMailer();
    stopJobs();
    stopHousekeeping();
    stopBackups();
    stopAlertSweep();
    try {
      await app.close();
      await sealer.stop();
      await database.close();
      app.log.info('database closed cleanly');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: describeForLog(error) }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const lines = ['', `Maillon is running on ${config.publicUrl} (database: ${database.driver})`];
  if (database.driver === 'pglite') {
    lines.push(
      `Embedded database in ${config.dataDir} — use PostgreSQL (DATABASE_URL) in production.`,
    );
  }
  if (seeded) {
    lines.push('', `Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const login of DEMO_LOGINS) lines.push(`  ${login.role.padEnd(13)} ${login.email}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DataDirExposedError ||
    error instanceof MigrationRightsError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
  } else {
    // A driver's error may quote the connection string: no password or secret is printed.
    const text = redactSecrets((error as Error).stack ?? String(error));
    process.stderr.write(`\nMaillon could not start: ${text}\n\n`);
  }
  process.exit(1);
});
