import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import * as schema from './schema/index.js';
import { makeDataDirPrivate, prepareDataDir } from './data-dir.js';
import { acquireDataDirLock, type TDataDirLock } from './lock.js';

export type TSchema = typeof schema;
/** The Drizzle handle every repository receives: the root database or an open transaction. */
export type TDb = PgDatabase<PgQueryResultHKT, TSchema>;
export type TTx = PgTransaction<PgQueryResultHKT, TSchema, ExtractTablesWithRelations<TSchema>>;
export type TDriver = 'pglite' | 'postgres';

export type TDatabase = {
  db: TDb;
  driver: TDriver;
  /** Flushes and closes; for PGlite runs CHECKPOINT first and releases the data folder lock. */
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

/**
 * Opens PGlite in a data folder (locked against a second process) or in memory when dataDir is
 * null; `loadDataDir` starts an empty folder from a dump (the tests' migrated template).
 */
export async function openPglite(
  dataDir: string | null,
  options: { loadDataDir?: Blob } = {},
): Promise<TDatabase> {
  let lock: TDataDirLock | undefined;
  let pgDir: string | undefined;
  if (dataDir !== null) {
    prepareDataDir(dataDir); // 700/600, refused if others can write it
    lock = acquireDataDirLock(dataDir);
    pgDir = join(dataDir, 'pglite');
  }
  try {
    const client = await PGlite.create({
      dataDir: pgDir,
      loadDataDir: options.loadDataDir,
      extensions: { pg_trgm, unaccent },
    });
    const db = drizzlePglite({ client, schema }) as unknown as TDb;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    // PGlite writes its first files 666 (unreachable in the 700 folder, but made private all the same)
    if (dataDir !== null) makeDataDirPrivate(dataDir);
    return {
      db,
      driver: 'pglite',
      close: async () => {
        try {
          if (!client.closed) {
            await client.exec('CHECKPOINT');
            await client.close();
          }
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Opens a pg pool and migrates under an advisory lock so concurrent instances do not race. */
export async function openPostgres(
  url: string,
  poolSize = 10,
  onIdleError: (error: Error) => void = warnIdleConnectionLost,
): Promise<TDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A connection waiting in the pool can be ended by the server (a restart, a failover, an
  // administrator): the pool drops it and opens another on the next query. Unheard, that event
  // would end the whole process.
  pool.on('error', onIdleError);
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(7428001)');
      if (await migrationsPending(client)) {
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR }).catch(
          (error: unknown) => {
            throw isPrivilegeError(error) ? new MigrationRightsError(error) : error;
          },
        );
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(7428001)').catch(() => undefined);
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePg({ client: pool, schema }) as unknown as TDb;
  // Connections of their own for the statements that need the planner kept off sequential scans
  // (decision 049): set when each connection opens, so such a statement is one round trip where
  // a transaction around SET LOCAL made it four. Opened on first use only.
  const indexFirstPool = new pg.Pool({
    ...withSessionSetting(url, '-c enable_seqscan=off'),
    max: Math.max(1, Math.ceil(poolSize / 2)),
  });
  indexFirstPool.on('error', onIdleError);
  indexFirstHandles.set(db, drizzlePg({ client: indexFirstPool, schema }));
  return {
    db,
    driver: 'postgres',
    close: async () => {
      await Promise.all([pool.end(), indexFirstPool.end()]);
    },
  };
}

/** The index-first handle of each PostgreSQL root handle (none for PGlite or a transaction). */
const indexFirstHandles = new WeakMap<TDb, TDb>();

/**
 * A handle on the same database whose planner never chooses a sequential scan when an index can
 * answer (`enable_seqscan = off` for the whole connection), or null where there is none — PGlite,
 * which has one connection, and a transaction: there the caller sets it with SET LOCAL.
 */
export function indexFirstHandle(db: TDb): TDb | null {
  return indexFirstHandles.get(db) ?? null;
}

/**
 * Connection settings with one more server option, keeping the options the URL already gives
 * (pg lets a URL's own `options` win over the configuration's).
 */
function withSessionSetting(connectionString: string, option: string): pg.PoolConfig {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return { connectionString, options: option }; // not a URL: pg reads no options from it
  }
  const options = url.searchParams.get('options');
  url.searchParams.set('options', [options, option].filter(Boolean).join(' '));
  return { connectionString: url.toString() };
}

/** One line on stderr (no logger exists yet at this level): the pool has already recovered. */
function warnIdleConnectionLost(error: Error): void {
  const code = (error as { code?: string }).code ?? 'unknown';
  process.stderr.write(
    `${JSON.stringify({ level: 40, msg: 'an idle database connection was closed by the server; the pool replaces it', code })}\n`,
  );
}

/**
 * Whether the database lacks some of the migrations shipped with this version. When it does not,
 * nothing is run: in production the server's login may read the migration table but not change
 * the schema (migrations are applied by the owner's login, README "PostgreSQL roles").
 */
async function migrationsPending(client: pg.PoolClient): Promise<boolean> {
  const shipped = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const latest = Math.max(...shipped.map((migration) => migration.folderMillis));
  try {
    const { rows } = await client.query<{ table: string | null }>(
      "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS table",
    );
    if (rows[0]?.table === null) return true;
    const applied = await client.query<{ last: string | null }>(
      'SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
    );
    return Number(applied.rows[0]?.last ?? 0) < latest;
  } catch (error) {
    throw isPrivilegeError(error) ? new MigrationRightsError(error) : error;
  }
}

const isPrivilegeError = (error: unknown) =>
  (error as { code?: unknown }).code === '42501' ||
  (error as { cause?: { code?: unknown } }).cause?.code === '42501';

/** The login of DATABASE_URL may not apply the pending migrations (or read which are applied). */
export class MigrationRightsError extends Error {
  constructor(cause: unknown) {
    super(
      'The database needs migrations that the login of DATABASE_URL may not apply. Run them with ' +
        "the owner's login (DATABASE_URL=<owner's URL> npm run db:migrate), then start the server " +
        'again; see README, "PostgreSQL roles".',
      { cause },
    );
    this.name = 'MigrationRightsError';
  }
}

/**
 * Whether queries on this handle can run side by side: a PostgreSQL pool can; PGlite (one
 * connection) and a transaction run them one after the other.
 */
export function queriesRunInParallel(db: TDb): boolean {
  return (db as { $client?: unknown }).$client instanceof pg.Pool;
}

/** PostgreSQL when a URL is given, embedded PGlite in dataDir otherwise. */
export function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): Promise<TDatabase> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
