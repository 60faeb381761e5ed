import type { TContext } from '../../server/context.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import { listCareTeamHistory } from './care-team.repository.js';
import { careTeamRoleOf } from './care-team.roles.js';

/**
 * The care team with its history: each membership's role, start and end (ended ones kept), for
 * whoever may read the person's identity; audited like any read.
 */
export function listCareTeam(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'identity',
      auditAction: 'care_team.read',
      resourceType: 'care_team',
    });
    const now = new Date();
    const rows = await listCareTeamHistory(tx, options.personId, now);
    return {
      items: rows.map((row) => ({
        membershipId: row.id,
        memberId: row.member_id,
        firstName: row.first_name,
        lastName: row.last_name,
        profession: row.profession,
        role: careTeamRoleOf(row.role),
        roleTitle: row.role_title,
        medicalAccess: row.medical_access,
        since: new Date(row.since).toISOString(),
        until: row.until ? new Date(row.until).toISOString() : null,
        active: row.until === null || new Date(row.until).getTime() > now.getTime(),
      })),
    };
  });
}
