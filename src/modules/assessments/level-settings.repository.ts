import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';
import { levelSettingsFrom, type TLevelSettings } from './level-settings.js';

const KEY = 'integration_levels';

/** The network's integration-level thresholds and reassessment delays (defaults when unset). */
export async function getLevelSettings(db: TDb): Promise<TLevelSettings> {
  const [row] = await db.select().from(networkSettings).where(eq(networkSettings.key, KEY));
  return levelSettingsFrom(row?.value);
}

/** Replaces the integration-level settings (validated by ZLevelSettings before). */
export async function setLevelSettings(db: TDb, settings: TLevelSettings): Promise<void> {
  await db
    .insert(networkSettings)
    .values({ key: KEY, value: settings })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: settings, updatedAt: new Date() },
    });
}
