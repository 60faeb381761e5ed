/**
 * Upgrades (issue 18): a database made by the previous release — its migrations, its data, its
 * sealed audit chain — is opened by the current code, which migrates it; the data and the chain
 * are still there and verify. PREVIOUS_RELEASE names the last migration of the release before
 * this one: move it forward when a release is cut.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { asc, isNull, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR, openPglite, openPostgres, type TDb } from '../src/db/client.js';
import { auditLog } from '../src/db/schema/index.js';
import { hashAuditRecord } from '../src/modules/audit/audit.hash.js';
import { sealAuditLog } from '../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { TEST_DRIVER } from './helpers/database.js';

/** The last migration of the release before this one (session 7's landing). */
const PREVIOUS_RELEASE = '0025_emergency_sheet';

type TJournal = { entries: { tag: string }[] };

/** The previous release's migrations folder: its SQL files and its journal, nothing newer. */
function previousReleaseMigrations(): string {
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'),
  ) as TJournal;
  const last = journal.entries.findIndex((entry) => entry.tag === PREVIOUS_RELEASE);
  assert.ok(last >= 0, `${PREVIOUS_RELEASE} is not in the journal`);
  const folder = mkdtempSync(join(tmpdir(), 'maillon-previous-release-'));
  mkdirSync(join(folder, 'meta'));
  const entries = journal.entries.slice(0, last + 1);
  for (const entry of entries) {
    copyFileSync(join(MIGRATIONS_DIR, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  }
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

/** Data as the previous release wrote it (plain SQL: the current schema may have more columns). */
async function fillAsPreviousRelease(db: TDb) {
  await db.execute(sql`
    INSERT INTO members (id, first_name, last_name, profession)
    VALUES ('11111111-1111-4111-8111-111111111111', 'Sophie', 'Martin', 'Infirmière coordinatrice')`);
  await db.execute(sql`
    INSERT INTO persons (id, first_name, last_name, birth_date, commune, case_manager_id)
    VALUES ('22222222-2222-4222-8222-222222222222', 'Jeanne', 'Roux', '1938-04-12', 'Lyon',
            '11111111-1111-4111-8111-111111111111')`);
  await db.execute(sql`
    INSERT INTO care_team_members (person_id, member_id)
    VALUES ('22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111')`);
  const read = sql`
    INSERT INTO audit_log (at, actor_role, action, resource_type, resource_id, person_id, outcome)
    VALUES (now(), 'coordinator', 'read', 'person', '22222222-2222-4222-8222-222222222222',
            '22222222-2222-4222-8222-222222222222', 'allowed')`;
  for (let i = 0; i < 5; i++) await db.execute(read);
  await sealAsPreviousRelease(db);
  // two rows still waiting for their seal when the release changes (decision 054 queues them)
  for (let i = 0; i < 2; i++) await db.execute(read);
}

/**
 * The sealer of the releases before decision 054: each row sealed in place, its chain position
 * and hashes written on it by one UPDATE (the triggers of migration 0014 check the chain).
 */
async function sealAsPreviousRelease(db: TDb) {
  const [head] = await rowsOf<{ last_pos: string; last_hash: string }>(
    db,
    sql`SELECT last_pos, last_hash FROM audit_head WHERE id = 1`,
  );
  const rows = await db
    .select()
    .from(auditLog)
    .where(isNull(auditLog.chainPos))
    .orderBy(asc(auditLog.seq));
  let pos = Number(head!.last_pos);
  let prevHash = head!.last_hash;
  for (const { chainPos: _unsealed, hash: _none, ...record } of rows) {
    const hash = hashAuditRecord({ ...record, prevHash });
    pos += 1;
    await db.execute(
      sql`UPDATE audit_log SET chain_pos = ${pos}, prev_hash = ${prevHash}, hash = ${hash}
           WHERE seq = ${record.seq}`,
    );
    prevHash = hash;
  }
}

/** The rows of one query, on either driver. */
async function rowsOf<T>(db: TDb, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

async function checkUpgraded(db: TDb) {
  const person = await rowsOf<{ last_name: string; version: number }>(
    db,
    sql`SELECT last_name, version FROM persons WHERE id = '22222222-2222-4222-8222-222222222222'`,
  );
  assert.equal(person[0]?.last_name, 'Roux');
  const team = await rowsOf<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM care_team_members WHERE person_id = '22222222-2222-4222-8222-222222222222'`,
  );
  assert.equal(team[0]?.n, 1);
  const journal = JSON.parse(
    readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'),
  ) as TJournal;
  const applied = await rowsOf<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  assert.equal(applied[0]?.n, journal.entries.length, 'every current migration applied');
  // the audit chain the previous release sealed verifies, and goes on after the upgrade
  await db.execute(sql`
    INSERT INTO audit_log (at, actor_role, action, resource_type, outcome)
    VALUES (now(), 'admin', 'upgrade', 'database', 'success')`);
  const waiting = await verifyAuditChain(db);
  assert.deepEqual([waiting.checked, waiting.unsealed], [5, 3], 'the rows left unsealed wait');
  assert.equal(await sealAuditLog(db), 3);
  const chain = await verifyAuditChain(db);
  assert.equal(chain.ok, true, chain.problems.join('; '));
  assert.deepEqual(
    [chain.checked, chain.unsealed, chain.head?.seq],
    [8, 0, 8],
    'the rows sealed in place, then those sealed by audit_seal rows, in one chain',
  );
}

const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe(`upgrade from the previous release (${TEST_DRIVER})`, () => {
  test(`a database of ${PREVIOUS_RELEASE} is migrated by the current code with its data and chain`, async () => {
    const previous = previousReleaseMigrations();
    cleanups.push(() => rmSync(previous, { recursive: true, force: true }));
    if (TEST_DRIVER === 'pglite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'maillon-upgrade-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const client = await PGlite.create({
        dataDir: join(dataDir, 'pglite'),
        extensions: { pg_trgm, unaccent },
      });
      const old = drizzlePglite({ client }) as unknown as TDb;
      await migratePglite(old as never, { migrationsFolder: previous });
      await fillAsPreviousRelease(old);
      await client.close();
      const upgraded = await openPglite(dataDir);
      try {
        await checkUpgraded(upgraded.db);
      } finally {
        await upgraded.close();
      }
      return;
    }
    const adminUrl = process.env.DATABASE_URL!;
    const name = `maillon_upgrade_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    });
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    const old = drizzlePg({ client: pool }) as unknown as TDb;
    await migratePg(old as never, { migrationsFolder: previous });
    await fillAsPreviousRelease(old);
    await pool.end();
    const upgraded = await openPostgres(url.toString(), 2);
    try {
      await checkUpgraded(upgraded.db);
    } finally {
      await upgraded.close();
    }
  });
});
