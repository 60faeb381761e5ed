/**
 * The network's multidimensional assessment (source document 002, product brief C3): health,
 * cognition and mood, social situation and caregiver, housing and safety, rights and money,
 * services already involved, urgency. Filled at home; its result feeds the integration level.
 * Written for Maillon (free to use); items carry the data category the guard filters on.
 */
import {
  read,
  type TInstrument,
  type TItem,
  type TItemCategory,
  type TLabel,
  type TOption,
} from './instrument.types.js';

/** Five medications or more: polypharmacy (the usual geriatric threshold, fixed by the brief). */
export const POLYPHARMACY_FROM = 5;

const L = (fr: string, en: string): TLabel => ({ fr, en });
const options = (entries: [value: string, fr: string, en: string][]): TOption[] =>
  entries.map(([value, fr, en]) => ({ value, label: L(fr, en) }));

type TItemSpec = Omit<TItem, 'category' | 'scored' | 'required'> & {
  required?: boolean;
  scored?: boolean;
};
/** Items of one section share its category; scored and required unless said otherwise. */
const section = (id: string, label: TLabel, category: TItemCategory, items: TItemSpec[]) => ({
  id,
  label,
  items: items.map((item): TItem => ({ required: true, scored: true, ...item, category })),
});
const count = (id: string, label: TLabel, max = 99): TItemSpec => ({
  id,
  type: 'number',
  label,
  min: 0,
  max,
});
const yesNo = (id: string, label: TLabel, help?: TLabel): TItemSpec => ({
  id,
  type: 'yes_no',
  label,
  ...(help ? { help } : {}),
});
const notes = (id: string, label: TLabel): TItemSpec => ({
  id,
  type: 'text',
  label,
  maxLength: 2000,
  required: false,
  scored: false,
});

export const CONDITIONS = options([
  [
    'cardiovascular',
    'Maladie cardiovasculaire (insuffisance cardiaque, AVC…)',
    'Cardiovascular disease (heart failure, stroke…)',
  ],
  ['diabetes', 'Diabète', 'Diabetes'],
  ['respiratory', 'Maladie respiratoire chronique', 'Chronic respiratory disease'],
  ['renal', 'Insuffisance rénale', 'Kidney failure'],
  ['cancer', 'Cancer', 'Cancer'],
  [
    'neurological',
    'Maladie neurologique (Parkinson, SEP…)',
    'Neurological disease (Parkinson’s, MS…)',
  ],
  ['dementia', 'Maladie d’Alzheimer ou apparentée', 'Alzheimer’s or related dementia'],
  ['psychiatric', 'Trouble psychiatrique', 'Psychiatric disorder'],
  ['musculoskeletal', 'Maladie ostéo-articulaire', 'Musculoskeletal disease'],
  ['sensory', 'Déficit visuel ou auditif', 'Sight or hearing loss'],
]);

/** Types of services already involved: two types or more is the mark of coordination (Leutz). */
export const SERVICE_TYPES = options([
  ['gp', 'Médecin traitant', 'General practitioner'],
  [
    'nursing',
    'Soins infirmiers (infirmier libéral, SSIAD)',
    'Nursing (community nurse, home nursing service)',
  ],
  ['home_help', 'Aide à domicile (SAAD)', 'Home help'],
  [
    'rehabilitation',
    'Rééducation (kinésithérapie, ergothérapie, orthophonie)',
    'Rehabilitation (physio, occupational or speech therapy)',
  ],
  ['specialist', 'Médecin spécialiste', 'Specialist doctor'],
  [
    'hospital',
    'Suivi hospitalier ou hospitalisation à domicile',
    'Hospital follow-up or hospital at home',
  ],
  [
    'mental_health',
    'Santé mentale (CMP, psychiatre, psychologue)',
    'Mental health (clinic, psychiatrist, psychologist)',
  ],
  [
    'social_service',
    'Service social (CCAS, assistante sociale)',
    'Social service (municipal, social worker)',
  ],
  ['meals', 'Portage de repas', 'Meals on wheels'],
  ['day_care', 'Accueil de jour, hébergement temporaire', 'Day care, respite stay'],
  ['telecare', 'Téléassistance', 'Personal alarm'],
]);

export const URGENCIES = ['same_day', 'within_week', 'routine'] as const;
export type TUrgency = (typeof URGENCIES)[number];
export const ISOLATION = ['none', 'partial', 'severe'] as const;
export type TIsolation = (typeof ISOLATION)[number];

const SECTIONS = [
  section('health', L('Santé', 'Health'), 'medical', [
    {
      id: 'conditions',
      type: 'multi_choice',
      label: L('Maladies chroniques', 'Chronic conditions'),
      options: CONDITIONS,
    },
    notes('healthNotes', L('Précisions sur la santé', 'Health details')),
    count(
      'medicationCount',
      L('Nombre de médicaments pris chaque jour', 'Number of medications taken daily'),
      40,
    ),
    count('falls6m', L('Chutes dans les 6 derniers mois', 'Falls in the last 6 months')),
    count(
      'hospitalStays6m',
      L('Hospitalisations dans les 6 derniers mois', 'Hospital stays in the last 6 months'),
    ),
    count(
      'emergencyVisits6m',
      L('Passages aux urgences dans les 6 derniers mois', 'Emergency visits in the last 6 months'),
    ),
  ]),
  section('cognitionMood', L('Cognition et humeur', 'Cognition and mood'), 'medical', [
    yesNo(
      'cognitionConcern',
      L(
        'Troubles de la mémoire ou de l’orientation signalés',
        'Memory or orientation problems reported',
      ),
      L(
        'Par la personne, un proche ou un professionnel',
        'By the person, a relative or a professional',
      ),
    ),
    yesNo(
      'moodConcern',
      L(
        'Tristesse, perte d’intérêt ou anxiété marquée',
        'Low mood, loss of interest or marked anxiety',
      ),
    ),
    notes('cognitionNotes', L('Précisions', 'Details')),
  ]),
  section('social', L('Situation sociale et aidant', 'Social situation and caregiver'), 'social', [
    yesNo('livesAlone', L('Vit seul·e', 'Lives alone')),
    {
      id: 'isolation',
      type: 'choice',
      label: L('Isolement social', 'Social isolation'),
      options: options([
        ['none', 'Non : voit régulièrement des proches', 'No: sees people close to them regularly'],
        ['partial', 'Partiel : contacts rares', 'Partial: rare contacts'],
        ['severe', 'Sévère : presque aucun contact', 'Severe: almost no contact'],
      ]),
    },
    yesNo(
      'hasCaregiver',
      L('Un·e aidant·e s’occupe de la personne', 'A caregiver looks after the person'),
    ),
    {
      id: 'caregiverStrain',
      type: 'scale',
      min: 0,
      max: 10,
      label: L(
        'Épuisement ressenti par l’aidant·e (0 : aucun, 10 : à bout)',
        'Strain felt by the caregiver (0: none, 10: at the end of their tether)',
      ),
      required: false,
      requiredWhen: { item: 'hasCaregiver', equals: true },
    },
    notes('socialNotes', L('Précisions', 'Details')),
  ]),
  section('housing', L('Logement et sécurité', 'Housing and safety'), 'social', [
    {
      id: 'housing',
      type: 'choice',
      label: L('Logement', 'Housing'),
      options: options([
        ['own_home', 'À son domicile', 'In their own home'],
        ['family_home', 'Chez un proche', 'With a relative'],
        ['sheltered', 'Résidence autonomie ou foyer', 'Sheltered housing'],
        ['precarious', 'Logement précaire ou insalubre', 'Precarious or unfit housing'],
        ['homeless', 'Sans logement', 'Homeless'],
      ]),
    },
    {
      id: 'safetyRisks',
      type: 'multi_choice',
      label: L(
        'Risques au domicile (aucun si rien n’est coché)',
        'Risks at home (none if nothing ticked)',
      ),
      options: options([
        ['access', 'Accès difficile, escaliers', 'Hard access, stairs'],
        [
          'fall_hazards',
          'Risque de chute (tapis, éclairage, salle de bain)',
          'Fall hazards (rugs, lighting, bathroom)',
        ],
        ['heating', 'Chauffage ou hygiène insuffisants', 'Poor heating or hygiene'],
        ['fire_gas', 'Risque incendie ou gaz', 'Fire or gas risk'],
        ['abuse', 'Maltraitance suspectée', 'Suspected abuse'],
      ]),
    },
    notes('housingNotes', L('Précisions', 'Details')),
  ]),
  section('rights', L('Droits et ressources', 'Rights and money'), 'administrative', [
    {
      id: 'healthCoverage',
      type: 'choice',
      label: L('Couverture santé', 'Health cover'),
      options: options([
        [
          'complete',
          'Complète (assurance maladie et complémentaire)',
          'Complete (health insurance and top-up)',
        ],
        [
          'partial',
          'Sans complémentaire ou droits à renouveler',
          'No top-up cover, or rights to renew',
        ],
        ['none', 'Aucun droit ouvert', 'No open rights'],
      ]),
    },
    yesNo('financialDifficulty', L('Difficultés financières', 'Money difficulties')),
    {
      id: 'legalProtection',
      type: 'choice',
      label: L('Protection juridique', 'Legal protection'),
      options: options([
        ['none', 'Aucune', 'None'],
        [
          'needed',
          'Nécessaire, pas encore demandée ou en cours',
          'Needed, not yet asked or under way',
        ],
        [
          'in_place',
          'En place (curatelle, tutelle, habilitation familiale)',
          'In place (guardianship, family authorisation)',
        ],
      ]),
    },
    notes('rightsNotes', L('Précisions', 'Details')),
  ]),
  section('services', L('Services déjà engagés', 'Services already involved'), 'social', [
    {
      id: 'servicesInvolved',
      type: 'multi_choice',
      label: L('Types de services qui interviennent', 'Types of services involved'),
      options: SERVICE_TYPES,
    },
  ]),
  section('urgency', L('Urgence', 'Urgency'), 'administrative', [
    {
      id: 'urgency',
      type: 'choice',
      label: L('Urgence de la situation', 'Urgency of the situation'),
      options: options([
        ['same_day', 'Dans la journée', 'Same day'],
        ['within_week', 'Dans la semaine', 'Within a week'],
        ['routine', 'Sans urgence', 'Routine'],
      ]),
    },
  ]),
];

export type TMultidimensionalResult = {
  conditionCount: number;
  medicationCount: number;
  /** medicationCount ≥ 5. */
  polypharmacy: boolean;
  falls6m: number;
  hospitalStays6m: number;
  emergencyVisits6m: number;
  cognitionConcern: boolean;
  moodConcern: boolean;
  livesAlone: boolean;
  isolation: TIsolation;
  hasCaregiver: boolean;
  /** 0–10, null without a caregiver. */
  caregiverStrain: number | null;
  /** Precarious or no housing, or any risk at home. */
  housingAtRisk: boolean;
  /** Health cover incomplete, money difficulties, or legal protection needed. */
  rightsAtRisk: boolean;
  serviceTypes: string[];
  urgency: TUrgency;
};

const isOneOf = <T extends string>(values: readonly T[], value: string | null): value is T =>
  value !== null && (values as readonly string[]).includes(value);

/** The assessment's result: raw counts and flags the integration level reads. Pure. */
function scoreMultidimensional(
  answers: Parameters<typeof read.int>[0],
): TMultidimensionalResult | null {
  const medicationCount = read.int(answers, 'medicationCount');
  const falls6m = read.int(answers, 'falls6m');
  const hospitalStays6m = read.int(answers, 'hospitalStays6m');
  const emergencyVisits6m = read.int(answers, 'emergencyVisits6m');
  const cognitionConcern = read.bool(answers, 'cognitionConcern');
  const moodConcern = read.bool(answers, 'moodConcern');
  const livesAlone = read.bool(answers, 'livesAlone');
  const isolation = read.text(answers, 'isolation');
  const hasCaregiver = read.bool(answers, 'hasCaregiver');
  const caregiverStrain = read.int(answers, 'caregiverStrain');
  const housing = read.text(answers, 'housing');
  const safetyRisks = read.list(answers, 'safetyRisks');
  const healthCoverage = read.text(answers, 'healthCoverage');
  const financialDifficulty = read.bool(answers, 'financialDifficulty');
  const legalProtection = read.text(answers, 'legalProtection');
  const serviceTypes = read.list(answers, 'servicesInvolved');
  const urgency = read.text(answers, 'urgency');
  if (
    medicationCount === null ||
    falls6m === null ||
    hospitalStays6m === null ||
    emergencyVisits6m === null ||
    cognitionConcern === null ||
    moodConcern === null ||
    livesAlone === null ||
    !isOneOf(ISOLATION, isolation) ||
    hasCaregiver === null ||
    (hasCaregiver && caregiverStrain === null) ||
    housing === null ||
    safetyRisks === null ||
    healthCoverage === null ||
    financialDifficulty === null ||
    legalProtection === null ||
    serviceTypes === null ||
    !isOneOf(URGENCIES, urgency)
  ) {
    return null;
  }
  return {
    conditionCount: read.list(answers, 'conditions')?.length ?? 0,
    medicationCount,
    polypharmacy: medicationCount >= POLYPHARMACY_FROM,
    falls6m,
    hospitalStays6m,
    emergencyVisits6m,
    cognitionConcern,
    moodConcern,
    livesAlone,
    isolation,
    hasCaregiver,
    caregiverStrain: hasCaregiver ? caregiverStrain : null,
    housingAtRisk: housing === 'precarious' || housing === 'homeless' || safetyRisks.length > 0,
    rightsAtRisk:
      healthCoverage !== 'complete' || financialDifficulty || legalProtection === 'needed',
    serviceTypes: [...new Set(serviceTypes)],
    urgency,
  };
}

export const MULTIDIMENSIONAL: TInstrument<TMultidimensionalResult> = {
  id: 'multidimensional',
  version: 1,
  label: L('Évaluation multidimensionnelle', 'Multidimensional assessment'),
  description: L(
    'Santé, cognition et humeur, situation sociale et aidant, logement, droits, services engagés, urgence. Remplie au domicile ; elle fonde le niveau d’intégration.',
    'Health, cognition and mood, social situation and caregiver, housing, rights, services involved, urgency. Filled at home; it grounds the integration level.',
  ),
  resultCategory: 'medical',
  sections: SECTIONS,
  score: scoreMultidimensional,
};
