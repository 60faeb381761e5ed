/**
 * The bare-Fastify ceilings of the load test, each in a process of its own (like Maillon's server):
 * Fastify 5 with no plugins, no logger, answering GET /ping with a small JSON — and, when the run's
 * database is given (CEILING_DATABASE_URL for PostgreSQL, CEILING_DATA_DIR for PGlite), GET /row
 * with one primary-key select on it: issue 12's "Fastify + pg, one select" raw ceiling.
 */
import type { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';
import { openPglite } from '../../src/db/client.js';

const QUERY = 'SELECT id FROM users WHERE id = $1';

/** One parameterised query on the run's database, or none when no database is given. */
async function openQuery(): Promise<{
  query: (id: string) => Promise<number>;
  ids: string[];
  close: () => Promise<void>;
} | null> {
  const url = process.env.CEILING_DATABASE_URL;
  const dataDir = process.env.CEILING_DATA_DIR;
  if (url) {
    // A pool of 10 connections, as Maillon's server has.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const ids = (await pool.query<{ id: string }>('SELECT id FROM users LIMIT 200')).rows;
    return {
      query: async (id) => (await pool.query(QUERY, [id])).rowCount ?? 0,
      ids: ids.map((r) => r.id),
      close: () => pool.end(),
    };
  }
  if (dataDir) {
    const database = await openPglite(dataDir);
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const ids = (await client.query<{ id: string }>('SELECT id FROM users LIMIT 200')).rows;
    return {
      query: async (id) => (await client.query(QUERY, [id])).rows.length,
      ids: ids.map((r) => r.id),
      close: () => database.close(),
    };
  }
  return null;
}

const database = await openQuery();
const app = Fastify({ logger: false });
app.get('/ping', async () => ({ status: 'ok' }));
if (database) {
  if (database.ids.length === 0) throw new Error('no users to query');
  let i = 0;
  app.get('/row', async (_request, reply) => {
    const rows = await database.query(database.ids[i++ % database.ids.length]!);
    if (rows !== 1) return reply.code(500).send({ rows });
    return { status: 'ok' };
  });
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => database?.close())
    .then(() => process.exit(0));
});
