import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';

/** Entries not verified for this many days are flagged (network setting directory_stale_days). */
export const DEFAULT_STALE_DAYS = 365;

/** The network's freshness threshold in days. */
export async function getStaleDays(db: TDb): Promise<number> {
  const [row] = await db
    .select()
    .from(networkSettings)
    .where(eq(networkSettings.key, 'directory_stale_days'));
  return typeof row?.value === 'number' && row.value > 0 ? row.value : DEFAULT_STALE_DAYS;
}

/** Whether an entry needs checking: never verified, or verified longer ago than the threshold. */
export function isStale(verifiedAt: Date | null, staleDays: number, now = Date.now()): boolean {
  return verifiedAt === null || now - verifiedAt.getTime() > staleDays * 86_400_000;
}
