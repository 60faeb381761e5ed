/**
 * The database a load run works on — a fresh one each run, never an existing one — and the data
 * filled into it before the server starts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, type TDatabase, type TDb } from '../../src/db/client.js';
import { members, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { DEMO_MEMBERS } from '../../src/seed/demo-directory.data.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoNetwork } from '../../src/seed/demo.seed.js';
import type { TRole } from '../../src/server/context.js';
import { generateRegion } from '../region/generate.js';

export type TDriverName = 'pglite' | 'postgres';
export type TScale = 'small' | 'region';
export type TDataSource = 'region' | 'demo';

/** One account virtual users log in with (the shape scripts/region/generate.ts also returns). */
export type TLoadLogin = { email: string; password: string; role: string; memberId: string | null };
export type TLoadData = {
  logins: readonly TLoadLogin[];
  /** What was loaded, for the report. */
  source: string;
  /** Rows written, by table (the region generator counts them). */
  rows?: Record<string, number>;
};

/** A fresh database of the run: how to open it in-process, what the server needs, how to drop it. */
export type TLoadDatabase = {
  driver: TDriverName;
  /** A place for the server's files (PGlite data, session secret). */
  dataDir: string;
  /** PostgreSQL only: the run's own database. */
  url: string | undefined;
  serverEnv: Record<string, string>;
  open: () => Promise<TDatabase>;
  dispose: () => Promise<void>;
};

/**
 * Creates the run's database: a new temporary PGlite folder, or a new PostgreSQL database next to
 * the one DATABASE_URL names (dropped by dispose, as test/helpers/database.ts does for tests).
 */
export async function createLoadDatabase(
  driver: TDriverName,
  adminUrl: string | undefined,
): Promise<TLoadDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillon-load-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (driver === 'pglite') {
    return {
      driver,
      dataDir,
      url: undefined,
      serverEnv: { DATA_DIR: dataDir },
      open: () => openPglite(dataDir),
      dispose: async () => removeDir(),
    };
  }
  if (!adminUrl) throw new Error('--driver postgres needs DATABASE_URL');
  const name = `maillon_load_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    driver,
    dataDir,
    url: url.toString(),
    serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    open: () => openPostgres(url.toString(), 10),
    dispose: async () => {
      removeDir();
      await withAdminClient(adminUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    },
  };
}

export async function withAdminClient(url: string, fn: (client: pg.Client) => Promise<unknown>) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Fills the run's database and returns the logins: the synthetic region of the given scale
 * (scripts/region/generate.ts, written through the app's services), or the demo network.
 */
export async function prepareData(
  db: TDb,
  options: { data: TDataSource; scale: TScale; log: (line: string) => void },
): Promise<TLoadData> {
  const data =
    options.data === 'demo'
      ? await prepareDemoData(db, options.log)
      : {
          ...(await generateRegion(db, { scale: options.scale, log: options.log })),
          source: `synthetic region, scale ${options.scale}`,
        };
  await analyse(db, options.log);
  return data;
}

/**
 * Gives the planner the statistics of the data just written, as after any bulk load (PostgreSQL's
 * "Populating a Database: run ANALYZE afterwards"): an established network's database has them.
 * Without it, whether autovacuum's analyse of the fresh tables came before or during the measure
 * decided the plans, and the same mix cost PostgreSQL from 0.08 to 0.46 cores from run to run.
 */
async function analyse(db: TDb, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  await db.execute(sql`ANALYZE`);
  log(
    `data: statistics gathered (ANALYZE) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * Demo members who follow persons but have no login in the demo seed: each gets one, so virtual
 * users are spread over two case managers and several care-team members, not one account a role.
 */
const EXTRA_LOGINS: readonly { key: string; role: TRole }[] = [
  { key: 'coordinator2', role: 'coordinator' },
  { key: 'gp2', role: 'professional' },
  { key: 'nurse', role: 'professional' },
  { key: 'nurse2', role: 'professional' },
  { key: 'pharmacist', role: 'professional' },
  { key: 'aide', role: 'social' },
];

/** The demo network (src/seed/demo.seed.ts) and a login for each member of EXTRA_LOGINS. */
async function prepareDemoData(db: TDb, log: (line: string) => void): Promise<TLoadData> {
  log('data: seeding the demo network');
  await seedDemoNetwork(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const extra of EXTRA_LOGINS) {
    const demo = DEMO_MEMBERS.find((m) => m.key === extra.key);
    if (!demo) throw new Error(`demo member ${extra.key} is missing`);
    const [member] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.firstName, demo.firstName), eq(members.lastName, demo.lastName)));
    if (!member) throw new Error(`demo member ${extra.key} was not seeded`);
    await db.insert(users).values({
      email: `${extra.key}.charge@reseau-demo.fr`,
      displayName: `${demo.firstName} ${demo.lastName}`,
      role: extra.role,
      status: 'active',
      locale: 'fr',
      passwordHash,
      memberId: member.id,
    });
  }
  const emails = [
    ...DEMO_LOGINS.map((l) => l.email),
    ...EXTRA_LOGINS.map((e) => `${e.key}.charge@reseau-demo.fr`),
  ];
  const rows = await db
    .select({ email: users.email, role: users.role, memberId: users.memberId })
    .from(users)
    .where(inArray(users.email, emails));
  return {
    source: 'demo network (src/seed/demo.seed.ts) + 6 logins',
    logins: rows.map((row) => ({ ...row, password: DEMO_PASSWORD })),
  };
}
