import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import {
  communeByCode,
  communesNamed,
  isCurrentCommuneCode,
  isKnownCommuneCode,
  isKnownCommuneName,
  nameFitsCode,
  postcodeFitsCode,
  searchCommunes,
} from './communes.reference.js';
import { canonicalCommune, communeProblems } from './communes.rules.js';
import { ANONYMOUS_LOOKUPS_PER_WINDOW } from './communes.service.js';

const codes = (query: string) => searchCommunes(query).map((c) => c.code);

describe('communes: the reference', () => {
  it('knows current communes, overseas departments 971–976 and collectivities, the arrondissements of Paris, Lyon, Marseille', () => {
    for (const code of ['01001', '2A004', '2B033', '97105', '97209', '97302', '97411', '97611'])
      assert.ok(isCurrentCommuneCode(code), code);
    assert.equal(communeByCode('97411')?.name, 'Saint-Denis');
    assert.equal(communeByCode('2a004')?.name, 'Ajaccio');
    assert.deepEqual(
      ['75115', '69383', '13201'].map((c) => communeByCode(c)?.parent),
      ['75056', '69123', '13055'],
    );
    // the overseas collectivities are French communes too (New Caledonia, Polynesia, St-Barth…)
    assert.equal(communeByCode('98818')?.name, 'Nouméa');
    for (const code of ['99999', '97700', '00000', '20001'])
      assert.ok(!isCurrentCommuneCode(code), code);
  });

  it('accepts a former code (delegated commune, replaced code) as a birth place, not as a residence', () => {
    assert.ok(isKnownCommuneCode('69232'));
    assert.ok(!isCurrentCommuneCode('69232'));
    assert.ok(isKnownCommuneCode('42218'));
    assert.ok(!isKnownCommuneCode('99999'));
  });

  it('compares names without accents, case, hyphens, and with St/Ste spelled out', () => {
    assert.ok(isKnownCommuneName('saint etienne'));
    assert.ok(isKnownCommuneName('St-Étienne'));
    assert.ok(isKnownCommuneName('STE MAXIME'));
    assert.ok(!isKnownCommuneName('Xyzville'));
    assert.ok(communesNamed('Saint-Denis').length > 1);
    assert.ok(nameFitsCode('Paris', '75115'));
    assert.ok(nameFitsCode('Paris 15e arrondissement', '75056'));
    assert.ok(!nameFitsCode('Lyon', '75056'));
    assert.ok(postcodeFitsCode('75015', '75115'));
    assert.ok(postcodeFitsCode('75015', '75056'));
    assert.ok(!postcodeFitsCode('69001', '75056'));
  });

  it('searches by the beginning of a name, a word of it, a postcode or a code; 10 at most', () => {
    assert.equal(codes('st etienne')[0], '42218');
    assert.equal(codes('saint-étienne')[0], '42218');
    assert.equal(codes('SAINT ETIENNE')[0], '42218');
    assert.ok(codes('denis').includes('97411'));
    assert.ok(codes('denis').includes('93066'));
    assert.deepEqual(codes('42000'), ['42218']);
    assert.ok(codes('974').every((c) => c.startsWith('974')));
    assert.deepEqual(codes('97611'), ['97611']);
    assert.deepEqual(codes('2B033'), ['2B033']);
    assert.equal(codes('pointe a pitre')[0], '97120');
    assert.equal(codes('eze')[0], '06059');
    assert.equal(codes('paris')[0], '75056');
    assert.equal(searchCommunes('sain').length, 10);
    assert.deepEqual(codes('x'), []);
    assert.deepEqual(codes('zzzzqq'), []);
  });

  it('says which field disagrees, and what to store', () => {
    assert.deepEqual(communeProblems({ commune: 'Lyon', communeInsee: '75056' }), [
      { field: 'commune', message: 'commune.name_mismatch' },
    ]);
    assert.deepEqual(communeProblems({ communeInsee: '97411', postalCode: '97600' }, 'p.'), [
      { field: 'p.postalCode', message: 'commune.postcode_mismatch' },
    ]);
    assert.deepEqual(communeProblems({ commune: 'St Denis', postalCode: '97400' }), []);
    assert.deepEqual(communeProblems({ postalCode: '00000' }), [
      { field: 'postalCode', message: 'commune.unknown_postcode' },
    ]);
    assert.deepEqual(canonicalCommune({ commune: 'st denis', postalCode: '97400' }), {
      commune: 'Saint-Denis',
      communeInsee: '97411',
    });
    assert.deepEqual(canonicalCommune({ commune: 'Saint-Denis' }), {
      commune: 'Saint-Denis',
      communeInsee: null,
    });
    assert.deepEqual(canonicalCommune({}), { commune: null, communeInsee: null });
  });
});

describe('communes: GET /api/communes', () => {
  let t: TTestApp;
  let member: TAgent;
  before(async () => {
    t = await createTestApp();
    const user = await buildUser(t.database.db, { role: 'professional' });
    member = await loginAs(t.app, user.email, TEST_PASSWORD);
  });
  after(() => t.close());

  const anonymous = (q: string, remoteAddress = '10.9.0.1') =>
    t.app.inject({
      method: 'GET',
      url: `/api/communes?q=${encodeURIComponent(q)}`,
      remoteAddress,
    });

  it('answers without a session (the public form), 10 communes at most with code, name, postcodes', async () => {
    const response = await anonymous('st eti');
    assert.equal(response.statusCode, 200, response.body);
    const { items } = response.json<{
      items: { code: string; name: string; postcodes: string[] }[];
    }>();
    assert.ok(items.length <= 10 && items.length > 0);
    assert.deepEqual(items[0], {
      code: '42218',
      name: 'Saint-Étienne',
      postcodes: ['42000', '42100', '42230'],
      department: '42',
    });
  });

  it('refuses a query too long with the field named', async () => {
    const response = await anonymous('x'.repeat(101), '10.9.0.2');
    assert.equal(response.statusCode, 400);
  });

  it('limits the look-ups of an address without a session, not those of a logged-in user', async () => {
    for (let i = 0; i < ANONYMOUS_LOOKUPS_PER_WINDOW; i++) {
      assert.equal((await anonymous('lyon', '10.9.0.3')).statusCode, 200);
    }
    const refused = await anonymous('lyon', '10.9.0.3');
    assert.equal(refused.statusCode, 429);
    assert.match(
      refused.json<{ error: { message: string } }>().error.message,
      /Trop de recherches/,
    );
    assert.ok(refused.headers['retry-after']);
    assert.equal((await anonymous('lyon', '10.9.0.4')).statusCode, 200);
    for (let i = 0; i < 3; i++) {
      assert.equal((await member.request('GET', '/api/communes?q=lyon')).statusCode, 200);
    }
  });
});
