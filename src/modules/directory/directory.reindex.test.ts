/**
 * An upgrade re-indexes the directory (decision 032): rows written by an older indexer (without
 * the joined forms of names) are rebuilt at start, once, and are then found the new way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { directoryIndex, networkSettings } from '../../db/schema/index.js';
import {
  buildDirectoryMember,
  buildOrganisation,
} from '../../../test/helpers/directory-factories.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { DIRECTORY_INDEX_VERSION, reindexDirectoryIfStale } from './directory.indexer.js';
import { searchIndex } from './directory.search.js';

describe('re-indexing the directory at start', () => {
  let database: TDatabase;
  let memberId = '';
  const titles = async (q: string) =>
    (await searchIndex(database.db, { q, limit: 20, offset: 0 })).rows.map((r) => r.title);

  before(async () => {
    database = await createTestDatabase();
    const ehpad = await buildOrganisation(database.db, {
      name: 'EHPAD Les Glycines',
      type: 'nursing_home',
      commune: 'Montaigu-les-Bois',
    });
    memberId = (
      await buildDirectoryMember(database.db, {
        firstName: 'Rose',
        lastName: 'N’Diaye',
        profession: 'care_assistant',
        organisations: [{ organisationId: ehpad.id, canEditServices: false }],
      })
    ).id;
  });
  after(() => database.close());

  it('records the version on a database indexed by the current code, re-indexing nothing twice', async () => {
    await reindexDirectoryIfStale(database.db); // a database of before decision 032: no version
    const [row] = await database.db
      .select({ value: networkSettings.value })
      .from(networkSettings)
      .where(eq(networkSettings.key, 'directory_index_version'));
    assert.equal(row?.value, DIRECTORY_INDEX_VERSION);
    assert.equal(await reindexDirectoryIfStale(database.db), 0);
  });

  it('rebuilds rows an older indexer wrote, which are then found by the joined name', async () => {
    // As version 1 wrote it: the words of the name, not "ndiaye".
    await database.db
      .update(directoryIndex)
      .set({ searchText: sql`replace(${directoryIndex.searchText}, ' ndiaye', '')` })
      .where(eq(directoryIndex.entityId, memberId));
    await database.db
      .delete(networkSettings)
      .where(eq(networkSettings.key, 'directory_index_version'));
    assert.ok(!(await titles('Ndiaye')).includes('Rose N’Diaye'), 'the old row lacks the form');

    assert.equal(await reindexDirectoryIfStale(database.db), 2); // the EHPAD and Rose
    assert.ok((await titles('Ndiaye')).includes('Rose N’Diaye'));
    assert.ok((await titles('aide-soignante Montaigu')).includes('Rose N’Diaye'));
    assert.equal(await reindexDirectoryIfStale(database.db), 0);
  });
});
