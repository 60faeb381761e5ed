/**
 * The test runner (scripts/test.ts) must never report success for tests it did not run: a
 * misspelled phase fails, and a PostgreSQL phase that cannot run says so.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

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
