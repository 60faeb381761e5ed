/**
 * runLoad(): the load test as a function (the CLI scripts/load.ts and test/load.test.ts call it).
 * A fresh database is filled, the raw-query ceiling measured on it, then Maillon's real server is
 * started as a separate process; virtual users log in over HTTP and play their personas' steps
 * with think time (warm-up, then the measured run), then the same mix without think time (the
 * capacity), then the server stops and the bare-Fastify ceiling is measured.
 */
import { cpus, loadavg } from 'node:os';
import { measureBareFastify, measureRawQuery, type TCeiling } from './ceilings.js';
import {
  createLoadDatabase,
  prepareData,
  type TDataSource,
  type TDriverName,
  type TLoadData,
  type TLoadDatabase,
  type TLoadLogin,
  type TScale,
} from './data.js';
import { createHttpClient, type THttpClient } from './http.js';
import {
  createPhase,
  runMix,
  type TMixReport,
  type TPhase,
  type TRunState,
  type TTeamMember,
} from './mix.js';
import { assignPersonas, PERSONAS, type TPersona } from './personas.js';
import { startServerUnderTest } from './server.js';
import { summariseRecorder, type TPhaseReport } from './stats.js';
import { openApp } from './steps.js';
import { createVirtualUser, logIn, type TUserControl } from './virtual-user.js';

export type TLoadOptions = {
  users: number;
  durationMs: number;
  warmupMs: number;
  /** Mean think time between steps (randomised ±50 %). */
  thinkMs: number;
  /** A request with no answer after this long counts as a network error. */
  timeoutMs: number;
  /** The same mix with no think time, for the capacity (0: skipped). */
  capacityMs: number;
  /** Measuring time of each ceiling (0: skipped). */
  ceilingMs: number;
  driver: TDriverName;
  /** PostgreSQL: the server the run's own database is created on. */
  databaseUrl: string | undefined;
  /** region: scripts/region/generate.ts at `scale`; demo: the demo network and 6 more logins. */
  data: TDataSource;
  scale: TScale;
  seed: number;
  /** tsx: src/server/main.ts; built: dist/server/main.js. */
  server: 'tsx' | 'built';
  /** Server processes sharing the port (MAILLON_WORKERS; PostgreSQL only). */
  workers: number;
  /** The server's LOG_LEVEL (info is production's: one line per request). */
  logLevel: string;
  /** Write the server's whole output to this file. */
  serverLogPath: string | undefined;
  personas: readonly TPersona[];
  /** Each virtual user first plays every step of its persona once, in random order (tests). */
  playEveryStepFirst: boolean;
  /** Ends the run early (Ctrl-C): the phase under way stops, the rest is skipped, then cleanup. */
  signal: AbortSignal | undefined;
  log: (line: string) => void;
};

export const DEFAULT_OPTIONS: TLoadOptions = {
  users: 100,
  durationMs: 10 * 60_000,
  warmupMs: 10_000,
  thinkMs: 1000,
  timeoutMs: 30_000,
  capacityMs: 15_000,
  ceilingMs: 15_000,
  driver: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  databaseUrl: process.env.DATABASE_URL || undefined,
  data: 'region',
  scale: 'small',
  seed: 1,
  server: 'tsx',
  workers: 1,
  logLevel: 'info',
  serverLogPath: undefined,
  personas: PERSONAS,
  playEveryStepFirst: false,
  signal: undefined,
  log: () => undefined,
};

export type TLoadReport = {
  isOk: boolean;
  startedAt: string;
  options: Omit<TLoadOptions, 'personas' | 'log' | 'databaseUrl' | 'playEveryStepFirst' | 'signal'>;
  environment: {
    node: string;
    cpus: number;
    loadAverageAtStart: number[];
    data: string;
    rows: Record<string, number> | null;
    accounts: number;
    note: string;
  };
  setup: { prepareMs: number; serverStartMs: number; calls: TPhaseReport };
  personas: { name: string; users: number; accounts: number }[];
  skippedPersonas: string[];
  main: TMixReport;
  capacity: TMixReport | null;
  ceilings: { bareFastify: TCeiling | null; rawQuery: TCeiling | null };
  /** Our throughput divided by each ceiling's. */
  ratios: {
    mainToBareFastify: number | null;
    mainToRawQuery: number | null;
    capacityToBareFastify: number | null;
    capacityToRawQuery: number | null;
  };
  /** Error lines of the server's log (level error or fatal), the first few. */
  serverErrorLog: string[];
  problems: string[];
};

/** fn over every item, `limit` at a time, results in order. */
async function mapFewAtATime<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** Logs every virtual user in over HTTP (4 at a time: password hashing is slow on purpose). */
function logInTeam(
  assigned: readonly { persona: TPersona; login: TLoadLogin }[],
  context: {
    client: THttpClient;
    control: TUserControl;
    setup: TPhase;
    data: TLoadData;
    options: TLoadOptions;
  },
): Promise<TTeamMember[]> {
  const { client, control, setup, data, options } = context;
  const accountMemberIds = new Set(
    data.logins.map((l) => l.memberId).filter((id): id is string => id !== null),
  );
  return mapFewAtATime(assigned, 4, async ({ persona, login }, index) => {
    const user = createVirtualUser({
      login,
      session: await logIn(client, login, setup.recorder),
      client,
      control,
      seed: options.seed * 100_003 + index,
      accountMemberIds,
    });
    await openApp(user);
    return { user, persona, tour: options.playEveryStepFirst ? [...persona.steps] : [] };
  });
}

/** Fills the run's database, then measures the raw-query ceiling on it (before the server opens it). */
async function prepareDatabase(loadDatabase: TLoadDatabase, options: TLoadOptions) {
  const database = await loadDatabase.open();
  try {
    const started = performance.now();
    const data = await prepareData(database.db, options);
    const prepareMs = Math.round(performance.now() - started);
    let rawQuery: TCeiling | null = null;
    if (options.ceilingMs > 0) {
      options.log(`ceiling: raw single-row query, ${options.ceilingMs / 1000} s`);
      rawQuery = await measureRawQuery(loadDatabase, database, {
        concurrency: options.users,
        durationMs: options.ceilingMs,
      });
    }
    return { data, prepareMs, rawQuery };
  } finally {
    await database.close();
  }
}

const ratio = (ours: number | undefined, ceiling: TCeiling | null) =>
  ours === undefined || !ceiling || ceiling.perSecond === 0
    ? null
    : Math.round((ours / ceiling.perSecond) * 1000) / 1000;

/** Runs the whole load test and returns its figures (isOk: no 5xx, no network error). */
export async function runLoad(input: Partial<TLoadOptions> = {}): Promise<TLoadReport> {
  const options: TLoadOptions = { ...DEFAULT_OPTIONS, ...input };
  const { log } = options;
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg().map((n) => Math.round(n * 100) / 100);
  const problems: string[] = [];
  const setup = createPhase();
  const state: TRunState = {
    phase: setup,
    thinkMs: 0,
    controller: new AbortController(),
    isStopped: false,
  };
  const stopRun = (problem: string) => {
    problems.push(problem);
    state.isStopped = true;
    state.controller.abort();
  };
  if (options.signal?.aborted) stopRun('interrupted before the end');
  options.signal?.addEventListener('abort', () => stopRun('interrupted before the end'), {
    once: true,
  });
  const control: TUserControl = {
    recorder: () => state.phase.recorder,
    thinkMs: () => state.thinkMs,
    signal: () => state.controller.signal,
  };

  log(`database: fresh ${options.driver}`);
  const loadDatabase = await createLoadDatabase(options.driver, options.databaseUrl);
  try {
    const { data, prepareMs, rawQuery } = await prepareDatabase(loadDatabase, options);
    const assignment = assignPersonas(options.personas, data.logins, options.users);
    if (assignment.assigned.length === 0) throw new Error('no persona has an account to play it');

    log(
      `server: starting (${options.server}, ${options.workers} process(es), LOG_LEVEL=${options.logLevel})`,
    );
    const running = await startServerUnderTest(loadDatabase, {
      entry: options.server,
      workers: options.workers,
      logLevel: options.logLevel,
      logPath: options.serverLogPath,
    });
    running.onCrash((code) => stopRun(`the server exited during the run (exit code ${code})`));
    const client = createHttpClient(running.server.url, { timeoutMs: options.timeoutMs });
    let main: TMixReport;
    let capacity: TMixReport | null = null;
    let loginMs: number;
    try {
      log(`virtual users: logging ${assignment.assigned.length} in`);
      const loginStarted = performance.now();
      const team = await logInTeam(assignment.assigned, { client, control, setup, data, options });
      loginMs = performance.now() - loginStarted;
      const context = {
        personas: [...new Set(team.map((m) => m.persona))],
        serverPid: running.server.child.pid,
        withPostgres: options.driver === 'postgres',
      };
      log(
        `main load: ${team.length} users, think ${options.thinkMs} ms, warm-up ${options.warmupMs / 1000} s, then ${options.durationMs / 1000} s measured`,
      );
      main = await runMix(team, state, options, context, problems);
      if (options.capacityMs > 0 && !state.isStopped) {
        log(`capacity: the same mix without think time, ${options.capacityMs / 1000} s`);
        capacity = await runMix(
          team,
          state,
          { warmupMs: 0, durationMs: options.capacityMs, thinkMs: 0 },
          context,
          problems,
        );
      }
    } finally {
      client.close();
      const code = await running.stop();
      if (code !== 0) problems.push(`the server did not shut down cleanly (exit code ${code})`);
    }

    let bareFastify: TCeiling | null = null;
    if (options.ceilingMs > 0 && !state.isStopped) {
      log(`ceiling: bare Fastify, ${options.ceilingMs / 1000} s`);
      bareFastify = await measureBareFastify({
        concurrency: options.users,
        durationMs: options.ceilingMs,
      });
    }

    const calls = summariseRecorder(setup.recorder, loginMs);
    const failures = [main, capacity, calls].reduce(
      (n, phase) => n + (phase ? phase.serverErrors + phase.networkErrors : 0),
      0,
    );
    const {
      personas: _p,
      log: _l,
      databaseUrl: _u,
      playEveryStepFirst: _e,
      signal: _s,
      ...shownOptions
    } = options;
    const playedBy = (persona: TPersona) =>
      assignment.assigned.filter((a) => a.persona === persona);
    return {
      isOk: failures === 0 && problems.length === 0,
      startedAt,
      options: shownOptions,
      environment: {
        node: process.version,
        cpus: cpus().length,
        loadAverageAtStart,
        data: data.source,
        rows: data.rows ?? null,
        accounts: data.logins.length,
        note: `server, load generator${options.driver === 'postgres' ? ' and PostgreSQL' : ''} share the same ${cpus().length} cores`,
      },
      setup: { prepareMs, serverStartMs: running.startMs, calls },
      personas: options.personas
        .map((persona) => ({
          name: persona.name,
          users: playedBy(persona).length,
          accounts: new Set(playedBy(persona).map((a) => a.login.email)).size,
        }))
        .filter((p) => p.users > 0),
      skippedPersonas: assignment.skipped,
      main,
      capacity,
      ceilings: { bareFastify, rawQuery },
      ratios: {
        mainToBareFastify: ratio(main.perSecond, bareFastify),
        mainToRawQuery: ratio(main.perSecond, rawQuery),
        capacityToBareFastify: ratio(capacity?.perSecond, bareFastify),
        capacityToRawQuery: ratio(capacity?.perSecond, rawQuery),
      },
      serverErrorLog: running.errorLog,
      problems,
    };
  } finally {
    await loadDatabase.dispose();
  }
}
