import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count, sql } from 'drizzle-orm';
import type { TDatabase } from '../db/client.js';
import {
  directoryIndex,
  members,
  organisations,
  persons,
  services,
  users,
} from '../db/schema/index.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { searchIndex } from '../modules/directory/directory.search.js';
import { DEMO_COMMUNES } from './demo-directory.data.js';
import { seedDemoNetwork } from './demo.seed.js';

describe('demo network seed', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
    await seedDemoNetwork(database.db);
    await seedDemoNetwork(database.db); // idempotent: the second call does nothing
  });
  after(() => database.close());

  const countOf = async (
    table: typeof users | typeof members | typeof organisations | typeof services | typeof persons,
  ) => (await database.db.select({ n: count() }).from(table))[0]!.n;

  it('seeds a realistic territory once: ~150 members, ~40 organisations, ~60 services, 60 persons, 6 logins', async () => {
    const [m, o, s] = [
      await countOf(members),
      await countOf(organisations),
      await countOf(services),
    ];
    assert.ok(m >= 130 && m <= 170, `members: ${m}`);
    assert.ok(o >= 35 && o <= 45, `organisations: ${o}`);
    assert.ok(s >= 55 && s <= 75, `services: ${s}`);
    assert.equal(await countOf(persons), 60);
    assert.equal(await countOf(users), 6);
  });

  it('indexes every directory entry, in each of the six communes', async () => {
    const [indexed] = await database.db.select({ n: count() }).from(directoryIndex);
    const total =
      (await countOf(members)) + (await countOf(organisations)) + (await countOf(services));
    assert.equal(indexed!.n, total);
    for (const commune of DEMO_COMMUNES) {
      const { rows } = await searchIndex(database.db, { commune, limit: 1, offset: 0 });
      assert.ok(rows.length > 0, commune);
    }
    const { rows } = await searchIndex(database.db, {
      q: 'kine',
      types: ['member'],
      limit: 50,
      offset: 0,
    });
    assert.ok(rows.length >= 3 && rows.every((r) => r.profession === 'physiotherapist'));
  });

  it('flags some entries as not verified for over a year, and keeps what services do not do', async () => {
    const [stale] = await database.db
      .select({ n: count() })
      .from(directoryIndex)
      .where(sql`verified_at < now() - interval '365 days'`);
    assert.ok(stale!.n > 5);
    const [withoutLimits] = await database.db
      .select({ n: count() })
      .from(services)
      .where(sql`coalesce(limits, '') = ''`);
    assert.equal(withoutLimits!.n, 0);
  });
});
