/**
 * The logbook's statements (decision 021). The page is ONE statement with the reader's access
 * facts (decision 019): per category asked, an index probe for the newest entries, and the unread
 * counts per category; the guard then keeps only the categories it allows, so hidden entries are
 * neither returned nor counted.
 */
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { ACCESS_FACT_COLUMNS, type TFactsRow } from '../access/access.repository.js';

const ENTRY_COLUMNS = `e.id, e.category, e.urgent, e.text, e.created_at, e.author_user_id,
  e.reply_to_id, e.corrects_id, au.display_name AS author_name, r.category AS reply_to_category,
  (SELECT k.id FROM logbook_entries k WHERE k.corrects_id = e.id) AS corrected_by_id,
  EXISTS (SELECT 1 FROM logbook_reads rr WHERE rr.entry_id = e.id AND rr.user_id = $1::uuid) AS read_by_me,
  (SELECT coalesce(json_agg(json_build_object('name', u.display_name, 'at', rd.read_at) ORDER BY rd.read_at), '[]'::json)
     FROM logbook_reads rd JOIN users u ON u.id = rd.user_id WHERE rd.entry_id = e.id) AS readers,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name,
            'mimeType', a.mime_type, 'size', a.size) ORDER BY a.created_at, a.id), '[]'::json)
     FROM attachments a WHERE a.owner_table = 'logbook_entries' AND a.owner_id = e.id) AS files`;

/**
 * $1-$3 the actor (factsParams), $4 the person, $5 the categories asked, $6 the cursor entry (or
 * null), $7 how many per category (the page size + 1).
 */
const LOGBOOK_PAGE = statement(
  'logbook_page',
  `SELECT ${ACCESS_FACT_COLUMNS},
     (SELECT coalesce(json_agg(x), '[]'::json) FROM (
        SELECT ${ENTRY_COLUMNS}
          FROM unnest($5::text[]) AS cat(name)
          CROSS JOIN LATERAL (
            SELECT e0.* FROM logbook_entries e0
             WHERE e0.person_id = p.id AND e0.category = cat.name
               AND ($6::uuid IS NULL OR (e0.created_at, e0.id) <
                    (SELECT c.created_at, c.id FROM logbook_entries c
                      WHERE c.id = $6::uuid AND c.person_id = p.id))
             ORDER BY e0.created_at DESC, e0.id DESC
             LIMIT $7::int) e
          LEFT JOIN users au ON au.id = e.author_user_id
          LEFT JOIN logbook_entries r ON r.id = e.reply_to_id) x) AS entries,
     (SELECT coalesce(json_object_agg(u.category, json_build_array(u.n, u.urgent)), '{}'::json) FROM (
        SELECT e.category, count(*)::int AS n, (count(*) FILTER (WHERE e.urgent))::int AS urgent
          FROM logbook_entries e
         WHERE e.person_id = p.id AND e.author_user_id <> $1::uuid
           AND NOT EXISTS (SELECT 1 FROM logbook_reads rr
                            WHERE rr.entry_id = e.id AND rr.user_id = $1::uuid)
         GROUP BY e.category) u) AS unread
   FROM persons p WHERE p.id = $4::uuid`,
);

export type TEntryJson = {
  id: string;
  category: string;
  urgent: boolean;
  text: string;
  created_at: string;
  author_user_id: string;
  reply_to_id: string | null;
  corrects_id: string | null;
  author_name: string | null;
  reply_to_category: string | null;
  corrected_by_id: string | null;
  read_by_me: boolean;
  readers: { name: string; at: string }[];
  files: { id: string; fileName: string; mimeType: string; size: number }[];
};

export type TLogbookPageRow = TFactsRow & {
  entries: TEntryJson[];
  /** category → [unread, of which urgent] */
  unread: Record<string, [number, number]>;
};

export async function readLogbookPage(
  db: TDb,
  params: [string, string | null, Date],
  options: { personId: string; categories: string[]; before: string | null; perCategory: number },
): Promise<TLogbookPageRow | null> {
  const [row] = await runStatement<TLogbookPageRow>(db, LOGBOOK_PAGE, [
    ...params,
    options.personId,
    options.categories,
    options.before,
    options.perCategory,
  ]);
  return row ?? null;
}

const ATTACHMENT_WITH_FACTS = statement(
  'logbook_attachment',
  `SELECT ${ACCESS_FACT_COLUMNS}, a.id AS attachment_id, a.file_name, a.mime_type, a.content,
          e.category
     FROM persons p
     LEFT JOIN attachments a ON a.id = $5::uuid AND a.person_id = p.id
                            AND a.owner_table = 'logbook_entries'
     LEFT JOIN logbook_entries e ON e.id = a.owner_id
    WHERE p.id = $4::uuid`,
);

export type TAttachmentRow = TFactsRow & {
  attachment_id: string | null;
  file_name: string | null;
  mime_type: string | null;
  content: Buffer | Uint8Array | null;
  category: string | null;
};

export async function readAttachment(
  db: TDb,
  params: [string, string | null, Date],
  personId: string,
  attachmentId: string,
): Promise<TAttachmentRow | null> {
  const [row] = await runStatement<TAttachmentRow>(db, ATTACHMENT_WITH_FACTS, [
    ...params,
    personId,
    attachmentId,
  ]);
  return row ?? null;
}

const TARGET_ENTRY = statement(
  'logbook_target_entry',
  `SELECT e.id, e.category, e.author_user_id,
          EXISTS (SELECT 1 FROM logbook_entries k WHERE k.corrects_id = e.id) AS corrected
     FROM logbook_entries e WHERE e.id = $1::uuid AND e.person_id = $2::uuid`,
);

export type TTargetEntry = {
  id: string;
  category: string;
  author_user_id: string;
  corrected: boolean;
};

/** An entry of this person that a new one answers or corrects. */
export async function findTargetEntry(
  db: TDb,
  personId: string,
  entryId: string,
): Promise<TTargetEntry | null> {
  const [row] = await runStatement<TTargetEntry>(db, TARGET_ENTRY, [entryId, personId]);
  return row ?? null;
}

const INSERT_ENTRY = statement(
  'logbook_insert_entry',
  `WITH e AS (
     INSERT INTO logbook_entries (person_id, category, urgent, text, author_user_id,
                                  author_member_id, reply_to_id, corrects_id)
     VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6::uuid, $7::uuid, $8::uuid)
     RETURNING id, created_at),
   r AS (INSERT INTO logbook_reads (entry_id, user_id, read_at)
         SELECT id, $5::uuid, created_at FROM e)
   SELECT id, created_at FROM e`,
);

/** Writes an entry with its author's read receipt (they have read what they wrote). */
export async function insertEntry(
  tx: TDb,
  values: {
    personId: string;
    category: string;
    urgent: boolean;
    text: string;
    authorUserId: string;
    authorMemberId: string | null;
    replyToId: string | null;
    correctsId: string | null;
  },
): Promise<{ id: string; created_at: Date }> {
  const [row] = await runStatement<{ id: string; created_at: Date }>(tx, INSERT_ENTRY, [
    values.personId,
    values.category,
    values.urgent,
    values.text,
    values.authorUserId,
    values.authorMemberId,
    values.replyToId,
    values.correctsId,
  ]);
  return row!;
}

const MARK_READ = statement(
  'logbook_mark_read',
  `INSERT INTO logbook_reads (entry_id, user_id)
   SELECT e.id, $1::uuid FROM logbook_entries e
    WHERE e.id = ANY($2::uuid[]) AND e.person_id = $3::uuid AND e.category = ANY($4::text[])
   ON CONFLICT DO NOTHING
   RETURNING entry_id`,
);

/** My read receipts on the entries given, of the categories I may see; returns how many are new. */
export async function markRead(
  tx: TDb,
  userId: string,
  personId: string,
  entryIds: string[],
  categories: string[],
): Promise<number> {
  const rows = await runStatement(tx, MARK_READ, [userId, entryIds, personId, categories]);
  return rows.length;
}

const TEAM_ACCOUNTS = statement(
  'logbook_team_accounts',
  `SELECT u.id AS user_id, u.role, t.relation, coalesce(t.medical_access, false) AS medical_access,
          EXISTS (SELECT 1 FROM sharing_objections o WHERE o.person_id = $1::uuid
                     AND o.member_id = t.member_id AND o.withdrawn_at IS NULL) AS objected
     FROM (SELECT m.member_id, 'team_member' AS relation, bool_or(m.medical_access) AS medical_access
             FROM care_team_members m
            WHERE m.person_id = $1::uuid AND (m.until IS NULL OR m.until > $2::timestamptz)
            GROUP BY m.member_id
           UNION ALL
           SELECT p.case_manager_id, 'case_manager', NULL FROM persons p
            WHERE p.id = $1::uuid AND p.case_manager_id IS NOT NULL) t
     JOIN users u ON u.member_id = t.member_id AND u.status <> 'disabled'`,
);

export type TTeamAccount = {
  user_id: string;
  role: string;
  relation: 'team_member' | 'case_manager';
  medical_access: boolean;
  objected: boolean;
};

/** The accounts of the person's current care team and case manager, with their access facts. */
export function listTeamAccounts(db: TDb, personId: string, now: Date) {
  return runStatement<TTeamAccount>(db, TEAM_ACCOUNTS, [personId, now]);
}
