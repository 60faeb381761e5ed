import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export type TServerProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

/**
 * How a test starts src/server/main.ts as it is now: under `npm test`, the run's bundle of it
 * (MAILLON_TEST_SERVER_ENTRY, set by scripts/test.ts: plain JavaScript, no TypeScript loader to
 * start — decision 050); a test file run alone, through tsx.
 */
export function currentServerArgs(): string[] {
  const bundled = process.env.MAILLON_TEST_SERVER_ENTRY;
  return [
    ...serverNodeArgs(),
    ...(bundled ? [bundled] : ['--import', 'tsx', join(root, 'src/server/main.ts')]),
  ];
}

/**
 * Node options for the servers tests start, from MAILLON_SERVER_NODE_ARGS: "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" profiles a load test's server; `npm test` gives its PGlite phase's
 * servers --liftoff-only (decision 058).
 */
function serverNodeArgs(): string[] {
  return (process.env.MAILLON_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

export type TSpawnOptions = {
  /**
   * tsx (default): src/server/main.ts as it is now (currentServerArgs: through tsx, or the run's
   * bundle under `npm test`); built: dist/server/main.js (npm run build:server).
   */
  entry?: 'tsx' | 'built';
  /** Keep only the last this-many characters of output (long runs with request logs). */
  outputLimit?: number;
};

/**
 * A process's output, of which the last `limit` bytes at least are kept. Chunks are kept as they
 * came and the oldest dropped while the rest still holds `limit` bytes: under a load test the
 * server writes a log line or two per request, and copying the whole kept text for each one
 * (appending to a string, then slicing it) took a third of the load generator's processor time.
 */
export function keptOutput(limit: number) {
  const chunks: Buffer[] = [];
  let bytes = 0;
  return {
    keep: (chunk: Buffer) => {
      chunks.push(chunk);
      bytes += chunk.length;
      while (chunks.length > 1 && bytes - chunks[0]!.length >= limit)
        bytes -= chunks.shift()!.length;
    },
    text: () => Buffer.concat(chunks).toString(),
  };
}

/** Starts Maillon's server in a child process with the given environment. */
export async function spawnServer(
  env: Record<string, string>,
  options: TSpawnOptions = {},
): Promise<TServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const output = keptOutput(options.outputLimit ?? Infinity);
  const args =
    options.entry === 'built'
      ? [...serverNodeArgs(), join(root, 'dist/server/main.js')]
      : currentServerArgs();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', output.keep);
  child.stderr?.on('data', output.keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: output.text, exited };
}

/**
 * How long a test waits at least for a server it started, in ms: MAILLON_TEST_SERVER_TIMEOUT_MS
 * when set (a heavily loaded machine starts servers slowly), else `fallbackMs`.
 */
export function serverTimeoutMs(
  fallbackMs: number,
  name = 'MAILLON_TEST_SERVER_TIMEOUT_MS',
): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallbackMs;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`${name} must be a number of ms: ${value}`);
  return ms;
}

/**
 * Waits until GET /api/health answers 200, or the process exits, or the timeout passes: the
 * longer of `timeoutMs` and MAILLON_TEST_SERVER_TIMEOUT_MS.
 */
export async function waitHealthy(server: TServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + Math.max(timeoutMs, serverTimeoutMs(0));
  let exited = false;
  void server.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const response = await fetch(`${server.url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
}

/** Asks the server to shut down (SIGTERM) and waits; SIGKILL if it is still there after timeoutMs. */
export async function stopServer(server: TServerProcess, timeoutMs = 15_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
  await server.exited;
  clearTimeout(timer);
}
