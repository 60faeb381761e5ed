/**
 * Writes the planned persons and their care teams, then reads them as their users would.
 *
 * No service creates a person yet, so persons are inserted through persons.repository.ts in
 * transactions, as the demo seed does. Everything after that goes through persons.service.ts as
 * the person's case manager: each team member added (addCareTeamMember), a member replaced
 * (removeCareTeamMember, then add), an objection recorded (recordObjection); each call passes the
 * access guard and leaves its audit row. The reads (listMyPersons, getPerson, the audit trail)
 * are the audited reads of a working day, and they are where the audit volume comes from.
 */
import { randomUUID } from 'node:crypto';
import type { TDb } from '../../src/db/client.js';
import type { TUserRow } from '../../src/modules/accounts/users.repository.js';
import { insertPersons } from '../../src/modules/persons/persons.repository.js';
import {
  addCareTeamMember,
  getPerson,
  getPersonAuditTrail,
  listMyPersons,
  recordObjection,
  removeCareTeamMember,
} from '../../src/modules/persons/persons.service.js';
import type { TConfig } from '../../src/server/config.js';
import { withTransaction } from '../../src/server/transaction.js';
import type { TPlannedPerson } from './persons.plan.js';
import { contextOf, runInBatches } from './region.runtime.js';

const INSERT_BATCH = 1000;
/** Persons whose team is built, and users whose reads run, per transaction. */
const PERSON_BATCH = 8;
const READER_BATCH = 1;

type TWorld = {
  db: TDb;
  config: TConfig;
  /** Directory ids of the planned members, in plan order. */
  memberIds: string[];
  /** The login of each case manager, by member index. */
  caseManagerUsers: Map<number, TUserRow>;
};

/** Inserts the persons (no service exists for this yet); returns their ids in plan order. */
export async function insertPlannedPersons(
  world: TWorld,
  persons: TPlannedPerson[],
): Promise<string[]> {
  const ids = persons.map(() => randomUUID());
  await withTransaction(world.db, async (tx) => {
    for (let i = 0; i < persons.length; i += INSERT_BATCH) {
      await insertPersons(
        tx,
        persons.slice(i, i + INSERT_BATCH).map((p, j) => ({
          id: ids[i + j]!,
          firstName: p.firstName,
          lastName: p.lastName,
          birthDate: p.birthDate,
          commune: p.commune,
          caseManagerId: world.memberIds[p.caseManager]!,
        })),
      );
    }
  });
  return ids;
}

/** Each case manager builds the care teams of their persons, replaces members, records objections. */
export async function buildCareTeams(
  world: TWorld,
  persons: TPlannedPerson[],
  personIds: string[],
): Promise<void> {
  const { db, config, memberIds } = world;
  await runInBatches(db, persons, PERSON_BATCH, async (tx, person, index) => {
    const manager = world.caseManagerUsers.get(person.caseManager)!;
    const personId = personIds[index]!;
    const ctx = () => contextOf(tx, config, manager);
    for (const place of person.team) {
      await addCareTeamMember(ctx(), {
        personId,
        memberId: memberIds[place.member]!,
        roleTitle: place.roleTitle,
        medicalAccess: place.medicalAccess,
      });
    }
    if (person.change) {
      const { leaving, joining } = person.change;
      await removeCareTeamMember(ctx(), { personId, memberId: memberIds[leaving]! });
      await addCareTeamMember(ctx(), {
        personId,
        memberId: memberIds[joining.member]!,
        roleTitle: joining.roleTitle,
        medicalAccess: joining.medicalAccess,
      });
    }
    if (person.objection) {
      await recordObjection(ctx(), {
        personId,
        memberId: memberIds[person.objection.member]!,
        reason: person.objection.reason ?? undefined,
      });
    }
  });
}

/**
 * One round of a working day: every user lists the people they follow and opens each of them;
 * network staff consult the audit trail of a few. Each person read is one audit row.
 */
export async function readAsUsers(
  world: TWorld,
  readers: TUserRow[],
  admin: TUserRow,
  sample: string[],
): Promise<void> {
  const { db, config } = world;
  await runInBatches(db, readers, READER_BATCH, async (tx, user) => {
    const { items } = await listMyPersons(contextOf(tx, config, user));
    for (const item of items) await getPerson(contextOf(tx, config, user), { personId: item.id });
  });
  for (const personId of sample)
    await getPersonAuditTrail(contextOf(db, config, admin), { personId, limit: 50 });
}
