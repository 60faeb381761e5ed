import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';
import { readAnchors } from './audit.anchor.js';
import { sealAuditLog } from './audit.seal.js';
import { verifyAuditChain } from './audit.verify.js';

/** The last walk of the audit chain: when, how many rows, and what was wrong (first 20). */
export const ZAuditCheck = z.object({
  at: z.iso.datetime(),
  ok: z.boolean(),
  checked: z.number().int(),
  problemCount: z
    .number()
    .int()
    .optional()
    .describe('Every problem found (the list shows the first ones)'),
  problems: z.array(z.string()),
  head: z
    .object({ seq: z.number().int(), hash: z.string() })
    .nullable()
    .optional()
    .describe('The head the walk went up to: compare it with the anchors kept outside'),
  anchors: z.number().int().optional().describe('Anchors compared with the chain'),
  unsealed: z
    .number()
    .int()
    .optional()
    .describe('Rows committed during the walk, sealed into the chain by the next run'),
  ms: z.number().int().describe('How long the walk took'),
});
export type TAuditCheck = z.infer<typeof ZAuditCheck>;

const KEY = 'audit_check';
/** Problems listed in the kept result; all are counted. */
const LISTED = 20;

/**
 * Walks the whole chain, compares it with the anchors kept outside the database (anchorFile), and
 * keeps the result in the database (every instance and the admin screen read the same one). A tamper-evident log is only as good as its checks: housekeeping runs
 * this daily, and an admin can run it at any time.
 */
export async function checkAuditChain(
  db: TDb,
  options: { anchorFile?: string } = {},
): Promise<TAuditCheck> {
  const started = performance.now();
  const anchored = options.anchorFile
    ? readAnchors(options.anchorFile)
    : { anchors: [], problems: [] };
  // what has committed until now is sealed first, so the walk covers it
  await sealAuditLog(db);
  const result = await verifyAuditChain(db, { anchors: anchored.anchors });
  const problemCount = result.problemCount + anchored.problems.length;
  const problems = [...anchored.problems, ...result.problems].slice(0, LISTED);
  if (problemCount > problems.length) {
    problems.push(`… and ${problemCount - problems.length} more (${problemCount} problems in all)`);
  }
  const check: TAuditCheck = {
    at: new Date().toISOString(),
    ok: result.ok && anchored.problems.length === 0,
    checked: result.checked,
    problemCount,
    problems,
    head: result.head,
    anchors: anchored.anchors.length,
    unsealed: result.unsealed,
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
