/**
 * A typed prefix is looked up as the whole words of the vocabulary that it begins (decision 041):
 * the same entries as the prefix itself, whether it begins a few words (spelled out) or many (kept
 * a prefix), and after migration 0041 on a vocabulary that lacked a word of the index.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { directoryWords } from '../../db/schema/index.js';
import { buildDirectoryMember } from '../../../test/helpers/directory-factories.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { searchIndex } from './directory.search.js';

/** 65 names beginning "quilbec": one more than a prefix is spelled out for. */
const NUMBERS = Array.from({ length: 65 }, (_, i) => 10 + i);

describe('prefixes looked up as the words they begin', () => {
  let database: TDatabase;
  const titles = async (q: string) =>
    (await searchIndex(database.db, { q, limit: 100, offset: 0 })).rows.map((r) => r.title).sort();
  const named = (numbers: number[]) => numbers.map((n) => `Rose Quilbec${n}`).sort();

  before(async () => {
    database = await createTestDatabase();
    for (const n of NUMBERS)
      await buildDirectoryMember(database.db, { firstName: 'Rose', lastName: `Quilbec${n}` });
  });
  after(() => database.close());

  it('finds every entry of a prefix that begins more words than are spelled out', async () => {
    assert.deepEqual(await titles('quilbec'), named(NUMBERS));
  });

  it('finds every entry of a prefix spelled out as the words it begins, and only those', async () => {
    assert.deepEqual(await titles('quilbec4'), named(NUMBERS.filter((n) => n >= 40 && n < 50)));
    assert.deepEqual(await titles('rose quilbec7'), named([70, 71, 72, 73, 74]));
  });

  it('migration 0041 gives the vocabulary back a word of the index it lacked', async () => {
    await database.db.delete(directoryWords).where(eq(directoryWords.word, 'quilbec42'));
    assert.ok(!(await titles('quilbec4')).includes('Rose Quilbec42'), 'the word is looked up');

    const migration = readFileSync(
      new URL('../../db/migrations/0041_directory_vocabulary_backfill.sql', import.meta.url),
      'utf8',
    );
    await database.db.execute(sql.raw(migration));
    assert.deepEqual(await titles('quilbec4'), named(NUMBERS.filter((n) => n >= 40 && n < 50)));
  });
});
