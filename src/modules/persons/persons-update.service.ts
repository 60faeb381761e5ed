import type { z } from 'zod';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import {
  findContacts,
  lockPerson,
  replaceContacts,
  updatePersonIdentity,
  type TPersonInsert,
} from './person-identity.repository.js';
import { canonicalCommune, unknownCommuneFields } from '../communes/communes.rules.js';
import { identityStatusOf } from './person-identity.rules.js';
import type { ZUpdateIdentityRequest } from './person-identity.schemas.js';
import { contactValues, identityProblemsIn, throwIfProblems } from './persons-create.service.js';

export type TUpdateIdentityInput = z.output<typeof ZUpdateIdentityRequest>;

const PLACE_FIELDS = ['commune', 'communeInsee', 'postalCode', 'birthPlaceInsee'] as const;

const stale = () =>
  new AppError(
    'conflict',
    'identity.stale',
    {},
    { fields: [{ field: 'version', message: 'identity.stale' }] },
  );

/**
 * PATCH /api/persons/:personId: the identity fields sent (null clears one), checked as the record
 * will be after the edit. The case manager and network staff (the guard: write, identity); an edit
 * made on an older version than the stored one answers 409 and changes nothing.
 */
export function updatePersonIdentityOf(
  ctx: TContext,
  options: { personId: string; input: TUpdateIdentityInput },
) {
  const { personId, input } = options;
  const { version, contacts, advanceDirectives, palliativeCare, ...rest } = input;
  // The emergency sheet's fields (decision 020): the directives are identity, palliative care is
  // medical (a second decision of the guard, audited).
  const fields = {
    ...rest,
    ...(advanceDirectives !== undefined
      ? {
          advanceDirectives: advanceDirectives?.exists ?? null,
          advanceDirectivesWhere: advanceDirectives?.where ?? null,
        }
      : {}),
    ...(palliativeCare !== undefined ? { palliativeCare } : {}),
  };
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId,
      action: 'write',
      category: 'identity',
      auditAction: 'person.identity_update',
      resourceType: 'person',
      details: {
        fields: Object.keys(fields).sort(),
        ...(contacts ? { contacts: contacts.length } : {}),
      },
    });
    if (palliativeCare !== undefined) {
      await requirePersonAccess(ctx, tx, {
        personId,
        action: 'write',
        category: 'medical',
        auditAction: 'person.palliative_update',
        resourceType: 'person',
      });
    }
    const current = await lockPerson(tx, personId);
    if (!current || current.mergedIntoId) throw notFound('person');
    if (current.version !== version) throw stale();
    // Empty texts clear a field as null does; undefined leaves it as it is.
    const changes = Object.fromEntries(
      Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, value === '' ? null : value]),
    ) as Partial<TPersonInsert>;
    if (changes.insMatricule === null) changes.insOid = null;
    else if (changes.insMatricule && !changes.insOid && !current.insOid)
      changes.insOid = '1.2.250.1.213.1.4.8';
    // The places are checked against the reference only where the edit changes them (a form sends
    // every field back: a value stored before the reference was there is not refused as it is).
    const changed = PLACE_FIELDS.filter(
      (key) => key in changes && (changes[key] ?? null) !== (current[key] ?? null),
    );
    throwIfProblems(
      unknownCommuneFields(Object.fromEntries(changed.map((key) => [key, changes[key]]))),
    );
    // A new code alone brings its commune's name; a new name alone, the code it designates.
    if (changed.includes('communeInsee') && !('commune' in changes)) changes.commune = null;
    if (changed.includes('commune') && !('communeInsee' in changes)) changes.communeInsee = null;
    const next = { ...current, ...changes };
    const touchesCommune = changed.some((key) => key !== 'birthPlaceInsee');
    throwIfProblems(
      await identityProblemsIn(ctx, tx, {
        birthDate: next.birthDate,
        insMatricule: next.insMatricule,
        insOid: next.insOid,
        identityStatus: identityStatusOf(next.identityStatus),
        identityDocument: next.identityDocument,
        birthPlaceInsee: next.birthPlaceInsee,
        birthCountry: next.birthCountry,
        contacts: contacts ?? (await findContacts(tx, personId)),
        gpMemberId: changes.gpMemberId,
        residence: touchesCommune ? next : undefined,
      }),
    );
    if (touchesCommune) Object.assign(changes, canonicalCommune(next));
    const row = await updatePersonIdentity(tx, personId, version, changes);
    if (!row) throw stale();
    if (contacts) await replaceContacts(tx, personId, contactValues(contacts));
    return { id: row.id, version: row.version };
  });
}
