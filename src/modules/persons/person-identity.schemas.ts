import { z } from 'zod';
import { LANGUAGE_CODES } from '../directory/directory.vocabulary.js';
import {
  IDENTITY_DOCUMENTS,
  IDENTITY_STATUSES,
  INS_MATRICULE_PATTERN,
  INS_OID_VALUES,
} from './person-identity.rules.js';
import {
  isEmptyOrKnownName,
  ZBirthPlaceCode,
  ZCommuneCode,
  ZInseeShape,
} from '../communes/communes.rules.js';

/**
 * A name as civil status writes it: letters (any script, accents), spaces, hyphens, apostrophes,
 * dots; at most 100 characters. A replaced lone surrogate (U+FFFD) or a digit is refused.
 */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;
const ZName = z.string().trim().min(1).max(100).regex(NAME, 'identity.name_format');
/** All the first names, space-separated, as in the civil-status record. */
const ZFirstNames = z.string().trim().min(1).max(200).regex(NAME, 'identity.name_format');
/** French (0 and 9 digits) or international (+ and 8 to 15 digits); spaces, dots, hyphens allowed. */
const ZPhone = z
  .string()
  .trim()
  .max(30)
  .regex(/^(?:0[1-9](?:[ .-]?\d{2}){4}|\+(?:[ .-]?\d){8,15})$/, 'identity.phone_format');
const ZEmail = z.email().max(254);
const optionalText = (max: number) => z.string().trim().max(max);

export const ZSex = z
  .enum(['female', 'male', 'other', 'unknown'])
  .describe('FHIR administrative gender (INS: F, M, I)');
export const ZContactKind = z
  .enum(['caregiver', 'trusted_person', 'legal_representative'])
  .describe('FHIR FrRelatedPerson role: aidant, personne de confiance, représentant légal');
export const ZIdentityStatus = z.enum(IDENTITY_STATUSES).describe('INS identity status');

export const ZContactInput = z
  .object({
    kind: ZContactKind,
    name: ZName.describe('First and last name'),
    relation: optionalText(100).nullish().describe('Their relation to the person: fille, voisin…'),
    phone: ZPhone.nullish(),
    email: ZEmail.nullish(),
  })
  .strict();

/**
 * The identity fields a person may be given; each may be cleared with null on an edit. Business
 * rules that are not shapes (INS key, status, birth date range) are in person-identity.rules.ts.
 */
const identityFields = {
  lastName: ZName.describe('Nom utilisé (used name); the birth name when empty'),
  firstNames: ZFirstNames.nullish().describe('Every first name, in civil-status order'),
  sex: ZSex.nullish(),
  birthPlaceInsee: ZInseeShape.nullish().describe(
    'INSEE code of the commune of birth, in France (a former commune’s code is accepted)',
  ),
  birthPlaceName: optionalText(100).nullish(),
  birthCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'identity.country_format')
    .nullish()
    .describe('ISO 3166-1 country of birth; FR or empty for France'),
  address: optionalText(300).nullish(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'identity.postal_code_format')
    .nullish(),
  commune: optionalText(100)
    .nullish()
    .describe('Commune of residence, its name (stored as the reference spells it)'),
  communeInsee: ZInseeShape.nullish().describe(
    'INSEE code of the commune of residence; GET /api/communes finds it',
  ),
  phone: ZPhone.nullish(),
  email: ZEmail.nullish(),
  preferredLanguage: z.enum(LANGUAGE_CODES).nullish(),
  insMatricule: z
    .string()
    .trim()
    .toUpperCase()
    .regex(INS_MATRICULE_PATTERN, 'identity.ins_format')
    .nullish()
    .describe('INS matricule: NIR or NIA, 15 characters with the key'),
  insOid: z.enum(INS_OID_VALUES).nullish().describe('1.2.250.1.213.1.4.8 NIR, .9 NIA'),
  identityStatus: ZIdentityStatus.optional(),
  identityDocument: z.enum(IDENTITY_DOCUMENTS).nullish(),
  gpMemberId: z.uuid().nullish().describe("The person's GP, a member of the directory"),
  contacts: z.array(ZContactInput).max(20).optional().describe('Replaces the whole list'),
};

/** What identifies a person for the duplicate check (the names and birth date of a creation). */
export const ZDuplicateCheckRequest = z
  .object({
    birthName: ZName.describe('Nom de naissance'),
    lastName: ZName.nullish(),
    firstName: ZName.describe('Prénom utilisé'),
    firstNames: ZFirstNames.nullish(),
    birthDate: z.iso.date(),
  })
  .strict();

/**
 * A creation checks the commune fields against the reference here (a 400 with the other shapes);
 * an edit checks only the values it changes, in the service (a record stored before the reference
 * is not refused for a field the edit leaves as it is).
 */
export const ZCreatePersonRequest = z
  .object({
    ...identityFields,
    birthPlaceInsee: ZBirthPlaceCode.nullish().describe(
      'INSEE code of the commune of birth, in France (a former commune’s code is accepted)',
    ),
    commune: optionalText(100)
      .refine(isEmptyOrKnownName, { error: 'commune.unknown_name' })
      .nullish()
      .describe('Commune of residence, its name (stored as the reference spells it)'),
    communeInsee: ZCommuneCode.nullish().describe(
      'INSEE code of the commune of residence; GET /api/communes finds it',
    ),
    birthName: ZName.describe('Nom de naissance'),
    lastName: ZName.nullish().describe('Nom utilisé, when not the birth name'),
    firstName: ZName.describe('Prénom utilisé'),
    birthDate: z.iso.date(),
    confirmNotDuplicate: z
      .boolean()
      .default(false)
      .describe('Create even though the duplicate check found candidates'),
  })
  .strict();

export const ZUpdateIdentityRequest = z
  .object({
    ...identityFields,
    birthName: ZName.optional(),
    lastName: ZName.optional(),
    firstName: ZName.optional(),
    birthDate: z.iso.date().optional(),
    advanceDirectives: z
      .object({ exists: z.boolean(), where: optionalText(200).nullish() })
      .strict()
      .nullish()
      .describe('Directives anticipées: written or not, and where they are kept (null: not asked)'),
    palliativeCare: z
      .boolean()
      .nullish()
      .describe('In palliative care (medical: needs medical write access; null: not recorded)'),
    version: z.number().int().min(1).describe('The version read; a stale one answers 409'),
  })
  .strict();

export const ZMergeRequest = z
  .object({
    duplicatePersonId: z
      .uuid()
      .describe('The record merged into this one: it then points here and answers 404'),
  })
  .strict();

export const ZContact = z.object({
  id: z.uuid(),
  kind: ZContactKind,
  name: z.string(),
  relation: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

/** The identity a person page shows, added to the person's detail (persons.schemas.ts). */
export const ZPersonIdentity = z.object({
  birthName: z.string().nullable(),
  firstNames: z.string().nullable(),
  sex: ZSex.nullable(),
  birthPlaceInsee: z.string().nullable(),
  birthPlaceName: z.string().nullable(),
  birthCountry: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  communeInsee: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  insMatricule: z.string().nullable(),
  insOid: z.string().nullable(),
  identityStatus: ZIdentityStatus,
  identityDocument: z.string().nullable(),
  gp: z
    .object({
      memberId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      profession: z.string(),
    })
    .nullable(),
  contacts: z.array(ZContact),
  advanceDirectives: z
    .object({ exists: z.boolean(), where: z.string().nullable() })
    .nullable()
    .describe('Directives anticipées (decision 020); null: not asked'),
  version: z.number().int(),
});

export const ZDuplicateCandidate = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthName: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  commune: z.string().nullable(),
  identityStatus: ZIdentityStatus,
  match: z
    .enum(['same_name', 'close_spelling', 'swapped_names', 'other_name'])
    .describe('How the names matched: exactly, with a typo, first and last swapped, birth/used'),
});

export const ZDuplicateCheckResponse = z.object({
  candidates: z.array(ZDuplicateCandidate).describe('Candidates the user may see'),
  followedElsewhere: z
    .boolean()
    .describe('A person with this identity is followed outside the user’s rights'),
  notice: z
    .string()
    .nullable()
    .describe('When followedElsewhere: what to do (ask the coordination team)'),
});

export const ZCreatePersonResponse = z.object({ id: z.uuid(), version: z.number().int() });
export const ZMergeResponse = z.object({ id: z.uuid(), mergedId: z.uuid() });
