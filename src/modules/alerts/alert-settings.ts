/**
 * After how many days without a logbook entry or contact a person's pathway is flagged, by
 * integration level (network setting alert_no_contact_days, decision 024).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';

const days = z.number().int().min(1).max(365);

export const ZNoContactDays = z
  .object({
    liaison: days.describe('Liaison level: days without contact before an alert'),
    coordination: days.describe('Coordination level: days without contact before an alert'),
    integration: days.describe('Full integration: days without contact before an alert'),
  })
  .strict();
export type TNoContactDays = z.infer<typeof ZNoContactDays>;

/** The closer the follow-up, the sooner a silence is a break (decision 024). */
export const DEFAULT_NO_CONTACT_DAYS: TNoContactDays = {
  liaison: 60,
  coordination: 30,
  integration: 14,
};

const KEY = 'alert_no_contact_days';

/** The network's setting, else the defaults (an unreadable value counts as unset). */
export async function getNoContactDays(db: TDb): Promise<TNoContactDays> {
  const [row] = await db
    .select({ value: networkSettings.value })
    .from(networkSettings)
    .where(eq(networkSettings.key, KEY));
  const parsed = ZNoContactDays.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_NO_CONTACT_DAYS;
}

export async function setNoContactDays(db: TDb, value: TNoContactDays): Promise<void> {
  await db
    .insert(networkSettings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: networkSettings.key, set: { value, updatedAt: new Date() } });
}
