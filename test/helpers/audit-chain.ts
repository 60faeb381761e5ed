/**
 * Where the tests that tamper with the audit log find its rows by chain position: a row sealed in
 * place before decision 054 carries its position, a row sealed since is named by its audit_seal
 * row; audit_chain_at() (migration 0045) answers for both.
 */
import { sql, type SQL } from 'drizzle-orm';

/** `seq IN (…)`: the audit_log rows at chain positions from..to (to defaults to from). */
export function atChainPositions(from: number, to: number = from): SQL {
  return sql`seq IN (SELECT c.seq FROM generate_series(${from}::bigint, ${to}::bigint) AS p,
                     LATERAL audit_chain_at(p) AS c)`;
}
