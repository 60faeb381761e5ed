/**
 * The command-line options the route benchmarks share (bench:agenda, bench:caseload,
 * bench:logbook): the driver, the measured time, the think time, whole and positive numbers, and
 * `--help` printing the script's own header. Each script declares its own options beside
 * BENCH_OPTIONS and reads them with parseArgs; a wrong value stops the run with a message naming
 * the option.
 */
import { readFileSync } from 'node:fs';
import type { TDriverName } from '../load/data.js';

/** The options every route benchmark takes (parseArgs' declaration). */
export const BENCH_OPTIONS = {
  driver: { type: 'string' },
  duration: { type: 'string', default: '10s' },
  think: { type: 'string', default: '0' },
  keep: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** A time given as `10s`, `500ms` or a plain number of seconds (`0`), in milliseconds. */
export function parseTime(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!match) throw new Error(`--${name} ${text}: expected e.g. 10s, 500ms or 0`);
  return Math.round(Number(match[1]) * (match[2] === 'ms' ? 1 : 1000));
}

/** A whole number ≥ 1. */
export function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${text}: a whole number ≥ 1`);
  return n;
}

/** A number > 0 (a scale). */
export function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!(n > 0)) throw new Error(`--${name} ${text}: a number > 0`);
  return n;
}

/**
 * The drivers to run: `--driver` if given (one of `allowed`; `both` is PostgreSQL then PGlite),
 * else `withUrl` when DATABASE_URL is set, else PGlite.
 */
export function readDrivers(
  value: string | undefined,
  adminUrl: string | undefined,
  options: { withUrl: 'postgres' | 'both'; allowBoth: boolean },
): TDriverName[] {
  const driver = value ?? (adminUrl ? options.withUrl : 'pglite');
  const allowed = options.allowBoth ? ['pglite', 'postgres', 'both'] : ['pglite', 'postgres'];
  if (!allowed.includes(driver))
    throw new Error(`--driver ${driver}: one of ${allowed.join(', ')}`);
  if (driver !== 'pglite' && !adminUrl) throw new Error(`--driver ${driver} needs DATABASE_URL`);
  return driver === 'both' ? ['postgres', 'pglite'] : [driver as TDriverName];
}

/** The time options every benchmark reads: measured time, warm-up (1 s at most), think time. */
export function readTimes(values: { duration: string; think: string }) {
  const durationMs = parseTime('duration', values.duration);
  if (durationMs <= 0) throw new Error(`--duration ${values.duration}: more than 0`);
  return {
    durationMs,
    warmupMs: Math.min(1000, durationMs),
    thinkMs: parseTime('think', values.think),
  };
}

/** `--help`: the script's header comment (its usage), written to standard output. */
export function printUsage(scriptUrl: string): void {
  const source = readFileSync(new URL(scriptUrl), 'utf8');
  const header = /^\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  process.stdout.write(`${header.replace(/^ \* ?/gm, '').trim()}\n`);
}

/** "closed loop, no think time" or the users' think time, for a report's heading. */
export function loopDescription(thinkMs: number): string {
  return thinkMs > 0
    ? `users with a think time of ${thinkMs / 1000} s (uniform ×0.5–1.5) between an answer and the next request`
    : 'closed loop, no think time';
}
