/**
 * How many statements the hot requests send to PostgreSQL (issue 12): counted exactly through
 * the relay of bench:request (scripts/bench/statement-counter.ts), so a change that adds a round
 * trip to the audited request path fails here rather than only slowing the benchmark.
 *
 * Budgets: a person read 2 (the session with the access facts and the page, audit insert — no
 * explicit transaction, decision 019); the caseload list 2 (the same: the session, the facts and
 * summaries of all its people in one query, then the audit insert); health 1; an audited
 * care-team change 7 (session, begin, facts, the member's standing, the change, audit insert,
 * commit), plus its pathway event (decision 018) — and, on joining, the new member's account,
 * notification and mail: 11 to add, 8 to remove. The caseload page and the workload board 2 each
 * (the session with everything the page shows in one statement, then the audit insert: decision
 * 019); a directory profile (member, organisation, service) 2 (the session, the profile with
 * what it links to); confirming an organisation or a service 8, its own search row only (decision
 * 043); a member's week 2 (the session with the appointments, their participants and
 * the facts of their persons in one statement, then the audit insert: issue 16); a person's
 * appointments and their care team's calendar 2 each (the session, the person's facts, the
 * appointments with their participants — and for the team, its members and the facts of the other
 * persons — in one statement, then the audit insert: decision 044).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  startStatementCounter,
  type TStatementCounter,
} from '../scripts/bench/statement-counter.js';
import { openPostgres, type TDatabase } from '../src/db/client.js';
import { runStatement, statement } from '../src/db/statements.js';
import { memberOrganisations, organisations, services } from '../src/db/schema/index.js';
import { buildApp, type TApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { loginAs, type TAgent } from './helpers/app.js';
import { createTestDatabase, TEST_DRIVER } from './helpers/database.js';
import { buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';
import { insertAppointment } from '../src/modules/agenda/agenda.repository.js';
import { indexOrganisations, indexServices } from '../src/modules/directory/directory.indexer.js';

const CASELOAD = 40;
/** A Monday of the agenda's week (the network's time zone aside: a fixed instant). */
const WEEK = new Date('2026-03-02T00:00:00Z');

describe('statements per request', { skip: TEST_DRIVER !== 'postgres' }, () => {
  let database: TDatabase;
  let relayed: TDatabase;
  let counter: TStatementCounter;
  let app: TApp;
  let manager: TAgent;
  let staff: TAgent;
  let personId: string;
  let newcomerId: string;
  let organisationId: string;
  let serviceId: string;
  let unassignedCount: number;

  before(async () => {
    database = await createTestDatabase();
    const [row] = await runStatement<{ name: string }>(
      database.db,
      statement('test_current_database', 'SELECT current_database() AS name'),
      [],
    );
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${row!.name}`;
    counter = await startStatementCounter(url.toString());
    relayed = await openPostgres(counter.url, 5);
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-test-')),
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp({ db: relayed.db, driver: relayed.driver, config }, { logger: false });
    await app.ready();

    const db = database.db;
    const coordinator = await buildUser(db, { role: 'coordinator' });
    const colleague = await buildUser(db, { role: 'professional' });
    const newcomer = await buildUser(db, { role: 'social' });
    newcomerId = newcomer.memberId!;
    for (let i = 0; i < CASELOAD; i++) {
      const person = await buildPerson(db, {
        caseManagerId: coordinator.memberId,
        team: [{ memberId: colleague.memberId! }],
      });
      personId = person.id;
    }
    // Unassigned open pathways for the board, one with a level in force.
    unassignedCount = 3;
    for (let i = 0; i < unassignedCount; i++) {
      const person = await buildPerson(db, {});
      await runStatement(
        db,
        statement(
          'test_open_pathway',
          `INSERT INTO pathways (person_id, state) VALUES ($1::uuid, 'assessing')`,
        ),
        [person.id],
      );
    }
    const [organisation] = await db
      .insert(organisations)
      .values({ name: 'Maison de santé des Tilleuls', type: 'msp' })
      .returning();
    organisationId = organisation!.id;
    const [service] = await db
      .insert(services)
      .values({ organisationId, name: 'Soins infirmiers à domicile' })
      .returning();
    serviceId = service!.id;
    await db.insert(memberOrganisations).values([
      { memberId: colleague.memberId!, organisationId, roleTitle: 'Infirmière' },
      { memberId: coordinator.memberId!, organisationId, canEditServices: true },
    ]);
    await indexOrganisations(db, [organisationId]);
    await indexServices(db, [serviceId]);
    // The case manager's week: an appointment a working day, about a person of the caseload
    // (the colleague takes part), and one about nobody.
    for (let day = 0; day < 5; day++) {
      await insertAppointment(
        db,
        {
          personId,
          kind: 'home_visit',
          place: 'home',
          startsAt: new Date(WEEK.getTime() + day * 86_400_000 + 9 * 3600_000),
          endsAt: new Date(WEEK.getTime() + day * 86_400_000 + 10 * 3600_000),
        },
        [coordinator.memberId!, colleague.memberId!],
      );
    }
    await insertAppointment(
      db,
      {
        kind: 'meeting',
        place: 'other',
        startsAt: new Date(WEEK.getTime() + 14 * 3600_000),
        endsAt: new Date(WEEK.getTime() + 15 * 3600_000),
      },
      [coordinator.memberId!],
    );
    manager = await loginAs(app, coordinator.email, TEST_PASSWORD);
    const networkStaff = await buildUser(db, { role: 'admin' });
    staff = await loginAs(app, networkStaff.email, TEST_PASSWORD);
  });

  after(async () => {
    await app.close();
    await relayed.close();
    await counter.close();
    await database.close();
  });

  /** Statements sent for one request (the audit append is one insert: decision 013). */
  async function statementsOf(send: () => Promise<{ statusCode: number }>, expected: number) {
    counter.takeTexts();
    const before = counter.count();
    assert.equal((await send()).statusCode, expected);
    const sent = counter.count() - before;
    const texts = counter.takeTexts();
    assert.ok(!texts.some((text) => text.includes('audit_head_lock')), 'no request locks the head');
    return { count: sent, texts: texts.join('\n') };
  }

  it('answers health with at most one statement and no session lookup', async () => {
    const health = () =>
      app.inject({ method: 'GET', url: '/api/health', headers: { cookie: manager.cookie } });
    const { count, texts } = await statementsOf(health, 200);
    assert.ok(count <= 1, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /sessions/);
  });

  it('reads a person with at most 2 statements, no begin or commit', async () => {
    const read = () => manager.request('GET', `/api/persons/${personId}`);
    await read(); // (the first use of a connection prepares the statements: same count)
    const { count, texts } = await statementsOf(read, 200);
    assert.ok(count <= 2, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /^(begin|commit)/im);
  });

  it('searches the directory by a word without begin, SET LOCAL or commit (decision 049)', async () => {
    const search = () => manager.request('GET', '/api/directory/search?q=tilleuls');
    assert.equal((await search()).json().total, 2); // the house and its service
    const { count, texts } = await statementsOf(search, 200);
    // the session, the vocabulary, the ranked page beside the title tier, the cards
    assert.ok(count <= 5, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /^(begin|commit|set local)/im);
    // The matches counted before they are ranked, in the same statement (decision 052).
    assert.match(texts, /^with "matches" as [\s\S]*?"counted" as \(select count\(\*\)/m);
    // The page's rows and cards by one statement prepared once, its keys as arrays (051, 052).
    assert.match(texts, /^\[directory_page_by_key\] .*unnest/m);
  });

  it(`lists a caseload of ${CASELOAD} with at most 2 statements`, async () => {
    const list = () => manager.request('GET', '/api/persons');
    assert.equal((await list()).json().items.length, CASELOAD);
    const { count, texts } = await statementsOf(list, 200);
    assert.ok(count <= 2, `${count} statements:\n${texts}`);
  });

  it(`reads the caseload page of ${CASELOAD} with at most 2 statements, no begin or commit`, async () => {
    const page = () => manager.request('GET', '/api/caseload');
    const first = await page();
    assert.equal(first.json().count, CASELOAD);
    const { count, texts } = await statementsOf(page, 200);
    assert.ok(count <= 2, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /^(begin|commit)/im);
  });

  it('reads the workload board with at most 2 statements, no begin or commit', async () => {
    const board = () => manager.request('GET', '/api/caseload/board');
    const first = (await board()).json();
    assert.equal(first.unassigned.length, unassignedCount);
    assert.ok(first.managers.some((m: { count: number }) => m.count === CASELOAD));
    const { count, texts } = await statementsOf(board, 200);
    assert.ok(count <= 2, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /^(begin|commit)/im);
  });

  it("reads a member's week with at most 2 statements, no begin or commit", async () => {
    const week = () =>
      manager.request(
        'GET',
        `/api/agenda/mine?from=${encodeURIComponent(WEEK.toISOString())}&days=7`,
      );
    const first = await week();
    assert.equal(first.json().items.length, 6, first.body);
    const { count, texts } = await statementsOf(week, 200);
    assert.ok(count <= 2, `${count} statements:\n${texts}`);
    assert.doesNotMatch(texts, /^(begin|commit)/im);
    assert.match(texts, /INSERT INTO audit_log/i, 'the reads about persons are audited');
  });

  it("reads a person's appointments and their team calendar with at most 2 statements each", async () => {
    const window = `from=${encodeURIComponent(WEEK.toISOString())}&days=7`;
    for (const [path, expected] of [
      [`/api/persons/${personId}/appointments?${window}`, 5],
      [`/api/persons/${personId}/team-calendar?${window}`, 6],
    ] as const) {
      const read = () => manager.request('GET', path);
      const first = await read();
      assert.equal(first.json().items.length, expected, first.body);
      const { count, texts } = await statementsOf(read, 200);
      assert.ok(count <= 2, `${path}: ${count} statements:\n${texts}`);
      assert.doesNotMatch(texts, /^(begin|commit)/im);
      assert.match(texts, /INSERT INTO audit_log/i, 'the read is audited');
    }
  });

  it('reads each directory profile with at most 2 statements', async () => {
    for (const path of [
      `/api/directory/members/${newcomerId}`,
      `/api/directory/organisations/${organisationId}`,
      `/api/directory/services/${serviceId}`,
    ]) {
      const read = () => manager.request('GET', path);
      const first = (await read()).json();
      if (path.includes('organisations')) {
        assert.equal(first.members.length, 2);
        assert.equal(first.services.length, 1);
        assert.equal(first.canAddService, true);
      }
      if (path.includes('services')) assert.equal(first.canEdit, true);
      const { count, texts } = await statementsOf(read, 200);
      assert.ok(count <= 2, `${path}: ${count} statements:\n${texts}`);
    }
  });

  it('confirms an organisation or a service with at most 8 statements, touching only its own search row', async () => {
    for (const path of [
      `/api/directory/organisations/${organisationId}`,
      `/api/directory/services/${serviceId}`,
    ]) {
      const verify = () => staff.request('POST', `${path}/verify`);
      await verify();
      const { count, texts } = await statementsOf(verify, 200);
      // session, begin, the entry, its update, history, its search row, audit insert, commit
      assert.ok(count <= 8, `${path}: ${count} statements:\n${texts}`);
      assert.match(texts, /update "directory_index" set "verified_at"/i);
      assert.doesNotMatch(texts, /directory_cards|directory_words|insert into "directory_index"/i);
    }
  });

  // The add tells the newcomer: their account, then their notification preferences (decision
  // 025: whether to notify in the app and mail now), hence one statement more than in session 7.
  it('adds a care-team member with at most 12 statements and removes one with at most 8', async () => {
    const add = () =>
      manager.request('POST', `/api/persons/${personId}/care-team`, { memberId: newcomerId });
    const remove = () =>
      manager.request('DELETE', `/api/persons/${personId}/care-team/${newcomerId}`);
    for (const [send, name, budget] of [
      [add, 'add', 12],
      [remove, 'remove', 8],
    ] as const) {
      const { count, texts } = await statementsOf(send, 204);
      assert.ok(count <= budget, `${name}: ${count} statements:\n${texts}`);
    }
  });
});
