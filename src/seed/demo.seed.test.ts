import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import type { TDatabase } from '../db/client.js';
import {
  assessments,
  careTeamMembers,
  directoryHistory,
  directoryIndex,
  logbookEntries,
  memberOrganisations,
  members,
  organisations,
  pathwayEvents,
  persons,
  services,
  users,
} from '../db/schema/index.js';
import { findLatestCompleted } from '../modules/assessments/assessments.repository.js';
import {
  decideIntegrationLevel,
  type TLevelInputs,
} from '../modules/assessments/integration-level.js';
import { DEFAULT_LEVEL_SETTINGS } from '../modules/assessments/level-settings.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { searchIndex } from '../modules/directory/directory.search.js';
import { DEMO_COMMUNES } from './demo-directory.data.js';
import { DEMO_LOGINS, seedDemoNetwork } from './demo.seed.js';
import { demoPlanChecks } from '../../test/demo-seed/plans.checks.js';
import { demoRequestChecks } from '../../test/demo-seed/requests.checks.js';

describe('demo network seed', () => {
  let database: TDatabase;
  let seedMs = 0;
  before(async () => {
    database = await createTestDatabase(); // in-memory PGlite unless the run targets PostgreSQL
    const started = performance.now();
    await seedDemoNetwork(database.db);
    seedMs = performance.now() - started;
    await seedDemoNetwork(database.db); // idempotent: the second call does nothing
  });
  after(() => database.close());

  /** Raw SQL rows; PGlite and node-postgres both answer { rows }. */
  const rowsOf = async <T>(query: SQL) =>
    ((await database.db.execute(query)) as { rows: T[] }).rows;

  const countOf = async (
    table: typeof users | typeof members | typeof organisations | typeof services | typeof persons,
  ) => (await database.db.select({ n: count() }).from(table))[0]!.n;

  it('seeds ~150 members, ~40 organisations, ~60 services, 136 persons and 6 logins, once', async (t) => {
    t.diagnostic(`seed took ${Math.round(seedMs)} ms`);
    const [m, o, s] = [
      await countOf(members),
      await countOf(organisations),
      await countOf(services),
    ];
    assert.ok(m >= 140 && m <= 170, `members: ${m}`);
    assert.ok(o >= 35 && o <= 45, `organisations: ${o}`);
    assert.ok(s >= 55 && s <= 70, `services: ${s}`);
    assert.equal(await countOf(persons), 136);
    assert.equal(await countOf(users), DEMO_LOGINS.length);
  });

  it('keeps the demo personas: Jeanne Roux as patient, four case managers, Sophie Martin at the cap', async () => {
    // Active caseloads (decision 016): people whose pathway is not closed.
    const rows = await rowsOf<{ name: string; n: number }>(sql`
      SELECT m.first_name || ' ' || m.last_name AS name, count(p.id)::int AS n
      FROM persons p JOIN members m ON m.id = p.case_manager_id
      JOIN pathways w ON w.person_id = p.id AND w.state <> 'closed' GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(
      rows.map((r) => [r.name, r.n]),
      [
        ['Julien Moreau', 27],
        ['Léa Caron', 32],
        ['Mehdi Bensaïd', 28],
        ['Sophie Martin', 40],
      ],
    );
    const states = await rowsOf<{ state: string }>(sql`SELECT DISTINCT state FROM pathways`);
    assert.deepEqual(states.map((r) => r.state).sort(), [
      'active',
      'assessing',
      'closed',
      'requested',
      'suspended',
    ]);
    const unassigned = await rowsOf<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM pathways w JOIN persons p ON p.id = w.person_id
      WHERE p.case_manager_id IS NULL AND w.state <> 'closed'`);
    // Three waiting for a case manager, and the two the demo GP answers for as referent (027).
    assert.equal(unassigned[0]!.n, 5);
    const levels = await rowsOf<{ level: string }>(sql`
      SELECT DISTINCT data->>'level' AS level FROM pathway_events WHERE kind = 'level.overridden'`);
    assert.deepEqual(levels.map((r) => r.level).sort(), ['coordination', 'integration', 'liaison']);
    const [patient] = await database.db
      .select({ firstName: persons.firstName, lastName: persons.lastName })
      .from(users)
      .innerJoin(persons, eq(persons.id, users.personId))
      .where(eq(users.role, 'patient'));
    assert.deepEqual(patient, { firstName: 'Jeanne', lastName: 'Roux' });
    const inTeams = await database.db
      .selectDistinct({ lastName: members.lastName })
      .from(careTeamMembers)
      .innerJoin(members, eq(members.id, careTeamMembers.memberId));
    for (const name of ['Lefèvre', 'Benali']) {
      assert.ok(
        inTeams.some((r) => r.lastName === name),
        name,
      );
    }
  });

  it('writes a few days of logbook entries: categories, one urgent, a correction, a reply, each on the timeline (decision 021)', async () => {
    const db = database.db;
    const entries = await db.select().from(logbookEntries);
    assert.ok(entries.length >= 8);
    assert.equal(new Set(entries.map((e) => e.category)).size, 4);
    assert.ok(entries.some((e) => e.urgent));
    const correction = entries.find((e) => e.correctsId)!;
    const original = entries.find((e) => e.id === correction.correctsId)!;
    assert.equal(correction.category, original.category);
    assert.ok(entries.some((e) => e.replyToId));
    const [events] = await db
      .select({ n: count() })
      .from(pathwayEvents)
      .where(eq(pathwayEvents.kind, 'logbook.entry_posted'));
    assert.equal(events!.n, entries.length);
  });

  it('indexes every directory entry and writes its first history version', async () => {
    const missing = await rowsOf<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (
        SELECT 'member' AS t, id FROM members UNION ALL
        SELECT 'organisation', id FROM organisations UNION ALL
        SELECT 'service', id FROM services) e
      WHERE NOT EXISTS (SELECT 1 FROM directory_index i WHERE i.entity_type = e.t AND i.entity_id = e.id)
         OR NOT EXISTS (SELECT 1 FROM directory_history h
                        WHERE h.entity_type = e.t AND h.entity_id = e.id AND h.version = 1)`);
    assert.equal(missing[0]!.n, 0);
    const [history] = await database.db.select({ n: count() }).from(directoryHistory);
    const [indexed] = await database.db.select({ n: count() }).from(directoryIndex);
    assert.equal(history!.n, indexed!.n);
  });

  it('covers each of the six communes and several care streams', async () => {
    for (const commune of DEMO_COMMUNES) {
      const { rows } = await searchIndex(database.db, {
        commune,
        types: ['service'],
        limit: 1,
        offset: 0,
      });
      assert.ok(rows.length > 0, commune);
    }
    const streams = await rowsOf<{ stream: string }>(
      sql`SELECT DISTINCT unnest(care_streams) AS stream FROM services`,
    );
    assert.ok(streams.length >= 8, `care streams: ${streams.length}`);
  });

  it('finds physiotherapists when searching "kine"', async () => {
    const rows = await database.db
      .select({ profession: directoryIndex.profession })
      .from(directoryIndex)
      .where(sql`entity_type = 'member' AND search_text LIKE '%kine%'`);
    assert.ok(rows.filter((r) => r.profession === 'physiotherapist').length >= 10);
    const { rows: found } = await searchIndex(database.db, {
      q: 'kine',
      types: ['member'],
      limit: 50,
      offset: 0,
    });
    assert.ok(found.length >= 10 && found.every((r) => r.profession === 'physiotherapist'));
  });

  it('links every member to one or two organisations, and lets a few edit services', async () => {
    const perMember = await database.db
      .select({ n: count() })
      .from(memberOrganisations)
      .groupBy(memberOrganisations.memberId);
    assert.equal(perMember.length, await countOf(members));
    assert.ok(perMember.every((r) => r.n >= 1 && r.n <= 2));
    const [editors] = await database.db
      .select({ n: count() })
      .from(memberOrganisations)
      .where(eq(memberOrganisations.canEditServices, true));
    assert.ok(editors!.n >= 5 && editors!.n <= 40, `editors: ${editors!.n}`);
  });

  it('gives health professionals an 11-digit RPPS and every member one preferred channel', async () => {
    const rows = await database.db
      .select({ profession: members.profession, rpps: members.rpps, channels: members.channels })
      .from(members);
    const withRpps = rows.filter((r) => r.rpps !== null);
    assert.ok(withRpps.every((r) => /^\d{11}$/.test(r.rpps!)));
    assert.equal(new Set(withRpps.map((r) => r.rpps)).size, withRpps.length);
    assert.ok(
      rows
        .filter((r) => ['general_practitioner', 'nurse', 'pharmacist'].includes(r.profession))
        .every((r) => r.rpps !== null),
    );
    assert.ok(rows.every((r) => r.channels.filter((c) => c.preferred).length === 1));
  });

  it('flags about one entry in ten as not verified for over 400 days', async () => {
    const [stale] = await database.db
      .select({ n: count() })
      .from(directoryIndex)
      .where(sql`verified_at < now() - interval '400 days'`);
    const [all] = await database.db.select({ n: count() }).from(directoryIndex);
    const share = stale!.n / all!.n;
    assert.ok(share > 0.05 && share < 0.15, `stale share: ${share}`);
  });

  it('says what every service does not do, and explains every conditional acceptance', async () => {
    const [withoutLimits] = await database.db
      .select({ n: count() })
      .from(services)
      .where(sql`coalesce(limits, '') = ''`);
    assert.equal(withoutLimits!.n, 0);
    const [unexplained] = await database.db
      .select({ n: count() })
      .from(services)
      .where(sql`accepting = 'conditions' AND coalesce(accepting_conditions, '') = ''`);
    assert.equal(unexplained!.n, 0);
  });

  it('completes assessments at the three integration levels, scored by the instruments, each with its pathway event', async () => {
    const followed = await database.db
      .selectDistinct({ personId: assessments.personId })
      .from(assessments);
    const levels: (string | null)[] = [];
    for (const { personId } of followed) {
      const latest = await findLatestCompleted(database.db, personId);
      const of = (id: string) => latest.find((row) => row.instrumentId === id)?.result ?? null;
      const inputs = {
        multidimensional: of('multidimensional'),
        aggir: of('aggir'),
        prisma7: of('prisma7'),
      } as TLevelInputs;
      levels.push(decideIntegrationLevel(inputs, DEFAULT_LEVEL_SETTINGS).level);
    }
    assert.deepEqual(levels.sort(), ['coordination', 'integration', 'liaison']);
    const [completed] = await database.db
      .select({ n: count() })
      .from(assessments)
      .where(eq(assessments.state, 'completed'));
    const [events] = await database.db
      .select({ n: count() })
      .from(pathwayEvents)
      .where(eq(pathwayEvents.kind, 'assessment.completed'));
    assert.equal(completed!.n, 5);
    assert.equal(events!.n, 5);
  });

  // The plans and the requests of the same seed (one seed for the three: decision 050).
  demoPlanChecks(() => database);
  demoRequestChecks(() => database);
});
