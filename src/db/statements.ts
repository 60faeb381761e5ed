import { parse, protocol, type PGlite, type Transaction } from '@electric-sql/pglite';
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
  if ('_runExclusiveQuery' in client) {
    return runNamedOnPglite<TRow>(client, { name, text }, values);
  }
  // In an open PGlite transaction: its own query (the transaction already holds the database).
  const result = await client.query<TRow>(text, [...values]);
  return result.rows;
}

/** The statements parsed so far on each PGlite database, by name: their parameters' types. */
const preparedOnPglite = new WeakMap<PGlite, Map<string, number[]>>();

/**
 * A named statement on PGlite (decision 042): PGlite's `query` parses, analyses and plans its
 * text afresh on every call, and for a person's page that was most of the request's CPU (about
 * 3 ms of 4, the embedded database being WebAssembly). Here the text is parsed once per database
 * under its name (the wire protocol's Parse, as pg does on a connection), then each call only
 * binds and executes it — the same messages, locks and file sync as PGlite's own `query`
 * (it runs alone, after any open transaction, and the data folder is synced when it ends).
 */
async function runNamedOnPglite<TRow>(
  pglite: PGlite,
  { name, text }: TStatement,
  values: readonly unknown[],
): Promise<TRow[]> {
  const { serialize } = protocol;
  const send = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });
  return pglite._runExclusiveTransaction(() =>
    pglite._runExclusiveQuery(async () => {
      let prepared = preparedOnPglite.get(pglite);
      if (!prepared) preparedOnPglite.set(pglite, (prepared = new Map<string, number[]>()));
      const messages: Awaited<ReturnType<PGlite['execProtocolStream']>> = [];
      try {
        let types = prepared.get(name);
        if (!types) {
          await send(serialize.parse({ name, text }));
          const described = await send(serialize.describe({ type: 'S', name }));
          types = parse.parseDescribeStatementResults(described);
          prepared.set(name, types);
        }
        const paramTypes = types;
        const params = values.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = pglite.serializers[paramTypes[i]!];
          // as PGlite's own query does: the type's serializer, else the value's own text
          // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a primitive or a Date here
          return serializer ? serializer(value) : String(value);
        });
        messages.push(
          ...(await send(serialize.bind({ statement: name, values: params }))),
          ...(await send(serialize.describe({ type: 'P' }))),
          ...(await send(serialize.execute({}))),
        );
      } finally {
        messages.push(...(await send(serialize.sync())));
      }
      await pglite.syncToFs();
      return parse.parseResults(messages, pglite.parsers)[0]!.rows as TRow[];
    }),
  );
}
