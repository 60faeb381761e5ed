/**
 * The test runner (scripts/test.ts) must never report success for tests it did not run: a
 * misspelled phase fails, and a PostgreSQL phase that cannot run says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keptOutput } from './helpers/server-process.js';

const root = join(import.meta.dirname, '..');
const runner = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('test runner', () => {
  it('fails on a misspelled phase instead of running nothing and passing', () => {
    const result = runner(['unti']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /Unknown test phase "unti"/);
    assert.doesNotMatch(result.stdout, /passed/);
  });

  it('says the PostgreSQL phase was skipped when DATABASE_URL is unset, and fails when it was asked for', () => {
    const result = runner(['postgres'], { DATABASE_URL: '' });
    assert.match(result.stdout, /PostgreSQL: SKIPPED, DATABASE_URL is not set/);
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stdout, /All test phases passed/);
  });
});

describe('test runner helpers', () => {
  it('adds up the top-level tests of each file for the slowest-files list', async () => {
    const { default: timingsByFile } = await import('../scripts/test-timings-reporter.mjs');
    async function* events() {
      const done = (file: string, nesting: number, ms: number, type = 'test:pass') => ({
        type,
        data: { file, nesting, details: { duration_ms: ms } },
      });
      yield done('a.test.mjs', 0, 100);
      yield done('a.test.mjs', 1, 40); // inside the first: counted in it already
      yield done('a.test.mjs', 0, 50, 'test:fail');
      yield done('b.test.mjs', 0, 7);
      yield { type: 'test:diagnostic', data: { message: 'x', nesting: 0 } };
    }
    const written: string[] = [];
    for await (const text of timingsByFile(events())) written.push(text);
    assert.deepEqual(JSON.parse(written.join('')), { 'a.test.mjs': 150, 'b.test.mjs': 7 });
  });

  it("keeps at least the last bytes of a server's output, dropping whole older chunks", () => {
    const output = keptOutput(10);
    for (const text of ['aaaa', 'bbbb', 'cccc', 'dddd']) output.keep(Buffer.from(text));
    assert.equal(output.text(), 'bbbbccccdddd');
    output.keep(Buffer.from('é'.repeat(20)));
    assert.equal(output.text(), 'é'.repeat(20));
  });
});
