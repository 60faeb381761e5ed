/**
 * npm run load — load test of the HTTP API on loopback: N virtual users with think time play the
 * personas of scripts/load/personas.ts against the real server (separate process, fresh database),
 * then the same mix without think time, and two ceilings (bare Fastify, raw single-row query).
 * Prints per-route p50/p95/p99 and error counts; exits 1 on any 5xx or network error.
 *
 *   --users N          virtual users (default 100)                          LOAD_USERS
 *   --duration 10m     measured time: 500ms, 30s, 10m, 1h (default 10m)     LOAD_DURATION
 *   --warmup 10s       not measured, before it (default 10s)                LOAD_WARMUP
 *   --think-ms 1000    mean think time between steps, ±50 % (default 1000)  LOAD_THINK_MS
 *   --timeout 30s      no answer after this long = network error (30s)      LOAD_TIMEOUT
 *   --capacity 15s     the mix without think time (0 to skip)               LOAD_CAPACITY
 *   --ceiling 15s      each ceiling (0 to skip)                             LOAD_CEILING
 *   --driver pglite|postgres   default: postgres when DATABASE_URL is set   LOAD_DRIVER
 *   --data region|demo         synthetic region, or the demo network        LOAD_DATA
 *   --scale small|region       synthetic region size (default small)        LOAD_SCALE
 *   --server tsx|built         src with tsx, or dist (npm run build:server) LOAD_SERVER
 *   --workers N                server processes (MAILLON_WORKERS, PostgreSQL only; default 1)
 *                                                                         LOAD_WORKERS
 *   --log-level info           the server's LOG_LEVEL (default info)        LOAD_LOG_LEVEL
 *   --seed 1                   random seed of the virtual users             LOAD_SEED
 *   --server-log server.log    also write the server's whole output there   LOAD_SERVER_LOG
 *   --json out.json            also write the figures as JSON               LOAD_JSON
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport } from './load/report.js';
import { DEFAULT_OPTIONS, runLoad, type TLoadOptions } from './load/run.js';

class UsageError extends Error {}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "10m", "30s", "500ms", "1h", or a bare number of seconds. */
function parseDuration(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`--${name} ${text}: expected a duration such as 30s or 10m`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 's']!);
}

function parseCount(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new UsageError(`--${name} ${text}: expected a whole number ≥ ${min}`);
  }
  return value;
}

function oneOf<T extends string>(name: string, text: string, values: readonly T[]): T {
  if (!values.includes(text as T)) {
    throw new UsageError(`--${name} ${text}: expected one of ${values.join(', ')}`);
  }
  return text as T;
}

const FLAGS = {
  users: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  'think-ms': { type: 'string' },
  timeout: { type: 'string' },
  capacity: { type: 'string' },
  ceiling: { type: 'string' },
  driver: { type: 'string' },
  data: { type: 'string' },
  scale: { type: 'string' },
  server: { type: 'string' },
  workers: { type: 'string' },
  'log-level': { type: 'string' },
  seed: { type: 'string' },
  'server-log': { type: 'string' },
  json: { type: 'string' },
} as const;

function parseFlags() {
  try {
    return parseArgs({ options: FLAGS, strict: true }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (options: see scripts/load.ts)`);
  }
}

function readOptions(): { options: Partial<TLoadOptions>; jsonPath: string | undefined } {
  const values = parseFlags();
  const env = process.env;
  const get = (flag: keyof typeof values, variable: string) =>
    values[flag] ?? (env[variable] || undefined);
  const options: Partial<TLoadOptions> = {};
  const set = <K extends keyof TLoadOptions>(
    key: K,
    text: string | undefined,
    parse: (t: string) => TLoadOptions[K],
  ) => {
    if (text !== undefined) options[key] = parse(text);
  };
  set('users', get('users', 'LOAD_USERS'), (t) => parseCount('users', t, 1));
  set('durationMs', get('duration', 'LOAD_DURATION'), (t) => parseDuration('duration', t));
  set('warmupMs', get('warmup', 'LOAD_WARMUP'), (t) => parseDuration('warmup', t));
  set('thinkMs', get('think-ms', 'LOAD_THINK_MS'), (t) => parseCount('think-ms', t, 0));
  set('timeoutMs', get('timeout', 'LOAD_TIMEOUT'), (t) => parseDuration('timeout', t));
  set('capacityMs', get('capacity', 'LOAD_CAPACITY'), (t) => parseDuration('capacity', t));
  set('ceilingMs', get('ceiling', 'LOAD_CEILING'), (t) => parseDuration('ceiling', t));
  set('driver', get('driver', 'LOAD_DRIVER'), (t) =>
    oneOf('driver', t, ['pglite', 'postgres'] as const),
  );
  set('data', get('data', 'LOAD_DATA'), (t) => oneOf('data', t, ['region', 'demo'] as const));
  set('scale', get('scale', 'LOAD_SCALE'), (t) => oneOf('scale', t, ['small', 'region'] as const));
  set('server', get('server', 'LOAD_SERVER'), (t) => oneOf('server', t, ['tsx', 'built'] as const));
  set('workers', get('workers', 'LOAD_WORKERS'), (t) => parseCount('workers', t, 1));
  set('logLevel', get('log-level', 'LOAD_LOG_LEVEL'), (t) =>
    oneOf('log-level', t, ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const),
  );
  set('seed', get('seed', 'LOAD_SEED'), (t) => parseCount('seed', t, 0));
  set('serverLogPath', get('server-log', 'LOAD_SERVER_LOG'), (t) => t);
  if (options.driver === 'postgres' && !DEFAULT_OPTIONS.databaseUrl) {
    throw new UsageError('--driver postgres needs DATABASE_URL');
  }
  const driver = options.driver ?? DEFAULT_OPTIONS.driver;
  if ((options.workers ?? 1) > 1 && driver !== 'postgres') {
    throw new UsageError(
      '--workers above 1 needs PostgreSQL (the embedded database is one process)',
    );
  }
  return { options, jsonPath: get('json', 'LOAD_JSON') };
}

try {
  const { options, jsonPath } = readOptions();
  // Ctrl-C: stop the run, report what was measured and drop the database; a second one quits.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('[load] interrupted: stopping (Ctrl-C again to quit at once)\n');
    interrupt.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const report = await runLoad({
    ...options,
    signal: interrupt.signal,
    log: (line) => process.stderr.write(`[load] ${line}\n`),
  });
  process.stdout.write(formatReport(report));
  if (jsonPath) {
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`figures written to ${jsonPath}\n`);
  }
  process.exit(report.isOk ? 0 : 1);
} catch (error) {
  process.stderr.write(
    error instanceof UsageError ? `${error.message}\n` : `load test failed: ${String(error)}\n`,
  );
  process.exit(error instanceof UsageError ? 2 : 1);
}
