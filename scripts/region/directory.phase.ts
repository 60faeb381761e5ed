/**
 * Writes the planned directory through the app's own rules: each entry is validated by the API's
 * zod schema, then created by directory.service.ts as network staff (policy check, history,
 * audit row and search index in one transaction each, a savepoint of the batch's transaction). Organisations first, then their services,
 * then members, so each member's index entry already sees the care streams of where they work.
 */
import type { TDb } from '../../src/db/client.js';
import type { TUserRow } from '../../src/modules/accounts/users.repository.js';
import {
  ZMemberInput,
  ZOrganisationInput,
  ZServiceInput,
} from '../../src/modules/directory/directory.schemas.js';
import {
  createMember,
  createOrganisation,
  createService,
} from '../../src/modules/directory/directory.service.js';
import type { TConfig } from '../../src/server/config.js';
import type { TDirectoryPlan } from './directory.plan.js';
import { contextOf, runInBatches } from './region.runtime.js';

/** Entries created per transaction. */
const BATCH = 50;

type TStaff = { db: TDb; config: TConfig; admin: TUserRow };

/** Creates the organisations and their services; returns the organisation ids in plan order. */
export async function createOrganisations(staff: TStaff, plan: TDirectoryPlan): Promise<string[]> {
  const { db, config, admin } = staff;
  const ids = await runInBatches(db, plan.organisations, BATCH, async (tx, org) => {
    const created = await createOrganisation(
      contextOf(tx, config, admin),
      ZOrganisationInput.parse(org.input),
    );
    return created.id;
  });
  await runInBatches(db, plan.services, BATCH, (tx, service) =>
    createService(
      contextOf(tx, config, admin),
      ZServiceInput.parse({ ...service.input, organisationId: ids[service.organisation] }),
    ),
  );
  return ids;
}

/** Creates the members where they work; returns their ids in plan order. */
export function createMembers(
  staff: TStaff,
  plan: TDirectoryPlan,
  organisationIds: string[],
): Promise<string[]> {
  const { db, config, admin } = staff;
  return runInBatches(db, plan.members, BATCH, async (tx, member) => {
    const input = ZMemberInput.parse({
      ...member.input,
      organisations: member.links.map((link) => ({
        organisationId: organisationIds[link.organisation],
        roleTitle: link.roleTitle,
        canEditServices: link.canEditServices,
      })),
    });
    return (await createMember(contextOf(tx, config, admin), input)).id;
  });
}
