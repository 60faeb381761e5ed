import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb } from '../../db/client.js';
import { networkSettings } from '../../db/schema/index.js';
import { ROLES, type TRole } from '../../server/context.js';

const ZMfaRoles = z.array(z.enum(ROLES));

/** The stored setting as a list of roles (none when unset or unreadable). */
export function mfaRolesFrom(value: unknown): TRole[] {
  const parsed = ZMfaRoles.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Roles whose users must use a second factor (none by default). */
export async function getMfaRequiredRoles(db: TDb): Promise<TRole[]> {
  const [row] = await db
    .select()
    .from(networkSettings)
    .where(eq(networkSettings.key, 'mfa_required_roles'));
  return mfaRolesFrom(row?.value);
}

/** Replaces the list of roles that must use a second factor. */
export async function setMfaRequiredRoles(db: TDb, roles: TRole[]): Promise<void> {
  await db
    .insert(networkSettings)
    .values({ key: 'mfa_required_roles', value: roles })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: roles, updatedAt: new Date() },
    });
}

/** Sets after how many days an unverified directory entry is flagged (read by getStaleDays). */
export async function setDirectoryStaleDays(db: TDb, days: number): Promise<void> {
  await db
    .insert(networkSettings)
    .values({ key: 'directory_stale_days', value: days })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: days, updatedAt: new Date() },
    });
}

/** The network's name, as invitations name it (null until an admin sets it). */
export async function getNetworkName(db: TDb): Promise<string | null> {
  const [row] = await db
    .select()
    .from(networkSettings)
    .where(eq(networkSettings.key, 'network_name'));
  return typeof row?.value === 'string' && row.value.trim() ? row.value : null;
}

/** Sets the network's name (null: none, invitations say "the health network"). */
export async function setNetworkName(db: TDb, name: string | null): Promise<void> {
  if (name === null) {
    await db.delete(networkSettings).where(eq(networkSettings.key, 'network_name'));
    return;
  }
  await db
    .insert(networkSettings)
    .values({ key: 'network_name', value: name })
    .onConflictDoUpdate({
      target: networkSettings.key,
      set: { value: name, updatedAt: new Date() },
    });
}
