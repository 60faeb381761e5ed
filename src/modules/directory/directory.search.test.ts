import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { setDirectoryStaleDays } from '../settings/settings.repository.js';

type TItem = {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  stale: boolean;
  matched: {
    field: string;
    value: string;
    exact: boolean;
    marks: { start: number; end: number }[];
  }[];
};

describe('directory search', () => {
  let t: TTestApp;
  let agent: TAgent;
  const ids: Record<string, string> = {};

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const msp = await buildOrganisation(db, {
      name: 'Maison de santé des Tilleuls',
      type: 'msp',
      commune: 'Saint-Étienne-de-Valoux',
      channels: [
        { kind: 'phone', value: '04 77 00 00 01', preferred: true, bestTimes: 'avant 9 h' },
      ],
    });
    const ssiad = await buildOrganisation(db, {
      name: 'SSIAD du Pays de Rives',
      type: 'home_nursing',
      commune: 'Brives-sur-Lys',
    });
    ids.msp = msp.id;
    ids.ssiad = ssiad.id;
    ids.kine = (
      await buildDirectoryMember(db, {
        firstName: 'Thomas',
        lastName: 'Girard',
        profession: 'physiotherapist',
        languages: ['fr', 'en'],
        channels: [{ kind: 'sms', value: '06 00 00 00 01' }],
        organisations: [{ organisationId: msp.id, canEditServices: false }],
      })
    ).id;
    ids.nurse = (
      await buildDirectoryMember(db, {
        firstName: 'Élodie',
        lastName: 'Garnier',
        profession: 'nurse',
        languages: ['fr'],
        organisations: [{ organisationId: ssiad.id, canEditServices: false }],
      })
    ).id;
    ids.psy = (
      await buildDirectoryMember(db, {
        firstName: 'Louis',
        lastName: 'Bertrand',
        profession: 'psychologist',
        languages: ['fr', 'ar'],
        channels: [{ kind: 'secure_messaging', value: 'louis.bertrand@psy.mssante.fr' }],
      })
    ).id;
    ids.rehab = (
      await buildService(db, msp.id, {
        name: 'Rééducation à domicile',
        careStreams: ['elderly'],
        communesServed: ['Lavergne'],
        accepting: 'yes',
      })
    ).id;
    ids.night = (
      await buildService(db, ssiad.id, {
        name: 'Soins infirmiers de nuit',
        careStreams: ['elderly', 'palliative'],
        accepting: 'no',
        limits: 'Pas de pansements complexes',
      })
    ).id;
    agent = await loginAs(t.app, (await buildUser(db, { role: 'social' })).email, TEST_PASSWORD);
  });
  after(() => t.close());

  async function search(query: string): Promise<{ items: TItem[]; total: number }> {
    const response = await agent.request('GET', `/api/directory/search?${query}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }
  const titles = (result: { items: TItem[] }) => result.items.map((i) => i.title);

  it('finds a profession from a partial word without accents ("kine")', async () => {
    const result = await search('q=kine');
    assert.deepEqual(titles(result), ['Thomas Girard']);
    assert.deepEqual(result.items[0]!.matched[0], {
      field: 'profession',
      value: 'Masseur-kinésithérapeute',
      exact: true,
      marks: [{ start: 0, end: 'Masseur-kinésithérapeute'.length }],
    });
  });

  it("shows labels in the reader's language: profession, type and why it matched", async () => {
    const english = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'social', locale: 'en' })).email,
      TEST_PASSWORD,
    );
    const response = await english.request('GET', '/api/directory/search?q=kine');
    const [physio] = response.json<{ items: TItem[] }>().items;
    assert.equal(physio!.subtitle, 'Physiotherapist · Maison de santé des Tilleuls');
    assert.deepEqual(physio!.matched[0], {
      field: 'profession',
      value: 'Physiotherapist',
      exact: true,
      // found by a French synonym: the English label is what it means, marked whole
      marks: [{ start: 0, end: 'Physiotherapist'.length }],
    });
    const msp = (
      await english.request('GET', '/api/directory/search?q=tilleuls&type=organisation')
    ).json<{ items: TItem[] }>().items[0];
    assert.match(msp!.subtitle ?? '', /^Multi-professional health centre/);
    const inFrench = (await search('q=kine')).items[0]!;
    assert.equal(inFrench.subtitle, 'Masseur-kinésithérapeute · Maison de santé des Tilleuls');
  });

  it('tolerates a typo ("kinesiterapeute")', async () => {
    assert.deepEqual(titles(await search('q=kinesiterapeute')), ['Thomas Girard']);
  });

  it('finds "Saint-Étienne" when typed "Saint-Etienne" and says the commune matched', async () => {
    const result = await search('q=Saint-Etienne');
    assert.ok(result.items.some((i) => i.id === ids.msp));
    const msp = result.items.find((i) => i.id === ids.msp)!;
    assert.ok(
      msp.matched.some((m) => m.field === 'commune' && m.value === 'Saint-Étienne-de-Valoux'),
    );
  });

  it('needs every word and ranks the best match first', async () => {
    assert.deepEqual(titles(await search('q=garnier%20infirmiere')), ['Élodie Garnier']);
    const result = await search('q=tilleuls');
    assert.equal(
      result.items[0]!.id,
      ids.msp,
      'the organisation named so comes before what merely belongs to it',
    );
  });

  it('does not find a service by what it does NOT do', async () => {
    const result = await search('q=pansements');
    assert.ok(!result.items.some((i) => i.id === ids.night));
  });

  it('filters by entry type, profession, organisation type and care stream', async () => {
    assert.deepEqual(titles(await search('type=service')).sort(), [
      'Rééducation à domicile',
      'Soins infirmiers de nuit',
    ]);
    assert.deepEqual(titles(await search('profession=psychologist')), ['Louis Bertrand']);
    assert.deepEqual(titles(await search('organisationType=home_nursing&type=organisation')), [
      'SSIAD du Pays de Rives',
    ]);
    assert.deepEqual(titles(await search('careStream=palliative&type=service')), [
      'Soins infirmiers de nuit',
    ]);
  });

  it('filters by commune (where the entry is or that it serves)', async () => {
    assert.deepEqual(titles(await search(`commune=${encodeURIComponent('Lavergne')}`)).sort(), [
      'Maison de santé des Tilleuls',
      'Rééducation à domicile',
    ]);
    assert.ok(
      titles(await search(`commune=${encodeURIComponent('Brives-sur-Lys')}&type=member`)).includes(
        'Élodie Garnier',
      ),
    );
  });

  it('filters by accepting new people, language and channel', async () => {
    assert.deepEqual(titles(await search('accepting=no&type=service')), [
      'Soins infirmiers de nuit',
    ]);
    assert.deepEqual(titles(await search('language=ar')), ['Louis Bertrand']);
    assert.deepEqual(titles(await search('channel=sms')), ['Thomas Girard']);
    assert.deepEqual(titles(await search('channel=secure_messaging')), ['Louis Bertrand']);
  });

  it('paginates with a total', async () => {
    const page1 = await search('pageSize=2&page=1');
    const page2 = await search('pageSize=2&page=2');
    assert.equal(page1.items.length, 2);
    assert.equal(page1.total, 7);
    assert.equal(page2.total, 7);
    assert.equal(new Set([...titles(page1), ...titles(page2)]).size, 4);
  });

  it('flags entries not verified for longer than the network allows', async () => {
    await t.database.db.execute(
      sql`UPDATE directory_index SET verified_at = now() - interval '400 days' WHERE entity_id = ${ids.psy}`,
    );
    const [psy] = (await search('q=bertrand')).items;
    assert.equal(psy!.stale, true);
    assert.equal((await search('q=girard')).items[0]!.stale, false);
    // The network's own threshold (read with the page's cards) decides, not the default one.
    await t.database.db.execute(
      sql`UPDATE directory_index SET verified_at = now() - interval '40 days' WHERE entity_id = ${ids.psy}`,
    );
    assert.equal((await search('q=bertrand')).items[0]!.stale, false, 'default: 365 days');
    await setDirectoryStaleDays(t.database.db, 30);
    try {
      assert.equal((await search('q=bertrand')).items[0]!.stale, true, 'network: 30 days');
    } finally {
      await setDirectoryStaleDays(t.database.db, 365);
    }
  });

  it('refuses unknown filter values with a 400 naming the field', async () => {
    const response = await agent.request('GET', '/api/directory/search?profession=astronaut');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.details.fields[0].field, 'profession');
  });

  it('lists the vocabulary with French labels and the communes in use', async () => {
    const vocabulary = (await agent.request('GET', '/api/directory/vocabulary')).json();
    assert.ok(
      vocabulary.professions.some(
        (p: { code: string; fr: string }) =>
          p.code === 'physiotherapist' && p.fr === 'Masseur-kinésithérapeute',
      ),
    );
    assert.deepEqual(vocabulary.communes, [
      'Brives-sur-Lys',
      'Lavergne',
      'Saint-Étienne-de-Valoux',
    ]);
    const required = (kind: 'members' | 'services') =>
      (vocabulary.importColumns[kind] as { column: string; required: boolean }[])
        .filter((c) => c.required)
        .map((c) => c.column);
    assert.deepEqual(required('members'), ['first_name', 'last_name', 'profession']);
    assert.deepEqual(required('services'), ['organisation', 'name']);
  });

  it('requires a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/directory/search?q=kine' });
    assert.equal(response.statusCode, 401);
  });
});
