/**
 * The maintained lists of the directory, with French and English labels and the words people
 * actually type ("kiné", "IDE", "AS"). Codes are stored; labels are shown and searched.
 */
type TTerm = { fr: string; en: string; synonyms?: string[] };

export const PROFESSIONS = {
  general_practitioner: {
    fr: 'Médecin généraliste',
    en: 'General practitioner',
    synonyms: ['médecin traitant', 'MG', 'docteur'],
  },
  specialist: { fr: 'Médecin spécialiste', en: 'Medical specialist', synonyms: ['docteur'] },
  nurse: { fr: 'Infirmier·ère', en: 'Nurse', synonyms: ['infirmière', 'infirmier', 'IDE', 'IDEL'] },
  pharmacist: { fr: 'Pharmacien·ne', en: 'Pharmacist', synonyms: ['pharmacie', 'officine'] },
  physiotherapist: {
    fr: 'Masseur-kinésithérapeute',
    en: 'Physiotherapist',
    synonyms: ['kiné', 'kinésithérapeute', 'rééducation'],
  },
  psychologist: { fr: 'Psychologue', en: 'Psychologist', synonyms: ['psy'] },
  dietitian: { fr: 'Diététicien·ne', en: 'Dietitian', synonyms: ['nutrition', 'diététicienne'] },
  midwife: { fr: 'Sage-femme', en: 'Midwife', synonyms: ['maïeuticien'] },
  occupational_therapist: {
    fr: 'Ergothérapeute',
    en: 'Occupational therapist',
    synonyms: ['ergo'],
  },
  speech_therapist: { fr: 'Orthophoniste', en: 'Speech therapist', synonyms: ['ortho'] },
  social_worker: {
    fr: 'Assistant·e de service social',
    en: 'Social worker',
    synonyms: ['assistante sociale', 'AS', 'travailleur social'],
  },
  home_aide: { fr: 'Aide à domicile', en: 'Home aide', synonyms: ['aide ménagère', 'SAAD'] },
  care_assistant: {
    fr: 'Auxiliaire de vie',
    en: 'Care assistant',
    synonyms: ['AVS', 'aide-soignant', 'AES'],
  },
  case_manager: {
    fr: 'Gestionnaire de cas',
    en: 'Case manager',
    synonyms: ['coordinatrice de parcours', 'coordinateur de parcours'],
  },
  coordinator: { fr: 'Coordinateur·rice', en: 'Coordinator', synonyms: ['coordination'] },
  network_staff: {
    fr: 'Équipe du réseau',
    en: 'Network staff',
    synonyms: ['chargé de mission', 'DAC'],
  },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, TTerm>;

export const ORGANISATION_TYPES = {
  hospital: { fr: 'Hôpital', en: 'Hospital', synonyms: ['CH', 'CHU', 'centre hospitalier'] },
  clinic: { fr: 'Clinique', en: 'Clinic' },
  msp: {
    fr: 'Maison de santé (MSP)',
    en: 'Multi-professional health centre',
    synonyms: ['maison de santé pluriprofessionnelle'],
  },
  health_centre: { fr: 'Centre de santé', en: 'Health centre' },
  cpts: {
    fr: 'CPTS',
    en: 'Territorial health community',
    synonyms: ['communauté professionnelle territoriale de santé'],
  },
  nursing_home: { fr: 'EHPAD', en: 'Nursing home', synonyms: ['maison de retraite'] },
  home_care: {
    fr: 'Service d’aide à domicile (SAAD)',
    en: 'Home-care service',
    synonyms: ['SAAD', 'aide à domicile'],
  },
  home_nursing: {
    fr: 'Soins infirmiers à domicile (SSIAD)',
    en: 'Home-nursing service',
    synonyms: ['SSIAD', 'SPASAD'],
  },
  had: {
    fr: 'Hospitalisation à domicile (HAD)',
    en: 'Hospital at home',
    synonyms: ['HAD', 'hospitalisation à domicile'],
  },
  nursing_practice: {
    fr: 'Cabinet infirmier',
    en: 'Nursing practice',
    synonyms: ['infirmiers libéraux', 'IDEL', 'cabinet libéral'],
  },
  medical_practice: {
    fr: 'Cabinet médical',
    en: 'Medical practice',
    synonyms: ['cabinet de médecine générale', 'cabinet libéral'],
  },
  therapy_practice: {
    fr: 'Cabinet paramédical',
    en: 'Allied-health practice',
    synonyms: ['cabinet de kinésithérapie', 'cabinet d’orthophonie', 'cabinet libéral'],
  },
  pharmacy: { fr: 'Pharmacie', en: 'Pharmacy', synonyms: ['officine'] },
  social_service: { fr: 'Service social', en: 'Social service', synonyms: ['CCAS', 'CMS', 'MDPH'] },
  town_hall: { fr: 'Mairie', en: 'Town hall', synonyms: ['commune'] },
  association: { fr: 'Association', en: 'Association' },
  coordination: {
    fr: 'Dispositif de coordination',
    en: 'Coordination service',
    synonyms: ['DAC', 'réseau de santé', 'PTA'],
  },
  other: { fr: 'Autre', en: 'Other' },
} as const satisfies Record<string, TTerm>;

/** A code of a national terminology (ANS, "NOS"), as FHIR writes it. */
export type TCoding = { system: string; code: string; display: string };

/** FINESS establishment categories (TRE_R66), what ROR and FHIR FR Core put in Organization.type. */
const FINESS_CATEGORY =
  'https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/TRE-R66-CategorieEtablissement';
/** Activity sectors (TRE_R02): how ROR types a practice that FINESS does not list. */
const ACTIVITY_SECTOR =
  'https://mos.esante.gouv.fr/NOS/TRE_R02-SecteurActivite/FHIR/TRE-R02-SecteurActivite';
const finess = (code: string, display: string): TCoding => ({
  system: FINESS_CATEGORY,
  code,
  display,
});
const GROUP_PRACTICE: TCoding = {
  system: ACTIVITY_SECTOR,
  code: 'SA08',
  display: 'Cabinet de groupe',
};

/**
 * Each organisation type in the national terminologies, as the ROR value set of establishment
 * categories (JDV_J55_CategorieEG_ROR) lists them: FINESS categories, and activity sectors for
 * practices. null when no national code fits (a town hall, an association): exports then carry
 * Maillon's code alone. Every type must be here (the type check says so when one is added).
 */
export const ORGANISATION_TYPE_CODINGS: Record<TOrganisationType, TCoding | null> = {
  hospital: finess('355', 'Centre hospitalier (CH)'),
  clinic: finess('365', 'Etablissement de soins pluridisciplinaire'),
  msp: finess('603', 'Maison de santé (L6223-3)'),
  health_centre: finess('124', 'Centre de santé'),
  cpts: finess('604', 'Communauté Professionnelle Territoriale de Santé (CPTS)'),
  nursing_home: finess('500', "Etablissement d'hébergement pour personnes âgées dépendantes"),
  home_care: finess('460', 'Service autonomie aide (SAA)'),
  home_nursing: finess('354', 'Service de soins infirmiers à domicile (SSIAD)'),
  had: finess('127', 'Hospitalisation à domicile (HAD)'),
  nursing_practice: GROUP_PRACTICE,
  medical_practice: GROUP_PRACTICE,
  therapy_practice: GROUP_PRACTICE,
  pharmacy: finess('620', "Pharmacie d'officine"),
  social_service: null,
  town_hall: null,
  association: null,
  coordination: finess('606', "Dispositif d'appui à la coordination (DAC)"),
  other: null,
};

export const CARE_STREAMS = {
  elderly: { fr: 'Personnes âgées', en: 'Older people', synonyms: ['gériatrie', 'vieillissement'] },
  mental_health: { fr: 'Santé mentale', en: 'Mental health', synonyms: ['psychiatrie'] },
  infants: { fr: 'Petite enfance', en: 'Infants', synonyms: ['périnatalité', 'enfants'] },
  diabetes: { fr: 'Diabète', en: 'Diabetes' },
  oncology: { fr: 'Cancérologie', en: 'Oncology', synonyms: ['cancer'] },
  disability: { fr: 'Handicap', en: 'Disability' },
  palliative: { fr: 'Soins palliatifs', en: 'Palliative care', synonyms: ['fin de vie'] },
  addiction: { fr: 'Addictions', en: 'Addiction', synonyms: ['addictologie'] },
  cardiology: { fr: 'Cardiologie', en: 'Cardiology', synonyms: ['insuffisance cardiaque'] },
  social_rights: { fr: 'Accès aux droits', en: 'Social rights', synonyms: ['précarité'] },
} as const satisfies Record<string, TTerm>;

export const CHANNEL_KINDS = {
  phone: { fr: 'Téléphone', en: 'Phone' },
  sms: { fr: 'SMS', en: 'Text message' },
  email: { fr: 'E-mail', en: 'E-mail' },
  secure_messaging: { fr: 'Messagerie sécurisée', en: 'Secure messaging', synonyms: ['MSSanté'] },
  fax: { fr: 'Fax', en: 'Fax' },
  in_person: { fr: 'Sur place', en: 'In person' },
} as const satisfies Record<string, TTerm>;

export const LANGUAGES = {
  fr: { fr: 'Français', en: 'French' },
  en: { fr: 'Anglais', en: 'English' },
  de: { fr: 'Allemand', en: 'German' },
  it: { fr: 'Italien', en: 'Italian' },
  es: { fr: 'Espagnol', en: 'Spanish' },
  pt: { fr: 'Portugais', en: 'Portuguese' },
  ar: { fr: 'Arabe', en: 'Arabic' },
  tr: { fr: 'Turc', en: 'Turkish' },
  lsf: { fr: 'Langue des signes (LSF)', en: 'French Sign Language' },
} as const satisfies Record<string, TTerm>;

export type TProfession = keyof typeof PROFESSIONS;
export type TOrganisationType = keyof typeof ORGANISATION_TYPES;
export type TCareStream = keyof typeof CARE_STREAMS;
export type TChannelKind = keyof typeof CHANNEL_KINDS;
export type TLanguage = keyof typeof LANGUAGES;

export const PROFESSION_CODES = Object.keys(PROFESSIONS) as [TProfession, ...TProfession[]];
export const ORGANISATION_TYPE_CODES = Object.keys(ORGANISATION_TYPES) as [
  TOrganisationType,
  ...TOrganisationType[],
];
export const CARE_STREAM_CODES = Object.keys(CARE_STREAMS) as [TCareStream, ...TCareStream[]];
export const CHANNEL_KIND_CODES = Object.keys(CHANNEL_KINDS) as [TChannelKind, ...TChannelKind[]];
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [TLanguage, ...TLanguage[]];

/** Every word a term can be found by: both labels and the synonyms. */
export function termWords(term: TTerm | undefined): string {
  if (!term) return '';
  return [term.fr, term.en, ...(term.synonyms ?? [])].join(' ');
}

/** Lower-case, accents and punctuation removed: the form both the index and the query use. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
