/**
 * Where a directory search spends its time, on a database kept by bench:directory
 * (BENCH_KEEP=1): every statement each bench query sends, with its time seen from Node and
 * EXPLAIN (ANALYZE, BUFFERS) of it as it ran (after the same SET LOCALs). The full plans go to the
 * file EXPLAIN_OUT (default /tmp/explain-directory.txt).
 *
 *   DATABASE_URL=postgres://… BENCH_DATABASE=maillon_test_… node --import tsx scripts/explain-directory.ts [kind…]
 *
 * With EXPLAIN_CPU=N (on the machine of the server, as a user who may read its processes' /proc):
 * instead, the processor time of N searches of each kind, of Node and of the server processes
 * that answered them — a figure that a busy machine's other work changes little, unlike times.
 */
import { readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import { searchDirectory } from '../src/modules/directory/directory.service.js';
import { staffContext } from '../test/helpers/directory-factories.js';
import { keptBenchUrl, QUERIES } from './bench-directory.js';

type TStatement = { text: string; values: unknown[]; ms: number; sets: string[] };

const url = keptBenchUrl();

// Every statement sent while recording, with the SET LOCALs its transaction ran before it.
let recording: TStatement[] | null = null;
const setsOf = new WeakMap<object, string[]>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with its client below
const clientQuery = pg.Client.prototype.query as (this: object, ...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
  const [first, second] = args;
  const text =
    typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '');
  const values =
    (Array.isArray(second) ? second : (first as { values?: unknown[] } | null)?.values) ?? [];
  if (!recording) return clientQuery.apply(this, args);
  // Settings the connection was opened with (decision 049's index-first pool) count as SET LOCALs.
  const opened = [
    ...(
      (this as { connectionParameters?: { options?: string } }).connectionParameters?.options ?? ''
    ).matchAll(/-c (\w+)=(\S+)/g),
  ].map(([, name, value]) => `SET LOCAL ${name} = ${value}`);
  const sets = [...opened, ...(setsOf.get(this) ?? [])];
  if (/^(begin|commit|rollback)/i.test(text)) setsOf.set(this, []);
  else if (/^set local/i.test(text)) setsOf.set(this, [...(setsOf.get(this) ?? []), text]);
  const statement: TStatement = { text, values, ms: 0, sets: [...sets] };
  const into = recording;
  const started = performance.now();
  const done = () => {
    statement.ms = performance.now() - started;
    into.push(statement);
  };
  // The pool passes a callback; a client used directly returns a promise.
  const callback = args.at(-1);
  if (typeof callback === 'function')
    return clientQuery.apply(this, [
      ...args.slice(0, -1),
      (...results: unknown[]) => {
        done();
        return (callback as (...r: unknown[]) => unknown)(...results);
      },
    ]);
  const result = clientQuery.apply(this, args);
  return result instanceof Promise
    ? result.then((r: unknown) => {
        done();
        return r;
      })
    : result;
} as typeof pg.Client.prototype.query;

const database = await openPostgres(url, 5);
const explainer = new pg.Client({ connectionString: url });
await explainer.connect();
const ctx = staffContext(database.db);
const wanted = process.argv.slice(2);
const report: string[] = [];
const full: string[] = [];

/** Processor time so far of a server process, in ms (user + system, from /proc). */
function serverCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
const cpuRuns = Number(process.env.EXPLAIN_CPU ?? 0);
/** With EXPLAIN_STATEMENT_CPU=N, each statement's processor time on the server, over N runs. */
const statementRuns = Number(process.env.EXPLAIN_STATEMENT_CPU ?? 0);
const explainerPid = (await explainer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
  .rows[0]!.pid;
if (cpuRuns > 0) {
  // The server processes of the pool come and go (an idle one is closed after 10 s): each is
  // read at every count, and one that ended keeps the time last read (it ended idle).
  const seen = new Map<number, number>();
  const serverNow = async () => {
    const { rows } = await explainer.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    for (const { pid } of rows) {
      try {
        seen.set(pid, serverCpuMs(pid));
      } catch {
        // Ended since.
      }
    }
    return [...seen.values()].reduce((sum, ms) => sum + ms, 0);
  };
  let nodeSum = 0;
  let serverSum = 0;
  for (const query of QUERIES) {
    const label = JSON.stringify(query);
    if (wanted.length && !wanted.some((w) => label.includes(w))) continue;
    const filters = { ...query, limit: 20, offset: 0 };
    for (let i = 0; i < 3; i++) await searchDirectory(ctx, filters);
    const node = process.cpuUsage();
    const server = await serverNow();
    for (let i = 0; i < cpuRuns; i++) await searchDirectory(ctx, filters);
    const nodeMs = (process.cpuUsage(node).user + process.cpuUsage(node).system) / 1000 / cpuRuns;
    const serverMs = ((await serverNow()) - server) / cpuRuns;
    nodeSum += nodeMs;
    serverSum += serverMs;
    report.push(
      `${label.padEnd(60)} server ${serverMs.toFixed(2).padStart(6)} ms  node ${nodeMs.toFixed(2).padStart(6)} ms`,
    );
  }
  report.push(
    `${'sum'.padEnd(60)} server ${serverSum.toFixed(1).padStart(6)} ms  node ${nodeSum.toFixed(1).padStart(6)} ms`,
  );
  process.stdout.write(`${report.join('\n')}\n`);
  await explainer.end();
  await database.close();
  process.exit(0);
}
for (const query of QUERIES) {
  const label = JSON.stringify(query);
  if (wanted.length && !wanted.some((w) => label.includes(w))) continue;
  const filters = { ...query, limit: 20, offset: 0 };
  for (let i = 0; i < 3; i++) await searchDirectory(ctx, filters);
  recording = [];
  const started = performance.now();
  await searchDirectory(ctx, filters);
  const total = performance.now() - started;
  const statements = recording;
  recording = null;
  report.push(`${label}: ${total.toFixed(1)} ms, ${statements.length} statements`);
  for (const s of statements) {
    const short = s.text.replace(/\s+/g, ' ').slice(0, 90);
    let executed = '';
    if (/^\s*(select|with)\b/i.test(s.text)) {
      await explainer.query('BEGIN');
      for (const set of s.sets) await explainer.query(set);
      const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
        s.values,
      );
      await explainer.query('ROLLBACK');
      const plan = rows.map((r) => r['QUERY PLAN']);
      const timing = plan.filter((l) => /^(Planning|Execution) Time/.test(l));
      executed = timing.map((l) => l.replace(' Time:', '')).join(', ');
      if (statementRuns > 0) {
        // The server's processor time of this statement alone, over statementRuns runs.
        await explainer.query('BEGIN');
        for (const set of s.sets) await explainer.query(set);
        const before = serverCpuMs(explainerPid);
        for (let i = 0; i < statementRuns; i++) await explainer.query(s.text, s.values);
        const cpu = (serverCpuMs(explainerPid) - before) / statementRuns;
        await explainer.query('ROLLBACK');
        executed += `, cpu ${cpu.toFixed(2)} ms`;
      }
      full.push(`== ${label}\n${s.sets.join('; ')}\n${s.text}\n${JSON.stringify(s.values)}`);
      full.push(plan.join('\n'), '');
    }
    report.push(
      `  ${s.ms.toFixed(2).padStart(6)} ms  ${short}${executed ? `  [${executed}]` : ''}`,
    );
  }
}
await explainer.end();
await database.close();
writeFileSync(process.env.EXPLAIN_OUT ?? '/tmp/explain-directory.txt', full.join('\n'));
process.stdout.write(`${report.join('\n')}\n`);
