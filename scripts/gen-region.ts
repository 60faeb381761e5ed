/**
 * npm run gen:region -- [--scale small|region|large] [--seed N] [--read-rounds N] [--out file.json]
 * [--force]
 *
 * Generates a synthetic region (scripts/region/generate.ts) into the database the app opens:
 * PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR (./data by default),
 * migrated first. Refuses a database that already holds a directory, persons or accounts, unless
 * --force (the region is then added beside them; a second region is always refused). Prints the
 * rows and rows/second of each phase, the rows per table, the total time and the logins.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, type TDatabase } from '../src/db/client.js';
import { DataDirLockedError } from '../src/db/lock.js';
import { findUserByEmail } from '../src/modules/accounts/users.repository.js';
import { ConfigError, loadConfig, type TConfig } from '../src/server/config.js';
import { REGION_ADMIN_EMAIL } from './region/accounts.phase.js';
import {
  DEFAULT_READ_ROUNDS,
  DEFAULT_SEED,
  generateRegion,
  REGION_CAPABILITIES,
  REGION_PASSWORD,
  type TRegionScale,
} from './region/generate.js';
import { SCALES } from './region/region.plan.js';
import { countRows } from './region/region.runtime.js';

const USAGE = `usage: npm run gen:region -- [--scale small|region|large] [--seed N] [--read-rounds N] [--out report.json] [--force]
  --scale        small (seconds), region (${SCALES.region.members} members, ${SCALES.region.persons} persons), large (x4)
  --seed         any whole number; the same seed gives the same region (default ${DEFAULT_SEED})
  --read-rounds  audited reads: each round, every user lists and opens their persons (default ${DEFAULT_READ_ROUNDS})
  --out          also write the report (rows, time, logins) as JSON to this file
  --force        add the region to a database that already holds data (never a second region)`;

class UsageError extends Error {}
/** The target database is not one the generator should write into. */
class RefusedError extends Error {}

function parseOptions() {
  const parse = () =>
    parseArgs({
      options: {
        scale: { type: 'string', default: 'small' },
        seed: { type: 'string', default: String(DEFAULT_SEED) },
        'read-rounds': { type: 'string', default: String(DEFAULT_READ_ROUNDS) },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const whole = (name: string, text: string, max: number) => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n > max) throw new UsageError(`--${name}: a whole number ≤ ${max}`);
    return n;
  };
  if (!(values.scale in SCALES))
    throw new UsageError(`--scale: one of ${Object.keys(SCALES).join(', ')}`);
  return {
    scale: values.scale as TRegionScale,
    seed: whole('seed', values.seed, 2 ** 32 - 1),
    readRounds: whole('read-rounds', values['read-rounds'], 1000),
    out: values.out,
    force: values.force,
  };
}

function describeTarget(config: TConfig): string {
  if (!config.databaseUrl) return `PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

/** Refuses to mix a region into existing data unless asked to. */
async function assertEmptyEnough(database: TDatabase, force: boolean): Promise<void> {
  if (await findUserByEmail(database.db, REGION_ADMIN_EMAIL)) {
    throw new RefusedError(
      `A synthetic region was already generated in this database (${REGION_ADMIN_EMAIL} exists).`,
    );
  }
  const rows = await countRows(database.db);
  const held = (['organisations', 'members', 'persons', 'users'] as const).filter((t) => rows[t]);
  if (held.length === 0 || force) return;
  throw new RefusedError(
    `This database already holds data (${held.map((t) => `${rows[t]} ${t}`).join(', ')}).\n` +
      'The generator does not mix a synthetic region into existing data: use an empty database\n' +
      '(another DATA_DIR, or a new PostgreSQL database), or --force to add the region beside it.',
  );
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions();
  const config = loadConfig();
  print(
    `Generating a synthetic region, scale ${options.scale}, seed ${options.seed}, into ${describeTarget(config)}`,
  );
  const database = await openDatabase(config);
  try {
    await assertEmptyEnough(database, options.force);
    const report = await generateRegion(database.db, {
      ...options,
      log: (line) => print(`  ${line}`),
    });
    const total = Object.values(report.rows).reduce((sum, n) => sum + n, 0);
    print('');
    print(`Rows added (${database.driver}):`);
    for (const [table, n] of Object.entries(report.rows))
      print(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(10)}`);
    print(
      `  ${'total'.padEnd(20)} ${total.toLocaleString('en').padStart(10)} in ${(report.ms / 1000).toFixed(1)} s = ${Math.round((total * 1000) / report.ms).toLocaleString('en')} rows/s`,
    );
    print('');
    print('Generated: ' + REGION_CAPABILITIES.generated.join('; '));
    print('Not generated (not in the app yet): ' + REGION_CAPABILITIES.notYet.join('; '));
    print('');
    print(`Logins (password for all: ${REGION_PASSWORD}):`);
    for (const login of report.logins) print(`  ${login.role.padEnd(12)} ${login.email}`);
    if (database.driver === 'pglite') {
      print('');
      print(
        'Start the server on this DATA_DIR with SEED_DEMO=false, or the demo network is added beside the region.',
      );
    }
    if (options.out) {
      writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
      print(`Report written to ${options.out}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message ? `${error.message}\n\n` : ''}${USAGE}\n`);
    process.exitCode = 2;
  } else if (
    error instanceof RefusedError ||
    error instanceof ConfigError ||
    error instanceof DataDirLockedError
  ) {
    process.stderr.write(`\n${error.message}\n\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(
      `\nThe region could not be generated: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  }
});
