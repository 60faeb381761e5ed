/**
 * "Accepte de nouvelles personnes" (decision 033): who an entry takes on is worded for what the
 * entry is, and a status not confirmed for long reads "à confirmer".
 */

/** Whom an entry takes on: patients (a care practice), beneficiaries (social help), people. */
export type TAudience = 'patients' | 'beneficiaries' | 'people';

/** A status confirmed longer ago than this many days reads "à confirmer". */
export const ACCEPTING_STALE_DAYS = 90;

/** Professions that see patients in a care practice of their own. */
const CARE_PROFESSIONS = new Set([
  'general_practitioner',
  'specialist',
  'nurse',
  'physiotherapist',
  'psychologist',
  'dietitian',
  'midwife',
  'occupational_therapist',
  'speech_therapist',
]);
/** Professions whose people are beneficiaries of a social or home help. */
const SOCIAL_PROFESSIONS = new Set(['social_worker', 'home_aide', 'care_assistant']);

/** Organisation types that are a care practice (their services take on patients). */
const CARE_ORGANISATIONS = new Set([
  'hospital',
  'clinic',
  'msp',
  'health_centre',
  'home_nursing',
  'nursing_practice',
  'hospital_at_home',
]);
/** Organisation types whose services help beneficiaries (CCAS, home help, meal delivery…). */
const SOCIAL_ORGANISATIONS = new Set(['social_service', 'home_care', 'town_hall']);

/**
 * The word for the people an entry takes on: a member by their profession, an organisation or a
 * service by the organisation's type. Anything else (associations, coordination, "other", an
 * unknown code) takes on "people", never "patients" by default.
 */
export function audienceOf(entry: {
  profession?: string | null;
  organisationType?: string | null;
}): TAudience {
  if (entry.profession) {
    if (CARE_PROFESSIONS.has(entry.profession)) return 'patients';
    if (SOCIAL_PROFESSIONS.has(entry.profession)) return 'beneficiaries';
    return 'people';
  }
  if (entry.organisationType) {
    if (CARE_ORGANISATIONS.has(entry.organisationType)) return 'patients';
    if (SOCIAL_ORGANISATIONS.has(entry.organisationType)) return 'beneficiaries';
  }
  return 'people';
}

/** Whether a status needs confirming: never confirmed, or longer ago than ACCEPTING_STALE_DAYS. */
export function isAcceptingStale(confirmedAt: Date | null, now = Date.now()): boolean {
  return confirmedAt === null || now - confirmedAt.getTime() > ACCEPTING_STALE_DAYS * 86_400_000;
}

/** One way to reach an entry, as a result card shows it. */
export type TCardChannel = { kind: string; value: string; bestTimes?: string | undefined };

/**
 * The channel a result card offers: the one marked preferred, else the first listed, else the
 * entry's phone, else its e-mail; null when there is none (or none the reader may see: channels
 * are given already filtered for the reader).
 */
export function preferredChannel(
  channels: { kind: string; value: string; preferred?: boolean; bestTimes?: string }[],
  phone: string | null,
  email: string | null,
): TCardChannel | null {
  const usable = channels.filter((c) => c.value.trim() !== '');
  const chosen = usable.find((c) => c.preferred) ?? usable[0];
  if (chosen) {
    return {
      kind: chosen.kind,
      value: chosen.value,
      ...(chosen.bestTimes ? { bestTimes: chosen.bestTimes } : {}),
    };
  }
  if (phone?.trim()) return { kind: 'phone', value: phone };
  if (email?.trim()) return { kind: 'email', value: email };
  return null;
}
