import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

type TEntry = { id: number; kind: string; category: string; actorName: string | null };

describe('timeline: one feed, paged by time, filtered by category through the guard', () => {
  let t: TTestApp;
  const agents = {} as Record<'manager' | 'social' | 'outsider' | 'gp' | 'patient', TAgent>;
  const users = {} as Record<keyof typeof agents, Awaited<ReturnType<typeof buildUser>>>;
  let personId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    users.manager = await buildUser(db, { role: 'coordinator' });
    users.social = await buildUser(db, { role: 'social' });
    users.outsider = await buildUser(db, { role: 'professional' });
    users.gp = await buildUser(db, { role: 'professional' });
    const person = await buildPerson(db, {
      caseManagerId: users.manager.memberId,
      team: [{ memberId: users.social.memberId! }],
    });
    personId = person.id;
    users.patient = await buildUser(db, { role: 'patient', personId });
    for (const key of Object.keys(users) as (keyof typeof agents)[]) {
      agents[key] = await loginAs(t.app, users[key].email, TEST_PASSWORD);
    }
    // 25 events, alternating medical and social, all at the same instant but the last: the
    // keyset on (at, id) must page them without loss or repeat.
    const at = new Date('2026-01-10T10:00:00.123456Z');
    for (let i = 0; i < 25; i++) {
      await recordPathwayEvent(db, {
        personId,
        kind: i % 2 ? 'assessment.completed' : 'level.computed',
        actorUserId: users.manager.id,
        category: i % 2 ? 'social' : 'medical',
        source: {
          table: 'assessments',
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        },
        data: { n: i },
        at: i === 24 ? new Date('2026-01-11T10:00:00Z') : at,
      });
    }
  });
  after(() => t.close());

  const readAll = async (agent: TAgent, limit: number) => {
    const seen: TEntry[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const query: string =
        cursor === null ? `?limit=${limit}` : `?limit=${limit}&before=${cursor}`;
      const response = await agent.request('GET', `/api/persons/${personId}/timeline${query}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<{ items: TEntry[]; nextCursor: number | null }>();
      seen.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 50);
    return seen;
  };

  it('pages the case manager through every event, newest first, none lost or repeated', async () => {
    const all = await readAll(agents.manager, 7);
    assert.equal(all.length, 25);
    assert.equal(new Set(all.map((e) => e.id)).size, 25);
    assert.equal(all[0]!.kind, 'level.computed', 'the newest first');
    assert.equal(all[0]!.actorName, 'Test coordinator');
    const rest = all.slice(1).map((e) => e.id);
    assert.deepEqual(
      rest,
      [...rest].sort((a, b) => b - a),
      'same instant: by id, descending',
    );
  });

  it('shows a social-role member no medical event', async () => {
    const all = await readAll(agents.social, 10);
    assert.ok(all.length > 0);
    assert.deepEqual([...new Set(all.map((e) => e.category))], ['social']);
  });

  it('answers 404 to someone outside the team, and audits the refusal', async () => {
    const response = await agents.outsider.request('GET', `/api/persons/${personId}/timeline`);
    assert.equal(response.statusCode, 404);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, users.outsider.id))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.deepEqual([row!.action, row!.outcome], ['person.timeline_read', 'denied']);
  });

  it('a GP finds the person by exact name and birth date, opens break-the-glass, and it is on the timeline', async () => {
    const person = (await agents.manager.request('GET', `/api/persons/${personId}`)).json();
    const search = await agents.gp.request('POST', '/api/persons/break-glass/search', {
      lastName: person.lastName.toUpperCase(),
      birthDate: person.birthDate,
    });
    assert.equal(search.statusCode, 200);
    assert.deepEqual(
      search.json().items.map((p: { id: string }) => p.id),
      [personId],
    );
    const candidateAudit = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorUserId, users.gp.id),
          eq(auditLog.action, 'person.break_glass_candidate'),
        ),
      );
    assert.equal(candidateAudit[0]?.personId, personId, 'the person sees the search in their log');

    const opened = await agents.gp.request('POST', `/api/persons/${personId}/break-glass`, {
      reason: 'Appel du SAMU, personne inconsciente à domicile',
    });
    assert.equal(opened.statusCode, 201);
    const first = (
      await agents.patient.request('GET', `/api/persons/${personId}/timeline?limit=5`)
    ).json();
    assert.equal(first.items[0].kind, 'access.break_glass');
    assert.equal(first.items[0].category, 'administrative');
    assert.equal(first.items[0].actorName, 'Test professional');
  });

  it('the search finds nobody from a wrong date, a partial name, or for a patient account', async () => {
    const person = (await agents.manager.request('GET', `/api/persons/${personId}`)).json();
    const partial = await agents.outsider.request('POST', '/api/persons/break-glass/search', {
      lastName: person.lastName.slice(0, 3),
      birthDate: person.birthDate,
    });
    assert.deepEqual(partial.json().items, []);
    const own = await agents.manager.request('POST', '/api/persons/break-glass/search', {
      lastName: person.lastName,
      birthDate: person.birthDate,
    });
    assert.deepEqual(own.json().items, [], 'someone already in the team is not a candidate');
    const patient = await agents.patient.request('POST', '/api/persons/break-glass/search', {
      lastName: person.lastName,
      birthDate: person.birthDate,
    });
    assert.equal(patient.statusCode, 403);
  });
});
