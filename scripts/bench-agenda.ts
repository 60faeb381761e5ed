/**
 * npm run bench:agenda — the shared agenda at network scale (issue 16): 2,000 members, 2,000,000
 * appointments over a year with their participants, working hours and absences
 * (scripts/bench/agenda-data.ts), then:
 *   - a member's week read straight in SQL (the week route's one statement, MY_WEEK, without the
 *     session), on the bench's own connections, closed loop: the database's share of the figure;
 *   - Maillon's real server in a separate process: a member's week (WEEK_ROUTE, signed in as that
 *     member) and the free-slot search for 5 participants of 5 organisations over 2 weeks
 *     (POST /api/availability/free-slots);
 * `concurrency` callers each signed in as its own member, each measure alone for `duration`, closed
 * loop or users with a think time (scripts/bench/route-loop.ts); req/s and p50/p95/p99, and the
 * server's CPU time per request. Targets (issue 16): week p95 < 30 ms, free slots p95 < 100 ms on
 * PostgreSQL.
 *
 *   --driver pglite|postgres|both   default: postgres when DATABASE_URL is set (the admin URL: the
 *                                   run creates maillon_bench_agenda and drops it), else pglite
 *   --scale 1                       PostgreSQL scale: 1 = 2,000 members, 2,000,000 appointments
 *   --pglite-scale 0.02             PGlite scale (both only with --driver both or pglite)
 *   --duration 10s                  measured time per measure (plus 1 s of warm-up)
 *   --concurrency 10                callers (PGlite: --pglite-concurrency 4)
 *   --think 1s                      users who wait ~1 s between an answer and their next request
 *                                   (default 0: closed loop, a saturation test)
 *   --keep                          keep the PostgreSQL database (to EXPLAIN ANALYZE on it)
 *   --reuse                         measure the database a --keep run left (no generation)
 *   --help                          this text
 */
import { parseArgs } from 'node:util';
import type { TDb } from '../src/db/client.js';
import { runStatement } from '../src/db/statements.js';
import { MY_WEEK } from '../src/modules/agenda/agenda.repository.js';
import {
  generateAgendaFixture,
  readAgendaFixture,
  type TAgendaFixture,
} from './bench/agenda-data.js';
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
import { createHttpClient, type THttpClient } from './load/http.js';
import { startServerUnderTest } from './load/server.js';
import {
  classifyStatus,
  createRecorder,
  recordSample,
  summariseRecorder,
  type TPhaseReport,
} from './load/stats.js';
import { logIn } from './load/virtual-user.js';
import {
  BENCH_OPTIONS,
  loopDescription,
  positiveNumber,
  readDrivers,
  readTimes,
  wholeNumber,
} from './bench/options.js';
import type { TBenchCaller, TBenchRoute } from './bench/route-loop.js';

export const BENCH_DATABASE = 'maillon_bench_agenda';
/** The agenda-core week route (issue 16), for the signed-in member: change it here if it moves. */
export const WEEK_ROUTE = (monday: string) =>
  `/api/agenda/mine?from=${encodeURIComponent(`${monday}T00:00:00+01:00`)}&days=7`;
export const FREE_SLOTS_ROUTE = '/api/availability/free-slots';
const TIME_ZONE = 'Europe/Paris';

export type TAgendaBenchOptions = TRouteBenchOptions & {
  scale: number;
};

export type TAgendaBenchResult = TRouteBenchResult & {
  rows: Record<string, number>;
};

/** A user id no session has: the SQL week reads the facts of no break-the-glass grant. */
const NO_USER = '00000000-0000-4000-8000-000000000000';

type TCaller = TBenchCaller & { csrfToken: string };

/** A Monday of the fixture's year, n-th pick (YYYY-MM-DD). */
function mondayOf(fixture: TAgendaFixture, n: number): string {
  const first = new Date(`${fixture.firstMonday}T12:00:00Z`);
  first.setUTCDate(first.getUTCDate() + 7 * ((n * 7) % Math.max(1, fixture.weeks - 2)));
  return first.toISOString().slice(0, 10);
}

/** `callers` run `once` back to back for durationMs (the SQL measure: no server, no think time). */
async function measure(
  name: string,
  callers: number,
  durationMs: number,
  once: (caller: number, n: number) => Promise<number | null>,
): Promise<TPhaseReport> {
  const recorder = createRecorder();
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async (caller: number) => {
    for (let n = caller * 1000; performance.now() < deadline; n++) {
      const t = performance.now();
      let status: number | null = null;
      let detail: string | undefined;
      try {
        status = await once(caller, n);
      } catch (error) {
        detail = (error as Error).message;
      }
      recordSample(recorder, name, {
        ms: performance.now() - t,
        status,
        outcome: classifyStatus(status, [200]),
        detail,
      });
    }
  };
  await Promise.all(Array.from({ length: callers }, (_, i) => loop(i)));
  return summariseRecorder(recorder, performance.now() - started);
}

/** The week in SQL, on the bench's own connections (before the server starts: PGlite locks). */
async function measureWeekInSql(
  db: TDb,
  fixture: TAgendaFixture,
  options: TAgendaBenchOptions,
  callers: number,
) {
  const once = async (caller: number, n: number) => {
    const memberId = fixture.memberIds[(caller * 97 + n * 31) % fixture.memberIds.length]!;
    const monday = mondayOf(fixture, n);
    const from = new Date(`${monday}T00:00:00+01:00`);
    const to = new Date(from.getTime() + 7 * 86_400_000);
    await runStatement(db, MY_WEEK, [NO_USER, memberId, new Date(), from, to]);
    return 200;
  };
  if (options.warmupMs > 0) await measure('warm-up', callers, options.warmupMs, once);
  return measure('week in SQL', callers, options.durationMs, once);
}

/** Five members of five organisations (members are in organisations of ten, in id order). */
function fiveParticipants(fixture: TAgendaFixture, n: number): string[] {
  const ids = fixture.memberIds;
  return [0, 1, 2, 3, 4].map((k) => ids[(n * 37 + k * 211) % ids.length]!);
}

/** The measured routes: a member's week, then the free-slot search. */
export function agendaRoutes(fixture: TAgendaFixture): TBenchRoute<TCaller>[] {
  return [
    {
      name: 'GET /api/agenda/mine?from=:monday&days=7',
      path: (_, n) => WEEK_ROUTE(mondayOf(fixture, n)),
    },
    {
      name: `POST ${FREE_SLOTS_ROUTE} (5 participants, 2 weeks, 60 min)`,
      method: 'POST',
      path: () => FREE_SLOTS_ROUTE,
      body: (n) => {
        const from = new Date(`${mondayOf(fixture, n)}T00:00:00+01:00`);
        return {
          memberIds: fiveParticipants(fixture, n),
          durationMinutes: 60,
          from: from.toISOString(),
          to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
        };
      },
    },
  ];
}

async function measureServer(
  client: THttpClient,
  serverPid: number | undefined,
  fixture: TAgendaFixture,
  options: TAgendaBenchOptions,
): Promise<TRouteMeasure[]> {
  const callers: TCaller[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    const session = await logIn(
      client,
      fixture.logins[i % fixture.logins.length]!,
      createRecorder(),
    );
    callers.push({ cookie: session.cookie, csrfToken: session.csrfToken, persons: [] });
  }
  return measureRoutes(agendaRoutes(fixture), client, callers, options, serverPid, (route) =>
    options.log?.(`${options.driver}: ${route}`),
  );
}

/** One driver: fixture, the SQL week, then the server's routes. */
export async function runAgendaBench(options: TAgendaBenchOptions): Promise<TAgendaBenchResult> {
  const log = options.log ?? (() => {});
  const database = await createBenchDatabase(options, BENCH_DATABASE, {
    TZ_NETWORK: TIME_ZONE,
  });
  try {
    const members = Math.max(20, Math.round(2000 * options.scale));
    const appointments = Math.max(100, Math.round(2_000_000 * options.scale));
    const opened = await database.open();
    let fixture: TAgendaFixture;
    const measures: TRouteMeasure[] = [];
    const started = performance.now();
    let generationMs: number;
    try {
      log(`${options.driver}: ${members} members, ${appointments} appointments`);
      fixture =
        options.reuse && options.driver === 'postgres'
          ? await readAgendaFixture(opened.db, TIME_ZONE)
          : await generateAgendaFixture(opened.db, {
              members,
              appointments,
              loginCount: Math.max(options.concurrency, 50),
              timeZone: TIME_ZONE,
            });
      generationMs = Math.round(performance.now() - started);
      log(
        `${options.driver}: generated in ${(generationMs / 1000).toFixed(1)} s ${JSON.stringify(fixture.rows)}`,
      );
      log(`${options.driver}: week in SQL`);
      const callers = options.driver === 'postgres' ? Math.min(options.concurrency, 10) : 1;
      measures.push({
        name: `week in SQL (${callers} connection${callers > 1 ? 's' : ''})`,
        report: await measureWeekInSql(opened.db, fixture, options, callers),
        cpuMs: null,
      });
    } finally {
      await opened.close();
    }
    const running = await startServerUnderTest(
      { ...database, serverEnv: { ...database.serverEnv, TZ_NETWORK: TIME_ZONE } },
      { entry: 'tsx', logLevel: 'warn', logPath: undefined },
    );
    const client = createHttpClient(running.server.url, { timeoutMs: 30_000 });
    try {
      measures.push(...(await measureServer(client, running.server.child.pid, fixture, options)));
    } finally {
      client.close();
      await running.stop();
    }
    return { ...routeBenchResult(options, generationMs, measures), rows: fixture.rows };
  } finally {
    await database.dispose();
  }
}

/** The result as a markdown table. */
export function formatAgendaBench(result: TAgendaBenchResult): string {
  return formatRouteBench(
    result,
    `${result.concurrency} concurrent callers (each its own member's session), ${result.durationMs / 1000} s per measure, ${loopDescription(result.thinkMs)} (the SQL week: closed loop)`,
    result.rows,
    'measure',
  );
}

function readOptions(): TAgendaBenchOptions[] | null {
  const { values } = parseArgs({
    options: {
      ...BENCH_OPTIONS,
      scale: { type: 'string', default: '1' },
      'pglite-scale': { type: 'string', default: '0.02' },
      concurrency: { type: 'string', default: '10' },
      'pglite-concurrency': { type: 'string', default: '4' },
      reuse: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const adminUrl = process.env.DATABASE_URL || undefined;
  const drivers = readDrivers(values.driver, adminUrl, { withUrl: 'postgres', allowBoth: true });
  const times = readTimes(values);
  return drivers.map((d) => ({
    driver: d,
    adminUrl,
    scale: positiveNumber(
      d === 'postgres' ? 'scale' : 'pglite-scale',
      values[d === 'postgres' ? 'scale' : 'pglite-scale'],
    ),
    concurrency: wholeNumber(
      d === 'postgres' ? 'concurrency' : 'pglite-concurrency',
      values[d === 'postgres' ? 'concurrency' : 'pglite-concurrency'],
    ),
    ...times,
    keep: values.keep || values.reuse,
    reuse: values.reuse,
    log: (line) => process.stderr.write(`[bench:agenda] ${line}\n`),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBenchCommand(
    import.meta.url,
    'bench:agenda',
    readOptions,
    runAgendaBench,
    formatAgendaBench,
  );
