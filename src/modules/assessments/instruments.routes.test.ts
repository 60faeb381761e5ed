import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

const codes = (letters: string) => {
  const names = [
    'coherence',
    'orientation',
    'toilette',
    'habillage',
    'alimentation',
    'elimination',
    'transferts',
    'deplacementsInterieurs',
  ];
  return Object.fromEntries(names.map((name, index) => [name, letters[index]]));
};

type TError = {
  error: { code: string; details: { fields: { field: string; message: string }[] } };
};

describe('the instruments and the GIR calculator', () => {
  let t: TTestApp;
  let professional: TAgent;
  before(async () => {
    t = await createTestApp();
    professional = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional' })).email,
      TEST_PASSWORD,
    );
  });
  after(() => t.close());

  const auditRows = async () => (await t.database.db.select({ n: count() }).from(auditLog))[0]!.n;

  it('lists the three instruments with their sections and items, without scoring code', async () => {
    const response = await professional.request('GET', '/api/instruments');
    assert.equal(response.statusCode, 200);
    const { items } = response.json<{
      items: {
        id: string;
        version: number;
        sections: { items: { id: string; category: string }[] }[];
      }[];
    }>();
    assert.deepEqual(
      items.map((item) => `${item.id}@${item.version}`),
      ['multidimensional@1', 'aggir@1', 'prisma7@1'],
    );
    const aggir = items.find((item) => item.id === 'aggir')!;
    assert.equal(aggir.sections.flatMap((section) => section.items).length, 24); // 15 sub-variables, 2 weighing 0, 7 illustrative
    assert.ok(!('score' in aggir));
    const health = items[0]!.sections[0]!.items.find((item) => item.id === 'medicationCount');
    assert.equal(health?.category, 'medical');
  });

  it('scores the eight codes: all C → GIR 1, all B → GIR 4, all A → GIR 6', async () => {
    for (const [letters, expected] of [
      ['CCCCCCCC', { gir: 1, rank: 1, group: 'A' }],
      ['BBBBBBBB', { gir: 4, rank: 10, group: 'G' }],
      ['AAAAAAAA', { gir: 6, rank: 13, group: 'H' }],
      // A 140, B 140, C 140, D 2000, E 1200 ≥ 1200 → rank 8 → GIR 3
      ['AACCCAAA', { gir: 3, rank: 8, group: 'E' }],
    ] as const) {
      const response = await professional.request('POST', '/api/instruments/aggir/score', {
        codes: codes(letters),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), expected);
    }
  });

  it('answers 400 naming the field of a bad, missing or unknown code', async () => {
    const bad = await professional.request('POST', '/api/instruments/aggir/score', {
      codes: { ...codes('AAAAAAAA'), toilette: 'D' },
    });
    assert.equal(bad.statusCode, 400);
    const error = bad.json<TError>().error;
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(
      error.details.fields.map((field) => field.field),
      ['codes.toilette'],
    );
    assert.equal(
      error.details.fields[0]!.message,
      'code A, B ou C attendu (A : fait seul, C : ne fait pas, B : entre les deux)',
    );

    const { transferts: _, ...missing } = codes('AAAAAAAA');
    const absent = await professional.request('POST', '/api/instruments/aggir/score', {
      codes: missing,
    });
    assert.deepEqual(
      absent.json<TError>().error.details.fields.map((field) => [field.field, field.message]),
      [['codes.transferts', 'à renseigner']],
    );

    for (const body of [
      { codes: { ...codes('AAAAAAAA'), deplacementsExterieurs: 'C' } },
      { codes: { ...codes('AAAAAAAA'), coherence: 'a' } },
      { codes: codes('AAAAAAAA'), personId: '00000000-0000-4000-8000-000000000000' },
      {},
    ]) {
      const response = await professional.request('POST', '/api/instruments/aggir/score', body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
    }
  });

  it('holds no personal data: scoring writes no audit row', async () => {
    const before = await auditRows();
    await professional.request('POST', '/api/instruments/aggir/score', {
      codes: codes('BBBBBBBB'),
    });
    assert.equal(await auditRows(), before);
  });

  it('is for logged-in users only, of any role', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/instruments/aggir/score',
      payload: { codes: codes('AAAAAAAA') },
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/instruments' })).statusCode, 401);
    for (const role of ['patient', 'steering', 'social'] as const) {
      const agent = await loginAs(
        t.app,
        (await buildUser(t.database.db, { role })).email,
        TEST_PASSWORD,
      );
      const response = await agent.request('POST', '/api/instruments/aggir/score', {
        codes: codes('CCCCCCCC'),
      });
      assert.equal(response.json<{ gir: number }>().gir, 1, role);
    }
  });
});
