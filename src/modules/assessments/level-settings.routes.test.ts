import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, networkSettings } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { DEFAULT_LEVEL_SETTINGS } from './level-settings.js';
import { getLevelSettings } from './level-settings.repository.js';

describe('integration-level thresholds, a network setting', () => {
  let t: TTestApp;
  let admin: TAgent;
  before(async () => {
    t = await createTestApp();
    admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
  });
  after(() => t.close());

  const settingsRows = async () =>
    JSON.stringify(await t.database.db.select().from(networkSettings).orderBy(networkSettings.key));

  it('shows the defaults until an admin changes them', async () => {
    const response = await admin.request('GET', '/api/admin/settings');
    assert.deepEqual(
      response.json<{ integrationLevels: unknown }>().integrationLevels,
      DEFAULT_LEVEL_SETTINGS,
    );
  });

  it('stores a change, audited, and the level reads it', async () => {
    const integrationLevels = {
      ...DEFAULT_LEVEL_SETTINGS,
      integrationGirMax: 3,
      reassessmentDays: { liaison: 300, coordination: 120, integration: 60 },
    };
    const response = await admin.request('PUT', '/api/admin/settings', { integrationLevels });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      response.json<{ integrationLevels: unknown }>().integrationLevels,
      integrationLevels,
    );
    assert.deepEqual(await getLevelSettings(t.database.db), integrationLevels);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.update'))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.deepEqual(audit?.details, { integrationLevels });
  });

  it('refuses thresholds out of order, naming the field in French and English, changing nothing', async () => {
    const before = await settingsRows();
    const body = { integrationLevels: { ...DEFAULT_LEVEL_SETTINGS, integrationGirMax: 5 } };
    const response = await admin.request('PUT', '/api/admin/settings', body);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json<{ error: { details: unknown } }>().error.details, {
      fields: [
        {
          field: 'integrationLevels.integrationGirMax',
          message:
            'le GIR de l’intégration complète doit être inférieur ou égal à celui de la coordination',
        },
      ],
    });
    const englishAdmin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin', locale: 'en' })).email,
      TEST_PASSWORD,
    );
    const english = await englishAdmin.request('PUT', '/api/admin/settings', body);
    assert.match(english.body, /the GIR of full integration must be at most that of coordination/);
    for (const bad of [
      { ...DEFAULT_LEVEL_SETTINGS, coordinationServiceTypes: 0 },
      { ...DEFAULT_LEVEL_SETTINGS, reassessmentDays: { liaison: 365 } },
      { coordinationServiceTypes: 2 },
    ]) {
      const refused = await admin.request('PUT', '/api/admin/settings', { integrationLevels: bad });
      assert.equal(refused.statusCode, 400, JSON.stringify(bad));
    }
    assert.equal(await settingsRows(), before);
  });
});
