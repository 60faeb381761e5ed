import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TDatabase } from '../../db/client.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { searchIndex, type TSearchFilters } from './directory.search.js';

/**
 * A broad search (more matches than the count cap) is read in tiers, never in full. These tests
 * lower the cap so that a few entries make a search broad, and check that every page of a broad
 * search holds exactly what the full ranking of the same search puts there.
 */
describe('broad directory searches', () => {
  let database: TDatabase;
  const search = (filters: Omit<TSearchFilters, 'limit' | 'offset'>, limit = 100, offset = 0) =>
    searchIndex(database.db, { ...filters, limit, offset });

  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const inVercors = await buildOrganisation(db, {
      name: 'Cabinet des Tilleuls',
      commune: 'Villard-de-Vercors',
    });
    await buildOrganisation(db, { name: 'Maison de santé du Vercors', commune: 'Lans' });
    await buildOrganisation(db, { name: 'Centre Vercorsien de soins', commune: 'Lans' });
    await buildOrganisation(db, {
      name: 'Vercors Assistance',
      commune: 'Lans',
      phone: '04 76 00 00 00',
      channels: [{ kind: 'phone', value: '04 76 00 00 00', preferred: true }],
    });
    await buildOrganisation(db, { name: 'CPTS Vercors', type: 'cpts', commune: 'Lans' });
    await buildOrganisation(db, { name: 'École du Vercors', type: 'other', commune: 'Lans' });
    await buildDirectoryMember(db, {
      firstName: 'Anne',
      lastName: 'Vercors',
      phone: '06 00 00 00 01',
      channels: [{ kind: 'sms', value: '06 00 00 00 01' }],
      organisations: [{ organisationId: inVercors.id, canEditServices: false }],
    });
    for (const [firstName, lastName] of [
      ['Zoé', 'Vercors'],
      ['Hugo', 'Martin'],
      ['Inès', 'Durand'],
      ['Paul', 'Roux'],
      ['Léa', 'Blanc'],
    ] as const) {
      await buildDirectoryMember(db, {
        firstName,
        lastName,
        organisations: [{ organisationId: inVercors.id, canEditServices: false }],
      });
    }
    for (const name of ['Portage de repas', 'Aide au lever', 'Accueil de jour Vercors']) {
      await buildService(db, inVercors.id, { name, communesServed: ['Autrans'], accepting: 'yes' });
    }
  });
  after(() => database.close());

  const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

  async function pagesOf(filters: Omit<TSearchFilters, 'limit' | 'offset'>, pageSize: number) {
    const seen: string[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await search(filters, pageSize, offset);
      assert.equal(page.totalExact, false, 'with the lowered cap the search is broad');
      assert.equal(page.total, filters.countCap);
      if (page.rows.length === 0) return seen;
      seen.push(...titles(page.rows));
    }
  }

  it('ranks entries with the word in their title first, then the others by title, alphabetically whatever the case and accents', async () => {
    const full = await search({ q: 'vercors' });
    assert.equal(full.totalExact, true);
    assert.deepEqual(titles(full.rows), [
      'Vercors Assistance',
      'Accueil de jour Vercors',
      'Anne Vercors',
      'Centre Vercorsien de soins',
      'CPTS Vercors',
      'École du Vercors',
      'Maison de santé du Vercors',
      'Zoé Vercors',
      'Aide au lever',
      'Cabinet des Tilleuls',
      'Hugo Martin',
      'Inès Durand',
      'Léa Blanc',
      'Paul Roux',
      'Portage de repas',
    ]);
  });

  it('pages a broad word search in the same order as the full ranking', async () => {
    const full = titles((await search({ q: 'vercors' })).rows);
    for (const pageSize of [1, 2, 3, 5]) {
      assert.deepEqual(await pagesOf({ q: 'vercors', countCap: 4 }, pageSize), full);
    }
  });

  it('pages a broad search of two words, one of them in some titles', async () => {
    const full = titles((await search({ q: 'tilleuls vercors' })).rows);
    assert.ok(full.length >= 8, `found ${String(full.length)}`);
    assert.deepEqual(await pagesOf({ q: 'tilleuls vercors', countCap: 3 }, 2), full);
  });

  it('pages broad searches by filters only, inside words and with a mistyped word', async () => {
    for (const filters of [{ types: ['member' as const] }, { q: 'ercor' }, { q: 'vercrs' }]) {
      const full = await search(filters);
      assert.ok(full.rows.length >= 5, JSON.stringify(filters));
      assert.deepEqual(await pagesOf({ ...filters, countCap: 2 }, 3), titles(full.rows));
    }
  });

  it('gives every row of every page its own card and contact, as the full ranking does', async () => {
    for (const q of ['vercors', 'tilleuls vercors']) {
      const full = await search({ q });
      assert.ok(full.rows.some((r) => r.subtitle !== null && r.matchFields.length > 0));
      assert.ok(full.rows.some((r) => r.phone !== null && r.channels.length > 0));
      for (const pageSize of [1, 3, 4]) {
        const paged = [];
        for (let offset = 0; offset < full.rows.length; offset += pageSize) {
          const page = await search({ q, countCap: 3 }, pageSize, offset);
          assert.equal(page.staleDays, full.staleDays);
          paged.push(...page.rows);
        }
        assert.deepEqual(paged, full.rows, `${q}, pages of ${String(pageSize)}`);
      }
    }
  });

  it('counts exactly up to the cap', async () => {
    const exact = await search({ q: 'vercors', countCap: 15 });
    assert.deepEqual([exact.total, exact.totalExact], [15, true]);
    const over = await search({ q: 'vercors', countCap: 14 });
    assert.deepEqual([over.total, over.totalExact], [14, false]);
  });
});
