/**
 * npm run bench:logbook — the logbook at network scale (issue 15, decision 021): the caseload
 * fixture's case managers and persons (scripts/bench/caseload-data.ts: 500 managers × 40 persons =
 * 20,000 persons at --scale 1), then 50 logbook entries a person (1,000,000 at --scale 1) written in
 * one generate_series statement, with read receipts; then Maillon's real server in a separate
 * process, `concurrency` callers each signed in as its own case manager (closed loop, or users with a
 * think time: scripts/bench/route-loop.ts):
 * a person's logbook page, then posting an entry; req/s and p50/p95/p99 per route.
 *
 *   --driver pglite|postgres   default: postgres when DATABASE_URL is set (the admin URL: the run
 *                              creates maillon_bench_logbook and drops it at the end), else pglite
 *   --scale 1                  1 = 20,000 persons, 1,000,000 entries; 0.01 for a quick run
 *   --duration 10s             measured time per route (plus 1 s of warm-up)
 *   --concurrency 50           callers
 *   --think 1s                 users who wait ~1 s between an answer and their next request
 *                              (default 0: closed loop, a saturation test)
 *   --keep                     keep the PostgreSQL database (to EXPLAIN ANALYZE on it)
 *   --help                     this text
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { TDb } from '../src/db/client.js';
import { generateCaseloadFixture } from './bench/caseload-data.js';
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

export const BENCH_DATABASE = 'maillon_bench_logbook';
export const ENTRIES_PER_PERSON = 50;
const PER_MANAGER = 40;

type TCaller = TBenchCaller & { csrfToken: string };
type TRoute = TBenchRoute<TCaller>;

export type TLogbookBenchOptions = TRouteBenchOptions & {
  scale: number;
};

export type TLogbookBenchResult = TRouteBenchResult & {
  persons: number;
  rows: Record<string, number>;
};

const person = (c: TCaller, n: number) => c.persons[n % c.persons.length]!;
const CATEGORIES = ['daily_life', 'medical', 'social', 'administrative'];

export const LOGBOOK_ROUTES: readonly TRoute[] = [
  {
    name: 'GET /api/persons/:id/logbook',
    method: 'GET',
    path: (c, n) => `/api/persons/${person(c, n)}/logbook`,
    ok: 200,
  },
  {
    name: 'POST /api/persons/:id/logbook',
    method: 'POST',
    path: (c, n) => `/api/persons/${person(c, n)}/logbook`,
    body: (n) => ({
      category: CATEGORIES[n % 4],
      urgent: n % 25 === 0,
      text: 'Passage ce matin : a bien dormi, petit-déjeuner pris, pas de douleur signalée.',
    }),
    ok: 201,
  },
];

/** 50 entries a person, over the last 120 days, by their case manager; half read by them. */
async function fillLogbook(db: TDb): Promise<Record<string, number>> {
  await db.execute(
    sql.raw(`INSERT INTO logbook_entries (person_id, category, urgent, text, author_user_id,
                                          author_member_id, created_at)
     SELECT p.id,
            (ARRAY['daily_life','medical','social','administrative'])[1 + (g % 4)],
            g % 40 = 0,
            'Transmission n° ' || g || ' : visite faite, situation stable, rien à signaler.',
            u.id, u.member_id,
            now() - (g * interval '58 hours') - (random() * interval '1 hour')
       FROM persons p
       JOIN users u ON u.member_id = p.case_manager_id
       CROSS JOIN generate_series(1, ${ENTRIES_PER_PERSON}) g`),
  );
  await db.execute(
    sql.raw(`INSERT INTO logbook_reads (entry_id, user_id, read_at)
     SELECT e.id, e.author_user_id, e.created_at FROM logbook_entries e
      WHERE e.created_at < now() - interval '30 days'`),
  );
  await db.execute(sql.raw('ANALYZE logbook_entries'));
  await db.execute(sql.raw('ANALYZE logbook_reads'));
  const rows: Record<string, number> = {};
  for (const table of ['persons', 'logbook_entries', 'logbook_reads']) {
    const result = (await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as {
      rows: { n: number }[];
    };
    rows[table] = result.rows[0]!.n;
  }
  return rows;
}

export async function runLogbookBench(options: TLogbookBenchOptions): Promise<TLogbookBenchResult> {
  const log = options.log ?? (() => {});
  const database = await createBenchDatabase(options, BENCH_DATABASE);
  try {
    const opened = await database.open();
    const managers = Math.max(1, Math.round((20_000 * options.scale) / PER_MANAGER));
    const started = performance.now();
    let logins: Awaited<ReturnType<typeof generateCaseloadFixture>>['logins'];
    let persons: number;
    let rows: Record<string, number>;
    try {
      log(`${options.driver}: ${managers} case managers × ${PER_MANAGER} persons`);
      const fixture = await generateCaseloadFixture(opened.db, {
        managers,
        perManager: PER_MANAGER,
      });
      logins = fixture.logins;
      persons = fixture.persons;
      rows = await fillLogbook(opened.db);
    } finally {
      await opened.close();
    }
    const generationMs = Math.round(performance.now() - started);
    log(
      `${options.driver}: generated in ${(generationMs / 1000).toFixed(1)} s ${JSON.stringify(rows)}`,
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
        const login = logins[i % logins.length]!;
        const session = await logIn(client, login, createRecorder());
        callers.push({ ...session, persons: login.persons });
      }
      measures = await measureRoutes(
        LOGBOOK_ROUTES,
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
    return { ...routeBenchResult(options, generationMs, measures), persons, rows };
  } finally {
    await database.dispose();
  }
}

export function formatLogbookBench(result: TLogbookBenchResult): string {
  return formatRouteBench(
    result,
    `${result.persons} persons, ${result.rows.logbook_entries} logbook entries, ${result.concurrency} concurrent callers, ${result.durationMs / 1000} s per route, ${loopDescription(result.thinkMs)}`,
    result.rows,
  );
}

function readOptions(): TLogbookBenchOptions[] | null {
  const { values } = parseArgs({
    options: {
      ...BENCH_OPTIONS,
      scale: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '50' },
    },
    strict: true,
  });
  if (values.help) return null;
  const adminUrl = process.env.DATABASE_URL || undefined;
  const [driver] = readDrivers(values.driver, adminUrl, { withUrl: 'postgres', allowBoth: false });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10)) throw new Error(`--scale ${values.scale}: a number in (0, 10]`);
  return [
    {
      driver: driver!,
      adminUrl,
      scale,
      concurrency: wholeNumber('concurrency', values.concurrency),
      ...readTimes(values),
      keep: values.keep,
      log: (line) => process.stderr.write(`[bench:logbook] ${line}\n`),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBenchCommand(
    import.meta.url,
    'bench:logbook',
    readOptions,
    runLogbookBench,
    formatLogbookBench,
  );
