/**
 * What the route benchmarks (bench:agenda, bench:caseload, bench:logbook) share besides their
 * options and loop: the bench database, the server's processor time per request, the report table
 * and the command-line run (load average, exit status).
 */
import { readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { openPostgres } from '../../src/db/client.js';
import {
  createLoadDatabase,
  withAdminClient,
  type TDriverName,
  type TLoadDatabase,
} from '../load/data.js';
import type { THttpClient } from '../load/http.js';
import type { TPhaseReport } from '../load/stats.js';
import { printUsage } from './options.js';
import { measureRoute, type TBenchCaller, type TBenchRoute } from './route-loop.js';

export type TBenchDatabaseOptions = {
  driver: TDriverName;
  adminUrl?: string | undefined;
  /** Keep the PostgreSQL database at the end (to EXPLAIN ANALYZE on it). */
  keep?: boolean | undefined;
  /** Use the PostgreSQL database as it is (a kept one) instead of creating it afresh. */
  reuse?: boolean | undefined;
};

/** What every route benchmark is told, besides its own scale. */
export type TRouteBenchOptions = TBenchDatabaseOptions & {
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** Think time between a caller's answer and its next request (0, the default: closed loop). */
  thinkMs?: number;
  log?: (line: string) => void;
};

/** What every route benchmark answers, besides its fixture's counts. */
export type TRouteBenchResult = {
  driver: TDriverName;
  generationMs: number;
  concurrency: number;
  durationMs: number;
  thinkMs: number;
  /** Per route, with the server process's CPU time per request (ms, user + system). */
  measures: TRouteMeasure[];
};

/**
 * PGlite: a temporary folder; PostgreSQL: the database `name`, created afresh (dropped first)
 * unless `reuse`, dropped at the end unless `keep`. `serverEnv` is added to the server's.
 */
export async function createBenchDatabase(
  options: TBenchDatabaseOptions,
  name: string,
  serverEnv: Record<string, string> = {},
): Promise<TLoadDatabase> {
  const base = await createLoadDatabase('pglite', undefined);
  if (options.driver === 'pglite') return base;
  if (!options.adminUrl) throw new Error('--driver postgres needs DATABASE_URL');
  const adminUrl = options.adminUrl;
  if (!options.reuse)
    await withAdminClient(adminUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    driver: 'postgres',
    dataDir: base.dataDir,
    url: url.toString(),
    serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: base.dataDir, ...serverEnv },
    open: () => openPostgres(url.toString(), 10),
    dispose: async () => {
      rmSync(base.dataDir, { recursive: true, force: true });
      if (!options.keep)
        await withAdminClient(adminUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        );
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere.
 * Per request, it is a steadier figure than req/s on a machine shared with other work.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ 100)
  } catch {
    return null;
  }
}

export type TRouteMeasure = {
  name: string;
  report: TPhaseReport;
  /** The server's processor time a request (null where /proc cannot be read). */
  cpuMs: number | null;
  /** Shown in bold in the table: the figure the target is about. */
  main?: boolean;
};

/** Each route in turn: warm-up, then `durationMs` measured, with the server's CPU a request. */
export async function measureRoutes<TCaller extends TBenchCaller>(
  routes: readonly (TBenchRoute<TCaller> & { main?: boolean })[],
  client: THttpClient,
  callers: readonly TCaller[],
  options: { durationMs: number; warmupMs: number; thinkMs?: number | undefined },
  serverPid: number | undefined,
  log: (route: string) => void = () => {},
): Promise<TRouteMeasure[]> {
  const thinkMs = options.thinkMs ?? 0;
  const measures: TRouteMeasure[] = [];
  for (const route of routes) {
    log(route.name);
    if (options.warmupMs > 0) await measureRoute(route, client, callers, options.warmupMs, thinkMs);
    const cpuBefore = cpuMsOf(serverPid);
    const report = await measureRoute(route, client, callers, options.durationMs, thinkMs);
    const cpuAfter = cpuMsOf(serverPid);
    const requests = report.routes[0]?.count ?? 0;
    const cpuMs =
      cpuBefore === null || cpuAfter === null || requests === 0
        ? null
        : (cpuAfter - cpuBefore) / requests;
    measures.push({ name: route.name, report, cpuMs, ...(route.main ? { main: true } : {}) });
  }
  return measures;
}

/** The measures as a markdown table, then a line for each measure with failed requests. */
export function formatMeasures(measures: readonly TRouteMeasure[], firstColumn = 'route'): string {
  const header = [
    firstColumn,
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'server CPU ms/req',
    'errors',
  ];
  const lines = measures.map(({ name, main, report: r, cpuMs }) => [
    main ? `**${name}**` : name,
    r.perSecond.toLocaleString('en'),
    String(r.p50),
    String(r.p95),
    String(r.p99),
    cpuMs === null ? '–' : cpuMs.toFixed(2),
    String(r.clientErrors + r.serverErrors + r.networkErrors + r.conflicts),
  ]);
  const table = [header, header.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
  const notes = measures.flatMap(({ name, report }) => {
    const route = report.routes[0];
    if (!route || route.ok === route.count) return [];
    return [`${name}: statuses ${JSON.stringify(route.statuses)}, e.g. ${route.examples[0] ?? ''}`];
  });
  return `${table}\n${notes.join('\n')}${notes.length ? '\n' : ''}`;
}

/** The common part of a route benchmark's result. */
export const routeBenchResult = (
  options: TRouteBenchOptions,
  generationMs: number,
  measures: TRouteMeasure[],
): TRouteBenchResult => ({
  driver: options.driver,
  generationMs,
  concurrency: options.concurrency,
  durationMs: options.durationMs,
  thinkMs: options.thinkMs ?? 0,
  measures,
});

/** A run's report: a heading (the driver, then `title`), the fixture's rows, the table. */
export function formatRouteBench(
  result: TRouteBenchResult,
  title: string,
  rows: Record<string, number>,
  firstColumn = 'route',
): string {
  return (
    `\n## ${result.driver === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${title}\n` +
    `fixture: ${JSON.stringify(rows)}, generated in ${(result.generationMs / 1000).toFixed(1)} s\n\n` +
    formatMeasures(result.measures, firstColumn)
  );
}

/** True when a measure had a request fail (other than an expected conflict). */
export const hasFailures = (measures: readonly TRouteMeasure[]) =>
  measures.some(
    ({ report }) => report.serverErrors + report.networkErrors + report.clientErrors > 0,
  );

/**
 * The command-line run of a benchmark: its runs in turn, each report printed, then the machine's
 * line; exit 1 when a run had failures or threw, 0 otherwise. `readOptions` returns null for
 * `--help` (the script's header is printed).
 */
export async function runBenchCommand<TOptions, TResult extends { measures: TRouteMeasure[] }>(
  scriptUrl: string,
  name: string,
  readOptions: () => TOptions[] | null,
  run: (options: TOptions) => Promise<TResult>,
  format: (result: TResult) => string,
): Promise<never> {
  try {
    const load = loadavg().map((n) => n.toFixed(2));
    const runs = readOptions();
    if (!runs) {
      printUsage(scriptUrl);
      process.exit(0);
    }
    let failed = false;
    for (const options of runs) {
      const result = await run(options);
      failed ||= hasFailures(result.measures);
      process.stdout.write(format(result));
    }
    process.stdout.write(
      `\nnode ${process.version}, ${cpus().length} cores shared by the load generator, the server and the database; load average at start ${load.join(' ')}\n`,
    );
    process.exit(failed ? 1 : 0);
  } catch (error) {
    process.stderr.write(`${name} failed: ${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  }
}
