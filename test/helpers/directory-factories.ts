import { randomUUID } from 'node:crypto';
import type { TDb } from '../../src/db/client.js';
import type {
  TMemberInput,
  TOrganisationInput,
  TServiceInput,
} from '../../src/modules/directory/directory.schemas.js';
import {
  createMember,
  createOrganisation,
  createService,
} from '../../src/modules/directory/directory.service.js';
import { loadConfig } from '../../src/server/config.js';
import type { TContext } from '../../src/server/context.js';

/** A service context acting as network staff, for building directory entries through the rules. */
export function staffContext(db: TDb): TContext {
  return {
    db,
    config: loadConfig({ SESSION_SECRET: 'x'.repeat(40), DATA_DIR: '/tmp' }),
    requestId: randomUUID(),
    actor: {
      userId: randomUUID(),
      role: 'admin',
      email: 'staff@test.fr',
      displayName: 'Staff',
      locale: 'fr',
      memberId: null,
      personId: null,
    },
  };
}

/** An organisation, created and indexed as the app does. */
export async function buildOrganisation(db: TDb, values: Partial<TOrganisationInput> = {}) {
  return createOrganisation(staffContext(db), {
    name: `Structure ${randomUUID().slice(0, 6)}`,
    type: 'msp',
    channels: [],
    ...values,
  });
}

/** A member, created and indexed as the app does. */
export async function buildDirectoryMember(db: TDb, values: Partial<TMemberInput> = {}) {
  return createMember(staffContext(db), {
    firstName: 'Camille',
    lastName: `Test${randomUUID().slice(0, 4)}`,
    profession: 'nurse',
    languages: ['fr'],
    channels: [],
    ...values,
  });
}

/** A service of an organisation, created and indexed as the app does. */
export async function buildService(
  db: TDb,
  organisationId: string,
  values: Partial<TServiceInput> = {},
) {
  return createService(staffContext(db), {
    organisationId,
    name: `Service ${randomUUID().slice(0, 6)}`,
    careStreams: [],
    communesServed: [],
    accepting: 'yes',
    channels: [],
    ...values,
  });
}
