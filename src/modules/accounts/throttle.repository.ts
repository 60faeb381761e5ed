import { eq, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { loginThrottle } from '../../db/schema/index.js';

/** Current count in the key's window, 0 when the window is over. */
export async function readThrottle(
  db: TDb,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ count: number; windowEnds: Date }> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) {
    return { count: 0, windowEnds: new Date(now.getTime() + windowMs) };
  }
  return { count: row.count, windowEnds: new Date(row.windowStart.getTime() + windowMs) };
}

/** Adds one to the key's counter, starting a new window when the old one is over. */
export async function bumpThrottle(
  db: TDb,
  key: string,
  windowMs: number,
  now: Date,
): Promise<void> {
  const windowOpenedAfter = new Date(now.getTime() - windowMs);
  await db
    .insert(loginThrottle)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        count: sql`case when ${loginThrottle.windowStart} > ${windowOpenedAfter.toISOString()}::timestamptz then ${loginThrottle.count} + 1 else 1 end`,
        windowStart: sql`case when ${loginThrottle.windowStart} > ${windowOpenedAfter.toISOString()}::timestamptz then ${loginThrottle.windowStart} else ${now.toISOString()}::timestamptz end`,
      },
    });
}

/** Forgets a key (after a successful login). */
export async function clearThrottle(db: TDb, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
