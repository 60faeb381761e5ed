import { openPostgres, type TDatabase } from '../../src/db/client.js';
import { createPostgresDatabase, openPgliteFromTemplate } from './database-template.js';

/** Which driver this test run uses: PGlite unless the runner asks for PostgreSQL. */
export const TEST_DRIVER: 'pglite' | 'postgres' =
  process.env.MAILLON_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a PostgreSQL database of its
 * own (created from DATABASE_URL, dropped by close() — unless `keep`, for a benchmark's data to be
 * studied afterwards: its name is then printed on stderr). Both start as a copy of a migrated
 * template (database-template.ts, decision 045) and are then migrated as usual.
 */
export async function createTestDatabase(
  driver: 'pglite' | 'postgres' = TEST_DRIVER,
  options: { poolSize?: number; keep?: boolean } = {},
): Promise<TDatabase> {
  if (driver === 'pglite') return openPgliteFromTemplate();
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('MAILLON_TEST_DRIVER=postgres needs DATABASE_URL');
  const created = await createPostgresDatabase(adminUrl);
  const database = await openPostgres(created.url, options.poolSize ?? 5);
  if (options.keep) {
    process.stderr.write(`kept database: ${created.name}\n`);
    return database;
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}
