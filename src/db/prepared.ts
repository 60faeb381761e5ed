import type { TDb } from './client.js';

const preparedByDb = new WeakMap<object, Map<string, unknown>>();

/**
 * The prepared statement `name` of this database handle, built once (decisions 043, 051): Drizzle
 * builds its text once, and PostgreSQL parses and plans it once per connection instead of on
 * every request.
 */
export function preparedOn<T>(db: TDb, name: string, build: (db: TDb) => T): T {
  let statements = preparedByDb.get(db);
  if (!statements) preparedByDb.set(db, (statements = new Map<string, unknown>()));
  let found = statements.get(name) as T | undefined;
  if (found === undefined) statements.set(name, (found = build(db)));
  return found;
}
