import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TDatabase } from '../../src/db/client.js';
import { carePlans, carePlanVersions, pathwayEvents, persons } from '../../src/db/schema/index.js';
import { ZPlanContent } from '../../src/modules/plans/plans.schemas.js';

/**
 * Checks of the seeded demo, run by src/seed/demo.seed.test.ts on the database it seeded (one seed for
 * all: each seed of the demo costs some 10 s of a test run).
 */
export function demoPlanChecks(database: () => TDatabase): void {
  describe('the demo coordination plans', () => {
    it('are of varied maturity, every version valid, one pathway event each', async () => {
      const db = database().db;
      const plans = await db
        .select({
          version: carePlans.currentVersion,
          firstName: persons.firstName,
          id: carePlans.id,
        })
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
}
