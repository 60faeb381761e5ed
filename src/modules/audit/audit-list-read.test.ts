import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import type { TListedDecision } from '../access/access.service.js';
import { listedAbout } from './audit.repository.js';
import { sealAuditLog } from './audit.seal.js';
import { verifyAuditChain } from './audit.verify.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

type TTrailItem = {
  seq: number;
  action: string;
  resourceId: string | null;
  outcome: string;
  reason: string | null;
  breakGlass: string | null;
};

/**
 * Decision 056: a read of a list of people is ONE audit row, each person's decision in
 * details.listed — and each person's trail still shows it as their own decision.
 */
describe('audit: one row per list read, each person’s decision in it', () => {
  let t: TTestApp;
  let member: TAgent;
  let admin: TAgent;
  let memberUserId: string;
  const people: string[] = [];
  let objected: string;
  let elsewhere: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const manager = await buildUser(db, { role: 'coordinator' });
    const nurse = await buildUser(db, { role: 'professional' });
    memberUserId = nurse.id;
    for (let i = 0; i < 3; i++) {
      const person = await buildPerson(db, {
        caseManagerId: manager.memberId,
        team: [{ memberId: nurse.memberId! }],
      });
      people.push(person.id);
    }
    objected = people[1]!;
    elsewhere = (await buildPerson(db, { caseManagerId: manager.memberId })).id;
    member = await loginAs(t.app, nurse.email, TEST_PASSWORD);
    admin = await loginAs(t.app, (await buildUser(db, { role: 'admin' })).email, TEST_PASSWORD);
    const managerAgent = await loginAs(t.app, manager.email, TEST_PASSWORD);
    const objection = await managerAgent.request('POST', `/api/persons/${objected}/objections`, {
      memberId: nurse.memberId,
      reason: 'Voisine de la personne',
    });
    assert.equal(objection.statusCode, 204, objection.body);
  });
  after(() => t.close());

  const trailOf = async (personId: string, query = '') => {
    const answer = await admin.request('GET', `/api/persons/${personId}/audit?limit=100${query}`);
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json<{ items: TTrailItem[] }>().items;
  };

  it('writes one row for the list, with every decision in it, granted and refused', async () => {
    const list = await member.request('GET', '/api/persons');
    assert.equal(list.statusCode, 200, list.body);
    const shown = list.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    assert.deepEqual(new Set(shown), new Set(people.filter((id) => id !== objected)));
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, String(list.headers['x-request-id'])));
    assert.equal(rows.length, 1, 'one audit row for the whole list');
    const [row] = rows as [(typeof rows)[number]];
    assert.deepEqual(
      [row.action, row.actorUserId, row.personId, row.resourceId, row.outcome],
      ['person.list', memberUserId, null, null, 'allowed'],
    );
    const listed = row.details!['listed'] as TListedDecision[];
    assert.deepEqual(new Set(listed.map((item) => item.personId)), new Set(people));
    for (const item of listed) {
      assert.equal(item.outcome, item.personId === objected ? 'denied' : 'allowed');
      assert.ok(item.reason.length > 0, 'each decision keeps its reason');
    }
    assert.deepEqual([row.details!['category'], row.details!['access']], ['identity', 'read']);
  });

  it('shows the list read in each listed person’s trail as their own decision, and in no other', async () => {
    const list = await member.request('GET', '/api/persons');
    const [{ seq }] = (await t.database.db
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(eq(auditLog.requestId, String(list.headers['x-request-id'])))) as [{ seq: number }];
    for (const personId of people) {
      const item = (await trailOf(personId)).find((row) => row.seq === seq);
      assert.ok(item, 'the listed person’s trail shows the list read');
      assert.equal(item.action, 'person.list');
      assert.equal(item.resourceId, personId);
      assert.equal(item.outcome, personId === objected ? 'denied' : 'allowed');
      assert.ok(item.reason, 'with the reason of their own decision');
    }
    assert.ok(
      !(await trailOf(elsewhere)).some((row) => row.seq === seq),
      'a person not on the list does not see it in their trail',
    );
  });

  it('pages a trail newest first across single reads and list reads alike', async () => {
    const personId = people[0]!;
    assert.equal((await member.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    assert.equal((await member.request('GET', '/api/persons')).statusCode, 200);
    assert.equal((await member.request('GET', `/api/persons/${personId}`)).statusCode, 200);
    const whole = await trailOf(personId);
    const seqs = whole.map((row) => row.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => b - a),
      'newest first',
    );
    assert.deepEqual(
      whole.slice(0, 3).map((row) => row.action),
      ['person.read', 'person.list', 'person.read'],
    );
    // two at a time, each page starting before the last one seen: the same rows, none twice
    const paged: number[] = [];
    let query = '';
    for (;;) {
      const answer = await admin.request('GET', `/api/persons/${personId}/audit?limit=2${query}`);
      const items = answer.json<{ items: TTrailItem[] }>().items;
      if (items.length === 0) break;
      paged.push(...items.map((row) => row.seq));
      query = `&before=${items.at(-1)!.seq}`;
    }
    // the admin's own trail reads are audited too: compare the rows older than the first read
    assert.deepEqual(
      paged.filter((seq) => seq <= seqs[0]!),
      seqs.filter((seq) => seq <= seqs[0]!),
    );
  });

  it('finds a person’s list rows through the listed-ids index, not by reading the log', async () => {
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const result = (await tx.execute(
        sql`EXPLAIN SELECT seq FROM audit_log WHERE ${listedAbout(people[0]!)}`,
      )) as { rows: { 'QUERY PLAN': string }[] };
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    assert.match(plan, /audit_log_listed_idx/);
  });

  it('seals list rows into the chain like any other', async () => {
    await sealAuditLog(t.database.db);
    const check = await verifyAuditChain(t.database.db);
    assert.equal(check.ok, true, check.problems.join('\n'));
  });
});
