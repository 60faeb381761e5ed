import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TDatabase } from '../db/client.js';
import { carePlans, carePlanVersions, pathwayEvents, persons } from '../db/schema/index.js';
import { ZPlanContent } from '../modules/plans/plans.schemas.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { seedDemoNetwork } from './demo.seed.js';

describe('the demo coordination plans', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
    await seedDemoNetwork(database.db);
  });
  after(() => database.close());

  it('are of varied maturity, every version valid, one pathway event each', async () => {
    const db = database.db;
    const plans = await db
      .select({ version: carePlans.currentVersion, firstName: persons.firstName, id: carePlans.id })
      .from(carePlans)
      .innerJoin(persons, eq(persons.id, carePlans.personId));
    assert.deepEqual(plans.map((plan) => plan.version).sort(), [1, 1, 3]);
    const versions = await db.select().from(carePlanVersions);
    for (const version of versions) ZPlanContent.parse(version.content);
    const jeanne = plans.find((plan) => plan.version === 3)!;
    assert.equal(jeanne.firstName, 'Jeanne');
    const current = versions.find((v) => v.planId === jeanne.id && v.version === 3)!;
    const statuses = ZPlanContent.parse(current.content).goals.map((goal) => goal.status);
    assert.deepEqual(statuses, ['reached', 'in_progress', 'in_progress', 'partly']);
    const events = await db
      .select()
      .from(pathwayEvents)
      .where(eq(pathwayEvents.kind, 'plan.version_saved'));
    assert.equal(events.length, versions.length);
  });
});
