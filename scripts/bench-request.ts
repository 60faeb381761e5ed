/**
 * npm run bench:request — what one request costs, route by route, next to three ceilings: a bare
 * Fastify route, one raw primary-key query sent by the bench itself, and that query served by a
 * bare Fastify route (issue 12's "Fastify + pg, one select"; scripts/load/ceilings.ts). Same HTTP client
 * (scripts/load/http.ts), same concurrency, closed loop, no think time; Maillon's real server runs
 * as a separate process on a fresh database filled with the `small` synthetic region.
 *
 *   --driver pglite|postgres|both   default: both when DATABASE_URL is set (the admin URL: the
 *                                   run creates and drops a database of its own), else pglite
 *   --duration 10s                  measured time per route (plus 1 s of warm-up)
 *   --concurrency 50                callers on PostgreSQL (default 50)
 *   --pglite-concurrency 10         callers on PGlite (default 10: it runs one statement at a time)
 *   --count 20                      requests per route of the statement-counting pass
 *   --show-statements               also print the queries of one request of each route (PostgreSQL)
 *   --routes session,persons/:id    only the routes whose name contains one of these words (A/B
 *                                   runs of one route; the ceilings are still measured)
 *
 * Statements per request (PostgreSQL only): a counting pass before the measured one, with the
 * server connected to PostgreSQL through a relay (scripts/bench/statement-counter.ts) that counts
 * the protocol's simple queries and executions; each route is sent `count` times alone, one at a
 * time. The measured pass then runs on a server connected directly. PGlite runs the same code.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { cpuMsOf } from './bench/common.js';
import { startStatementCounter } from './bench/statement-counter.js';
import { pickTarget, type TBenchTarget } from './bench/target.js';
import {
  measureBareFastify,
  measureFastifyQuery,
  measureRawQuery,
  type TCeiling,
} from './load/ceilings.js';
import {
  createLoadDatabase,
  prepareData,
  type TDriverName,
  type TLoadDatabase,
  withAdminClient,
} from './load/data.js';
import { createHttpClient, type THttpClient, type THttpResponse } from './load/http.js';
import { startServerUnderTest } from './load/server.js';
import {
  classifyStatus,
  createRecorder,
  recordSample,
  summariseRecorder,
  type TPhaseReport,
} from './load/stats.js';
import { logIn } from './load/virtual-user.js';

type TSession = { cookie: string; csrfToken: string };
type TRoute = {
  name: string;
  /** Caller `i`'s `n`th request. */
  send: (client: THttpClient, session: TSession, i: number, n: number) => Promise<THttpResponse>;
  expect: readonly number[];
};
type TRow = {
  name: string;
  report: TPhaseReport | null;
  statements: number | null;
  /** The server process's CPU time per request (user + system), when it can be read. */
  cpuMs: number | null;
  /**
   * The CPU time per request of the PostgreSQL backends serving the run's database (its
   * connections, the sealer's included; not the shared WAL writer or checkpointer).
   */
  postgresMs: number | null;
  share: string;
  /** Against issue 12's raw ceiling: Fastify + the database, one select. */
  shareOfServed: string;
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      driver: { type: 'string' },
      duration: { type: 'string', default: '10s' },
      concurrency: { type: 'string', default: '50' },
      'pglite-concurrency': { type: 'string', default: '10' },
      count: { type: 'string', default: '20' },
      'show-statements': { type: 'boolean', default: false },
      routes: { type: 'string' },
    },
    strict: true,
  });
  const adminUrl = process.env.DATABASE_URL || undefined;
  const driver = values.driver ?? (adminUrl ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(driver)) throw new Error(`--driver ${driver}?`);
  if (driver !== 'pglite' && !adminUrl) throw new Error(`--driver ${driver} needs DATABASE_URL`);
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(values.duration);
  if (!match) throw new Error(`--duration ${values.duration}: expected e.g. 10s or 500ms`);
  const whole = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${text}: a whole number ≥ 1`);
    return n;
  };
  return {
    adminUrl,
    drivers: (driver === 'both' ? ['postgres', 'pglite'] : [driver]) as TDriverName[],
    durationMs: Math.round(Number(match[1]) * (match[2] === 'ms' ? 1 : 1000)),
    concurrency: {
      postgres: whole('concurrency', values.concurrency),
      pglite: whole('pglite-concurrency', values['pglite-concurrency']),
    },
    count: 2 * Math.ceil(whole('count', values.count) / 2),
    showStatements: values['show-statements'],
    routes: values.routes ? values.routes.split(',').filter(Boolean) : null,
  };
}

/** The routes measured, all as the case manager with the largest caseload. */
function routesOf(target: TBenchTarget): TRoute[] {
  const get =
    (path: (i: number, n: number) => string) =>
    (c: THttpClient, s: TSession, i: number, n: number) =>
      c.send('GET', path(i, n), { headers: { cookie: s.cookie } });
  const isPlaced = target.writes.map(() => false);
  const person = (i: number, n: number) => target.caseload[(i + n) % target.caseload.length]!;
  return [
    { name: 'GET /api/health', send: get(() => '/api/health'), expect: [200] },
    { name: 'GET /api/auth/session', send: get(() => '/api/auth/session'), expect: [200] },
    {
      name: 'GET /api/persons/:id (case manager, audited)',
      send: get((i, n) => `/api/persons/${person(i, n)}`),
      expect: [200],
    },
    {
      name: 'GET /api/persons (caseload, each audited)',
      send: get(() => '/api/persons'),
      expect: [200],
    },
    {
      name: 'GET /api/directory/search?q=infirmier',
      send: get(() => '/api/directory/search?q=infirmier'),
      expect: [200],
    },
    {
      // A directory profile: the member, their workplaces, verifier, freshness (issue 12).
      name: 'GET /api/directory/members/:id (profile)',
      send: get(
        (i) => `/api/directory/members/${target.writes[i % target.writes.length]!.memberId}`,
      ),
      expect: [200],
    },
    {
      // Each caller adds its own member to its person's care team, then removes them, in turn;
      // whether the place is taken is kept across phases (a phase may end between the two).
      name: 'POST / DELETE care-team member (audited write)',
      send: async (c, s, i) => {
        const { personId, memberId } = target.writes[i % target.writes.length]!;
        const headers = { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
        const response = isPlaced[i]
          ? await c.send('DELETE', `/api/persons/${personId}/care-team/${memberId}`, { headers })
          : await c.send('POST', `/api/persons/${personId}/care-team`, {
              headers,
              body: { memberId, roleTitle: 'Intervenant à domicile' },
            });
        if (response.status === 204) isPlaced[i] = !isPlaced[i];
        return response;
      },
      expect: [204],
    },
  ];
}

/** The pids of the PostgreSQL backends connected to the run's database (null on PGlite). */
async function backendsOf(loadDatabase: TLoadDatabase): Promise<number[] | null> {
  if (!loadDatabase.url) return null;
  const pids: number[] = [];
  await withAdminClient(loadDatabase.url, async (admin) => {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    pids.push(...rows.map((row) => row.pid));
  });
  return pids;
}

/** The CPU time of these processes (one that ended meanwhile counts as nothing), or null. */
function sumCpuMs(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) total += cpuMsOf(pid) ?? 0;
  return pids.length === 0 ? null : total;
}

/** `concurrency` callers send the route back to back for durationMs (as ceilings.ts does). */
async function measureRoute(
  route: TRoute,
  client: THttpClient,
  session: TSession,
  options: { concurrency: number; durationMs: number },
): Promise<TPhaseReport> {
  const recorder = createRecorder();
  const started = performance.now();
  const deadline = started + options.durationMs;
  const caller = async (i: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const t = performance.now();
      let status: number | null = null;
      let detail: string | undefined;
      try {
        const response = await route.send(client, session, i, n);
        status = response.status;
        detail = `${status} ${response.body.slice(0, 200)}`;
      } catch (error) {
        detail = (error as Error).message;
      }
      const outcome = classifyStatus(status, route.expect);
      recordSample(recorder, route.name, { ms: performance.now() - t, status, outcome, detail });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => caller(i)));
  return summariseRecorder(recorder, performance.now() - started);
}

/** A session of the target's case manager, over HTTP as the web app opens one. */
function openSession(client: THttpClient, target: TBenchTarget): Promise<TSession> {
  return logIn(client, target.login, createRecorder());
}

/** Statements per request of each route, through the counting relay (PostgreSQL only). */
async function countStatements(
  loadDatabase: TLoadDatabase,
  routes: readonly TRoute[],
  target: TBenchTarget,
  count: number,
  showStatements: boolean,
): Promise<Map<string, number>> {
  const counter = await startStatementCounter(loadDatabase.url!);
  const relayed = {
    ...loadDatabase,
    serverEnv: { ...loadDatabase.serverEnv, DATABASE_URL: counter.url },
  };
  const running = await startServerUnderTest(relayed, {
    entry: 'tsx',
    logLevel: 'warn',
    logPath: undefined,
  });
  const client = createHttpClient(running.server.url);
  const counts = new Map<string, number>();
  try {
    const session = await openSession(client, target);
    for (const route of routes) {
      await route.send(client, session, 0, 0); // (a first call may fill caches)
      await route.send(client, session, 0, 1);
      const before = counter.count();
      for (let n = 0; n < count; n++) {
        const { status } = await route.send(client, session, 0, n);
        if (!route.expect.includes(status))
          throw new Error(`${route.name}: ${status} while counting`);
      }
      counts.set(route.name, (counter.count() - before) / count);
      if (showStatements) {
        counter.takeTexts();
        await route.send(client, session, 0, 0);
        const texts = counter.takeTexts().map((t, i) => `  ${i + 1}. ${t.replace(/\s+/g, ' ')}`);
        process.stdout.write(`\n${route.name}, one request:\n${texts.join('\n')}\n`);
      }
    }
  } finally {
    client.close();
    await running.stop();
    await counter.close();
  }
  return counts;
}

/** One driver: fresh database, raw ceiling, counting pass, each route, bare Fastify. */
async function benchDriver(
  driver: TDriverName,
  options: ReturnType<typeof readOptions>,
): Promise<{ rows: TRow[]; concurrency: number; persons: number; data: string }> {
  const concurrency = options.concurrency[driver];
  const run = { concurrency, durationMs: options.durationMs };
  const warm = { concurrency, durationMs: Math.min(1000, options.durationMs) };
  log(`${driver}: fresh database, small synthetic region`);
  const loadDatabase = await createLoadDatabase(driver, options.adminUrl);
  try {
    const database = await loadDatabase.open();
    let target: TBenchTarget;
    let raw: TCeiling;
    let source: string;
    try {
      const data = await prepareData(database.db, {
        data: 'region',
        scale: 'small',
        log: () => {},
      });
      source = data.source;
      target = await pickTarget(database.db, data.logins, concurrency);
      log(`${driver}: raw one-query ceiling`);
      raw = await measureRawQuery(loadDatabase, database, run);
    } finally {
      await database.close();
    }
    const routes = routesOf(target).filter(
      (route) => !options.routes || options.routes.some((word) => route.name.includes(word)),
    );
    const counts =
      driver === 'postgres'
        ? (log(`${driver}: counting statements (${options.count} requests per route)`),
          await countStatements(
            loadDatabase,
            routes,
            target,
            options.count,
            options.showStatements,
          ))
        : null;
    const running = await startServerUnderTest(loadDatabase, {
      entry: 'tsx',
      logLevel: 'warn',
      logPath: undefined,
    });
    const client = createHttpClient(running.server.url, { timeoutMs: 30_000 });
    const reports: TPhaseReport[] = [];
    const cpuPerRequest: (number | null)[] = [];
    const postgresPerRequest: (number | null)[] = [];
    let persons = 0;
    try {
      const session = await openSession(client, target);
      const list = await client.send('GET', '/api/persons', {
        headers: { cookie: session.cookie },
      });
      persons = (JSON.parse(list.body) as { items?: unknown[] }).items?.length ?? 0;
      for (const route of routes) {
        log(`${driver}: ${route.name}`);
        await measureRoute(route, client, session, warm);
        // After the warm-up the server's pool holds its connections: their backends are known.
        const backends = await backendsOf(loadDatabase);
        const cpuBefore = cpuMsOf(running.server.child.pid);
        const postgresBefore = backends && sumCpuMs(backends);
        const report = await measureRoute(route, client, session, run);
        const cpuAfter = cpuMsOf(running.server.child.pid);
        const postgresAfter = backends && sumCpuMs(backends);
        reports.push(report);
        const requests = report.routes[0]?.count ?? 0;
        const perRequest = (before: number | null, after: number | null) =>
          before === null || after === null || requests === 0 ? null : (after - before) / requests;
        cpuPerRequest.push(perRequest(cpuBefore, cpuAfter));
        postgresPerRequest.push(perRequest(postgresBefore, postgresAfter));
      }
    } finally {
      client.close();
      await running.stop();
    }
    log(`${driver}: bare Fastify ceiling`);
    const bare = await measureBareFastify(run);
    log(`${driver}: Fastify + one select ceiling`);
    const served = await measureFastifyQuery(loadDatabase, run);
    const shareOf = (ceiling: number) => (perSecond: number) =>
      perSecond <= 0
        ? '—'
        : perSecond >= ceiling
          ? `×${(perSecond / ceiling).toFixed(1)}`
          : `1/${(ceiling / perSecond).toFixed(1)}`;
    const share = shareOf(raw.perSecond);
    const shareOfServed = shareOf(served.perSecond);
    const rows: TRow[] = [
      {
        name: 'bare Fastify route (GET /ping)',
        report: bare,
        statements: null,
        cpuMs: null,
        postgresMs: null,
        share: share(bare.perSecond),
        shareOfServed: shareOfServed(bare.perSecond),
      },
      {
        name: `raw one query (${raw.what})`,
        report: raw,
        statements: 1,
        cpuMs: null,
        postgresMs: null,
        share: '1',
        shareOfServed: shareOfServed(raw.perSecond),
      },
      {
        name: `Fastify + one query (${served.what})`,
        report: served,
        statements: 1,
        cpuMs: null,
        postgresMs: null,
        share: share(served.perSecond),
        shareOfServed: '1',
      },
      ...routes.map((route, i) => ({
        name: route.name,
        report: reports[i]!,
        statements: counts?.get(route.name) ?? null,
        cpuMs: cpuPerRequest[i] ?? null,
        postgresMs: postgresPerRequest[i] ?? null,
        share: share(reports[i]!.perSecond),
        shareOfServed: shareOfServed(reports[i]!.perSecond),
      })),
    ];
    return { rows, concurrency, persons, data: source };
  } finally {
    await loadDatabase.dispose();
  }
}

function formatTable(rows: readonly TRow[]): string {
  const header = [
    'route',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'statements/req',
    'server CPU ms/req',
    'PostgreSQL CPU ms/req',
    'share of raw query',
    'share of Fastify + query',
  ];
  const lines = rows.map((row) => {
    const r = row.report;
    const errors = r ? r.clientErrors + r.serverErrors + r.networkErrors + r.conflicts : 0;
    return [
      row.name,
      r ? r.perSecond.toLocaleString('en') : '—',
      r ? String(r.p50) : '—',
      r ? String(r.p95) : '—',
      r ? String(r.p99) : '—',
      String(errors),
      row.statements === null ? '—' : String(Math.round(row.statements * 10) / 10),
      row.cpuMs === null ? '—' : row.cpuMs.toFixed(2),
      row.postgresMs === null ? '—' : row.postgresMs.toFixed(2),
      row.share,
      row.shareOfServed,
    ];
  });
  const table = [header, header.map(() => '---'), ...lines];
  const notes = rows.flatMap((row) => {
    const route = row.report?.routes[0];
    if (!route || route.ok === route.count) return [];
    const example = route.examples[0] ? `, e.g. ${route.examples[0]}` : '';
    return [`${row.name}: statuses ${JSON.stringify(route.statuses)}${example}`];
  });
  return `${table.map((cells) => `| ${cells.join(' | ')} |`).join('\n')}\n${notes.join('\n')}${notes.length ? '\n' : ''}`;
}

export type TRequestBenchOptions = ReturnType<typeof readOptions>;
export type TRequestBenchResult = {
  drivers: {
    driver: TDriverName;
    rows: TRow[];
    concurrency: number;
    persons: number;
    data: string;
  }[];
  /** A route answered 5xx or the network failed. */
  failed: boolean;
  report: string;
};

/** Every driver asked for, each on a fresh database; the report as the command prints it. */
export async function runRequestBench(options: TRequestBenchOptions): Promise<TRequestBenchResult> {
  const load = loadavg().map((n) => n.toFixed(2));
  let failed = false;
  let report = '';
  const drivers: TRequestBenchResult['drivers'] = [];
  for (const driver of options.drivers) {
    const result = await benchDriver(driver, options);
    drivers.push({ driver, ...result });
    failed ||= result.rows.some(
      (row) => row.report && row.report.serverErrors + row.report.networkErrors > 0,
    );
    report +=
      `\n## ${driver === 'postgres' ? 'PostgreSQL' : 'PGlite'}: ${result.concurrency} concurrent callers, ${options.durationMs / 1000} s per route (+1 s warm-up), closed loop, no think time\n` +
      `data: ${result.data}; the case manager's GET /api/persons lists ${result.persons} persons\n\n` +
      formatTable(result.rows) +
      (driver === 'postgres'
        ? `statements/req: protocol messages (simple queries 'Q' + executions 'E') sent by the server to PostgreSQL through a counting relay, ${options.count} requests per route one at a time, in a pass before the measured one (server then connected directly)\n`
        : 'statements/req: not counted on PGlite (in-process); the server runs the same queries as on PostgreSQL\n');
  }
  report += `\nnode ${process.version}, ${cpus().length} cores shared by the load generator, the server${options.drivers.includes('postgres') ? ' and PostgreSQL' : ''}; load average at start ${load.join(' ')}\n`;
  return { drivers, failed, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const result = await runRequestBench(readOptions(process.argv.slice(2)));
    process.stdout.write(result.report);
    process.exit(result.failed ? 1 : 0);
  } catch (error) {
    process.stderr.write(`bench:request failed: ${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  }
}
