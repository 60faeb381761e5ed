import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase, TEST_DRIVER } from '../../test/helpers/database.js';

describe('PostgreSQL connection pool', { skip: TEST_DRIVER !== 'postgres' }, () => {
  it('survives the server ending its idle connections, and goes on answering', async () => {
    const database = await createTestDatabase('postgres');
    try {
      const firstRow = async (query: ReturnType<typeof sql>): Promise<Record<string, unknown>> => {
        const result: unknown = await database.db.execute(query);
        return (result as { rows: Record<string, unknown>[] }).rows[0]!;
      };
      const name = String((await firstRow(sql`SELECT current_database() AS name`)).name);
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const ended = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await admin.end();
      assert.ok((ended.rowCount ?? 0) >= 1, 'an idle pooled connection was ended');
      // Without a listener the pool's 'error' event ends this process before the next query.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await firstRow(sql`SELECT 1 AS one`)).one, 1);
    } finally {
      await database.close();
    }
  });
});
