/**
 * The fixture of npm run bench:agenda (issue 16): `members` directory members in organisations of
 * ten, `loginCount` of them with a login, 80 % with a recorded week (Monday–Friday 08:00–12:00 and
 * 13:30–18:00; the others on the default week), three absences a year each, and `appointments`
 * appointments over a year around today: four a working day for their first participant (08:30,
 * 10:00, 14:00, 16:00 local, one hour, shifted a quarter by member), a second participant on one
 * in three, 5 % cancelled, past ones done. Written in bulk SQL (generate_series, one INSERT … SELECT
 * a table) in one transaction: the participants' copy of start, end and status is taken from the
 * same temporary rows as the appointment, which is what insertAppointment guarantees in the app.
 */
import { sql } from 'drizzle-orm';
import type { TDb } from '../../src/db/client.js';
import { runStatement, statement } from '../../src/db/statements.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import type { TLoadLogin } from '../load/data.js';

export const BENCH_PASSWORD = 'bench-agenda-password-2026';
/** Appointments a working day for each member as first participant. */
const PER_DAY = 4;

const TABLES = [
  'members',
  'member_organisations',
  'working_hours',
  'absences',
  'appointments',
  'appointment_participants',
] as const;

export type TAgendaFixture = {
  logins: TLoadLogin[];
  /** Every member id, for the free-slot search's participants. */
  memberIds: string[];
  /** The Monday (YYYY-MM-DD, local) the year of appointments starts on. */
  firstMonday: string;
  weeks: number;
  rows: Record<string, number>;
};

const count = async (db: TDb, table: string) =>
  (
    await runStatement<{ n: number }>(
      db,
      statement(`count_${table}`, `SELECT count(*)::int AS n FROM ${table}`),
      [],
    )
  )[0]!.n;

/** Fills the fixture; the database must be freshly migrated and empty. */
export async function generateAgendaFixture(
  db: TDb,
  options: { members: number; appointments: number; loginCount: number; timeZone: string },
): Promise<TAgendaFixture> {
  const M = options.members;
  const A = options.appointments;
  const L = Math.min(options.loginCount, M);
  const perMember = Math.ceil(A / M);
  const days = Math.ceil(perMember / PER_DAY);
  const weeks = Math.ceil(days / 5);
  const hash = await hashPassword(BENCH_PASSWORD);
  const tz = options.timeZone.replace(/'/g, '');
  const [first] = await runStatement<{ monday: string }>(
    db,
    statement(
      'bench_agenda_monday',
      `SELECT to_char(date_trunc('week', now() AT TIME ZONE '${tz}') - interval '${Math.floor(weeks / 2)} weeks', 'YYYY-MM-DD') AS monday`,
    ),
    [],
  );
  const monday = first!.monday;
  const steps = [
    `CREATE TEMP TABLE bm ON COMMIT DROP AS SELECT i, gen_random_uuid() AS member_id,
       gen_random_uuid() AS user_id FROM generate_series(0, ${M - 1}) i`,
    `CREATE TEMP TABLE bo ON COMMIT DROP AS SELECT o, gen_random_uuid() AS id
       FROM generate_series(0, ${Math.ceil(M / 10) - 1}) o`,
    `INSERT INTO organisations (id, name, type) SELECT id, 'Structure ' || o,
       (ARRAY['msp','ssiad','hospital','cpts'])[o % 4 + 1] FROM bo`,
    `INSERT INTO members (id, first_name, last_name, profession)
       SELECT member_id, 'Alex', 'Agenda-' || lpad(i::text, 5, '0'),
              (ARRAY['Infirmier','Médecin généraliste','Aide à domicile','Kinésithérapeute'])[i % 4 + 1]
         FROM bm`,
    `INSERT INTO member_organisations (member_id, organisation_id, can_edit_services)
       SELECT member_id, bo.id, i % 10 = 0 FROM bm JOIN bo ON bo.o = bm.i / 10`,
    `INSERT INTO users (id, email, display_name, role, status, member_id, password_hash)
       SELECT user_id, 'ag' || i || '@bench.invalid', 'Alex Agenda-' || i, 'professional',
              'active', member_id, '${hash}' FROM bm WHERE i < ${L}`,
    `INSERT INTO working_hours (member_id, weekday, start_minute, end_minute)
       SELECT member_id, d, r.s, r.e FROM bm CROSS JOIN generate_series(1, 5) d
         CROSS JOIN (VALUES (480, 720), (810, 1080)) r(s, e) WHERE i % 5 <> 0`,
    `INSERT INTO absences (member_id, starts_at, ends_at, kind, label)
       SELECT member_id,
              ((date '${monday}' + ((i * 7 + k * 97) % (${weeks * 7}))) AT TIME ZONE '${tz}'),
              ((date '${monday}' + ((i * 7 + k * 97) % (${weeks * 7})) + (1 + k * 2)) AT TIME ZONE '${tz}'),
              (ARRAY['leave','training','other'])[k + 1], NULL
         FROM bm CROSS JOIN generate_series(0, 2) k`,
    // n: the appointment; its first participant n % M; its k-th for that member, k = n / M.
    `CREATE TEMP TABLE ba ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS id, n % ${M} AS first, starts_at,
              starts_at + interval '1 hour' AS ends_at,
              CASE WHEN n % 20 = 0 THEN 'cancelled' WHEN starts_at < now() THEN 'done'
                   WHEN n % 2 = 0 THEN 'confirmed' ELSE 'planned' END AS status
         FROM generate_series(0, ${A - 1}) n,
         LATERAL (SELECT n / ${M} AS k) kk,
         LATERAL (SELECT ((date '${monday}' + ((k / ${PER_DAY}) / 5) * 7 + (k / ${PER_DAY}) % 5)
                   + (ARRAY[time '08:30', time '10:00', time '14:00', time '16:00'])[k % ${PER_DAY} + 1]
                   + ((n % ${M}) % 4) * interval '15 minutes') AT TIME ZONE '${tz}' AS starts_at) s`,
    `INSERT INTO appointments (id, kind, status, place, starts_at, ends_at, title, organiser_member_id)
       SELECT ba.id, (ARRAY['home_visit','home_visit','consultation','assessment','meeting'])[n % 5 + 1],
              status, CASE WHEN n % 5 < 2 THEN 'home' ELSE 'organisation' END, starts_at, ends_at,
              'Passage', bm.member_id FROM ba JOIN bm ON bm.i = ba.first`,
    `INSERT INTO appointment_participants (appointment_id, member_id, starts_at, ends_at, status, response)
       SELECT ba.id, bm.member_id, starts_at, ends_at, status, 'accepted'
         FROM ba JOIN bm ON bm.i = ba.first
       UNION ALL
       SELECT ba.id, bm.member_id, starts_at, ends_at, status, 'needs_action'
         FROM ba JOIN bm ON bm.i = (ba.first * 7 + 13) % ${M}
        WHERE n % 3 = 0 AND (ba.first * 7 + 13) % ${M} <> ba.first`,
  ];
  await db.transaction(async (tx) => {
    for (const step of steps) await tx.execute(sql.raw(step));
  });
  for (const table of TABLES) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
  return readAgendaFixture(db, options.timeZone);
}

/** What the bench needs of a fixture already written (after generation, or a --reuse run). */
export async function readAgendaFixture(db: TDb, timeZone: string): Promise<TAgendaFixture> {
  const tz = timeZone.replace(/'/g, '');
  const [span] = await runStatement<{ monday: string; weeks: number }>(
    db,
    statement(
      'bench_agenda_span',
      `SELECT to_char(date_trunc('week', min(starts_at) AT TIME ZONE '${tz}'), 'YYYY-MM-DD') AS monday,
              ceil(extract(epoch FROM max(starts_at) - min(starts_at)) / 604800)::int AS weeks
         FROM appointments`,
    ),
    [],
  );
  const logins = await runStatement<{ email: string; member_id: string }>(
    db,
    statement(
      'bench_agenda_logins',
      `SELECT email, member_id FROM users WHERE email LIKE 'ag%@bench.invalid' ORDER BY email`,
    ),
    [],
  );
  const memberIds = await runStatement<{ id: string }>(
    db,
    statement('bench_agenda_members', `SELECT id FROM members ORDER BY id`),
    [],
  );
  const rows: Record<string, number> = {};
  for (const table of TABLES) rows[table] = await count(db, table);
  return {
    logins: logins.map((row) => ({
      email: row.email,
      password: BENCH_PASSWORD,
      role: 'professional',
      memberId: row.member_id,
    })),
    memberIds: memberIds.map((row) => row.id),
    firstMonday: span!.monday,
    weeks: span!.weeks,
    rows,
  };
}
