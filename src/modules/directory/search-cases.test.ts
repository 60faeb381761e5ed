/**
 * The table of search words (search-cases.data.ts, decision 032): every case on the directory
 * made for it, through the search the API uses. Runs on PGlite and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TDatabase } from '../../db/client.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { searchIndex } from './directory.search.js';
import {
  CASE_MEMBERS,
  CASE_ORGANISATIONS,
  CASE_SERVICES,
  SEARCH_CASES,
} from './search-cases.data.js';

describe('search cases: the words people type', () => {
  let database: TDatabase;

  before(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const orgId = new Map<string, string>();
    for (const o of CASE_ORGANISATIONS) {
      orgId.set(o.name, (await buildOrganisation(db, o)).id);
    }
    for (const { organisation, roleTitle, ...member } of CASE_MEMBERS) {
      await buildDirectoryMember(db, {
        ...member,
        organisations: [
          { organisationId: orgId.get(organisation)!, roleTitle, canEditServices: false },
        ],
      });
    }
    for (const { organisation, ...service } of CASE_SERVICES) {
      await buildService(db, orgId.get(organisation)!, { careStreams: [], ...service });
    }
  });
  after(() => database.close());

  it('has at least 40 cases, each naming entries of the directory', () => {
    assert.ok(SEARCH_CASES.length >= 40, `${SEARCH_CASES.length} cases`);
    const titles = new Set([
      ...CASE_ORGANISATIONS.map((o) => o.name),
      ...CASE_MEMBERS.map((m) => `${m.firstName} ${m.lastName}`),
      ...CASE_SERVICES.map((s) => s.name),
    ]);
    for (const c of SEARCH_CASES)
      for (const title of [...c.find, ...(c.notFind ?? [])])
        assert.ok(titles.has(title), `"${c.query}" names "${title}", not in the directory`);
  });

  it('finds what each case must find, and not what it must not', async () => {
    const failures: string[] = [];
    for (const c of SEARCH_CASES) {
      const result = await searchIndex(database.db, { q: c.query, limit: 100, offset: 0 });
      const found = new Set(result.rows.map((r) => r.title));
      const missing = c.find.filter((title) => !found.has(title));
      const unwanted = (c.notFind ?? []).filter((title) => found.has(title));
      if (missing.length || unwanted.length)
        failures.push(
          `"${c.query}": ${missing.length ? `missing ${missing.join(', ')}` : ''}${unwanted.length ? ` unwanted ${unwanted.join(', ')}` : ''} (found: ${[...found].join(', ')})`,
        );
    }
    assert.deepEqual(failures, [], `${failures.length} of ${SEARCH_CASES.length} cases fail`);
  });
});
