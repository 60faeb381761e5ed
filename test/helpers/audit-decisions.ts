/**
 * The audited decisions about people, one row per decision as the tests read them: the rows
 * naming a person (person_id), and each person's own decision in each list read's row (decision
 * 056: one audit row per list, each person's decision in details.listed).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';

export type TAuditDecision = {
  seq: number;
  action: string;
  personId: string | null;
  requestId: string | null;
  outcome: string;
  reason: string | null;
  breakGlass: string | null;
  details: Record<string, unknown> | null;
  /** Whether it came from a list read's row. */
  listed: boolean;
};

/** In the order written; only those matching every filter given. */
export async function auditDecisions(
  db: TDb,
  filter: { personId?: string; requestId?: string; action?: string },
): Promise<TAuditDecision[]> {
  const where = (person: SQL, requestId: SQL, action: SQL) =>
    sql.join(
      [
        sql`TRUE`,
        ...(filter.personId ? [sql`${person} = ${filter.personId.toLowerCase()}`] : []),
        ...(filter.requestId ? [sql`${requestId} = ${filter.requestId}`] : []),
        ...(filter.action ? [sql`${action} = ${filter.action}`] : []),
      ],
      sql` AND `,
    );
  const result = (await db.execute(sql`
    SELECT seq, action, person_id::text AS "personId", request_id AS "requestId", outcome, reason,
           break_glass AS "breakGlass", details, FALSE AS listed
      FROM audit_log
     WHERE NOT (details ? 'listed') AND person_id IS NOT NULL
       AND ${where(sql`person_id::text`, sql`request_id`, sql`action`)}
    UNION ALL
    SELECT a.seq, a.action, l->>'personId', a.request_id, l->>'outcome', l->>'reason',
           l->>'breakGlass', a.details - 'listed', TRUE
      FROM audit_log a CROSS JOIN LATERAL jsonb_array_elements(a.details->'listed') AS l
     WHERE a.details ? 'listed'
       AND ${where(sql`l->>'personId'`, sql`a.request_id`, sql`a.action`)}
    ORDER BY seq`)) as { rows: (Omit<TAuditDecision, 'seq'> & { seq: number | string })[] };
  return result.rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

/** The decisions about one person, in the order written; only `action`'s when given. */
export const auditDecisionsAbout = (db: TDb, personId: string, action?: string) =>
  auditDecisions(db, { personId, ...(action === undefined ? {} : { action }) });
