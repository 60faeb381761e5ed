import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { acquireDataDirLock, DataDirLockedError } from './lock.js';

const CONTENDERS = 40;
const ROUNDS = 8;

/**
 * A contender process: for each round, waits (sleeping) for the parent to arm the round, says it
 * is armed, then spins until the start signal (so all are runnable at the same moment and the
 * scheduler interleaves them), tries to take the lock once, reports, and the winner holds it
 * until the parent says the round is over. Only armed contenders spin, and only until the
 * parent has seen all of them armed: 40 processes spinning while the others start took some 20 s
 * of processor time. lock.ts is compiled to plain JS once so
 * that 40 processes start in seconds (no TypeScript loader in each).
 */
const CONTENDER = `
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirLockedError } from './lock.mjs';
const [dataDir, signals, rounds] = process.argv.slice(2);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
process.stdout.write('READY\\n');
for (let round = 0; round < Number(rounds); round++) {
  while (!existsSync(join(signals, 'arm-' + round))) await pause(5);
  process.stdout.write(round + ':ARMED\\n');
  while (!existsSync(join(signals, 'go-' + round))) {}
  let lock = null;
  try {
    lock = acquireDataDirLock(dataDir);
    process.stdout.write(round + ':WON\\n');
  } catch (error) {
    process.stdout.write(round + (error instanceof DataDirLockedError ? ':LOST\\n' : ':FAILED ' + error + '\\n'));
  }
  while (!existsSync(join(signals, 'end-' + round))) await pause(5);
  lock?.release();
}
`;

function compileContender(): string {
  const dir = mkdtempSync(join(tmpdir(), 'maillon-contender-'));
  const source = readFileSync(join(import.meta.dirname, 'lock.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(join(dir, 'lock.mjs'), outputText);
  writeFileSync(join(dir, 'contender.mjs'), CONTENDER);
  return dir;
}

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the rounds; before each, prepare() sets up the data folder. Returns each round's results. */
async function race(dataDir: string, prepare: () => void): Promise<string[][]> {
  const code = compileContender();
  const signals = mkdtempSync(join(tmpdir(), 'maillon-race-'));
  const outputs: string[] = Array.from({ length: CONTENDERS }, () => '');
  const children = outputs.map((_, i) => {
    const child = spawn(
      process.execPath,
      [join(code, 'contender.mjs'), dataDir, signals, String(ROUNDS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout.on(
      'data',
      (chunk: Buffer) => (outputs[i] = `${outputs[i] ?? ''}${chunk.toString()}`),
    );
    return new Promise<void>((resolve) => child.on('exit', () => resolve()));
  });
  const until = async (test: () => boolean) => {
    while (!test()) await sleep(10);
  };
  const resultsOf = (round: number) =>
    outputs
      .map((o) => new RegExp(`^${round}:(WON|LOST|FAILED.*)$`, 'm').exec(o)?.[1])
      .filter((r) => r);
  const armed = (round: number) => outputs.every((o) => o.includes(`${round}:ARMED`));
  const rounds: string[][] = [];
  await until(() => outputs.every((o) => o.includes('READY')));
  for (let round = 0; round < ROUNDS; round++) {
    prepare();
    writeFileSync(join(signals, `arm-${round}`), '');
    await until(() => armed(round));
    writeFileSync(join(signals, `go-${round}`), '');
    await until(() => resultsOf(round).length === CONTENDERS);
    rounds.push(resultsOf(round) as string[]);
    writeFileSync(join(signals, `end-${round}`), '');
    await until(() => !existsSync(join(dataDir, 'maillon.lock')));
  }
  await Promise.all(children);
  rmSync(signals, { recursive: true, force: true });
  rmSync(code, { recursive: true, force: true });
  return rounds;
}

describe('data folder lock', () => {
  it(`lets exactly one of ${CONTENDERS} processes started at once on a stale lock take it`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-lock-'));
    const stale = deadPid();
    const rounds = await race(dataDir, () =>
      writeFileSync(join(dataDir, 'maillon.lock'), String(stale)),
    );
    for (const [round, results] of rounds.entries()) {
      assert.deepEqual(
        results.filter((r) => r !== 'LOST'),
        ['WON'],
        `round ${round}: ${results.filter((r) => r !== 'LOST').join(', ')}`,
      );
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second holder in the same process, and frees the folder on release', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-lock-'));
    const lock = acquireDataDirLock(dataDir);
    assert.throws(() => acquireDataDirLock(dataDir), DataDirLockedError);
    lock.release();
    acquireDataDirLock(dataDir).release();
    assert.deepEqual(readdirSync(dataDir), []);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes over a lock whose holder is gone, also one left empty by a crash', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-lock-'));
    for (const content of [String(deadPid()), '', `${deadPid()} 0f6c7a3e`]) {
      writeFileSync(join(dataDir, 'maillon.lock'), content);
      acquireDataDirLock(dataDir).release();
      assert.deepEqual(readdirSync(dataDir), []);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
});
