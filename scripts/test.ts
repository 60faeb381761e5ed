/**
 * npm test — static checks, then every unit and API test on PGlite, again on PostgreSQL when
 * DATABASE_URL is set (each test file in a database of its own; the two phases run side by side,
 * decision 048), a short crash test (a few SIGKILLs on each driver), and the browser tests beside
 * it. `npm test -- unit crash` runs only the named phases; an
 * unknown phase name fails instead of running nothing. A phase that cannot run here (PostgreSQL
 * without DATABASE_URL) says so, and the closing line repeats it.
 * Node 20's test runner takes no globs, so this script lists the files explicitly.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleTests, SERVER_ENTRY, type TTestBundle } from './test-bundle.js';

const root = join(import.meta.dirname, '..');
const PHASES = ['static', 'unit', 'postgres', 'crash', 'browser'] as const;
const only = process.argv.slice(2);
const unknown = only.filter((phase) => !(PHASES as readonly string[]).includes(phase));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown test phase ${unknown.map((p) => `"${p}"`).join(', ')}; the phases are: ${PHASES.join(', ')}.\n`,
  );
  process.exit(2);
}

function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return ['node_modules', 'dist'].includes(name) ? [] : listFiles(path, keep);
    return keep(name) ? [relative(root, path)] : [];
  });
}
const findTests = (dir: string) => listFiles(dir, (name) => name.endsWith('.test.ts'));

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n=== ${title} ===\n`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  process.stdout.write(`=== ${title}: ${Math.round((Date.now() - started) / 1000)} s ===\n`);
  return result.status === 0;
}

/**
 * Runs several commands at once, each with its output kept, then prints each under its title in
 * the given order, as `run` would have (decision 048: the static checks use one core each).
 * Returns the failure names of those that failed.
 */
async function runTogether(
  commands: { title: string; failure: string; command: string; args: string[] }[],
): Promise<string[]> {
  const results = await Promise.all(
    commands.map(
      ({ command, args }) =>
        new Promise<{ output: string; ok: boolean }>((resolve) => {
          const child = spawn(command, args, { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.on('error', (error) =>
            resolve({ output: `${output}${String(error)}\n`, ok: false }),
          );
          child.on('close', (code) => resolve({ output, ok: code === 0 }));
        }),
    ),
  );
  return commands.flatMap(({ title, failure }, i) => {
    process.stdout.write(`\n=== ${title} ===\n${results[i]!.output}`);
    return results[i]!.ok ? [] : [failure];
  });
}

/**
 * Starts a phase in the background, its output going to a file; the returned promise prints that
 * output under the phase's title once the phase has ended, and says whether it passed.
 */
function runBeside(
  title: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  process.stdout.write(`\n=== ${title}: started beside the next phase, output when it ends ===\n`);
  const log = join(tmpdir(), `maillon-test-${process.pid}-${Date.now()}.log`);
  const fd = openSync(log, 'w');
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  return new Promise((resolve) => {
    const finish = (ok: boolean, error = '') => {
      // The phase beside may end while the phase in front holds this process (spawnSync): its
      // output file's last write tells when it ended.
      const seconds = Math.round((statSync(log).mtimeMs - started) / 1000);
      process.stdout.write(
        `\n=== ${title} ===\n${readFileSync(log, 'utf8')}${error}=== ${title}: ${seconds} s ===\n`,
      );
      rmSync(log, { force: true });
      resolve(ok);
    };
    child.on('error', (error) => finish(false, `${String(error)}\n`));
    child.on('close', (code) => finish(code === 0));
  });
}

/**
 * A fresh clone has nothing beside it: no source, test or script may read a folder next to the
 * repository (the HSDS schemas were once read from the CI machine's shared folder).
 */
function findOutsideReferences(): string[] {
  const outside = new RegExp(String.raw`\.\./(\.\./)*shared/`);
  return ['src', 'test', 'scripts', 'web']
    .flatMap((dir) => listFiles(join(root, dir), (name) => /\.(ts|tsx|mjs|js|json)$/.test(name)))
    .filter((file) => outside.test(readFileSync(join(root, file), 'utf8')));
}

const wants = (phase: (typeof PHASES)[number]) => only.length === 0 || only.includes(phase);
const npx = join(root, 'node_modules/.bin');
const browserTests = findTests(join(root, 'test/browser'));
const serverTests = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].filter(
  (file) => !browserTests.includes(file),
);
/**
 * Files that open no database (pure rules, the data-folder lock, the embedded mode, the web types)
 * test the same thing under either driver: the PostgreSQL phase leaves them out to keep CI short.
 */
const DATABASE_WORDS = /createTestDatabase|createTestApp|TEST_DRIVER|openPostgres|DATABASE_URL/;
/** Files that name DATABASE_URL only to clear it: their scripts run on PGlite whatever the phase. */
const EMBEDDED_ONLY = new Set(['test/database-tools.test.ts']);
const usesDatabase = (file: string) =>
  !EMBEDDED_ONLY.has(file) && DATABASE_WORDS.test(readFileSync(join(root, file), 'utf8'));
const postgresTests = serverTests.filter(usesDatabase);
/**
 * The test files run as JavaScript bundled once for the run (decision 050: no TypeScript loader
 * in each test process), bundled when a phase first needs them and removed at the end.
 */
let bundle: TTestBundle | null = null;
async function bundled(files: string[]): Promise<string[]> {
  if (!bundle) {
    bundle = await bundleTests(root, [...serverTests, ...browserTests], `run-${process.pid}`);
    // The servers that tests start run from the bundle too (test/helpers/server-process.ts).
    process.env.MAILLON_TEST_SERVER_ENTRY = bundle.fileOf(SERVER_ENTRY);
  }
  return files.map((file) => bundle!.fileOf(file));
}
process.on('exit', () => bundle?.remove());
/**
 * The PGlite phase's test processes (and the servers its tests start) compile PostgreSQL's
 * WebAssembly with V8's baseline compiler only (decision 058): without it, each of the ~115
 * short-lived processes spends about two seconds of processor time optimising WebAssembly it
 * runs for a few seconds. Measured on 14 API test files: 90 → 66 s of processor time; the two
 * heaviest files (fuzz, access matrix) take about a tenth more. Nothing else changes: the same
 * PostgreSQL, the same results.
 */
const LIFTOFF_ONLY = '--liftoff-only';
/** Each phase's time per file (scripts/test-timings-reporter.mjs), read when the phase ends. */
const timingFiles = new Map<string, string>();
const nodeTest = async (files: string[], phase: string) => {
  const timings = join(tmpdir(), `maillon-timings-${process.pid}-${phase}.json`);
  timingFiles.set(phase, timings);
  return [
    '--enable-source-maps',
    ...(phase === 'unit' ? [LIFTOFF_ONLY] : []),
    '--test',
    '--test-concurrency=2',
    // The runner's own choice of output (spec on a terminal, TAP otherwise), kept as it was.
    `--test-reporter=${process.stdout.isTTY ? 'spec' : 'tap'}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/test-timings-reporter.mjs')}`,
    `--test-reporter-destination=${timings}`,
    ...(await bundled(files)),
  ];
};
/** Prints a phase's slowest files, by the time of their tests (a file's loading is not counted). */
function printSlowest(phase: string, count = 10): void {
  const timings = timingFiles.get(phase);
  if (!timings || !existsSync(timings)) return;
  const text = readFileSync(timings, 'utf8').trim();
  rmSync(timings, { force: true });
  if (!text) return;
  const perFile = Object.entries(JSON.parse(text) as Record<string, number>).map(
    ([file, ms]) =>
      [relative(join(root, '.test-build'), file).replace(/^[^/]+\//, ''), ms] as const,
  );
  const total = perFile.reduce((sum, [, ms]) => sum + ms, 0);
  const slowest = perFile.sort((a, b) => b[1] - a[1]).slice(0, count);
  process.stdout.write(
    `\n${phase}: ${perFile.length} files, ${Math.round(total / 1000)} s of tests; the slowest:\n` +
      slowest
        .map(
          ([file, ms]) =>
            `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(/\.mjs$/, '.ts')}`,
        )
        .join('\n') +
      '\n',
  );
}
const failures: string[] = [];
const skipped: string[] = [];

if (wants('static')) {
  process.stdout.write('\n=== self-contained (nothing read from beside the repository) ===\n');
  const outside = findOutsideReferences();
  if (outside.length > 0) {
    process.stdout.write(
      `These files read a folder outside the repository: ${outside.join(', ')}\n`,
    );
    failures.push('self-contained');
  }
  // Each of the three is one process on one core: run together, they leave no core idle.
  failures.push(
    ...(await runTogether([
      {
        title: 'typecheck',
        failure: 'typecheck (server)',
        command: join(npx, 'tsc'),
        args: ['--noEmit', '-p', 'tsconfig.json'],
      },
      {
        title: 'typecheck web',
        failure: 'typecheck (web)',
        command: join(npx, 'tsc'),
        args: ['--noEmit', '-p', 'web/tsconfig.json'],
      },
      { title: 'lint', failure: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
    ])),
  );
}
const postgresTitle = `unit and API tests on PostgreSQL (${postgresTests.length} files that open a database)`;
/**
 * Four test processes share the two cores while both test phases run: servers that tests start
 * are given 2 minutes to answer rather than 1 (MAILLON_TEST_SERVER_TIMEOUT_MS, if set, decides).
 */
const testEnv = {
  MAILLON_TEST_SERVER_TIMEOUT_MS: process.env.MAILLON_TEST_SERVER_TIMEOUT_MS || '120000',
};
/**
 * The PostgreSQL phase runs beside the PGlite one when both are asked for (decision 048): its
 * test processes spend a third of their time waiting on the database server's disk and little
 * on its processor, time the PGlite phase's processes use.
 */
const postgresBeside =
  wants('unit') && wants('postgres') && process.env.DATABASE_URL
    ? runBeside(postgresTitle, process.execPath, await nodeTest(postgresTests, 'postgres'), {
        ...testEnv,
        MAILLON_TEST_DRIVER: 'postgres',
      })
    : null;
if (wants('unit')) {
  const env = {
    ...testEnv,
    MAILLON_TEST_DRIVER: 'pglite',
    DATABASE_URL: '',
    MAILLON_SERVER_NODE_ARGS: [process.env.MAILLON_SERVER_NODE_ARGS, LIFTOFF_ONLY]
      .filter(Boolean)
      .join(' '),
  };
  if (
    !run(
      `unit and API tests on PGlite (${serverTests.length} files)`,
      process.execPath,
      await nodeTest(serverTests, 'unit'),
      env,
    )
  ) {
    failures.push('tests on PGlite');
  }
  printSlowest('unit');
}
if (wants('postgres')) {
  if (!process.env.DATABASE_URL) {
    process.stdout.write(
      '\n=== unit and API tests on PostgreSQL: SKIPPED, DATABASE_URL is not set ===\n',
    );
    // Asked for by name, a phase that cannot run is a failure; in a full run it is reported.
    if (only.includes('postgres')) failures.push('tests on PostgreSQL (DATABASE_URL is not set)');
    else skipped.push('PostgreSQL (DATABASE_URL is not set)');
  } else {
    const passed =
      postgresBeside === null
        ? run(postgresTitle, process.execPath, await nodeTest(postgresTests, 'postgres'), {
            ...testEnv,
            MAILLON_TEST_DRIVER: 'postgres',
          })
        : await postgresBeside;
    if (!passed) failures.push('tests on PostgreSQL');
    printSlowest('postgres');
  }
}
let crashBeside: Promise<boolean> | null = null;
if (wants('crash')) {
  const cycles = process.env.CRASH_CYCLES ?? '3';
  const drivers = process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite only';
  const title = `crash test, short form (${cycles} SIGKILLs on ${drivers}; npm run test:crash for 20)`;
  const args = ['--import', 'tsx', 'scripts/crash-test.ts'];
  const env = { ...testEnv, CRASH_CYCLES: cycles };
  // Beside the browser phase when both run (decision 048): it mostly waits on its servers' kills
  // and restarts, about half a core.
  if (wants('browser') && browserTests.length > 0) {
    crashBeside = runBeside(title, process.execPath, args, env);
  } else if (!run(title, process.execPath, args, env)) {
    failures.push('crash test');
  }
  if (!process.env.DATABASE_URL) skipped.push('crash test on PostgreSQL (DATABASE_URL is not set)');
}
if (wants('browser') && browserTests.length > 0) {
  if (
    !run('build web app', join(npx, 'vite'), [
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ])
  ) {
    failures.push('web build');
  } else if (
    !run(
      `browser tests (${browserTests.length} files)`,
      process.execPath,
      await nodeTest(browserTests, 'browser'),
      {
        DATABASE_URL: '',
      },
    )
  ) {
    failures.push('browser tests');
  }
  printSlowest('browser');
}
if (crashBeside !== null && !(await crashBeside)) failures.push('crash test');

if (failures.length > 0) {
  process.stdout.write(`\nFAILED: ${failures.join(', ')}\n`);
  if (skipped.length > 0) process.stdout.write(`SKIPPED: ${skipped.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(
  skipped.length > 0
    ? `\nAll test phases that ran passed. SKIPPED: ${skipped.join(', ')}.\n`
    : '\nAll test phases passed.\n',
);
