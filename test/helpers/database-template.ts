/**
 * Migrated templates for test databases (decision 045): the 40-odd migrations run once per run and
 * per migration set, not once per test file. Every database made from a template is still
 * migrated by the normal code (openPglite, openPostgres): a template that lacks a migration gets
 * it there, so a stale template can slow a run but never give it a wrong schema.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS_DIR, openPglite, openPostgres, type TDatabase } from '../../src/db/client.js';

/** The PGlite package's version: a template built by another PGlite may not load in this one. */
function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of every file of src/db/migrations (names and contents) and of the PGlite version. */
export const MIGRATIONS_HASH = (() => {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  for (const file of filesUnder(MIGRATIONS_DIR)) {
    hash
      .update(`${relative(MIGRATIONS_DIR, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  }
  return hash.digest('hex').slice(0, 16);
})();

const PGLITE_TEMPLATE = join(tmpdir(), `maillon-pglite-template-${MIGRATIONS_HASH}.tar`);

/**
 * Writes a PGlite's data folder as a tar (uncompressed: loads faster) at `path`, and returns it.
 * Written under a name of its own, then renamed: another test process reads either no file or a
 * whole one. Two processes that both build it write equivalent content; one rename wins.
 */
async function writeDataDirTar(database: TDatabase, path: string): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  await client.exec('CHECKPOINT'); // the dump then holds the tables, not a WAL to replay
  const blob = await client.dumpDataDir('none');
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  renameSync(partial, path);
  return blob;
}

/** Migrates an in-memory PGlite and returns its data folder as a tar. */
async function buildPgliteTemplate(): Promise<Blob> {
  const database = await openPglite(null);
  try {
    return await writeDataDirTar(database, PGLITE_TEMPLATE);
  } finally {
    await database.close();
  }
}

let pgliteTemplate: Promise<Blob> | undefined;

/** The migrated PGlite data folder as a tar: read from the temp folder, or built and written there. */
export function readOrBuildPgliteTemplate(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    try {
      return new Blob([readFileSync(PGLITE_TEMPLATE)]);
    } catch {
      return buildPgliteTemplate();
    }
  })();
  return pgliteTemplate;
}

/** A fresh in-memory PGlite loaded from the migrated template, then migrated (nothing to apply). */
export async function openPgliteFromTemplate(): Promise<TDatabase> {
  const blob = await readOrBuildPgliteTemplate();
  try {
    return await openPglite(null, { loadDataDir: blob });
  } catch (error) {
    // A template file that does not load (damaged on disk): removed, so the next run rebuilds it.
    process.stderr.write(`the PGlite test template did not load, rebuilt: ${String(error)}\n`);
    rmSync(PGLITE_TEMPLATE, { force: true });
    pgliteTemplate = undefined;
    return openPglite(null, { loadDataDir: await readOrBuildPgliteTemplate() });
  }
}

/**
 * A hash of every source file the demo seed may run (src, tests left out: the seed calls services
 * and the migrations are under src/db) and of the PGlite version.
 */
function demoSourcesHash(): string {
  const src = join(MIGRATIONS_DIR, '..', '..');
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n`);
  for (const file of filesUnder(src).filter((path) => !path.endsWith('.test.ts'))) {
    hash
      .update(`${relative(src, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The demo seed writes dates relative to its own time (appointments done or planned, messages of
 * this morning, stays silent for too long): a seeded template older than this is built again, so
 * a browser test never sees a demo more than half an hour older than a freshly seeded one.
 */
export const DEMO_TEMPLATE_MAX_AGE_MS = 30 * 60_000;

let demoTemplate: Promise<Blob> | undefined;

/**
 * The migrated data folder with the demo network seeded as the server seeds it with SEED_DEMO=true
 * (the directory index version recorded, then seedDemoNetwork), as a tar in the temp folder named
 * by the hash of src and the PGlite version (decision 048): each browser test's server starts
 * from it and finds the demo already there.
 */
export function readOrBuildDemoTemplate(): Promise<Blob> {
  demoTemplate ??= (async () => {
    const path = join(tmpdir(), `maillon-pglite-demo-${demoSourcesHash()}.tar`);
    try {
      if (Date.now() - statSync(path).mtimeMs < DEMO_TEMPLATE_MAX_AGE_MS) {
        return new Blob([readFileSync(path)]);
      }
    } catch {
      // not built yet
    }
    // Imported here: the seed's module graph is for the browser tests only.
    const { seedDemoNetwork } = await import('../../src/seed/demo.seed.js');
    const { reindexDirectoryIfStale } =
      await import('../../src/modules/directory/directory.indexer.js');
    const database = await openPglite(null, { loadDataDir: await readOrBuildPgliteTemplate() });
    try {
      // What src/server/main.ts does on a new database: the index version, then the demo.
      await reindexDirectoryIfStale(database.db);
      await seedDemoNetwork(database.db);
      return await writeDataDirTar(database, path);
    } finally {
      await database.close();
    }
  })();
  return demoTemplate;
}

/**
 * Opens the data folder `dataDir` (empty) from a template: the migrated one, or the demo-seeded
 * one. The caller holds the folder until it closes the database (a process standing for a running
 * server); `fillDataDirFromTemplate` closes it at once.
 */
export async function openDataDirFromTemplate(
  dataDir: string,
  template: 'migrated' | 'demo' = 'migrated',
): Promise<TDatabase> {
  const loadDataDir = await (template === 'demo'
    ? readOrBuildDemoTemplate()
    : readOrBuildPgliteTemplate());
  return openPglite(dataDir, { loadDataDir });
}

/**
 * Fills the data folder `dataDir` (empty) from a template and closes it: a server started there
 * finds its database migrated (and, from 'demo', the demo network seeded), nothing to wait for.
 */
export async function fillDataDirFromTemplate(
  dataDir: string,
  template: 'migrated' | 'demo' = 'migrated',
): Promise<void> {
  await (await openDataDirFromTemplate(dataDir, template)).close();
}

/** DATABASE_URL with another database name. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Waits until no session is connected to the database: pool.end() resolves before its
 * connections have closed.
 */
export async function waitForNoSessions(admin: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const POSTGRES_TEMPLATE = `maillon_tpl_${MIGRATIONS_HASH}`;
// Worktrees with other migrations build their own templates without waiting for this one.
const TEMPLATE_LOCK = BigInt(`0x${MIGRATIONS_HASH.slice(0, 15)}`).toString();

/** Creates the template under a building name, migrates it, closes it to connections, names it. */
async function buildPostgresTemplate(admin: pg.Client, adminUrl: string): Promise<void> {
  const building = `${POSTGRES_TEMPLATE}_build`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`); // a builder that died
  await admin.query(`CREATE DATABASE ${building}`);
  const database = await openPostgres(databaseUrl(adminUrl, building), 1);
  await database.close();
  await waitForNoSessions(admin, building);
  // No session may stay connected to a template (CREATE DATABASE … TEMPLATE would refuse):
  // ALLOW_CONNECTIONS false makes sure none comes.
  await admin.query(`ALTER DATABASE ${building} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  // Its final name last: a template of that name is whole.
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${POSTGRES_TEMPLATE}`);
}

let postgresTemplate: Promise<string> | undefined;

/**
 * The name of the migrated template database of this migration set on the DATABASE_URL server,
 * built by the first test process that asks (the others wait on an advisory lock, then find it).
 */
export function postgresTemplateName(adminUrl: string): Promise<string> {
  postgresTemplate ??= (async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock($1::bigint)', [TEMPLATE_LOCK]);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        POSTGRES_TEMPLATE,
      ]);
      if (rowCount === 0) await buildPostgresTemplate(admin, adminUrl);
      return POSTGRES_TEMPLATE;
    } finally {
      await admin.end(); // ends the session, and with it the advisory lock
    }
  })();
  return postgresTemplate;
}

export type TPostgresDatabase = {
  name: string;
  /** DATABASE_URL of this database. */
  url: string;
  /** Drops it once its last session has gone (the pool's closing connections are not killed). */
  drop: () => Promise<void>;
};

/**
 * A PostgreSQL database of its own on the adminUrl server, named `<prefix>_<pid>_<random>`: a copy
 * of the migrated template, or empty (`empty: true`) for a test of the migrations themselves.
 */
export async function createPostgresDatabase(
  adminUrl: string,
  options: { prefix?: string; empty?: boolean } = {},
): Promise<TPostgresDatabase> {
  const name = `${options.prefix ?? 'maillon_test'}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.empty ? null : await postgresTemplateName(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        // A forced drop would terminate the pool's closing connections, and the error on a client
        // the pool has let go of is an uncaught exception.
        await waitForNoSessions(dropper, name);
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
