/**
 * npm test — static checks, then every unit and API test on PGlite, again on PostgreSQL when
 * DATABASE_URL is set (each test file in a database of its own), then the browser tests.
 * Node 20's test runner takes no globs, so this script lists the files explicitly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const only = process.argv.slice(2); // optional phases: static unit postgres browser

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : findTests(path);
    return name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  process.stdout.write(`\n=== ${title} ===\n`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

const wants = (phase: string) => only.length === 0 || only.includes(phase);
const npx = join(root, 'node_modules/.bin');
const browserTests = findTests(join(root, 'test/browser'));
const serverTests = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].filter(
  (file) => !browserTests.includes(file),
);
const nodeTest = (files: string[]) => [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  ...files,
];
const failures: string[] = [];

if (wants('static')) {
  if (!run('typecheck', join(npx, 'tsc'), ['--noEmit', '-p', 'tsconfig.json']))
    failures.push('typecheck (server)');
  if (!run('typecheck web', join(npx, 'tsc'), ['--noEmit', '-p', 'web/tsconfig.json']))
    failures.push('typecheck (web)');
  if (!run('lint', 'npm', ['run', '--silent', 'lint'])) failures.push('lint');
}
if (wants('unit')) {
  const env = { MAILLON_TEST_DRIVER: 'pglite', DATABASE_URL: '' };
  if (
    !run(
      `unit and API tests on PGlite (${serverTests.length} files)`,
      process.execPath,
      nodeTest(serverTests),
      env,
    )
  ) {
    failures.push('tests on PGlite');
  }
}
if (wants('postgres') && process.env.DATABASE_URL) {
  const env = { MAILLON_TEST_DRIVER: 'postgres' };
  if (
    !run(
      `unit and API tests on PostgreSQL (${serverTests.length} files)`,
      process.execPath,
      nodeTest(serverTests),
      env,
    )
  ) {
    failures.push('tests on PostgreSQL');
  }
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
    !run(`browser tests (${browserTests.length} files)`, process.execPath, nodeTest(browserTests), {
      DATABASE_URL: '',
    })
  ) {
    failures.push('browser tests');
  }
}

if (failures.length > 0) {
  process.stdout.write(`\nFAILED: ${failures.join(', ')}\n`);
  process.exit(1);
}
process.stdout.write('\nAll test phases passed.\n');
