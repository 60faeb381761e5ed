/**
 * The identity form's values (text as typed) and their conversion to the API's bodies. The server
 * checks everything (shapes and rules) and names each wrong field; the form only says what is
 * missing before sending.
 */
import type {
  ContactKind,
  IdentityChanges,
  IdentityDocument,
  IdentityStatus,
  NewPerson,
  PersonDetail,
  Sex,
} from '../../api';
import { ApiError, CONTACT_KINDS, IDENTITY_DOCUMENTS, SEXES } from '../../api';

export type ContactValues = {
  kind: ContactKind;
  name: string;
  relation: string;
  phone: string;
  email: string;
};

export type IdentityValues = {
  birthName: string;
  lastName: string;
  firstName: string;
  firstNames: string;
  sex: Sex | '';
  birthDate: string;
  bornAbroad: boolean;
  birthPlaceInsee: string;
  birthPlaceName: string;
  birthCountry: string;
  address: string;
  postalCode: string;
  commune: string;
  communeInsee: string;
  phone: string;
  email: string;
  preferredLanguage: string;
  insMatricule: string;
  insOid: string;
  identityStatus: IdentityStatus;
  identityDocument: IdentityDocument | '';
  gp: { memberId: string; name: string } | null;
  contacts: ContactValues[];
  /** Advance directives (edit form only, decision 020): '' not asked. */
  advanceDirectives: '' | 'yes' | 'no';
  advanceDirectivesWhere: string;
};

export const EMPTY_IDENTITY: IdentityValues = {
  birthName: '',
  lastName: '',
  firstName: '',
  firstNames: '',
  sex: '',
  birthDate: '',
  bornAbroad: false,
  birthPlaceInsee: '',
  birthPlaceName: '',
  birthCountry: '',
  address: '',
  postalCode: '',
  commune: '',
  communeInsee: '',
  phone: '',
  email: '',
  preferredLanguage: '',
  insMatricule: '',
  insOid: '1.2.250.1.213.1.4.8',
  identityStatus: 'provisoire',
  identityDocument: '',
  gp: null,
  contacts: [],
  advanceDirectives: '',
  advanceDirectivesWhere: '',
};

export const EMPTY_CONTACT: ContactValues = {
  kind: 'caregiver',
  name: '',
  relation: '',
  phone: '',
  email: '',
};

/** The form's values for a person as the API gives them. */
export function valuesOf(person: PersonDetail): IdentityValues {
  const text = (value: string | null) => value ?? '';
  return {
    birthName: text(person.birthName) || person.lastName,
    lastName: person.lastName,
    firstName: person.firstName,
    firstNames: text(person.firstNames),
    sex: SEXES.find((s) => s === person.sex) ?? '',
    birthDate: text(person.birthDate),
    bornAbroad: Boolean(person.birthCountry && person.birthCountry !== 'FR'),
    birthPlaceInsee: text(person.birthPlaceInsee),
    birthPlaceName: text(person.birthPlaceName),
    birthCountry: text(person.birthCountry),
    address: text(person.address),
    postalCode: text(person.postalCode),
    commune: text(person.commune),
    communeInsee: text(person.communeInsee),
    phone: text(person.phone),
    email: text(person.email),
    preferredLanguage: text(person.preferredLanguage),
    insMatricule: text(person.insMatricule),
    insOid: person.insOid ?? EMPTY_IDENTITY.insOid,
    identityStatus: person.identityStatus,
    identityDocument: IDENTITY_DOCUMENTS.find((d) => d === person.identityDocument) ?? '',
    gp: person.gp
      ? { memberId: person.gp.memberId, name: `${person.gp.firstName} ${person.gp.lastName}` }
      : null,
    contacts: person.contacts.map((c) => ({
      kind: CONTACT_KINDS.find((k) => k === c.kind) ?? 'caregiver',
      name: c.name,
      relation: c.relation ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
    })),
    advanceDirectives: person.advanceDirectives
      ? person.advanceDirectives.exists
        ? 'yes'
        : 'no'
      : '',
    advanceDirectivesWhere: person.advanceDirectives?.where ?? '',
  };
}

/** Missing required fields, by name (the server would refuse them too). */
export function missingFields(values: IdentityValues): string[] {
  const missing: string[] = [];
  if (!values.birthName.trim()) missing.push('birthName');
  if (!values.firstName.trim()) missing.push('firstName');
  if (!values.birthDate) missing.push('birthDate');
  return missing;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The fields both bodies share; an empty text is null (cleared). */
function common(values: IdentityValues) {
  const matricule = orNull(values.insMatricule);
  return {
    birthName: values.birthName.trim(),
    lastName: orNull(values.lastName) ?? values.birthName.trim(),
    firstName: values.firstName.trim(),
    firstNames: orNull(values.firstNames),
    sex: values.sex === '' ? null : values.sex,
    birthDate: values.birthDate,
    birthPlaceInsee: values.bornAbroad ? null : orNull(values.birthPlaceInsee),
    birthPlaceName: orNull(values.birthPlaceName),
    birthCountry: values.bornAbroad ? orNull(values.birthCountry) : null,
    address: orNull(values.address),
    postalCode: orNull(values.postalCode),
    commune: orNull(values.commune),
    communeInsee: orNull(values.communeInsee),
    phone: orNull(values.phone),
    email: orNull(values.email),
    insMatricule: matricule,
    insOid: matricule ? (orNull(values.insOid) as IdentityChanges['insOid']) : null,
    identityStatus: values.identityStatus,
    identityDocument: values.identityDocument === '' ? null : values.identityDocument,
    gpMemberId: values.gp?.memberId ?? null,
    contacts: values.contacts.map((c) => ({
      kind: c.kind,
      name: c.name.trim(),
      relation: orNull(c.relation),
      phone: orNull(c.phone),
      email: orNull(c.email),
    })),
  };
}

/** The body of POST /api/persons. */
export function creationBody(values: IdentityValues, confirmNotDuplicate: boolean): NewPerson {
  const body = common(values);
  return {
    ...body,
    preferredLanguage: (orNull(values.preferredLanguage) ?? null) as NewPerson['preferredLanguage'],
    confirmNotDuplicate,
  };
}

/** The body of PATCH /api/persons/:id: every field, with the version read. */
export function changesBody(values: IdentityValues, version: number): IdentityChanges {
  const body = common(values);
  return {
    ...body,
    preferredLanguage: (orNull(values.preferredLanguage) ??
      null) as IdentityChanges['preferredLanguage'],
    advanceDirectives:
      values.advanceDirectives === ''
        ? null
        : {
            exists: values.advanceDirectives === 'yes',
            where:
              values.advanceDirectives === 'yes' ? orNull(values.advanceDirectivesWhere) : null,
          },
    version,
  };
}

/** The server's field messages, split: the person's fields by name, each contact's by full path. */
function serverFieldErrors(error: unknown): {
  person: Record<string, string>;
  contacts: Record<string, string>;
} {
  const person: Record<string, string> = {};
  const contacts: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { person, contacts };
  const fields = (error.details as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return { person, contacts };
  for (const item of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field !== 'string' || typeof item.message !== 'string') continue;
    if (/^contacts\.\d+\./.test(item.field)) contacts[item.field] ??= item.message;
    else person[item.field] ??= item.message;
  }
  return { person, contacts };
}

/** The server's messages for the person's own fields (a contact's phone is not the person's). */
export function identityErrorsOf(error: unknown): Record<string, string> {
  return serverFieldErrors(error).person;
}

/** The server's messages for the contacts' fields, keyed by their full path ("contacts.0.phone"). */
export function contactErrorsOf(error: unknown): Record<string, string> {
  return serverFieldErrors(error).contacts;
}
