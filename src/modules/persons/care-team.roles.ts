/**
 * The roles a member holds for one person (decision 018): a small code list, so the network can
 * count who does what, with a free-text title beside it (roleTitle). Labels for the e-mail a new
 * member receives; the web app carries the same labels in its i18n files (careTeam.role.*).
 */
export const CARE_TEAM_ROLES = {
  gp: { fr: 'médecin traitant', en: 'GP' },
  home_nurse: { fr: 'infirmier·ère à domicile', en: 'home nurse' },
  pharmacist: { fr: 'pharmacien·ne', en: 'pharmacist' },
  home_aide: { fr: 'aide à domicile', en: 'home aide' },
  social_worker: { fr: 'assistant·e de service social', en: 'social worker' },
  hospital_referent: { fr: 'référent·e hospitalier·ère', en: 'hospital referent' },
  physiotherapist: { fr: 'masseur-kinésithérapeute', en: 'physiotherapist' },
  psychologist: { fr: 'psychologue', en: 'psychologist' },
  other: { fr: 'autre intervenant·e', en: 'other' },
} as const;

export type TCareTeamRole = keyof typeof CARE_TEAM_ROLES;

export const CARE_TEAM_ROLE_CODES = Object.keys(CARE_TEAM_ROLES) as [
  TCareTeamRole,
  ...TCareTeamRole[],
];

/** A stored role code as the API answers it ('other' for a code this version does not know). */
export function careTeamRoleOf(code: string): TCareTeamRole {
  return code in CARE_TEAM_ROLES ? (code as TCareTeamRole) : 'other';
}
