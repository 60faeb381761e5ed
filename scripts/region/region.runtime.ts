/**
 * What the generator's phases share at run time: a context per service call (as if each were a
 * request of its own), batches of calls, row counts and phase timing.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { count } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import {
  auditLog,
  careTeamMembers,
  directoryHistory,
  directoryIndex,
  memberOrganisations,
  members,
  organisations,
  persons,
  services,
  sharingObjections,
  users,
} from '../../src/db/schema/index.js';
import { actorOf } from '../../src/modules/accounts/sessions.service.js';
import type { TUserRow } from '../../src/modules/accounts/users.repository.js';
import { loadConfig, type TConfig } from '../../src/server/config.js';
import type { TContext } from '../../src/server/context.js';
import { withTransaction } from '../../src/server/transaction.js';

/** A configuration for service calls made outside the server (no file written, nothing sent). */
export function generatorConfig(): TConfig {
  return loadConfig({
    SESSION_SECRET: 'synthetic-region-generator-not-a-server-secret',
    DATA_DIR: tmpdir(),
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
}

/** The context a request of this user would carry, with a request id of its own. */
export function contextOf(db: TDb, config: TConfig, user: TUserRow): TContext {
  return { db, config, actor: actorOf(user), requestId: randomUUID() };
}

/**
 * Runs fn on every item, in batches: one database transaction per batch, handed to fn as the
 * db of the contexts it builds. Each service call then runs in a savepoint of that transaction
 * (withTransaction nests), exactly as it would on its own, but commits once per batch: on
 * PostgreSQL the commit's disk flush, not the queries, is most of the cost of a small change.
 * Calls run one after the other (PGlite runs one statement at a time anyway).
 */
export async function runInBatches<T, R>(
  db: TDb,
  items: readonly T[],
  batchSize: number,
  fn: (tx: TDb, item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    await withTransaction(db, async (tx) => {
      const end = Math.min(items.length, start + batchSize);
      for (let i = start; i < end; i++) results.push(await fn(tx, items[i]!, i));
    });
  }
  return results;
}

/** The tables the generator writes, by the name the report uses. */
const TABLES = {
  organisations,
  services,
  members,
  member_organisations: memberOrganisations,
  directory_history: directoryHistory,
  directory_index: directoryIndex,
  users,
  persons,
  care_team_members: careTeamMembers,
  sharing_objections: sharingObjections,
  audit_log: auditLog,
} as const;

/** Row count of every table the generator writes. */
export async function countRows(db: TDb): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(TABLES)) {
    counts[name] = (await db.select({ n: count() }).from(table))[0]!.n;
  }
  return counts;
}

/** Rows added between two counts, tables without change left out. */
export function rowsAdded(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, n]) => [name, n - (before[name] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );
}

/** Runs one phase, then logs the rows it added and how fast: "phase: 1,234 rows in 2.1 s". */
export async function timePhase<T>(
  db: TDb,
  name: string,
  log: (line: string) => void,
  fn: () => Promise<T>,
): Promise<T> {
  const before = await countRows(db);
  const started = performance.now();
  const result = await fn();
  const ms = performance.now() - started;
  const added = rowsAdded(before, await countRows(db));
  const total = Object.values(added).reduce((sum, n) => sum + n, 0);
  const detail = Object.entries(added)
    .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
    .join(', ');
  log(
    `${name.padEnd(24)} ${total.toLocaleString('en').padStart(10)} rows in ${(ms / 1000).toFixed(1).padStart(6)} s = ${Math.round((total * 1000) / ms).toLocaleString('en')} rows/s (${detail})`,
  );
  return result;
}
