import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import type { TDatabase } from '../src/db/client.js';
import { verifyPassword } from '../src/modules/accounts/passwords.js';
import { findUserByEmail } from '../src/modules/accounts/users.repository.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import {
  ORGANISATION_TYPE_CODES,
  PROFESSION_CODES,
} from '../src/modules/directory/directory.vocabulary.js';
import { generateRegion, type TRegionReport } from '../scripts/region/generate.js';
import { planRegion } from '../scripts/region/region.plan.js';
import { createTestDatabase } from './helpers/database.js';

const SEED = 7;
// The promises of the test names, stated here rather than read from the generator's own constants
// (a changed constant must fail these tests, not move them along).
const SMALL = { organisations: 20, members: 80, persons: 60 };
const REGION_PERSONS = 20_000;
const CASELOAD_MAX = 40;
const TEAM_SIZE = { min: 3, max: 8 };
const LISTED_CASE_MANAGERS = 20;

/** Raw SQL rows; PGlite and node-postgres both answer { rows }. */
const rowsOf = async <T>(database: TDatabase, query: SQL) =>
  ((await database.db.execute(query)) as { rows: T[] }).rows;

/** A digest of who is in the region: member, organisation and person names, sorted. */
async function digestOf(database: TDatabase): Promise<string> {
  const lines = await rowsOf<{ line: string }>(
    database,
    sql`SELECT line FROM (
      SELECT 'member ' || first_name || ' ' || last_name || ' ' || profession AS line FROM members
      UNION ALL SELECT 'organisation ' || name || ' ' || type FROM organisations
      UNION ALL SELECT 'person ' || p.first_name || ' ' || p.last_name || ' ' || p.birth_date || ' '
        || p.commune || ' ' || m.first_name || ' ' || m.last_name
        FROM persons p JOIN members m ON m.id = p.case_manager_id
    ) x ORDER BY line COLLATE "C"`,
  );
  return createHash('sha256')
    .update(lines.map((l) => l.line).join('\n'))
    .digest('hex');
}

describe('synthetic region generator, small scale', () => {
  let database: TDatabase;
  let report: TRegionReport;
  before(async () => {
    database = await createTestDatabase(); // in-memory PGlite unless the run targets PostgreSQL
    report = await generateRegion(database.db, { scale: 'small', seed: SEED });
  });
  after(() => database.close());

  it('generates the counts of the small scale and reports them', async (t) => {
    t.diagnostic(
      `small scale generated in ${Math.round(report.ms)} ms: ${JSON.stringify(report.rows)}`,
    );
    assert.equal(report.rows.organisations, SMALL.organisations);
    assert.equal(report.rows.members, SMALL.members);
    assert.equal(report.rows.persons, SMALL.persons);
    assert.ok(report.rows.services! >= SMALL.organisations, `services: ${report.rows.services}`);
    const [counted] = await rowsOf<{
      organisations: number;
      members: number;
      persons: number;
      team: number;
      audit: number;
    }>(
      database,
      sql`SELECT (SELECT count(*)::int FROM organisations) AS organisations,
        (SELECT count(*)::int FROM members) AS members,
        (SELECT count(*)::int FROM persons) AS persons,
        (SELECT count(*)::int FROM care_team_members) AS team,
        (SELECT count(*)::int FROM audit_log) AS audit`,
    );
    assert.deepEqual([counted!.organisations, counted!.members, counted!.persons], [20, 80, 60]);
    assert.equal(counted!.team, report.rows.care_team_members);
    // Audit rows: one per directory entry, per team change, per person read (twice), and the run.
    assert.equal(counted!.audit, report.rows.audit_log);
    assert.ok(counted!.audit > counted!.team + 2 * counted!.persons, `audit: ${counted!.audit}`);
  });

  it('has organisations of every type and members of every profession', async () => {
    const types = await rowsOf<{ type: string }>(
      database,
      sql`SELECT DISTINCT type FROM organisations`,
    );
    assert.deepEqual(types.map((r) => r.type).sort(), [...ORGANISATION_TYPE_CODES].sort());
    const professions = await rowsOf<{ profession: string }>(
      database,
      sql`SELECT DISTINCT profession FROM members`,
    );
    assert.deepEqual(professions.map((r) => r.profession).sort(), [...PROFESSION_CODES].sort());
  });

  it('gives every person a case manager who is a case manager or coordinator, with at most 40 persons', async () => {
    const caseloads = await rowsOf<{ profession: string; n: number }>(
      database,
      sql`SELECT m.profession, count(*)::int AS n FROM persons p
        JOIN members m ON m.id = p.case_manager_id GROUP BY m.id, m.profession`,
    );
    assert.equal(
      caseloads.reduce((sum, c) => sum + c.n, 0),
      SMALL.persons,
    );
    for (const c of caseloads) {
      assert.ok(['case_manager', 'coordinator'].includes(c.profession), c.profession);
      assert.ok(c.n <= CASELOAD_MAX, `caseload ${c.n}`);
    }
  });

  it('plans the region scale within the caseload cap (pure plan, nothing written)', () => {
    const plan = planRegion('region', SEED);
    const caseloads = new Map<number, number>();
    for (const p of plan.persons)
      caseloads.set(p.caseManager, (caseloads.get(p.caseManager) ?? 0) + 1);
    assert.equal(plan.persons.length, REGION_PERSONS);
    assert.ok(Math.max(...caseloads.values()) <= CASELOAD_MAX);
    assert.ok(
      plan.persons.every((p) => p.team.length >= TEAM_SIZE.min && p.team.length <= TEAM_SIZE.max),
    );
  });

  it('gives every person an active care team of 3 to 8 members that includes the case manager', async () => {
    const teams = await rowsOf<{ size: number; has_manager: boolean }>(
      database,
      sql`SELECT count(c.id)::int AS size, bool_or(c.member_id = p.case_manager_id) AS has_manager
        FROM persons p LEFT JOIN care_team_members c ON c.person_id = p.id AND c.until IS NULL
        GROUP BY p.id`,
    );
    assert.equal(teams.length, SMALL.persons);
    for (const team of teams) {
      assert.ok(team.size >= TEAM_SIZE.min && team.size <= TEAM_SIZE.max, `team of ${team.size}`);
      assert.equal(team.has_manager, true);
    }
  });

  it('leaves an audit chain that verifies', async () => {
    const result = await verifyAuditChain(database.db);
    assert.deepEqual(result.problems, []);
    assert.equal(result.checked, report.rows.audit_log);
  });

  it('returns logins that work with the documented password', async () => {
    const roles = report.logins.map((l) => l.role);
    assert.equal(roles.filter((r) => r === 'coordinator').length, LISTED_CASE_MANAGERS);
    assert.deepEqual([...new Set(roles)].sort(), [
      'admin',
      'coordinator',
      'professional',
      'social',
    ]);
    for (const login of report.logins) {
      const user = await findUserByEmail(database.db, login.email);
      assert.ok(user, login.email);
      assert.equal(user.status, 'active');
      assert.equal(user.role, login.role);
      assert.equal(user.memberId, login.memberId);
      assert.ok(login.memberId, `${login.email} has a directory profile`);
      assert.equal(await verifyPassword(user.passwordHash, login.password), true, login.email);
    }
  });

  it('is reproducible: the same seed gives the same region in a second fresh database', async () => {
    const second = await createTestDatabase();
    try {
      // Reads add audit rows only, not names: skipped here to keep the test short.
      await generateRegion(second.db, { scale: 'small', seed: SEED, readRounds: 0 });
      assert.equal(await digestOf(second), await digestOf(database));
    } finally {
      await second.close();
    }
    const other = planRegion('small', SEED + 1).directory.members.map((m) => m.input.lastName);
    const same = planRegion('small', SEED).directory.members.map((m) => m.input.lastName);
    assert.notDeepEqual(other, same);
  });
});
