import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDatabase } from '../db/client.js';
import {
  appointmentParticipants,
  appointments,
  auditLog,
  directoryHistory,
  directoryIndex,
  networkSettings,
  organisations,
} from '../db/schema/index.js';
import { reindexAround } from '../modules/directory/directory.repository.js';
import { getHistory } from '../modules/directory/directory.service.js';
import { getVocabulary } from '../modules/directory/directory.vocabulary.routes.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { staffContext } from '../../test/helpers/directory-factories.js';
import { DEMO_COMMUNES, DEMO_ORGANISATIONS } from './demo-directory.data.js';
import { DEMO_SEED_KEY, DEMO_SEED_VERSION } from './demo-upgrade.seed.js';
import { seedDemoNetwork } from './demo.seed.js';

const HAD = DEMO_ORGANISATIONS.had.name;
const NURSES = DEMO_ORGANISATIONS.ideRemparts.name;
const PHYSIO = DEMO_ORGANISATIONS.kinePont.name;
const DOCTORS = DEMO_ORGANISATIONS.acacias.name;

describe('demo directory: types, communes, history, and the upgrade of an older demo', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
    await seedDemoNetwork(database.db);
  });
  after(() => database.close());

  const typeOf = async (name: string) =>
    (await database.db.select().from(organisations).where(eq(organisations.name, name)))[0]!;
  const indexedTypeOf = async (id: string) =>
    (
      await database.db
        .select({ type: directoryIndex.organisationType })
        .from(directoryIndex)
        .where(and(eq(directoryIndex.entityType, 'organisation'), eq(directoryIndex.entityId, id)))
    )[0]?.type;
  const markerValue = async () =>
    (
      await database.db.select().from(networkSettings).where(eq(networkSettings.key, DEMO_SEED_KEY))
    )[0]?.value;

  it('types hospital at home as HAD and the practices as practices, none as "other"', async () => {
    assert.equal((await typeOf(HAD)).type, 'had');
    assert.equal((await typeOf(NURSES)).type, 'nursing_practice');
    assert.equal((await typeOf(PHYSIO)).type, 'therapy_practice');
    assert.equal((await typeOf(DOCTORS)).type, 'medical_practice');
    assert.equal((await typeOf(DEMO_ORGANISATIONS.ssiad.name)).type, 'home_nursing');
    const practices = await database.db
      .select({ name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.type, 'other'), sql`${organisations.name} ILIKE 'cabinet%'`));
    assert.deepEqual(practices, []);
    assert.equal(await markerValue(), DEMO_SEED_VERSION);
  });

  it('offers in the commune filter exactly the six demo communes, the ones that have entries', async () => {
    const vocabulary = await getVocabulary(staffContext(database.db));
    assert.deepEqual([...vocabulary.communes].sort(), [...DEMO_COMMUNES].sort());
    for (const commune of vocabulary.communes) {
      const [row] = await database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(directoryIndex)
        .where(sql`${commune} = ANY(${directoryIndex.communes})`);
      assert.ok(row!.n > 0, commune);
    }
  });

  it('says a seeded entry came from the initial import, not from an unknown author', async () => {
    const history = await getHistory(
      staffContext(database.db),
      'organisation',
      (await typeOf(HAD)).id,
    );
    assert.deepEqual(
      history.items.map((item) => [item.version, item.changedBy, item.origin]),
      [[1, null, 'initial_import']],
    );
  });

  it('brings a demo seeded by an earlier release up to date, once, with history, index and audit', async () => {
    const db = database.db;
    // The demo as release 1 seeded it: the four organisations typed the old way, marker 1; and
    // one the network retyped itself since (left as it is).
    const old = [
      [HAD, 'home_nursing'],
      [NURSES, 'other'],
      [PHYSIO, 'other'],
      [DOCTORS, 'clinic'],
    ] as const;
    for (const [name, type] of old) {
      const [row] = await db
        .update(organisations)
        .set({ type })
        .where(eq(organisations.name, name))
        .returning({ id: organisations.id });
      await reindexAround(db, 'organisation', row!.id);
    }
    await db
      .update(networkSettings)
      .set({ value: 1 })
      .where(eq(networkSettings.key, DEMO_SEED_KEY));
    const had = await typeOf(HAD);
    assert.equal(await indexedTypeOf(had.id), 'home_nursing');

    await seedDemoNetwork(db);
    assert.equal((await typeOf(HAD)).type, 'had');
    assert.equal((await typeOf(NURSES)).type, 'nursing_practice');
    assert.equal((await typeOf(PHYSIO)).type, 'therapy_practice');
    assert.equal((await typeOf(DOCTORS)).type, 'clinic', 'a type the network chose is kept');
    assert.equal((await typeOf(HAD)).version, had.version + 1);
    assert.equal(await indexedTypeOf(had.id), 'had');
    assert.equal(await markerValue(), DEMO_SEED_VERSION);
    const history = await getHistory(staffContext(db), 'organisation', had.id);
    assert.deepEqual(history.items[0], {
      version: had.version + 1,
      action: 'update',
      changedAt: history.items[0]!.changedAt,
      changedBy: null,
      origin: 'system',
      changes: { type: { from: 'home_nursing', to: 'had' } },
    });
    const audits = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, 'system.upgrade_demo'));
    assert.equal(audits.length, 1);

    // Once: a second start changes nothing.
    await seedDemoNetwork(db);
    const rows = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(directoryHistory)
      .where(
        and(
          eq(directoryHistory.entityType, 'organisation'),
          inArray(directoryHistory.entityId, [had.id]),
        ),
      );
    assert.equal(rows[0]!.n, 2);
  });

  it('gives a demo seeded before the agenda its appointments at the next start, once', async () => {
    const db = database.db;
    const countOf = async () => {
      const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(appointments);
      const [p] = await db.select({ n: sql<number>`count(*)::int` }).from(appointmentParticipants);
      return { appointments: a!.n, participants: p!.n };
    };
    const fresh = await countOf();
    assert.ok(fresh.appointments > 3, JSON.stringify(fresh));
    // The demo as release 2 left it: no agenda (the tables came empty with their migration).
    await db.execute(sql`TRUNCATE appointments, appointment_series CASCADE`);
    await db
      .update(networkSettings)
      .set({ value: 2 })
      .where(eq(networkSettings.key, DEMO_SEED_KEY));
    assert.deepEqual(await countOf(), { appointments: 0, participants: 0 });

    await seedDemoNetwork(db);
    assert.deepEqual(await countOf(), fresh, 'the same agenda as a fresh demo');
    assert.equal(await markerValue(), DEMO_SEED_VERSION);
    const audits = await db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, 'system.upgrade_demo'));
    assert.deepEqual(audits.at(-1)!.details, {
      from: 2,
      to: DEMO_SEED_VERSION,
      organisationsRetyped: 0,
      appointmentsAdded: fresh.appointments,
    });

    // Once: the next start adds nothing, and a demo marked 2 that already has an agenda keeps it.
    await seedDemoNetwork(db);
    assert.deepEqual(await countOf(), fresh);
    await db
      .update(networkSettings)
      .set({ value: 2 })
      .where(eq(networkSettings.key, DEMO_SEED_KEY));
    await seedDemoNetwork(db);
    assert.deepEqual(await countOf(), fresh);
    assert.equal(await markerValue(), DEMO_SEED_VERSION);
  });
});
