/**
 * A commune as a form gives it (a name, an INSEE code, a postcode, any of them), checked against
 * the reference (decision 015): zod pieces for the fields one by one (a 400 naming the field, with
 * the other shape errors), the agreement of the three, and the canonical name and code to store.
 */
import { z } from 'zod';
import type { TMessageKey } from '../../server/messages.js';
import {
  communeByCode,
  communesNamed,
  INSEE_CODE_PATTERN,
  isCurrentCommuneCode,
  isKnownCommuneCode,
  isKnownCommuneName,
  isKnownPostcode,
  nameFitsCode,
  postcodeFitsCode,
} from './communes.reference.js';

/** The shape of an INSEE commune code, unchecked against the reference. */
export const ZInseeShape = z
  .string()
  .trim()
  .toUpperCase()
  .regex(INSEE_CODE_PATTERN, 'identity.insee_format');

/** The INSEE code of a commune one lives in today (a wrong shape says so, not "unknown"). */
export const ZCommuneCode = ZInseeShape.refine(
  (code) => !INSEE_CODE_PATTERN.test(code) || isCurrentCommuneCode(code),
  { error: 'commune.unknown_code' },
);

/** The INSEE code of a commune of birth: a former commune's code is accepted (INS). */
export const ZBirthPlaceCode = ZInseeShape.refine(
  (code) => !INSEE_CODE_PATTERN.test(code) || isKnownCommuneCode(code),
  { error: 'commune.unknown_code' },
);

type TProblem = { field: string; message: TMessageKey };

/** Whether a typed commune name is empty (clears the field) or names a commune. */
export const isEmptyOrKnownName = (name: string) => name === '' || isKnownCommuneName(name);

/**
 * The values given that the reference does not know: a name of no commune, a code of no current
 * commune, a birth place code of no commune past or present. For an edit, which checks only the
 * values it changes (a creation's zod pieces check them all).
 */
export function unknownCommuneFields(values: {
  commune?: string | null | undefined;
  communeInsee?: string | null | undefined;
  birthPlaceInsee?: string | null | undefined;
}): TProblem[] {
  const problems: TProblem[] = [];
  if (values.commune && !isKnownCommuneName(values.commune))
    problems.push({ field: 'commune', message: 'commune.unknown_name' });
  if (values.communeInsee && !isCurrentCommuneCode(values.communeInsee))
    problems.push({ field: 'communeInsee', message: 'commune.unknown_code' });
  if (values.birthPlaceInsee && !isKnownCommuneCode(values.birthPlaceInsee))
    problems.push({ field: 'birthPlaceInsee', message: 'commune.unknown_code' });
  return problems;
}

export type TCommuneFacts = {
  commune?: string | null | undefined;
  communeInsee?: string | null | undefined;
  postalCode?: string | null | undefined;
};

/**
 * Whether the name, the code and the postcode given designate the same commune. Each field is
 * checked alone by its zod piece; this looks only at how they agree. `prefix` names the fields
 * inside a nested object ("newPerson.").
 */
export function communeProblems(facts: TCommuneFacts, prefix = ''): TProblem[] {
  const { commune: name, communeInsee: code, postalCode: postcode } = facts;
  const problems: TProblem[] = [];
  if (code) {
    if (!communeByCode(code)) return problems;
    if (name && !nameFitsCode(name, code)) {
      problems.push({ field: `${prefix}commune`, message: 'commune.name_mismatch' });
    }
    if (postcode && !postcodeFitsCode(postcode, code)) {
      problems.push({ field: `${prefix}postalCode`, message: 'commune.postcode_mismatch' });
    }
    return problems;
  }
  if (!postcode) return problems;
  if (!isKnownPostcode(postcode)) {
    problems.push({ field: `${prefix}postalCode`, message: 'commune.unknown_postcode' });
  } else if (name && isKnownCommuneName(name)) {
    const named = communesNamed(name);
    if (!named.some((c) => postcodeFitsCode(postcode, c.code))) {
      problems.push({ field: `${prefix}postalCode`, message: 'commune.postcode_mismatch' });
    }
  }
  return problems;
}

/**
 * The name and code to store: the reference's spelling of the code's commune ("st etienne" is
 * stored "Saint-Étienne"); without a code, the code of the one commune the name (and postcode)
 * designate, or the name as typed when several communes bear it and nothing tells them apart.
 * To call after communeProblems found nothing.
 */
export function canonicalCommune(facts: TCommuneFacts): {
  commune: string | null;
  communeInsee: string | null;
} {
  const code = facts.communeInsee || null;
  const name = facts.commune || null;
  if (code) return { commune: communeByCode(code)?.name ?? name, communeInsee: code };
  if (!name) return { commune: null, communeInsee: null };
  const postcode = facts.postalCode;
  const named = communesNamed(name).filter((c) => !postcode || postcodeFitsCode(postcode, c.code));
  const [only] = named;
  return only && named.length === 1
    ? { commune: only.name, communeInsee: only.code }
    : { commune: name, communeInsee: null };
}
