import type { TContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import { isGranted } from '../assessments/assessments.service.js';
import { findContacts } from '../persons/person-identity.repository.js';
import { careTeamRoleOf } from '../persons/care-team.roles.js';
import {
  findCurrentTeam,
  findLatestMultidimensional,
  findSheetPerson,
  phoneOf,
} from './emergency-sheet.repository.js';
import { renderEmergencySheet, type TEmergencySheet } from './emergency-sheet-pdf.js';
import { findPlan, findVersion } from './plans.repository.js';
import { ZPlanContent } from './plans.schemas.js';

/** The counts the multidimensional assessment stores (a result of another shape gives none). */
function treatmentsOf(row: Awaited<ReturnType<typeof findLatestMultidimensional>>) {
  const result = row?.result as { medicationCount?: unknown; conditionCount?: unknown } | null;
  if (!row?.completedAt || typeof result?.medicationCount !== 'number') return null;
  return {
    medicationCount: result.medicationCount,
    conditionCount: typeof result.conditionCount === 'number' ? result.conditionCount : 0,
    assessedAt: row.completedAt.toISOString(),
  };
}

/**
 * The emergency liaison sheet for the home (HAS DLU-Dom, decision 020) as a PDF: for whoever may
 * read the person's social data (like the plan; refused: 404, audited as person.emergency_sheet);
 * the medical items (treatments, palliative care) are a second decision of the guard, audited as
 * person.emergency_sheet.medical, that leaves them out rather than refusing the sheet.
 */
export async function getEmergencySheetPdf(
  ctx: TContext,
  options: { personId: string; lang?: 'fr' | 'en' },
) {
  const { personId } = options;
  const sheet = await withTransaction(ctx.db, async (tx): Promise<TEmergencySheet> => {
    const request = {
      personId,
      action: 'read' as const,
      auditAction: 'person.emergency_sheet',
      resourceType: 'person',
    };
    await requirePersonAccess(ctx, tx, { ...request, category: 'social' });
    const medical = await isGranted(ctx, tx, personId, {
      ...request,
      category: 'medical',
      auditAction: 'person.emergency_sheet.medical',
    });
    const person = await findSheetPerson(tx, personId);
    if (!person) throw notFound('person');
    const plan = await findPlan(tx, personId);
    const version = plan && (await findVersion(tx, plan.id, plan.currentVersion));
    const now = new Date();
    const team = await findCurrentTeam(tx, personId, now);
    return {
      person,
      situation: version ? ZPlanContent.parse(version.content).situation : '',
      caseManager: person.managerLastName
        ? {
            name: `${person.managerFirstName ?? ''} ${person.managerLastName}`,
            phone: phoneOf({ phone: person.managerPhone, channels: person.managerChannels ?? [] }),
          }
        : null,
      team: team.map((member) => ({
        name: `${member.firstName} ${member.lastName}`,
        profession: member.profession,
        role: careTeamRoleOf(member.role),
        roleTitle: member.roleTitle,
        phone: phoneOf(member),
      })),
      contacts: await findContacts(tx, personId),
      medical: medical
        ? {
            palliativeCare: person.palliativeCare,
            treatments: treatmentsOf(await findLatestMultidimensional(tx, personId)),
          }
        : null,
      printedAt: now.toISOString(),
      printedBy: ctx.actor.displayName,
    };
  });
  return renderEmergencySheet(sheet, options.lang ?? ctx.actor.locale);
}
