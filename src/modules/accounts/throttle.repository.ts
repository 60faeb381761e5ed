import { eq, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { loginThrottle } from '../../db/schema/index.js';

export type TThrottleState = { count: number; windowEnds: Date };

/**
 * Counts one attempt on the key, starting a new window when the old one is over, and returns the
 * count including it. One statement that locks the key's row: parallel attempts each get their
 * own number (read-then-write let a burst of attempts through a limit).
 */
export async function takeThrottleSlot(
  db: TDb,
  key: string,
  windowMs: number,
  now: Date,
): Promise<TThrottleState> {
  const windowOpenedAfter = new Date(now.getTime() - windowMs).toISOString();
  const isOpen = sql`${loginThrottle.windowStart} > ${windowOpenedAfter}::timestamptz`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        count: sql`case when ${isOpen} then ${loginThrottle.count} + 1 else 1 end`,
        windowStart: sql`case when ${isOpen} then ${loginThrottle.windowStart} else ${now.toISOString()}::timestamptz end`,
      },
    })
    .returning({ count: loginThrottle.count, windowStart: loginThrottle.windowStart });
  return { count: row!.count, windowEnds: new Date(row!.windowStart.getTime() + windowMs) };
}

/** Gives back an attempt that went well (a successful login does not count against its address). */
export async function releaseThrottleSlot(db: TDb, key: string): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ count: sql`greatest(${loginThrottle.count} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

/** Forgets a key (after a successful login). */
export async function clearThrottle(db: TDb, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
