/**
 * npm run bench:start — a whole `npm start` (npm itself, the build check of scripts/start.mjs,
 * the server) to its first healthy response, on PGlite: once on an empty data folder (create,
 * migrate, seed) and several times on an existing one with an unchanged checkout (the everyday
 * restart). Target (issue 18): < 3 s on an existing folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/server-process.js';

const root = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// Builds what changed first, so that the runs measure an unchanged checkout.
const build = spawnSync(process.execPath, [join(root, 'scripts/start.mjs'), '--build-only'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) throw new Error('the build failed');

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    // its own process group: npm's child, the server, is stopped with it
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 120_000)
        throw new Error('server did not become healthy in 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'maillon-bench-start-'));
const first = await startOnce(dataDir);
const restarts: number[] = [];
for (let i = 0; i < RUNS; i++) restarts.push(await startOnce(dataDir));
rmSync(dataDir, { recursive: true, force: true });
restarts.sort((a, b) => a - b);
const median = restarts[Math.floor(restarts.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  [
    `bench:start: a whole npm start on PGlite (${process.version}, ${RUNS} restarts, unchanged checkout)`,
    `  first start, empty folder (create + migrate + seed): ${fmt(first)}`,
    `  restart on existing folder: median ${fmt(median)}, best ${fmt(restarts[0]!)}, worst ${fmt(restarts.at(-1)!)}`,
    `  target < 3 s: ${median < 3000 ? 'met' : 'NOT met'}`,
    '',
  ].join('\n'),
);
