/**
 * The rules of a person's identity that are not shapes (those are in person-identity.schemas.ts):
 * the INS matricule's key, the coherence of the INS identity status, the birth date's range and the
 * birth place. Pure functions, each answering the fields it finds wrong (decision 011).
 */
import type { TMessageKey } from '../../server/messages.js';
import { communeProblems, type TCommuneFacts } from '../communes/communes.rules.js';

/**
 * OIDs of the authorities that assign an INS matricule (ANS, "Référentiel INS"; FHIR FrPatient
 * identifier slices INS-NIR and INS-NIA). standards.md names the OID without giving it:
 * 1.2.250.1.213.1.4.8 is the NIR's (INS-NIR), 1.2.250.1.213.1.4.9 the NIA's (INS-NIA, a number
 * given while the NIR is pending, e.g. to people born abroad). 1.2.250.1.213.1.4.10 and .11 are
 * the test NIR and NIA of fictional patients, never a real person's: not accepted here.
 */
export const INS_OIDS = { nir: '1.2.250.1.213.1.4.8', nia: '1.2.250.1.213.1.4.9' } as const;
export const INS_OID_VALUES = [INS_OIDS.nir, INS_OIDS.nia] as const;

/**
 * The INS identity status (Référentiel national d'identitovigilance): provisoire (nothing checked),
 * récupérée (the INS was fetched from the INSi teleservice, identity not checked against a
 * document), validée (checked against a high-trust document, no INS), qualifiée (both: the only
 * status under which the INS may be exchanged as such).
 */
export const IDENTITY_STATUSES = ['provisoire', 'recuperee', 'validee', 'qualifiee'] as const;
export type TIdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** High-trust documents an identity may be validated against (RNIV). */
export const IDENTITY_DOCUMENTS = [
  'passport',
  'national_id_card',
  'residence_permit',
  'birth_certificate_with_family_book',
] as const;

/** 15 characters: sex, year, month, department (2A/2B for Corsica), commune, order, key. */
export const INS_MATRICULE_PATTERN = /^[1-478]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$/;
export { INSEE_CODE_PATTERN } from '../communes/communes.reference.js';

/**
 * The key of a NIR or NIA: 97 − (the first 13 characters as a number, mod 97), where Corsica's
 * department 2A counts as 19 and 2B as 18. Undefined when the 13 characters are not of that form.
 */
export function insKey(first13: string): number | undefined {
  const digits = first13.replace(/^(.{5})2A/, '$119').replace(/^(.{5})2B/, '$118');
  if (!/^\d{13}$/.test(digits)) return undefined;
  return 97 - Number(BigInt(digits) % 97n);
}

/** Whether a matricule has the NIR form and its last two digits are its key. */
export function isValidInsMatricule(matricule: string): boolean {
  if (!INS_MATRICULE_PATTERN.test(matricule)) return false;
  return insKey(matricule.slice(0, 13)) === Number(matricule.slice(13));
}

export type TFieldProblem = { field: string; message: TMessageKey };

/**
 * The identity facts the rules look at (a creation, or the record as it will be after an edit).
 * The commune (name, code, postcode) is looked at only when `residence` is given: an edit that does
 * not touch it is not refused for a commune stored before the reference checked it.
 */
export type TIdentityFacts = {
  residence?: TCommuneFacts | undefined;
  birthDate?: string | null | undefined;
  insMatricule?: string | null | undefined;
  insOid?: string | null | undefined;
  identityStatus?: TIdentityStatus | undefined;
  identityDocument?: string | null | undefined;
  birthPlaceInsee?: string | null | undefined;
  birthCountry?: string | null | undefined;
  contacts?: { kind: string }[] | undefined;
};

export const OLDEST_BIRTH_DATE = '1890-01-01';

/**
 * The fields that break a rule, each with its message (empty when the identity holds). `today` is
 * the network's date (YYYY-MM-DD), passed in so the rule stays pure.
 */
export function identityProblems(facts: TIdentityFacts, today: string): TFieldProblem[] {
  const problems: TFieldProblem[] = [];
  const { birthDate } = facts;
  if (birthDate) {
    if (birthDate > today) problems.push({ field: 'birthDate', message: 'identity.birth_future' });
    else if (birthDate < OLDEST_BIRTH_DATE)
      problems.push({ field: 'birthDate', message: 'identity.birth_too_old' });
  }
  const matricule = facts.insMatricule ?? null;
  if (matricule !== null && !isValidInsMatricule(matricule)) {
    problems.push({ field: 'insMatricule', message: 'identity.ins_key' });
  }
  if (matricule === null && facts.insOid) {
    problems.push({ field: 'insOid', message: 'identity.oid_without_matricule' });
  }
  const status = facts.identityStatus ?? 'provisoire';
  const checked = Boolean(facts.identityDocument);
  // The two facts behind the four statuses: the INS was fetched (a matricule) and the identity was
  // checked against a document. Each status says exactly which of the two holds.
  if ((status === 'recuperee' || status === 'qualifiee') && matricule === null) {
    problems.push({ field: 'identityStatus', message: 'identity.status_needs_matricule' });
  } else if ((status === 'validee' || status === 'qualifiee') && !checked) {
    problems.push({ field: 'identityDocument', message: 'identity.status_needs_document' });
  } else if ((status === 'provisoire' || status === 'validee') && matricule !== null) {
    problems.push({ field: 'identityStatus', message: 'identity.matricule_needs_status' });
  } else if (status === 'recuperee' && checked) {
    problems.push({ field: 'identityStatus', message: 'identity.document_means_qualified' });
  }
  if (facts.birthPlaceInsee && facts.birthCountry && facts.birthCountry !== 'FR') {
    problems.push({ field: 'birthCountry', message: 'identity.birth_place_abroad' });
  }
  if (facts.residence) problems.push(...communeProblems(facts.residence));
  if ((facts.contacts ?? []).filter((c) => c.kind === 'trusted_person').length > 1) {
    problems.push({ field: 'contacts', message: 'identity.one_trusted_person' });
  }
  return problems;
}

/** A stored status read back as one of the four (a row written before the column had rules). */
export function identityStatusOf(value: string): TIdentityStatus {
  return (IDENTITY_STATUSES as readonly string[]).includes(value)
    ? (value as TIdentityStatus)
    : 'provisoire';
}

/** Today's date in the network's time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}
