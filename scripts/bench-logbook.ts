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
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openPostgres, type TDb } from '../src/db/client.js';
import { generateCaseloadFixture } from './bench/caseload-data.js';
import {
  createLoadDatabase,
  withAdminClient,
  type TDriverName,
  type TLoadDatabase,
} from './load/data.js';
import { createHttpClient } from './load/http.js';
import { startServerUnderTest } from './load/server.js';
import { createRecorder, type TPhaseReport } from './load/stats.js';
import { logIn } from './load/virtual-user.js';
import { measureRoute, type TBenchCaller, type TBenchRoute } from './bench/route-loop.js';
import {
  BENCH_OPTIONS,
  loopDescription,
  printUsage,
  readDrivers,
  readTimes,
  wholeNumber,
} from './bench/options.js';

export const BENCH_DATABASE = 'maillon_bench_logbook';
export const ENTRIES_PER_PERSON = 50;
const PER_MANAGER = 40;

type TCaller = TBenchCaller & { csrfToken: string };
type TRoute = TBenchRoute<TCaller>;

export type TLogbookBenchOptions = {
  driver: TDriverName;
  adminUrl?: string | undefined;
  scale: number;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  /** Think time between a caller's answer and its next request (0, the default: closed loop). */
  thinkMs?: number;
  keep?: boolean;
  log?: (line: string) => void;
};

export type TLogbookBenchResult = {
  driver: TDriverName;
  generationMs: number;
  persons: number;
  rows: Record<string, number>;
  concurrency: number;
  durationMs: number;
  thinkMs: number;
  routes: { name: string; report: TPhaseReport }[];
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

async function createBenchDatabase(options: TLogbookBenchOptions): Promise<TLoadDatabase> {
  const base = await createLoadDatabase('pglite', undefined);
  if (options.driver === 'pglite') return base;
  if (!options.adminUrl) throw new Error('--driver postgres needs DATABASE_URL');
  const adminUrl = options.adminUrl;
  await withAdminClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DATABASE}`;
  return {
    driver: 'postgres',
    dataDir: base.dataDir,
    url: url.toString(),
    serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: base.dataDir },
    open: () => openPostgres(url.toString(), 10),
    dispose: async () => {
      rmSync(base.dataDir, { recursive: true, force: true });
      if (!options.keep)
        await withAdminClient(adminUrl, (admin) =>
          admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`),
        );
    },
  };
}

export async function runLogbookBench(options: TLogbookBenchOptions): Promise<TLogbookBenchResult> {
  const log = options.log ?? (() => {});
  const database = await createBenchDatabase(options);
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
    const routes: TLogbookBenchResult['routes'] = [];
    try {
      const callers: TCaller[] = [];
      for (let i = 0; i < options.concurrency; i++) {
        const login = logins[i % logins.length]!;
        const session = await logIn(client, login, createRecorder());
        callers.push({ ...session, persons: login.persons });
      }
      for (const route of LOGBOOK_ROUTES) {
        log(`${options.driver}: ${route.name}`);
        if (options.warmupMs > 0)
          await measureRoute(route, client, callers, options.warmupMs, options.thinkMs ?? 0);
        routes.push({
          name: route.name,
          report: await measureRoute(
            route,
            client,
            callers,
            options.durationMs,
            options.thinkMs ?? 0,
          ),
        });
      }
    } finally {
      client.close();
      await running.stop();
    }
    return {
      driver: options.driver,
      generationMs,
      persons,
      rows,
      concurrency: options.concurrency,
      durationMs: options.durationMs,
      thinkMs: options.thinkMs ?? 0,
      routes,
    };
  } finally {
    await database.dispose();
  }
}

export function formatLogbookBench(result: TLogbookBenchResult): string {
  const header = ['route', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const lines = result.routes.map(({ name, report: r }) => [
    name,
    r.perSecond.toLocaleString('en'),
    String(r.p50),
    String(r.p95),
    String(r.p99),
    String(r.clientErrors + r.serverErrors + r.networkErrors + r.conflicts),
  ]);
  const table = [header, header.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
  const notes = result.routes.flatMap(({ name, report }) => {
    const route = report.routes[0];
    if (!route || route.ok === route.count) return [];
    return [`${name}: statuses ${JSON.stringify(route.statuses)}, e.g. ${route.examples[0] ?? ''}`];
  });
  return (
    `\n## ${result.driver === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${result.persons} persons, ${result.rows.logbook_entries} logbook entries, ${result.concurrency} concurrent callers, ${result.durationMs / 1000} s per route, ${loopDescription(result.thinkMs)}\n` +
    `fixture: ${JSON.stringify(result.rows)}, generated in ${(result.generationMs / 1000).toFixed(1)} s\n\n` +
    `${table}\n${notes.join('\n')}${notes.length ? '\n' : ''}`
  );
}

function readOptions(): TLogbookBenchOptions | null {
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
  return {
    driver: driver!,
    adminUrl,
    scale,
    concurrency: wholeNumber('concurrency', values.concurrency),
    ...readTimes(values),
    keep: values.keep,
    log: (line) => process.stderr.write(`[bench:logbook] ${line}\n`),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const load = loadavg().map((n) => n.toFixed(2));
    const options = readOptions();
    if (!options) {
      printUsage(import.meta.url);
      process.exit(0);
    }
    const result = await runLogbookBench(options);
    process.stdout.write(formatLogbookBench(result));
    process.stdout.write(
      `\nnode ${process.version}, ${cpus().length} cores shared by the load generator, the server and the database; load average at start ${load.join(' ')}\n`,
    );
    const failed = result.routes.some(
      ({ report }) => report.serverErrors + report.networkErrors + report.clientErrors > 0,
    );
    process.exit(failed ? 1 : 0);
  } catch (error) {
    process.stderr.write(`bench:logbook failed: ${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  }
}
