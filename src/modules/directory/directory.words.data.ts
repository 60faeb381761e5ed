/**
 * The words people type for the same thing (decision 032), kept as data. Each line is a set of
 * forms that mean the same thing to whoever searches the directory: a search for any form finds
 * entries written with any other ("IDE" finds "Infirmière libérale", "kinésithérapeute" finds
 * "Cabinet de kiné"). Forms are written as people write them; the search normalises them (case,
 * accents, punctuation) and reduces their gender and number itself, so "infirmière",
 * "infirmières" and "infirmiers" need not be listed beside "infirmier".
 *
 * Sources and reasoning:
 * - professions: the titles of the Code de la santé publique (book III of part 4: médecin,
 *   infirmier, masseur-kinésithérapeute, orthophoniste, ergothérapeute, pharmacien…) and of the
 *   Code de l'action sociale et des familles (assistant de service social, accompagnant éducatif
 *   et social), with the short forms used on prescriptions, liaison sheets and in
 *   nurses' and social workers' notes (IDE, IDEL, IDEC, MK, AS, ASS, AVS, AES, MG);
 * - structures: the acronyms of the FINESS categories and of the laws that create them (SSIAD,
 *   SAAD, SPASAD, HAD, EHPAD, CCAS, CMP, PMI, MDPH, DAC, CPTS, MSP, SMR/SSR, CSAPA, CAMSP), each
 *   with its spelled-out name, so that either finds an entry written with the other;
 * - places: the abbreviations of the postal and IGN spellings of commune names (St, Ste).
 *
 * Ambiguity: "AS" is both "aide-soignant(e)" and "assistant(e) social(e)"; both are common in this
 * field and the directory cannot know which is meant, so "AS" is listed in both lines and finds
 * both (the title ranking puts an entry named with the searched word first). "Psy" finds
 * psychologists and psychiatry: whoever types it wants either. A form listed in two lines stands
 * for both only when it is typed: "aide-soignante" does not look for "AS" (which would find
 * social workers). "Ortho" is left out (orthophoniste,
 * orthoptiste, orthopédie, orthodontiste).
 *
 * A form of one or two letters, or written in capitals, is an abbreviation: it must be a whole
 * word of the entry ("IDE" does not find "identité"). Other forms find words they begin
 * ("kiné" finds "kinésithérapie").
 */
export type TSynonymLine = { forms: string[]; why: string };

export const SEARCH_SYNONYMS: TSynonymLine[] = [
  // — Professions
  {
    forms: ['infirmier', 'IDE', 'IDEL', 'soins infirmiers', 'infirmier diplômé d’État'],
    why: 'CSP art. L4311-1; IDE = infirmier diplômé d’État, IDEL = libéral',
  },
  {
    forms: ['IDEC', 'infirmier coordinateur', 'infirmière coordinatrice'],
    why: 'IDEC = infirmier(e) de coordination (EHPAD, SSIAD, cancérologie)',
  },
  {
    forms: [
      'kinésithérapeute',
      'kiné',
      'masseur-kinésithérapeute',
      'MK',
      'MKDE',
      'kinésithérapie',
      'physiothérapeute',
    ],
    why: 'CSP art. L4321-1; MK(DE) on prescriptions; physiothérapeute in Switzerland and Belgium',
  },
  {
    forms: ['orthophoniste', 'orthophonie'],
    why: 'CSP art. L4341-1: the profession and the care it gives',
  },
  {
    forms: ['aide-soignant', 'AS'],
    why: 'CSP art. L4391-1; AS on care plans (ambiguous with assistant social: see above)',
  },
  {
    forms: ['auxiliaire de vie', 'AVS', 'AES', 'accompagnant éducatif et social'],
    why: 'CASF: AES replaced the diplomas of AVS (DEAVS) and AMP in 2016; both names are still used',
  },
  {
    forms: ['médecin généraliste', 'généraliste', 'MG', 'médecin traitant', 'médecine générale'],
    why: 'the GP is who people call their médecin traitant (CSS art. L162-5-3)',
  },
  {
    forms: ['pharmacien', 'pharmacie', 'officine'],
    why: 'the pharmacist, the pharmacy and its legal name (CSP art. L5125-1)',
  },
  {
    forms: ['ergothérapeute', 'ergo', 'ergothérapie'],
    why: 'CSP art. L4331-1; "ergo" is the usual short form',
  },
  {
    forms: ['psychologue', 'psy', 'psychologie'],
    why: 'the title (law of 25 July 1985) and its short form',
  },
  {
    forms: ['psychiatre', 'psy', 'psychiatrie'],
    why: 'whoever types "psy" may want a psychiatrist as well as a psychologist',
  },
  {
    forms: ['assistant de service social', 'assistant social', 'AS', 'ASS', 'travailleur social'],
    why: 'CASF art. L411-1: the protected title; "assistante sociale" is what everyone says',
  },
  {
    forms: ['sage-femme', 'maïeuticien'],
    why: 'CSP art. L4151-1; maïeuticien is the masculine form in use',
  },
  {
    forms: ['diététicien', 'nutritionniste', 'diététique'],
    why: 'CSP art. L4371-1; nutritionniste is the usual word (a physician title, a dietitian’s job)',
  },
  {
    forms: ['gestionnaire de cas', 'case manager', 'coordinateur de parcours'],
    why: 'the DAC’s case managers (MAIA before 2022)',
  },
  {
    forms: ['médecin', 'docteur', 'Dr'],
    why: '"Dr Martin": the title people put before a physician’s name',
  },

  // — Structures
  {
    forms: ['SSIAD', 'service de soins infirmiers à domicile'],
    why: 'CASF art. L312-1 I 6° and 7°; FINESS category 354',
  },
  {
    forms: ['SAAD', 'service d’aide à domicile', 'aide à domicile'],
    why: 'CASF art. L313-1-2; services autonomie à domicile since 2023',
  },
  { forms: ['SPASAD', 'service polyvalent d’aide et de soins à domicile'], why: 'CASF' },
  {
    forms: ['HAD', 'hospitalisation à domicile'],
    why: 'CSP art. L6125-2; an HAD is a hospital, not a SSIAD',
  },
  {
    forms: [
      'EHPAD',
      'établissement d’hébergement pour personnes âgées dépendantes',
      'maison de retraite',
    ],
    why: 'CASF art. L313-12; FINESS category 500; "maison de retraite" is still what people say',
  },
  { forms: ['CCAS', 'centre communal d’action sociale'], why: 'CASF art. L123-4' },
  { forms: ['CIAS', 'centre intercommunal d’action sociale'], why: 'CASF art. L123-4-1' },
  { forms: ['CMP', 'centre médico-psychologique'], why: 'CSP art. L3221-1' },
  { forms: ['PMI', 'protection maternelle et infantile'], why: 'CSP art. L2111-1' },
  {
    forms: ['MDPH', 'maison départementale des personnes handicapées'],
    why: 'CASF art. L146-3',
  },
  {
    forms: ['DAC', 'dispositif d’appui à la coordination'],
    why: 'CSP art. L6327-1 (law of 24 July 2019)',
  },
  {
    forms: ['CPTS', 'communauté professionnelle territoriale de santé'],
    why: 'CSP art. L1434-12',
  },
  {
    forms: ['MSP', 'maison de santé', 'maison de santé pluriprofessionnelle', 'pôle de santé'],
    why: 'CSP art. L6323-3',
  },
  {
    forms: ['SMR', 'SSR', 'soins médicaux et de réadaptation', 'soins de suite et de réadaptation'],
    why: 'SSR renamed SMR in 2023; both names are in use',
  },
  {
    forms: ['CSAPA', 'centre de soins d’accompagnement et de prévention en addictologie'],
    why: 'CASF art. L312-1 I 9°',
  },
  { forms: ['CAMSP', 'centre d’action médico-sociale précoce'], why: 'CASF art. L312-1 I 3°' },
  {
    forms: ['ESA', 'équipe spécialisée Alzheimer'],
    why: 'plan Alzheimer 2008, carried by SSIAD',
  },
  {
    forms: ['EMSP', 'équipe mobile de soins palliatifs'],
    why: 'circulaire DHOS/O2 2008-99',
  },
  { forms: ['EMG', 'équipe mobile de gériatrie'], why: 'circulaire DHOS/02 2007-117' },
  { forms: ['CH', 'centre hospitalier', 'hôpital'], why: 'CSP art. L6141-1' },
  { forms: ['CHU', 'centre hospitalier universitaire'], why: 'CSP art. L6141-2' },
  { forms: ['ETP', 'éducation thérapeutique'], why: 'CSP art. L1161-1' },
  { forms: ['APA', 'activité physique adaptée'], why: 'CSP art. L1172-1 (also the allowance)' },
  {
    forms: ['APA', 'allocation personnalisée d’autonomie'],
    why: 'CASF art. L232-1 (the same letters as the activity: both are found)',
  },

  // — Places
  {
    // One line: "sainte" reduces to "saint" (which begins both), so "St" also finds "Sainte-…".
    forms: ['saint', 'sainte', 'St', 'Ste'],
    why: 'IGN and La Poste abbreviations of commune names',
  },
];
