import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type TDatabase } from '../../src/db/client.js';

/** Which driver this test run uses: PGlite unless the runner asks for PostgreSQL. */
export const TEST_DRIVER: 'pglite' | 'postgres' =
  process.env.MAILLON_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a PostgreSQL database of its
 * own (created from DATABASE_URL, dropped by close() — unless `keep`, for a benchmark's data to be
 * studied afterwards: its name is then printed on stderr).
 */
export async function createTestDatabase(
  driver: 'pglite' | 'postgres' = TEST_DRIVER,
  options: { poolSize?: number; keep?: boolean } = {},
): Promise<TDatabase> {
  if (driver === 'pglite') return openPglite(null);
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('MAILLON_TEST_DRIVER=postgres needs DATABASE_URL');
  const name = `maillon_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), options.poolSize ?? 5);
  if (options.keep) {
    process.stderr.write(`kept database: ${name}\n`);
    return database;
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      // pool.end() resolves before its connections have closed: a forced drop would terminate
      // them, and the error on a client the pool has let go of is an uncaught exception.
      for (let waited = 0; waited < 5000; waited += 20) {
        const { rows } = await dropper.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
