/**
 * Maillon's server under test: the real entry point in a child process on the run's database,
 * with its error-level log lines kept for the report (and its whole output in a file on demand).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  spawnServer,
  stopServer,
  waitHealthy,
  type TServerProcess,
} from '../../test/helpers/server-process.js';
import type { TLoadDatabase } from './data.js';

const MAX_ERROR_LINES = 20;

/** Keeps the server's first error-level log lines (pino: level 50 error, 60 fatal). */
function watchErrorLines(stream: NodeJS.ReadableStream | null, lines: string[]) {
  let partial = '';
  stream?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (lines.length < MAX_ERROR_LINES && /"level":(50|60)/.test(line))
        lines.push(line.slice(0, 2000));
    }
  });
}

/** Starts the server on the run's database and waits until it answers its health check. */
export async function startServerUnderTest(
  database: TLoadDatabase,
  options: {
    entry: 'tsx' | 'built';
    logLevel: string;
    logPath: string | undefined;
    /** MAILLON_WORKERS (default 1). */
    workers?: number;
  },
): Promise<{
  server: TServerProcess;
  errorLog: string[];
  startMs: number;
  /** SIGTERM, then the exit code (0: a clean shutdown). */
  stop: () => Promise<number | null>;
  /** Called if the server exits before stop() (a crash), with its exit code. */
  onCrash: (listener: (code: number | null) => void) => void;
}> {
  const built = join(import.meta.dirname, '../../dist/server/main.js');
  if (options.entry === 'built' && !existsSync(built)) {
    throw new Error(`${built} is missing: run npm run build:server first`);
  }
  const started = performance.now();
  const server = await spawnServer(
    {
      ...database.serverEnv,
      SEED_DEMO: 'false',
      LOG_LEVEL: options.logLevel,
      SESSION_SECRET: 'load-test-secret-load-test-secret-0123456789',
      MAILLON_WORKERS: String(options.workers ?? 1),
    },
    { entry: options.entry, outputLimit: 200_000 },
  );
  if (options.logPath) {
    const file = createWriteStream(options.logPath);
    server.child.stdout?.pipe(file);
    server.child.stderr?.pipe(file);
  }
  const errorLog: string[] = [];
  watchErrorLines(server.child.stdout, errorLog);
  watchErrorLines(server.child.stderr, errorLog);
  let isStopping = false;
  const crashListeners: ((code: number | null) => void)[] = [];
  void server.exited.then((code) => {
    if (!isStopping) crashListeners.forEach((listener) => listener(code));
  });
  try {
    await waitHealthy(server, 120_000);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return {
    server,
    errorLog,
    startMs: Math.round(performance.now() - started),
    stop: async () => {
      isStopping = true;
      await stopServer(server);
      return server.exited;
    },
    onCrash: (listener) => crashListeners.push(listener),
  };
}
