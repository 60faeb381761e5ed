import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type TDatabase } from '../../src/db/client.js';

/** Which driver this test run uses: PGlite unless the runner asks for PostgreSQL. */
export const TEST_DRIVER: 'pglite' | 'postgres' =
  process.env.MAILLON_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a PostgreSQL database of its
 * own (created from DATABASE_URL, dropped by close()).
 */
export async function createTestDatabase(
  driver: 'pglite' | 'postgres' = TEST_DRIVER,
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
  const database = await openPostgres(url.toString(), 5);
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
