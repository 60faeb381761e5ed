/**
 * The fixture of npm run bench:caseload: `managers` case managers (coordinators with a login and a
 * member profile), each following `perManager` persons, with their pathways, care teams (3 in
 * place, 7 who left), a case-manager history row, plans of three versions (ZPlanContent-checked
 * documents), and a timeline of 29 pathway events a person (opened, assigned, 3 transitions, 10
 * joined, 7 left, 4 levels computed, 3 plan versions); plus unassigned open pathways for the
 * board. Written in bulk SQL (generate_series) in one transaction: a benchmark fixture, not a
 * workflow test — no assessments rows (the level route then answers "no level"), the directory's
 * search tables are not filled for these members, and the audit log starts empty.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { runStatement, statement } from '../../src/db/statements.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import { ZPlanContent } from '../../src/modules/plans/plans.schemas.js';
import type { TLoadLogin } from '../load/data.js';

export const BENCH_PASSWORD = 'bench-caseload-password-2026';
export const EVENTS_PER_PERSON = 29;

/** The tables the fixture fills (vacuumed, then counted for the report). */
const TABLES = [
  'persons',
  'pathways',
  'care_team_members',
  'pathway_events',
  'care_plans',
  'care_plan_versions',
] as const;

export type TCaseloadFixture = {
  logins: (TLoadLogin & { persons: string[] })[];
  coordinatorLogin: TLoadLogin;
  persons: number;
  rows: Record<string, number>;
};

/** Three versions of one plan: the same need, goal and action ids, the text moving on. */
function planVersions(): unknown[] {
  const needId = randomUUID();
  const goalId = randomUUID();
  const actionId = randomUUID();
  return [1, 2, 3].map((version) =>
    ZPlanContent.parse({
      situation: `Vit seule à domicile, aidée par sa fille (version ${version}).`,
      wishes: 'Rester chez elle le plus longtemps possible.',
      priorities: 'Sécuriser le domicile, soulager l’aidante.',
      needs: [{ id: needId, code: 'residence', text: 'Escaliers sans rampe, chutes.' }],
      goals: [
        {
          id: goalId,
          needId,
          code: 'status',
          baseline: 2,
          target: version + 1,
          text: 'Aucune chute dans les trois mois',
        },
      ],
      actions: [
        {
          id: actionId,
          goalId,
          category: 'case_management',
          target: 'durable_medical_equipment',
          text: 'Demande d’aménagement du logement',
          status: version === 3 ? 'done' : 'in_progress',
        },
      ],
    }),
  );
}

const count = async (db: TDb, table: string) =>
  (
    await runStatement<{ n: number }>(
      db,
      statement(`count_${table}`, `SELECT count(*)::int AS n FROM ${table}`),
      [],
    )
  )[0]!.n;

/** Fills the fixture; the database must be freshly migrated and empty. */
export async function generateCaseloadFixture(
  db: TDb,
  options: { managers: number; perManager: number },
): Promise<TCaseloadFixture> {
  const { managers: M, perManager: P } = options;
  const pros = Math.max(20, M * 2);
  const unassigned = Math.max(5, Math.round(M / 2));
  const hash = await hashPassword(BENCH_PASSWORD);
  const plans = planVersions();
  const steps = [
    `CREATE TEMP TABLE bm ON COMMIT DROP AS SELECT i, gen_random_uuid() AS member_id,
       gen_random_uuid() AS user_id FROM generate_series(1, ${M}) i`,
    `INSERT INTO members (id, first_name, last_name, profession, email)
       SELECT member_id, 'Camille', 'Gestion-' || lpad(i::text, 4, '0'), 'Gestionnaire de cas',
              'gc' || i || '@bench.invalid' FROM bm`,
    `INSERT INTO users (id, email, display_name, role, status, member_id, password_hash)
       SELECT user_id, 'gc' || i || '@bench.invalid', 'Camille Gestion-' || i, 'coordinator',
              'active', member_id, '${hash}' FROM bm`,
    `CREATE TEMP TABLE bpro ON COMMIT DROP AS SELECT i, gen_random_uuid() AS member_id
       FROM generate_series(0, ${pros - 1}) i`,
    `INSERT INTO members (id, first_name, last_name, profession)
       SELECT member_id, 'Alex', 'Soignant-' || lpad(i::text, 4, '0'),
              (ARRAY['Infirmier','Médecin généraliste','Aide à domicile','Pharmacien'])[i % 4 + 1]
         FROM bpro`,
    // Persons: n = 1..M*P followed (manager (n-1)/P + 1), then the unassigned ones.
    `CREATE TEMP TABLE bp ON COMMIT DROP AS
       SELECT n, m.member_id AS manager_id, m.user_id, gen_random_uuid() AS person_id,
              gen_random_uuid() AS pathway_id, gen_random_uuid() AS plan_id,
              now() - interval '400 days' + (n % 50) * interval '1 hour' AS t0
         FROM generate_series(1, ${M * P + unassigned}) n
         LEFT JOIN bm m ON m.i = (n - 1) / ${P} + 1 AND n <= ${M * P}`,
    `INSERT INTO persons (id, first_name, last_name, birth_date, commune, case_manager_id, created_at)
       SELECT person_id, (ARRAY['Jeanne','Marcel','Odette','Henri','Simone','Louis','Yvette',
              'Roger','Paulette','André'])[n % 10 + 1], 'Personne-' || lpad(n::text, 6, '0'),
              date '1930-01-01' + (n * 37 % 9000), 'Commune ' || (n % 60), manager_id, t0 FROM bp`,
    `INSERT INTO pathways (id, person_id, state, opened_at, opened_by_user_id, state_since,
              state_by_user_id, close_reason, level, expected_end)
       SELECT pathway_id, person_id, s.state, t0, user_id, t0 + interval '200 days', user_id,
              CASE WHEN s.state = 'closed' THEN 'goals_met' END,
              CASE WHEN s.state <> 'assessing' THEN (ARRAY['liaison','coordination','integration'])[n % 3 + 1] END,
              CASE WHEN s.state = 'suspended' THEN (now() + interval '30 days')::date END
         FROM bp, LATERAL (SELECT CASE WHEN manager_id IS NULL THEN 'assessing'
              WHEN n % 40 = 0 THEN 'closed' WHEN n % 20 = 0 THEN 'suspended'
              ELSE 'active' END AS state) s`,
    `CREATE TEMP TABLE bh ON COMMIT DROP AS SELECT bp.*, gen_random_uuid() AS history_id
       FROM bp WHERE manager_id IS NOT NULL`,
    `INSERT INTO pathway_history (id, person_id, kind, to_member_id, by_user_id, at)
       SELECT history_id, person_id, 'case_manager', manager_id, user_id, t0 + interval '1 day'
         FROM bh`,
    // Care teams: 10 places a person, the first 3 in place, the others left after 30 days.
    `CREATE TEMP TABLE bct ON COMMIT DROP AS
       SELECT bh.person_id, bh.user_id, bh.t0, k, gen_random_uuid() AS id,
              pro.member_id, (ARRAY['gp','home_nurse','pharmacist','home_aide','social_worker'])[k % 5 + 1] AS role,
              bh.t0 + (k * 20) * interval '1 day' AS since
         FROM bh CROSS JOIN generate_series(1, 10) k
         JOIN bpro pro ON pro.i = (bh.n * 7 + k) % ${pros}`,
    `INSERT INTO care_team_members (id, person_id, member_id, role, since, until)
       SELECT id, person_id, member_id, role, since,
              CASE WHEN k > 3 THEN since + interval '30 days' END FROM bct`,
    `INSERT INTO care_plans (id, person_id, current_version, last_reviewed_at, created_at, updated_at)
       SELECT plan_id, person_id, 3, t0 + interval '300 days', t0 + interval '10 days',
              t0 + interval '300 days' FROM bh`,
    `INSERT INTO care_plan_versions (plan_id, version, content, is_review, saved_by, saved_at)
       SELECT plan_id, v, (ARRAY['${JSON.stringify(plans[0])}'::jsonb, '${JSON.stringify(plans[1])}'::jsonb,
              '${JSON.stringify(plans[2])}'::jsonb])[v], v <> 2, user_id, t0 + (v * 100) * interval '1 day'
         FROM bh CROSS JOIN generate_series(1, 3) v`,
    // The timeline, oldest first (identity ids follow the time order, as in the app).
    `INSERT INTO pathway_events (person_id, kind, at, actor_user_id, category, source_table, source_id, data)
       SELECT person_id, 'pathway.opened', t0, user_id, 'administrative', 'pathways', pathway_id::text,
              '{}'::jsonb FROM bp
       UNION ALL
       SELECT person_id, 'case_manager.assigned', t0 + interval '1 day', user_id, 'administrative',
              'pathway_history', history_id::text,
              jsonb_build_object('fromMemberId', null, 'toMemberId', manager_id, 'forced', false) FROM bh
       UNION ALL
       SELECT person_id, 'pathway.transition', t0 + (2 + x * 90) * interval '1 day', user_id,
              'administrative', 'pathway_history', history_id::text,
              jsonb_build_object('from', (ARRAY['assessing','active','suspended'])[x + 1],
                                 'to', (ARRAY['active','suspended','active'])[x + 1])
         FROM bh CROSS JOIN generate_series(0, 2) x
       UNION ALL
       SELECT person_id, 'care_team.joined', since, user_id, 'identity', 'care_team_members', id::text,
              jsonb_build_object('memberId', member_id, 'role', role) FROM bct
       UNION ALL
       SELECT person_id, 'care_team.left', since + interval '30 days', user_id, 'identity',
              'care_team_members', id::text, jsonb_build_object('memberId', member_id, 'role', role)
         FROM bct WHERE k > 3
       UNION ALL
       SELECT person_id, 'level.computed', t0 + (5 + x * 80) * interval '1 day', user_id, 'social',
              'assessments', gen_random_uuid()::text,
              jsonb_build_object('level', (ARRAY['liaison','coordination','integration'])[(n + x) % 3 + 1],
                                 'previousLevel', CASE WHEN x > 0 THEN (ARRAY['liaison','coordination','integration'])[(n + x - 1) % 3 + 1] END)
         FROM bh CROSS JOIN generate_series(0, 3) x
       UNION ALL
       SELECT person_id, 'plan.version_saved', t0 + (v * 100) * interval '1 day', user_id, 'social',
              'care_plans', plan_id::text, jsonb_build_object('version', v, 'review', v <> 2)
         FROM bh CROSS JOIN generate_series(1, 3) v
       ORDER BY 3`,
  ];
  await db.transaction(async (tx) => {
    for (const step of steps) await tx.execute(sql.raw(step));
  });
  // A live database's autovacuum keeps the visibility map and statistics: index-only scans.
  for (const table of TABLES) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
  const managerRows = await runStatement<{ email: string; member_id: string; persons: string[] }>(
    db,
    statement(
      'bench_managers',
      `SELECT u.email, u.member_id, array_agg(p.id::text ORDER BY p.id) AS persons
         FROM users u JOIN persons p ON p.case_manager_id = u.member_id
         JOIN pathways pw ON pw.person_id = p.id AND pw.state <> 'closed'
        WHERE u.email LIKE 'gc%@bench.invalid'
        GROUP BY u.email, u.member_id ORDER BY u.email`,
    ),
    [],
  );
  const logins = managerRows.map((row) => ({
    email: row.email,
    password: BENCH_PASSWORD,
    role: 'coordinator',
    memberId: row.member_id,
    persons: row.persons,
  }));
  const rows: Record<string, number> = {};
  for (const table of TABLES) rows[table] = await count(db, table);
  return {
    logins,
    coordinatorLogin: logins[0]!,
    persons: rows.persons!,
    rows,
  };
}
