/**
 * person_levels (decision 026): each person's level in force, kept by triggers on pathway_events,
 * must always say what their timeline says (the latest level event by (at, id), the one
 * findLevelsInForce probes): level events appended in and out of time order, an override and its
 * removal, events of other kinds, a merge moving a timeline to the kept record, an event deleted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { buildPerson } from '../../../test/helpers/factories.js';
import type { TDatabase } from '../../db/client.js';
import { findLevelsInForce } from './pathway.repository.js';

const APPEND = statement(
  'test_append_level_event',
  `INSERT INTO pathway_events (person_id, kind, at, category, source_table, source_id, data)
   VALUES ($1::uuid, $2, $3::timestamptz, 'social', 'test', 'test', $4::jsonb) RETURNING id`,
);
const KEPT = statement(
  'test_person_levels',
  `SELECT person_id, level, at FROM person_levels WHERE person_id = ANY($1::uuid[])`,
);

async function append(db: TDb, personId: string, kind: string, at: string, data: object) {
  const [row] = await runStatement<{ id: number | string }>(db, APPEND, [personId, kind, at, data]);
  return Number(row!.id);
}

/** person_levels and the timeline probe agree for these people. */
async function assertAgree(db: TDb, ids: string[]) {
  const probed = await findLevelsInForce(db, ids);
  const kept = await runStatement<{ person_id: string; level: string | null; at: Date | string }>(
    db,
    KEPT,
    [ids],
  );
  const keptMap = new Map(
    kept
      .filter((r) => r.level !== null)
      .map((r) => [r.person_id, { level: r.level, since: new Date(r.at).toISOString() }]),
  );
  for (const id of ids) {
    const p = probed.get(id);
    assert.deepEqual(
      keptMap.get(id) ?? null,
      p ? { level: p.level, since: p.since.toISOString() } : null,
      `person ${id}`,
    );
  }
  return keptMap;
}

describe('person_levels follows the timeline', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('keeps the latest level event by time, whatever the order of appends, and follows moves', async () => {
    const db = database.db;
    const a = (await buildPerson(db)).id;
    const b = (await buildPerson(db)).id;
    const c = (await buildPerson(db)).id;
    const ids = [a, b, c];
    await assertAgree(db, ids);

    await append(db, a, 'level.computed', '2026-03-01T10:00:00Z', {
      computedLevel: 'coordination',
    });
    await append(db, a, 'level.computed', '2026-01-01T10:00:00Z', { computedLevel: 'liaison' });
    await append(db, a, 'care_team.joined', '2026-05-01T10:00:00Z', {});
    let kept = await assertAgree(db, ids);
    assert.equal(kept.get(a)?.level, 'coordination', 'an older event appended later does not win');

    const override = await append(db, b, 'level.overridden', '2026-04-01T10:00:00Z', {
      level: 'integration',
      computedLevel: 'liaison',
    });
    await append(db, b, 'level.override_removed', '2026-04-02T10:00:00Z', {
      computedLevel: 'liaison',
    });
    kept = await assertAgree(db, ids);
    assert.equal(kept.get(b)?.level, 'liaison');

    // A merge moves b's timeline onto c (person-identity.repository: moveToKeptRecord).
    await runStatement(
      db,
      statement(
        'test_move_events',
        `UPDATE pathway_events SET person_id = $2::uuid WHERE person_id = $1::uuid`,
      ),
      [b, c],
    );
    kept = await assertAgree(db, ids);
    assert.equal(kept.has(b), false, 'the record merged away has no level left');
    assert.equal(kept.get(c)?.level, 'liaison');

    // Deleting the newest level event brings the one before it back.
    await runStatement(
      db,
      statement(
        'test_delete_event',
        `DELETE FROM pathway_events WHERE person_id = $1::uuid AND kind = 'level.override_removed'`,
      ),
      [c],
    );
    kept = await assertAgree(db, ids);
    assert.equal(kept.get(c)?.level, 'integration');
    assert.ok(override > 0);
  });
});
