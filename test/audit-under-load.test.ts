/**
 * No audited access is committed without its audit row (decision 013), under 50 concurrent
 * writers and 50 readers: on PostgreSQL they run side by side on 50 connections, with two sealers
 * (as two server instances run them) sealing while they write; on PGlite they queue on its one
 * connection. Some of the writers' audit appends are made to fail inside the database: their
 * change must not be committed either. Afterwards every answered request has its audit row, every
 * committed change its one "allowed" row and no uncommitted change has one, and the chain
 * verifies with every row sealed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { auditLog, careTeamMembers } from '../src/db/schema/index.js';
import { startAuditSealer } from '../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import { buildMember, buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';

const WRITERS = 50;
/** Writers whose audit append the database refuses. */
const DOOMED = 10;

describe('audited writes under load', () => {
  let t: TTestApp;
  let manager: TAgent;
  let managerMemberId: string;

  before(async () => {
    t = await createTestApp(undefined, { poolSize: WRITERS + 2 });
    const managerUser = await buildUser(t.database.db, { role: 'coordinator' });
    managerMemberId = managerUser.memberId!;
    manager = await loginAs(t.app, managerUser.email, TEST_PASSWORD);
  });
  after(() => t.close());

  it('commits no access without its audit row, with 50 writers at once, and the chain verifies', async () => {
    const { db } = t.database;
    const person = await buildPerson(db, { caseManagerId: managerMemberId });
    const newcomers = await Promise.all(Array.from({ length: WRITERS }, () => buildMember(db)));
    const doomed = newcomers.slice(0, DOOMED).map((m) => m.id);
    // The database refuses the audit rows that name a doomed member: the append fails inside the
    // writer's transaction, after the guard allowed it and after the care-team row was written.
    await db.execute(sql.raw(`CREATE TABLE doomed_members (member_id text PRIMARY KEY)`));
    await db.execute(
      sql`INSERT INTO doomed_members SELECT unnest(${`{${doomed.join(',')}}`}::text[])`,
    );
    await db.execute(
      sql.raw(`CREATE FUNCTION refuse_doomed_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.details->>'memberId' IN (SELECT member_id FROM doomed_members) THEN
            RAISE EXCEPTION 'audit append refused for the test';
          END IF;
          RETURN NEW;
        END $$`),
    );
    await db.execute(
      sql.raw(`CREATE TRIGGER refuse_doomed_audit BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_doomed_audit()`),
    );
    // two sealers, as two server instances run them, seal while the writers write
    const sealers = [5, 7].map((intervalMs) =>
      startAuditSealer(db, { intervalMs, onError: (error) => assert.fail(String(error)) }),
    );
    let writes;
    let reads;
    try {
      [writes, reads] = await Promise.all([
        Promise.all(
          newcomers.map((m) =>
            manager.request('POST', `/api/persons/${person.id}/care-team`, { memberId: m.id }),
          ),
        ),
        Promise.all(
          Array.from({ length: WRITERS }, () =>
            manager.request('GET', `/api/persons/${person.id}`),
          ),
        ),
      ]);
    } finally {
      await Promise.all(sealers.map((sealer) => sealer.stop()));
      await db.execute(sql.raw(`DROP TRIGGER refuse_doomed_audit ON audit_log`));
    }

    const status = (memberId: string) =>
      writes[newcomers.findIndex((m) => m.id === memberId)]!.statusCode;
    assert.deepEqual(
      doomed.map(status),
      Array<number>(DOOMED).fill(500),
      'a write whose audit row fails fails',
    );
    assert.deepEqual(
      newcomers.slice(DOOMED).map((m) => status(m.id)),
      Array<number>(WRITERS - DOOMED).fill(204),
    );
    assert.deepEqual(
      reads.map((r) => r.statusCode),
      Array<number>(WRITERS).fill(200),
    );

    const committed = await db
      .select({ memberId: careTeamMembers.memberId })
      .from(careTeamMembers)
      .where(and(eq(careTeamMembers.personId, person.id), isNull(careTeamMembers.until)));
    const inTeam = new Set(committed.map((row) => row.memberId));
    assert.deepEqual(
      doomed.filter((id) => inTeam.has(id)),
      [],
      'no change committed without its audit row',
    );
    const allowed = await db
      .select({ details: auditLog.details, requestId: auditLog.requestId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'care_team.add'),
          eq(auditLog.outcome, 'allowed'),
          eq(auditLog.personId, person.id),
        ),
      );
    const auditedMembers = allowed.map((row) => String(row.details?.memberId));
    for (const memberId of inTeam) {
      assert.equal(
        auditedMembers.filter((id) => id === memberId).length,
        1,
        `member ${memberId} joined the team: exactly one allowed audit row says so`,
      );
    }
    assert.equal(inTeam.size, WRITERS - DOOMED);
    assert.deepEqual(
      auditedMembers.filter((id) => !inTeam.has(id)),
      [],
      'no allowed audit row of a change that did not commit',
    );

    // every request answered with a success carries its audit row, committed with it
    const answered = [...writes, ...reads]
      .filter((r) => r.statusCode < 300)
      .map((r) => String(r.headers['x-request-id']));
    const rows = await db
      .select({ requestId: auditLog.requestId })
      .from(auditLog)
      .where(inArray(auditLog.requestId, answered));
    const audited = new Set(rows.map((row) => row.requestId));
    assert.deepEqual(
      answered.filter((id) => !audited.has(id)),
      [],
    );

    const chain = await verifyAuditChain(db);
    assert.deepEqual(chain.problems, []);
    assert.equal(chain.unsealed, 0, 'the sealer sealed every committed row');
    const [all] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    assert.equal(chain.checked, all!.n, 'every row is in the chain');
  });
  it('discloses nothing of a read whose audit row fails, under 50 readers at once (decision 019: page, list, caseload)', async () => {
    const { db } = t.database;
    const shown = await buildPerson(db, { caseManagerId: managerMemberId });
    const hidden = await buildPerson(db, { caseManagerId: managerMemberId });
    // The database refuses every read audit row disclosing `hidden` (the page, the list and the
    // caseload page alike; a list's row names them in details.listed, decision 056).
    await db.execute(
      sql.raw(`CREATE FUNCTION refuse_hidden_read() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (NEW.person_id = '${hidden.id}' AND NEW.outcome = 'allowed') OR NEW.details->'listed'
               @> '[{"personId": "${hidden.id}", "outcome": "allowed"}]' THEN
            RAISE EXCEPTION 'audit append refused for the test';
          END IF;
          RETURN NEW;
        END $$`),
    );
    await db.execute(
      sql.raw(`CREATE TRIGGER refuse_hidden_read BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_hidden_read()`),
    );
    let answers;
    try {
      answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, i) =>
          i % 5 === 0
            ? manager.request('GET', i % 10 === 0 ? '/api/caseload' : '/api/persons')
            : manager.request('GET', `/api/persons/${i % 2 ? hidden.id : shown.id}`),
        ),
      );
    } finally {
      await db.execute(sql.raw(`DROP TRIGGER refuse_hidden_read ON audit_log`));
    }
    answers.forEach((answer, i) => {
      const isHidden = i % 5 === 0 || i % 2 === 1;
      assert.equal(answer.statusCode, isHidden ? 500 : 200, `request ${i}`);
      if (isHidden) {
        // no byte of the person: neither the page's nor the list's nor the caseload's
        assert.doesNotMatch(answer.body, new RegExp(`${hidden.lastName}|${hidden.id}|Jeanne`));
      } else {
        assert.equal(answer.json().lastName, shown.lastName);
      }
    });
    // every read answered has its committed audit row
    const answered = answers
      .filter((r) => r.statusCode === 200)
      .map((r) => String(r.headers['x-request-id']));
    const rows = await db
      .select({ requestId: auditLog.requestId })
      .from(auditLog)
      .where(and(inArray(auditLog.requestId, answered), eq(auditLog.action, 'person.read')));
    assert.equal(new Set(rows.map((row) => row.requestId)).size, answered.length);
  });
});
