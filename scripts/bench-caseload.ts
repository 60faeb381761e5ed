/**
 * npm run bench:caseload — the caseload page and the person page at region scale (issue 14):
 * 200 case managers × 40 persons, pathways, care teams, plans of three versions and timelines of
 * ~30 events a person (scripts/bench/caseload-data.ts), then Maillon's real server in a separate
 * process, `concurrency` callers each signed in as its own case manager, closed loop, no think
 * time, each route alone for `duration`; req/s and p50/p95/p99 per route.
 *
 *   --driver pglite|postgres|both   default: both when DATABASE_URL is set (the admin URL: the run
 *                                   creates maillon_bench_caseload and drops it at the end), else pglite
 *   --duration 10s                  measured time per route (plus 1 s of warm-up)
 *   --managers 200 --per-manager 40 PostgreSQL scale (PGlite: --pglite-managers 20, same per manager)
 *   --concurrency 50                callers (PGlite: --pglite-concurrency 10, one statement at a time)
 *   --think 1s                      users who wait ~1 s between an answer and their next request
 *                                   (default 0: closed loop, a saturation test)
 *   --keep                          keep the PostgreSQL database (to EXPLAIN ANALYZE on it)
 *   --routes caseload,persons/:id   only the routes whose name contains one of these words
 *   --help                          this text
 */
import { parseArgs } from 'node:util';
import { generateCaseloadFixture, type TCaseloadFixture } from './bench/caseload-data.js';
import {
  createBenchDatabase,
  formatRouteBench,
  measureRoutes,
  routeBenchResult,
  runBenchCommand,
  type TRouteBenchOptions,
  type TRouteBenchResult,
  type TRouteMeasure,
} from './bench/common.js';
import { createHttpClient } from './load/http.js';
import { startServerUnderTest } from './load/server.js';
import { createRecorder } from './load/stats.js';
import { logIn } from './load/virtual-user.js';
import type { TBenchCaller, TBenchRoute } from './bench/route-loop.js';
import {
  BENCH_OPTIONS,
  loopDescription,
  readDrivers,
  readTimes,
  wholeNumber,
} from './bench/options.js';

export const BENCH_DATABASE = 'maillon_bench_caseload';

type TCaller = TBenchCaller;
type TRoute = TBenchRoute<TCaller> & { main: boolean };

export type TCaseloadBenchOptions = TRouteBenchOptions & {
  managers: number;
  perManager: number;
  /** Only the routes whose name contains one of these words. */
  routes?: readonly string[] | null;
};

export type TCaseloadBenchResult = TRouteBenchResult & {
  fixture: Omit<TCaseloadFixture, 'logins' | 'coordinatorLogin'> & { managers: number };
};

const person = (c: TCaller, n: number) => c.persons[n % c.persons.length]!;

/** The caseload page's API, the person page's main read, then what the person page also loads. */
export const CASELOAD_ROUTES: readonly TRoute[] = [
  { name: 'GET /api/caseload', path: () => '/api/caseload', main: true },
  { name: 'GET /api/persons/:id', path: (c, n) => `/api/persons/${person(c, n)}`, main: true },
  {
    name: 'GET /api/persons/:id/pathway',
    path: (c, n) => `/api/persons/${person(c, n)}/pathway`,
    main: false,
  },
  {
    name: 'GET /api/persons/:id/care-team',
    path: (c, n) => `/api/persons/${person(c, n)}/care-team`,
    main: false,
  },
  {
    name: 'GET /api/persons/:id/timeline?limit=20',
    path: (c, n) => `/api/persons/${person(c, n)}/timeline?limit=20`,
    main: false,
  },
  {
    name: 'GET /api/persons/:id/level',
    path: (c, n) => `/api/persons/${person(c, n)}/level`,
    main: false,
  },
  {
    name: 'GET /api/persons/:id/plan',
    path: (c, n) => `/api/persons/${person(c, n)}/plan`,
    main: false,
  },
  { name: 'GET /api/caseload/board', path: () => '/api/caseload/board', main: false },
];

/** One driver: fixture, server, sessions, each route. */
export async function runCaseloadBench(
  options: TCaseloadBenchOptions,
): Promise<TCaseloadBenchResult> {
  const log = options.log ?? (() => {});
  const database = await createBenchDatabase(options, BENCH_DATABASE);
  try {
    const opened = await database.open();
    let fixture: TCaseloadFixture;
    const started = performance.now();
    try {
      log(`${options.driver}: ${options.managers} case managers × ${options.perManager} persons`);
      fixture = await generateCaseloadFixture(opened.db, options);
    } finally {
      await opened.close();
    }
    const generationMs = Math.round(performance.now() - started);
    log(
      `${options.driver}: generated in ${(generationMs / 1000).toFixed(1)} s ${JSON.stringify(fixture.rows)}`,
    );
    const running = await startServerUnderTest(database, {
      entry: 'tsx',
      logLevel: 'warn',
      logPath: undefined,
    });
    const client = createHttpClient(running.server.url, { timeoutMs: 30_000 });
    let measures: TRouteMeasure[];
    try {
      const callers: TCaller[] = [];
      for (let i = 0; i < options.concurrency; i++) {
        const login = fixture.logins[i % fixture.logins.length]!;
        const session = await logIn(client, login, createRecorder());
        callers.push({ cookie: session.cookie, persons: login.persons });
      }
      const chosen = CASELOAD_ROUTES.filter(
        (route) => !options.routes || options.routes.some((word) => route.name.includes(word)),
      );
      measures = await measureRoutes(
        chosen,
        client,
        callers,
        options,
        running.server.child.pid,
        (route) => log(`${options.driver}: ${route}`),
      );
    } finally {
      client.close();
      await running.stop();
    }
    const { logins: _, coordinatorLogin: __, ...counts } = fixture;
    return {
      ...routeBenchResult(options, generationMs, measures),
      fixture: { ...counts, managers: fixture.logins.length },
    };
  } finally {
    await database.dispose();
  }
}

export function formatCaseloadBench(result: TCaseloadBenchResult): string {
  const f = result.fixture;
  return formatRouteBench(
    result,
    `${f.managers} case managers, ${f.persons} persons, ${result.concurrency} concurrent callers (each its own manager's session), ${result.durationMs / 1000} s per route, ${loopDescription(result.thinkMs)}`,
    f.rows,
  );
}

function readOptions(): TCaseloadBenchOptions[] | null {
  const { values } = parseArgs({
    options: {
      ...BENCH_OPTIONS,
      managers: { type: 'string', default: '200' },
      'pglite-managers': { type: 'string', default: '20' },
      'per-manager': { type: 'string', default: '40' },
      concurrency: { type: 'string', default: '50' },
      'pglite-concurrency': { type: 'string', default: '10' },
      routes: { type: 'string' },
    },
    strict: true,
  });
  if (values.help) return null;
  const adminUrl = process.env.DATABASE_URL || undefined;
  const drivers = readDrivers(values.driver, adminUrl, { withUrl: 'both', allowBoth: true });
  const times = readTimes(values);
  const perManager = wholeNumber('per-manager', values['per-manager']);
  return drivers.map((d): TCaseloadBenchOptions => {
    const managers = d === 'postgres' ? 'managers' : 'pglite-managers';
    const concurrency = d === 'postgres' ? 'concurrency' : 'pglite-concurrency';
    return {
      driver: d,
      adminUrl,
      managers: wholeNumber(managers, values[managers]),
      perManager,
      concurrency: wholeNumber(concurrency, values[concurrency]),
      ...times,
      keep: values.keep,
      routes: values.routes ? values.routes.split(',').filter(Boolean) : null,
      log: (line) => process.stderr.write(`[bench:caseload] ${line}\n`),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBenchCommand(
    import.meta.url,
    'bench:caseload',
    readOptions,
    runCaseloadBench,
    formatCaseloadBench,
  );
