import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createTestDatabase, TEST_DRIVER } from '../../test/helpers/database.js';
import { createPostgresDatabase } from '../../test/helpers/database-template.js';
import { indexFirstHandle, openPostgres, type TDb } from './client.js';

/** One setting as the connection that answers on this handle sees it. */
async function settingOn(db: TDb, name: 'enable_seqscan' | 'statement_timeout'): Promise<string> {
  const result: unknown = await db.execute(sql`SELECT current_setting(${name}) AS value`);
  return (result as { rows: { value: string }[] }).rows[0]!.value;
}

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

  it('opens index-first connections (enable_seqscan off) beside the pool, keeping the options of the URL (decision 049)', async () => {
    const created = await createPostgresDatabase(process.env.DATABASE_URL!);
    const url = new URL(created.url);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const database = await openPostgres(url.toString(), 2);
    try {
      const hinted = indexFirstHandle(database.db);
      assert.ok(hinted, 'a PostgreSQL pool has an index-first handle');
      assert.equal(await settingOn(database.db, 'enable_seqscan'), 'on');
      assert.equal(await settingOn(hinted, 'enable_seqscan'), 'off');
      assert.equal(await settingOn(database.db, 'statement_timeout'), '4321ms');
      assert.equal(await settingOn(hinted, 'statement_timeout'), '4321ms');
      // Inside a transaction the caller sets what it needs: a second connection would escape it.
      await database.db.transaction(async (tx) => {
        assert.equal(indexFirstHandle(tx as unknown as TDb), null);
      });
    } finally {
      await database.close();
      await created.drop();
    }
  });
});

describe('PGlite', { skip: TEST_DRIVER !== 'pglite' }, () => {
  it('has one connection, so no index-first handle: searches set the planner in a transaction', async () => {
    const database = await createTestDatabase('pglite');
    try {
      assert.equal(indexFirstHandle(database.db), null);
    } finally {
      await database.close();
    }
  });
});
