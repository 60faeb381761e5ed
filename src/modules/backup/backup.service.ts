import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { MIGRATIONS_DIR, openPglite, openPostgres, type TDatabase } from '../../db/client.js';
import { acquireDataDirLock, DataDirLockedError } from '../../db/lock.js';
import { VERSION } from '../../server/version.js';
import { sealAuditLog } from '../audit/audit.seal.js';
import { verifyAuditChain, type TAuditVerification } from '../audit/audit.verify.js';
import {
  BackupFileError,
  decodeBackup,
  encodeBackup,
  type TBackupHeader,
  type TBackupKey,
} from './backup.file.js';
import { requestBackupFromServer } from './backup.requests.js';

/** Runs one SQL text and returns its rows: the same description for a pg client and PGlite. */
type TQuery = <T>(sql: string) => Promise<T[]>;

const EXTENSIONS = { pg_trgm, unaccent };

/** The version of the schema, the audit chain's sealed head and the rows per table. */
async function describe(
  query: TQuery,
): Promise<Pick<TBackupHeader, 'schema' | 'auditHead' | 'counts'>> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const applied = await query<{ created_at: string }>(
    'SELECT created_at::text FROM drizzle.__drizzle_migrations ORDER BY created_at',
  );
  const last = Number(applied.at(-1)?.created_at ?? 0);
  const tag = journal.entries.find((entry) => entry.when === last)?.tag ?? `unknown-${last}`;
  const [head] = await query<{ last_pos: string; last_hash: string }>(
    'SELECT last_pos::text, last_hash FROM audit_head LIMIT 1',
  );
  const tables = await query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const counts: Record<string, number> = {};
  if (tables.length > 0) {
    const rows = await query<{ name: string; n: number }>(
      tables
        .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM public."${name}"`)
        .join(' UNION ALL '),
    );
    for (const row of rows) counts[row.name] = row.n;
  }
  return {
    schema: { tag, migrations: applied.length },
    auditHead:
      head && Number(head.last_pos) > 0
        ? { seq: Number(head.last_pos), hash: head.last_hash }
        : null,
    counts,
  };
}

const pgQuery =
  (client: pg.Client): TQuery =>
  async <T>(sql: string) =>
    (await client.query(sql)).rows as T[];
const pgliteQuery =
  (client: PGlite): TQuery =>
  async <T>(sql: string) =>
    (await client.query<T>(sql)).rows;

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new BackupFileError(
              `${command} is not installed: install the PostgreSQL client of the server's major version (Debian: apt install postgresql-client-15).`,
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new BackupFileError(
            `${command} failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`,
          ),
        );
    });
  });
}

/**
 * PostgreSQL: one `pg_dump` in custom format, taken in a snapshot exported by a read-only
 * transaction, so the header's counts and audit head describe exactly what the archive holds,
 * while the server goes on writing.
 */
async function dumpPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot }] = (
      await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')
    ).rows as [{ snapshot: string }];
    const description = await describe(pgQuery(client));
    const payload = await runTool('pg_dump', [
      '--format=custom',
      '--no-owner',
      `--snapshot=${snapshot}`,
      `--dbname=${url}`,
    ]);
    await client.query('COMMIT');
    return { description, payload };
  } finally {
    await client.end();
  }
}

/** Opens a gzipped data folder in memory: proves it loads, and describes what it holds. */
async function describeDump(dump: Uint8Array) {
  const client = await PGlite.create({ loadDataDir: new Blob([dump]), extensions: EXTENSIONS });
  try {
    return await describe(pgliteQuery(client));
  } finally {
    await client.close();
  }
}

/**
 * PGlite: the data folder as PGlite dumps it (a gzipped tar). A running server holds the folder
 * (one process only): it is asked to dump it (backup.requests.ts); a stopped one is opened here.
 */
async function dumpPglite(dataDir: string): Promise<Uint8Array> {
  let lock;
  try {
    lock = acquireDataDirLock(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) return requestBackupFromServer(dataDir);
    throw error;
  }
  try {
    const pgDir = join(dataDir, 'pglite');
    if (!existsSync(pgDir))
      throw new BackupFileError(`There is no embedded database in ${dataDir} to back up.`);
    const client = await PGlite.create({ dataDir: pgDir, extensions: EXTENSIONS });
    try {
      await client.exec('CHECKPOINT');
      return new Uint8Array(await (await client.dumpDataDir('gzip')).arrayBuffer());
    } finally {
      await client.close();
    }
  } finally {
    lock.release();
  }
}

export type TBackupTarget = { databaseUrl: string | undefined; dataDir: string };

/** Takes a consistent backup of the configured database, encrypted when a key is given. */
export async function createBackup(target: TBackupTarget, key: TBackupKey) {
  const createdAt = new Date().toISOString();
  if (target.databaseUrl) {
    const { description, payload } = await dumpPostgres(target.databaseUrl);
    return encodeBackup(
      {
        createdAt,
        appVersion: VERSION,
        driver: 'postgres',
        payload: 'pg_dump-custom',
        ...description,
      },
      payload,
      key,
    );
  }
  const dump = await dumpPglite(target.dataDir);
  const description = await describeDump(dump);
  return encodeBackup(
    {
      createdAt,
      appVersion: VERSION,
      driver: 'pglite',
      payload: 'pglite-datadir-tar-gz',
      ...description,
    },
    dump,
    key,
  );
}

export type TRestoreReport = {
  header: TBackupHeader;
  /** Where the database that was replaced was kept (PGlite with --force), if any. */
  keptAside: string | null;
  audit: TAuditVerification;
  /** Tables whose row count differs from the backup's (none after a good restore). */
  countMismatches: { table: string; expected: number; found: number }[];
  counts: Record<string, number>;
};

async function isEmptyPostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')",
    );
    return rows[0]!.n === 0;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into the configured database. A database that holds anything is refused
 * unless `force` (PostgreSQL: the archive's objects replace it; PGlite: the old folder is kept
 * aside, renamed, never deleted). Then the database is opened as the server opens it (a backup
 * of an older version is migrated), the audit chain is walked with the backup's head as an
 * anchor, and the rows are counted against the backup's.
 */
export async function restoreBackup(
  target: TBackupTarget,
  file: Buffer,
  key: TBackupKey,
  options: { force: boolean },
): Promise<TRestoreReport> {
  const { header, payload } = await decodeBackup(file, key);
  let keptAside: string | null = null;
  let database: TDatabase;
  if (target.databaseUrl) {
    if (header.driver !== 'postgres') {
      throw new BackupFileError(
        'This is a backup of an embedded (PGlite) database: restore it with DATABASE_URL unset, into DATA_DIR.',
      );
    }
    const empty = await isEmptyPostgres(target.databaseUrl);
    if (!empty && !options.force) {
      throw new BackupFileError(
        'The database of DATABASE_URL is not empty: restoring would replace its data. Add --force to replace it, or restore into an empty database.',
      );
    }
    // pg_restore reads the archive from stdin
    await pgRestore(target.databaseUrl, payload, !empty);
    database = await openPostgres(target.databaseUrl, 2);
  } else {
    if (header.driver !== 'pglite') {
      throw new BackupFileError(
        'This is a backup of a PostgreSQL database: restore it with DATABASE_URL set.',
      );
    }
    const lock = acquireDataDirLock(target.dataDir); // refused while a server runs on the folder
    try {
      const pgDir = join(target.dataDir, 'pglite');
      if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
        if (!options.force) {
          throw new BackupFileError(
            `The data folder ${target.dataDir} already holds a database: restoring would replace it. Add --force to replace it (the old one is kept aside, renamed).`,
          );
        }
        keptAside = `${pgDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(pgDir, keptAside);
      }
      const client = await PGlite.create({
        dataDir: pgDir,
        loadDataDir: new Blob([payload]),
        extensions: EXTENSIONS,
      });
      await client.exec('CHECKPOINT');
      await client.close();
    } finally {
      lock.release();
    }
    database = await openPglite(target.dataDir);
  }
  try {
    const anchors = header.auditHead ? [{ ...header.auditHead, at: header.createdAt }] : [];
    // rows committed but not sealed when the backup was taken join the chain first
    await sealAuditLog(database.db);
    const audit = await verifyAuditChain(database.db, { anchors });
    const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
    const query: TQuery =
      client instanceof PGlite
        ? pgliteQuery(client)
        : async <T>(sql: string) => (await client.query(sql)).rows as T[];
    const { counts } = await describe(query);
    const countMismatches = Object.entries(header.counts)
      .filter(([table, expected]) => counts[table] !== expected)
      .map(([table, expected]) => ({ table, expected, found: counts[table] ?? 0 }));
    return { header, keptAside, audit, countMismatches, counts };
  } finally {
    await database.close();
  }
}

function pgRestore(url: string, archive: Uint8Array, clean: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      ...(clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${url}`,
    ]);
    const err: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new BackupFileError(
              `pg_restore failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`,
            ),
          ),
    );
    child.stdin.end(archive);
  });
}
