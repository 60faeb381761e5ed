import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';
import { verifyAuditChain } from './audit.verify.js';

/** The last walk of the audit chain: when, how many rows, and what was wrong (first 20). */
export const ZAuditCheck = z.object({
  at: z.iso.datetime(),
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.string()),
  ms: z.number().int().describe('How long the walk took'),
});
export type TAuditCheck = z.infer<typeof ZAuditCheck>;

const KEY = 'audit_check';

/**
 * Walks the whole chain and keeps the result in the database (every instance and the admin
 * screen read the same one). A tamper-evident log is only as good as its checks: housekeeping runs
 * this daily, and an admin can run it at any time.
 */
export async function checkAuditChain(db: TDb): Promise<TAuditCheck> {
  const started = performance.now();
  const result = await verifyAuditChain(db);
  const check: TAuditCheck = {
    at: new Date().toISOString(),
    ok: result.ok,
    checked: result.checked,
    problems: result.problems.slice(0, 20),
    ms: Math.round(performance.now() - started),
  };
  await db
    .insert(networkSettings)
    .values({ key: KEY, value: check })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: check, updatedAt: new Date() },
    });
  return check;
}

/** The last stored check, or null before the first one. */
export async function lastAuditCheck(db: TDb): Promise<TAuditCheck | null> {
  const [row] = await db.select().from(networkSettings).where(eq(networkSettings.key, KEY));
  const parsed = ZAuditCheck.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
