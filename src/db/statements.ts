import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { TDb } from './client.js';

/**
 * A hot statement written as plain SQL: the request path's few queries (session, access facts,
 * a person's page) skip Drizzle's query building, which cost a quarter of the server's CPU, and
 * on PostgreSQL they are prepared once per connection under their name (parsed and planned once,
 * then only bound and executed). Every name must be unique: pg refuses one name for two texts.
 */
export type TStatement = { readonly name: string; readonly text: string };

/** Declares a named statement (kept as a module constant, so it is built once). */
export function statement(name: string, text: string): TStatement {
  return { name, text };
}

type TPgQueryable = pg.Pool | pg.PoolClient | pg.Client;
type TPgliteQueryable = PGlite | Transaction;

/**
 * The driver's own client behind a Drizzle handle: the pool or PGlite for the root database, the
 * connection (pg) or transaction object (PGlite) for an open transaction. Drizzle keeps it on the
 * handle's session; it has no public accessor for a transaction's.
 */
function clientOf(db: TDb): TPgQueryable | TPgliteQueryable {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('not a Drizzle database or transaction handle');
  return client as TPgQueryable | TPgliteQueryable;
}

const isPg = (client: TPgQueryable | TPgliteQueryable): client is TPgQueryable =>
  client instanceof pg.Pool || client instanceof pg.Client;

/**
 * Runs a named statement on the database or in the open transaction `db`, and returns its rows
 * as the driver parses them (both drivers give the same values for the types the statements
 * return: text, uuid, boolean, integer, timestamptz as Date, json parsed; a date is cast to text).
 */
export async function runStatement<TRow>(
  db: TDb,
  { name, text }: TStatement,
  values: readonly unknown[],
): Promise<TRow[]> {
  const client = clientOf(db);
  if (isPg(client)) {
    const result = await client.query({ name, text, values: [...values] });
    return result.rows as TRow[];
  }
  // PGlite has no named statements; it is in-process, so there is no round trip to save.
  const result = await client.query<TRow>(text, [...values]);
  return result.rows;
}
