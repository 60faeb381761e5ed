/**
 * Confirming an entry (decision 043): it changes only the entry's freshness, so only the entry's
 * own search row is touched — and the index is then exactly what a full rebuild would write, the
 * search shows the new freshness at once, and the rows that show the entry are left alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import {
  directoryCards,
  directoryIndex,
  members,
  organisations,
  services,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { indexMembers, indexOrganisations, indexServices } from './directory.indexer.js';
import { MEMBER_FIELDS_NOT_SEARCHED } from './directory.service.js';

const LONG_AGO = new Date('2023-01-15T10:00:00.000Z');

type TCard = { type: string; id: string; stale: boolean; acceptingStale: boolean };

describe('confirming a directory entry', () => {
  let t: TTestApp;
  let admin: TAgent;
  let orgId: string;
  let serviceId: string;
  let memberId: string;

  /** Every search row and card, in a fixed order. */
  const indexSnapshot = async () => {
    const db = t.database.db;
    const rows = await db
      .select()
      .from(directoryIndex)
      .orderBy(asc(directoryIndex.entityType), asc(directoryIndex.entityId));
    const cards = await db
      .select()
      .from(directoryCards)
      .orderBy(asc(directoryCards.entityType), asc(directoryCards.entityId));
    return { rows, cards };
  };

  /** What a full rebuild of every entry writes. */
  const rebuildAll = async () => {
    const db = t.database.db;
    const ids = async (table: typeof organisations | typeof services | typeof members) =>
      (await db.select({ id: table.id }).from(table)).map((r) => r.id);
    await indexOrganisations(db, await ids(organisations));
    await indexServices(db, await ids(services));
    await indexMembers(db, await ids(members));
  };

  const cardsFor = async (q: string) =>
    (await admin.request('GET', `/api/directory/search?q=${encodeURIComponent(q)}`)).json<{
      items: TCard[];
    }>().items;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    orgId = (
      await buildOrganisation(db, { name: 'Maison de santé Quenouille', commune: 'Lavergne' })
    ).id;
    serviceId = (
      await buildService(db, orgId, { name: 'Consultation Quenouille', careStreams: ['elderly'] })
    ).id;
    memberId = (
      await buildDirectoryMember(db, {
        lastName: 'Quenouille',
        organisations: [{ organisationId: orgId, canEditServices: false }],
      })
    ).id;
    const staff = await buildUser(db, { role: 'admin' });
    // Everything last confirmed long ago, the index rebuilt to say so (staff's member included).
    for (const table of [organisations, services, members]) {
      await db.update(table).set({ verifiedAt: LONG_AGO });
    }
    await rebuildAll();
    admin = await loginAs(t.app, staff.email, TEST_PASSWORD);
  });
  after(() => t.close());

  it('shows every entry stale before anyone confirms it', async () => {
    const cards = await cardsFor('quenouille');
    assert.equal(cards.length, 3);
    assert.ok(cards.every((c) => c.stale));
  });

  for (const [type, path] of [
    ['organisation', 'organisations'],
    ['service', 'services'],
    ['member', 'members'],
  ] as const) {
    it(`confirming the ${type} makes its card fresh at once, and leaves the others as they were`, async () => {
      const id = { organisation: orgId, service: serviceId, member: memberId }[type];
      const before = await cardsFor('quenouille');
      const response = await admin.request('POST', `/api/directory/${path}/${id}/verify`);
      assert.equal(response.statusCode, 200, response.body);
      const after = await cardsFor('quenouille');
      for (const card of after) {
        const was = before.find((c) => c.id === card.id)!;
        assert.equal(card.stale, card.id === id ? false : was.stale, `${card.type} ${card.id}`);
      }
      if (type === 'service') {
        // A service's "accepting" status is confirmed with the entry.
        assert.equal(after.find((c) => c.id === id)!.acceptingStale, false);
      }
      const [row] = await t.database.db
        .select({ verifiedAt: directoryIndex.verifiedAt })
        .from(directoryIndex)
        .where(eq(directoryIndex.entityId, id));
      assert.equal(row?.verifiedAt?.toISOString(), response.json().verifiedAt);
    });
  }

  it('leaves room on the index pages, so that a confirmation rewrites its row in place', async () => {
    // Migration 0042: without free room, each confirmation would also write every GIN index.
    const result = await t.database.db.execute(
      sql`SELECT reloptions FROM pg_class WHERE relname = 'directory_index'`,
    );
    const [row] = (result as { rows: { reloptions: string[] | null }[] }).rows;
    assert.deepEqual(row?.reloptions, ['fillfactor=80']);
  });

  it('leaves the search rows alone for a member edit of fields no search shows, as a rebuild would (decision 057)', async () => {
    // one sample value per field said not to be searched: a field added to the list needs one
    const samples: Record<string, unknown> = { goodToKnow: 'Quenouille joignable avant 9 h' };
    assert.deepEqual(Object.keys(samples).sort(), [...MEMBER_FIELDS_NOT_SEARCHED].sort());
    await rebuildAll();
    for (const [field, value] of Object.entries(samples)) {
      const before = await indexSnapshot();
      const path = `/api/directory/members/${memberId}`;
      const { version } = (await admin.request('GET', path)).json<{ version: number }>();
      const edited = await admin.request('PATCH', path, { version, [field]: value });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(await indexSnapshot(), before, `${field}: no search row rewritten`);
      // …and what a full rebuild writes is the same: the indexer does not read the field
      await rebuildAll();
      assert.deepEqual(await indexSnapshot(), before, `${field}: the search never shows it`);
    }
  });

  it('leaves the index exactly as a full rebuild would write it', async () => {
    const db = t.database.db;
    // A fresh round of confirmations, then the index compared with a rebuild of everything.
    for (const [path, id] of [
      ['organisations', orgId],
      ['services', serviceId],
      ['members', memberId],
    ]) {
      const response = await admin.request('POST', `/api/directory/${path}/${id}/verify`);
      assert.equal(response.statusCode, 200, response.body);
    }
    const afterConfirming = await indexSnapshot();
    await rebuildAll();
    assert.deepEqual(afterConfirming, await indexSnapshot());
    const verified = await db
      .select({ verifiedAt: directoryIndex.verifiedAt })
      .from(directoryIndex)
      .where(inArray(directoryIndex.entityId, [orgId, serviceId, memberId]));
    assert.ok(verified.every((r) => r.verifiedAt!.getTime() > LONG_AGO.getTime()));
  });
});
