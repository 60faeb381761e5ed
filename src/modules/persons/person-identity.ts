import type { z } from 'zod';
import type { TActor } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { TPersonPage } from './persons-page.repository.js';
import { identityStatusOf } from './person-identity.rules.js';
import type { ZPersonIdentity, ZSex } from './person-identity.schemas.js';

const SEXES = new Set(['female', 'male', 'other', 'unknown']);

/**
 * The identity part of a person's page (decision 011), from the page the guard let the user read
 * (read in the page's one statement): the INS fields, birth place, address, contacts (caregivers,
 * trusted person, legal representatives) and GP. A record merged into another answers 404 like a
 * missing one; network staff are also told where it went (`details.mergedInto`), the only hint a
 * merged record gives.
 */
export function personIdentityOf(
  page: Pick<TPersonPage, 'identity' | 'gp' | 'contacts'>,
  actor: TActor,
): z.output<typeof ZPersonIdentity> {
  const person = page.identity;
  if (person.mergedIntoId) {
    throw new AppError(
      'not_found',
      'record.not_found',
      {},
      actor.role === 'admin'
        ? { resourceType: 'person', mergedInto: person.mergedIntoId }
        : { resourceType: 'person' },
    );
  }
  const { gp, contacts } = page;
  return {
    birthName: person.birthName,
    firstNames: person.firstNames,
    sex: person.sex && SEXES.has(person.sex) ? (person.sex as z.output<typeof ZSex>) : null,
    birthPlaceInsee: person.birthPlaceInsee,
    birthPlaceName: person.birthPlaceName,
    birthCountry: person.birthCountry,
    address: person.address,
    postalCode: person.postalCode,
    communeInsee: person.communeInsee,
    phone: person.phone,
    email: person.email,
    preferredLanguage: person.preferredLanguage,
    insMatricule: person.insMatricule,
    insOid: person.insOid,
    identityStatus: identityStatusOf(person.identityStatus),
    identityDocument: person.identityDocument,
    gp: gp ?? null,
    contacts: contacts.map((c) => ({
      ...c,
      kind: c.kind as z.output<typeof ZPersonIdentity>['contacts'][number]['kind'],
    })),
    advanceDirectives:
      person.advanceDirectives === null
        ? null
        : { exists: person.advanceDirectives, where: person.advanceDirectivesWhere },
    version: person.version,
  };
}
