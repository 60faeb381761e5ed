/**
 * The timeline's one query (decision 018): a person's pathway events of the categories the reader
 * may see, newest first, paged by keyset on (at, id) — the index pathway_events_person_at_idx
 * (person_id, at, id) serves both pages, read backwards, so a page costs the same deep in the past.
 */
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';

// The member an event is about (a team change), by primary key: the guard on the uuid shape keeps
// a malformed id from failing the cast.
const COLUMNS = `e.id, e.kind, e.at, e.category, e.source_table, e.source_id, e.data,
       u.display_name AS actor_name,
       (SELECT m.first_name || ' ' || m.last_name FROM members m
         WHERE m.id = CASE WHEN e.data->>'memberId' ~ '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                           THEN (e.data->>'memberId')::uuid END) AS member_name`;

const FIRST_PAGE = statement(
  'timeline_first_page',
  `SELECT ${COLUMNS}
     FROM pathway_events e LEFT JOIN users u ON u.id = e.actor_user_id
    WHERE e.person_id = $1::uuid AND e.category = ANY($2::text[])
    ORDER BY e.at DESC, e.id DESC
    LIMIT $3::int`,
);

// The cursor is the last event shown; its (at, id) is read back here rather than sent by the
// client, so the microseconds of `at` are never lost in a round trip through JavaScript.
const NEXT_PAGE = statement(
  'timeline_next_page',
  `SELECT ${COLUMNS}
     FROM pathway_events e LEFT JOIN users u ON u.id = e.actor_user_id
    WHERE e.person_id = $1::uuid AND e.category = ANY($2::text[])
      AND (e.at, e.id) < (SELECT c.at, c.id FROM pathway_events c
                            WHERE c.id = $4::bigint AND c.person_id = $1::uuid)
    ORDER BY e.at DESC, e.id DESC
    LIMIT $3::int`,
);

export type TTimelineRow = {
  id: string | number;
  kind: string;
  at: Date;
  category: string;
  source_table: string;
  source_id: string;
  data: Record<string, unknown> | null;
  actor_name: string | null;
  member_name: string | null;
};

/** One page of a person's events in the given categories, older than the event `before`. */
export function listTimelineEvents(
  db: TDb,
  options: { personId: string; categories: string[]; before?: number | undefined; limit: number },
): Promise<TTimelineRow[]> {
  const params = [options.personId, options.categories, options.limit];
  return options.before === undefined
    ? runStatement<TTimelineRow>(db, FIRST_PAGE, params)
    : runStatement<TTimelineRow>(db, NEXT_PAGE, [...params, options.before]);
}
