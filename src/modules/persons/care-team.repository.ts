import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';

const CARE_TEAM_HISTORY = statement(
  'care_team_history',
  `SELECT c.id, c.member_id, m.first_name, m.last_name, m.profession, c.role, c.role_title,
          c.medical_access, c.since, c.until
     FROM care_team_members c JOIN members m ON m.id = c.member_id
    WHERE c.person_id = $1::uuid
    ORDER BY (c.until IS NULL OR c.until > $2::timestamptz) DESC, c.since DESC, c.id
    LIMIT 200`,
);

export type TCareTeamHistoryRow = {
  id: string;
  member_id: string;
  first_name: string;
  last_name: string;
  profession: string;
  role: string;
  role_title: string | null;
  medical_access: boolean;
  since: Date;
  until: Date | null;
};

/** Every membership of the person's care team, current ones first, then the ended ones. */
export function listCareTeamHistory(db: TDb, personId: string, now: Date) {
  return runStatement<TCareTeamHistoryRow>(db, CARE_TEAM_HISTORY, [personId, now]);
}
