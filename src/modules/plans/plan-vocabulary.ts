/**
 * The codes of the coordination plan (decision 017): a subset of the Omaha System (public domain;
 * HL7 code system http://terminology.hl7.org/CodeSystem/oms, OID 2.16.840.1.113883.6.98) with
 * French and English labels. Needs are Omaha problems, each placed in one of the four PPCS
 * dimensions; goals are rated on Omaha's Problem Rating Scale for Outcomes (knowledge, behaviour,
 * status, 1–5); actions are an Omaha intervention category and target. Codes are the published
 * terms written as identifiers; they are data: never renamed, only added.
 */

export const PLAN_DIMENSIONS = ['medical', 'psychological', 'social', 'environmental'] as const;
export type TPlanDimension = (typeof PLAN_DIMENSIONS)[number];

type TLabel = { fr: string; en: string };
type TProblem = { code: string; dimension: TPlanDimension; omahaDomain: string; label: TLabel };

const problem = (
  code: string,
  dimension: TPlanDimension,
  omahaDomain: string,
  fr: string,
  en: string,
): TProblem => ({ code, dimension, omahaDomain, label: { fr, en } });

const ENV = 'environmental';
const PSY = 'psychosocial';
const PHY = 'physiological';
const BEH = 'health-related behaviors';

/** Omaha System problems (2005 edition), with the PPCS dimension each one belongs to here. */
export const NEED_CODES: readonly TProblem[] = [
  problem('income', 'social', ENV, 'Revenus', 'Income'),
  problem('sanitation', 'environmental', ENV, 'Hygiène du logement', 'Sanitation'),
  problem('residence', 'environmental', ENV, 'Logement', 'Residence'),
  problem(
    'neighborhood_workplace_safety',
    'environmental',
    ENV,
    'Sécurité du voisinage',
    'Neighborhood/workplace safety',
  ),
  problem(
    'other_environmental',
    'environmental',
    ENV,
    'Autre (environnement)',
    'Other (environmental)',
  ),
  problem(
    'communication_with_community_resources',
    'social',
    PSY,
    'Accès aux ressources et aux droits',
    'Communication with community resources',
  ),
  problem('social_contact', 'social', PSY, 'Vie sociale, isolement', 'Social contact'),
  problem('role_change', 'social', PSY, 'Changement de rôle', 'Role change'),
  problem(
    'interpersonal_relationship',
    'social',
    PSY,
    'Relations avec l’entourage',
    'Interpersonal relationship',
  ),
  problem(
    'caretaking',
    'social',
    PSY,
    'Rôle d’aidant, épuisement de l’aidant',
    'Caretaking/parenting',
  ),
  problem('neglect', 'social', PSY, 'Négligence', 'Neglect'),
  problem('abuse', 'social', PSY, 'Maltraitance', 'Abuse'),
  problem('other_social', 'social', PSY, 'Autre (social)', 'Other (social)'),
  problem('spirituality', 'psychological', PSY, 'Spiritualité', 'Spirituality'),
  problem('grief', 'psychological', PSY, 'Deuil', 'Grief'),
  problem('mental_health', 'psychological', PSY, 'Santé mentale', 'Mental health'),
  problem('sexuality', 'psychological', PSY, 'Sexualité', 'Sexuality'),
  problem(
    'growth_and_development',
    'psychological',
    PSY,
    'Développement',
    'Growth and development',
  ),
  problem(
    'other_psychological',
    'psychological',
    PSY,
    'Autre (psychologique)',
    'Other (psychological)',
  ),
  problem('hearing', 'medical', PHY, 'Audition', 'Hearing'),
  problem('vision', 'medical', PHY, 'Vision', 'Vision'),
  problem('speech_and_language', 'medical', PHY, 'Parole et langage', 'Speech and language'),
  problem('oral_health', 'medical', PHY, 'Santé bucco-dentaire', 'Oral health'),
  problem('cognition', 'medical', PHY, 'Cognition', 'Cognition'),
  problem('pain', 'medical', PHY, 'Douleur', 'Pain'),
  problem('consciousness', 'medical', PHY, 'Conscience', 'Consciousness'),
  problem('skin', 'medical', PHY, 'Peau', 'Skin'),
  problem(
    'neuro_musculo_skeletal_function',
    'medical',
    PHY,
    'Fonction neuro-musculo-squelettique (chutes, mobilité)',
    'Neuro-musculo-skeletal function',
  ),
  problem('respiration', 'medical', PHY, 'Respiration', 'Respiration'),
  problem('circulation', 'medical', PHY, 'Circulation', 'Circulation'),
  problem('digestion_hydration', 'medical', PHY, 'Digestion, hydratation', 'Digestion-hydration'),
  problem('bowel_function', 'medical', PHY, 'Fonction intestinale', 'Bowel function'),
  problem('urinary_function', 'medical', PHY, 'Fonction urinaire', 'Urinary function'),
  problem(
    'communicable_infectious_condition',
    'medical',
    PHY,
    'Maladie infectieuse',
    'Communicable/infectious condition',
  ),
  problem('nutrition', 'medical', BEH, 'Nutrition', 'Nutrition'),
  problem('sleep_and_rest_patterns', 'medical', BEH, 'Sommeil et repos', 'Sleep and rest patterns'),
  problem('physical_activity', 'medical', BEH, 'Activité physique', 'Physical activity'),
  problem(
    'personal_care',
    'social',
    BEH,
    'Soins personnels (toilette, habillage)',
    'Personal care',
  ),
  problem('substance_use', 'medical', BEH, 'Consommation de substances', 'Substance use'),
  problem('health_care_supervision', 'medical', BEH, 'Suivi médical', 'Health care supervision'),
  problem('medication_regimen', 'medical', BEH, 'Traitement médicamenteux', 'Medication regimen'),
  problem('other_medical', 'medical', PHY, 'Autre (médical)', 'Other (medical)'),
];

/** Omaha Problem Rating Scale for Outcomes: what a goal measures, rated 1 (worst) to 5 (best). */
export const GOAL_CODES = [
  { code: 'knowledge', label: { fr: 'Connaissances', en: 'Knowledge' } },
  { code: 'behavior', label: { fr: 'Comportement', en: 'Behaviour' } },
  { code: 'status', label: { fr: 'État', en: 'Status' } },
] as const;

/** Omaha intervention scheme: the four categories. */
export const ACTION_CATEGORIES = [
  {
    code: 'teaching_guidance_counseling',
    label: { fr: 'Information, conseil, accompagnement', en: 'Teaching, guidance and counseling' },
  },
  {
    code: 'treatments_procedures',
    label: { fr: 'Soins et actes', en: 'Treatments and procedures' },
  },
  { code: 'case_management', label: { fr: 'Coordination, gestion de cas', en: 'Case management' } },
  { code: 'surveillance', label: { fr: 'Surveillance', en: 'Surveillance' } },
] as const;

const target = (code: string, fr: string, en: string) => ({ code, label: { fr, en } });

/** Omaha intervention targets: the subset a home-care coordination plan uses (decision 017). */
export const ACTION_TARGETS = [
  target('bladder_care', 'Soins urinaires', 'Bladder care'),
  target('bowel_care', 'Soins intestinaux', 'Bowel care'),
  target('caretaking_skills', 'Compétences de l’aidant', 'Caretaking/parenting skills'),
  target('communication', 'Communication', 'Communication'),
  target('continuity_of_care', 'Continuité des soins', 'Continuity of care'),
  target('coping_skills', 'Stratégies d’adaptation', 'Coping skills'),
  target('day_care_respite', 'Accueil de jour, répit', 'Day care/respite'),
  target('dietary_management', 'Alimentation, régime', 'Dietary management'),
  target('dressing_change_wound_care', 'Pansements, plaies', 'Dressing change/wound care'),
  target('durable_medical_equipment', 'Matériel médical', 'Durable medical equipment'),
  target('end_of_life_care', 'Soins de fin de vie', 'End-of-life care'),
  target('environment', 'Aménagement du logement', 'Environment'),
  target('exercises', 'Exercices', 'Exercises'),
  target('finances', 'Finances, droits', 'Finances'),
  target('home', 'Logement', 'Home'),
  target('homemaking_housekeeping', 'Aide ménagère', 'Homemaking/housekeeping'),
  target('legal_system', 'Démarches juridiques, protection', 'Legal system'),
  target('medical_dental_care', 'Soins médicaux et dentaires', 'Medical/dental care'),
  target(
    'medication_action_side_effects',
    'Effets des médicaments',
    'Medication action/side effects',
  ),
  target(
    'medication_administration',
    'Administration des médicaments',
    'Medication administration',
  ),
  target(
    'medication_coordination_ordering',
    'Coordination des traitements',
    'Medication coordination/ordering',
  ),
  target('medication_set_up', 'Préparation du pilulier', 'Medication set-up'),
  target('mobility_transfers', 'Mobilité, transferts', 'Mobility/transfers'),
  target('nursing_care', 'Soins infirmiers', 'Nursing care'),
  target('nutritionist_care', 'Diététique', 'Nutritionist care'),
  target('occupational_therapy_care', 'Ergothérapie', 'Occupational therapy care'),
  target('paraprofessional_aide_care', 'Aide à domicile', 'Paraprofessional/aide care'),
  target('personal_hygiene', 'Hygiène personnelle', 'Personal hygiene'),
  target('physical_therapy_care', 'Kinésithérapie', 'Physical therapy care'),
  target('respiratory_care', 'Soins respiratoires', 'Respiratory care'),
  target('rest_sleep', 'Repos, sommeil', 'Rest/sleep'),
  target('safety', 'Sécurité', 'Safety'),
  target('screening_procedures', 'Dépistage', 'Screening procedures'),
  target('signs_symptoms_mental_emotional', 'Signes psychiques', 'Signs/symptoms-mental/emotional'),
  target('signs_symptoms_physical', 'Signes physiques', 'Signs/symptoms-physical'),
  target('skin_care', 'Soins de la peau', 'Skin care'),
  target('social_work_counseling_care', 'Accompagnement social', 'Social work/counseling care'),
  target('spiritual_care', 'Accompagnement spirituel', 'Spiritual care'),
  target('stress_management', 'Gestion du stress', 'Stress management'),
  target('support_group', 'Groupe de soutien', 'Support group'),
  target('support_system', 'Entourage, soutien', 'Support system'),
  target('transportation', 'Transport', 'Transportation'),
  target(
    'other_community_resources',
    'Autres ressources du territoire',
    'Other community resources',
  ),
  target('other', 'Autre', 'Other'),
] as const;

export const GOAL_STATUSES = [
  'in_progress',
  'reached',
  'partly',
  'not_reached',
  'abandoned',
] as const;
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'stopped'] as const;

const needByCode = new Map(NEED_CODES.map((need) => [need.code, need]));

/** The PPCS dimension of a need code (undefined for a code not in the list). */
export function dimensionOf(code: string): TPlanDimension | undefined {
  return needByCode.get(code)?.dimension;
}

/** The data category the guard decides on for a need of this dimension (decision 017). */
export function categoryOfDimension(dimension: TPlanDimension): 'medical' | 'social' {
  return dimension === 'medical' || dimension === 'psychological' ? 'medical' : 'social';
}

/** The code lists for the editor's pickers, with their labels in both languages. */
export function planVocabulary() {
  const term = (entry: { code: string; label: TLabel }) => ({ code: entry.code, ...entry.label });
  return {
    needs: NEED_CODES.map((need) => ({ ...term(need), dimension: need.dimension })),
    goals: GOAL_CODES.map(term),
    actionCategories: ACTION_CATEGORIES.map(term),
    actionTargets: ACTION_TARGETS.map(term),
    goalStatuses: [...GOAL_STATUSES],
    actionStatuses: [...ACTION_STATUSES],
  };
}
