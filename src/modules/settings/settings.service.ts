import type { TContext, TRole } from '../../server/context.js';
import { withTransaction } from '../../server/transaction.js';
import type { TLevelSettings } from '../assessments/level-settings.js';
import { setLevelSettings } from '../assessments/level-settings.repository.js';
import { setNoContactDays, type TNoContactDays } from '../alerts/alert-settings.js';
import { appendAudit } from '../audit/audit.repository.js';
import { setCaseloadCap } from '../pathway/caseload.repository.js';
import {
  setDirectoryStaleDays,
  setMfaRequiredRoles,
  setNetworkName,
} from './settings.repository.js';

export type TSettingsUpdate = {
  mfaRequiredRoles?: TRole[];
  directoryStaleDays?: number;
  integrationLevels?: TLevelSettings;
  caseloadCap?: number;
  noContactDays?: TNoContactDays;
  networkName?: string | null;
};

/**
 * Changes the network settings given (the others stay), in one audited transaction: which roles
 * must use a second factor (their users enrol at next request), after how many days an
 * unverified directory entry is flagged, and the integration level's thresholds (decision 010).
 */
export async function updateNetworkSettings(ctx: TContext, update: TSettingsUpdate): Promise<void> {
  const changes: TSettingsUpdate = {};
  if (update.mfaRequiredRoles !== undefined)
    changes.mfaRequiredRoles = [...new Set(update.mfaRequiredRoles)];
  if (update.directoryStaleDays !== undefined)
    changes.directoryStaleDays = update.directoryStaleDays;
  if (update.integrationLevels !== undefined) changes.integrationLevels = update.integrationLevels;
  if (update.caseloadCap !== undefined) changes.caseloadCap = update.caseloadCap;
  if (update.noContactDays !== undefined) changes.noContactDays = update.noContactDays;
  if (update.networkName !== undefined) changes.networkName = update.networkName?.trim() || null;
  if (Object.keys(changes).length === 0) return;
  await withTransaction(ctx.db, async (tx) => {
    if (changes.mfaRequiredRoles) await setMfaRequiredRoles(tx, changes.mfaRequiredRoles);
    if (changes.directoryStaleDays !== undefined)
      await setDirectoryStaleDays(tx, changes.directoryStaleDays);
    if (changes.integrationLevels) await setLevelSettings(tx, changes.integrationLevels);
    if (changes.caseloadCap !== undefined) await setCaseloadCap(tx, changes.caseloadCap);
    if (changes.noContactDays) await setNoContactDays(tx, changes.noContactDays);
    if (changes.networkName !== undefined) await setNetworkName(tx, changes.networkName);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'settings.update',
      resourceType: 'network_settings',
      resourceId: Object.keys(changes).join(','),
      outcome: 'success',
      requestId: ctx.requestId,
      details: changes,
    });
  });
}
