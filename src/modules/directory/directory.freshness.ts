import { eq, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';

/** Entries not verified for this many days are flagged (network setting directory_stale_days). */
export const DEFAULT_STALE_DAYS = 365;

/** The stored setting as a threshold in days (the default when unset or unusable). */
export function staleDaysFrom(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : DEFAULT_STALE_DAYS;
}

/** The stored setting, as a subquery read beside other rows (a search reads it with its cards). */
export const staleDaysValue = sql<unknown>`(SELECT ${networkSettings.value} FROM ${networkSettings} WHERE ${networkSettings.key} = 'directory_stale_days')`;

/** The network's freshness threshold in days. */
export async function getStaleDays(db: TDb): Promise<number> {
  const [row] = await db
    .select()
    .from(networkSettings)
    .where(eq(networkSettings.key, 'directory_stale_days'));
  return staleDaysFrom(row?.value);
}

/** Whether an entry needs checking: never verified, or verified longer ago than the threshold. */
export function isStale(verifiedAt: Date | null, staleDays: number, now = Date.now()): boolean {
  return verifiedAt === null || now - verifiedAt.getTime() > staleDays * 86_400_000;
}
