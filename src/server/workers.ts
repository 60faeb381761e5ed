/**
 * Several server processes on one port (MAILLON_WORKERS, decision 043): the primary forks the
 * workers (node:cluster hands each new connection to one of them, in turn) and only supervises
 * them; each worker is a whole Maillon instance on the same PostgreSQL, as two instances already
 * are (test/two-instances.test.ts): sessions, throttling, jobs and the audit chain live in the
 * database, the migrations run under an advisory lock.
 *
 * A worker that stops on its own stops the server: the others are asked to shut down and the
 * primary exits 1, for the service manager to restart the whole — rather than a half-server
 * restarting a crashing worker in a loop.
 */
import cluster from 'node:cluster';
import { pino } from 'pino';

/** Forks `count` workers and supervises them until SIGTERM/SIGINT or a worker's exit. */
export function superviseWorkers(count: number, logLevel: string): void {
  const log = pino({ level: logLevel });
  let isStopping = false;
  let exited = 0;
  let exitCode = 0;
  const stopAll = () => {
    if (isStopping) return;
    isStopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && !worker.isDead()) worker.process.kill('SIGTERM');
    }
  };
  cluster.on('exit', (worker, code, signal) => {
    exited++;
    if (!isStopping) {
      log.error(
        { pid: worker.process.pid, code, signal },
        'a server worker stopped: stopping the server',
      );
      exitCode = 1;
      stopAll();
    } else if (code !== 0 && signal !== 'SIGTERM') {
      // Asked to stop while still starting (its shutdown not yet set up), it ends by the signal.
      exitCode = 1;
    }
    if (exited === count) process.exit(exitCode);
  });
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
  for (let i = 0; i < count; i++) cluster.fork();
  log.info({ workers: count, pid: process.pid }, 'server workers started');
}
