/**
 * The integration level (source document 002, after Leutz 1999): liaison, coordination or
 * intégration complète, from the latest assessments, with every rule that fired as a reason in
 * French and English. The whole rule table is here; its sources, thresholds and why:
 * docs/decisions/010-integration-level-rules.md. Pure: thresholds come in as network settings.
 */
import type { TAggirScore } from './instruments/aggir.js';
import type { TItemCategory, TLabel } from './instruments/instrument.types.js';
import type { TMultidimensionalResult } from './instruments/multidimensional.js';
import type { TPrisma7Result } from './instruments/prisma7.js';
import type { TLevelSettings } from './level-settings.js';

export const LEVELS = ['liaison', 'coordination', 'integration'] as const;
export type TLevel = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<TLevel, TLabel> = {
  liaison: { fr: 'liaison', en: 'liaison' },
  coordination: { fr: 'coordination', en: 'coordination' },
  integration: { fr: 'intégration complète', en: 'full integration' },
};

/** The latest completed result of each instrument, when there is one. */
export type TLevelInputs = {
  multidimensional?: TMultidimensionalResult | null;
  aggir?: Pick<TAggirScore, 'gir'> | null;
  prisma7?: TPrisma7Result | null;
};

/** One rule that fired: its level, the category of the data it read (the guard filters on it). */
export type TLevelReason = TLabel & { rule: string; level: TLevel; category: TItemCategory };
export type TLevelDecision = { level: TLevel | null; reasons: TLevelReason[] };

/** The six dimensions of difficulty the multidimensional assessment shows. */
type TDimension = { id: string; category: TItemCategory; label: TLabel };

/** What the rules read, computed once from the inputs and the settings. */
type TFacts = {
  gir: number | null;
  md: TMultidimensionalResult | null;
  prisma7: TPrisma7Result | null;
  hospitalisations: number;
  dimensions: TDimension[];
};

function dimensionsOf(md: TMultidimensionalResult, settings: TLevelSettings): TDimension[] {
  const hospitalisations = md.hospitalStays6m + md.emergencyVisits6m;
  const found: [boolean, TDimension][] = [
    [
      md.polypharmacy ||
        md.falls6m >= settings.fallsFrom ||
        hospitalisations >= settings.hospitalisationsFrom,
      { id: 'health', category: 'medical', label: { fr: 'santé', en: 'health' } },
    ],
    [
      md.cognitionConcern || md.moodConcern,
      {
        id: 'cognition_mood',
        category: 'medical',
        label: { fr: 'cognition ou humeur', en: 'cognition or mood' },
      },
    ],
    [
      md.isolation === 'severe' || (md.livesAlone && md.isolation === 'partial'),
      { id: 'isolation', category: 'social', label: { fr: 'isolement', en: 'isolation' } },
    ],
    [
      md.caregiverStrain !== null && md.caregiverStrain >= settings.caregiverStrainFrom,
      {
        id: 'caregiver',
        category: 'social',
        label: { fr: 'aidant·e épuisé·e', en: 'exhausted caregiver' },
      },
    ],
    [
      md.housingAtRisk,
      { id: 'housing', category: 'social', label: { fr: 'logement', en: 'housing' } },
    ],
    [
      md.rightsAtRisk,
      {
        id: 'rights',
        category: 'administrative',
        label: { fr: 'droits et ressources', en: 'rights and money' },
      },
    ],
  ];
  return found.filter(([present]) => present).map(([, dimension]) => dimension);
}

/** Medical over social over administrative: the category a reader must be allowed to see. */
function mostSensitive(categories: TItemCategory[]): TItemCategory {
  for (const category of ['medical', 'social', 'administrative'] as const) {
    if (categories.includes(category)) return category;
  }
  return 'identity';
}

const list = (dimensions: TDimension[], locale: 'fr' | 'en') =>
  dimensions.map((dimension) => dimension.label[locale]).join(', ');

type TRule = {
  id: string;
  level: TLevel;
  /** The reason, when the rule fires; null when it does not. */
  fire: (facts: TFacts, settings: TLevelSettings) => (TLabel & { category: TItemCategory }) | null;
};

const veryDependent = (facts: TFacts, settings: TLevelSettings) =>
  facts.gir !== null && facts.gir <= settings.integrationGirMax;
const sameDay = (facts: TFacts) => facts.md?.urgency === 'same_day';
const unstable = (facts: TFacts, settings: TLevelSettings) =>
  facts.md !== null && facts.hospitalisations >= settings.hospitalisationsFrom;

/**
 * The rule table, read top to bottom; every rule that fires is a reason, and the level is the
 * highest level among them (liaison when only the last rule fires).
 */
export const LEVEL_RULES: readonly TRule[] = [
  // intégration complète: "very dependent, needing a wide range of interventions, often in urgency"
  {
    id: 'very_dependent_many_services',
    level: 'integration',
    fire: (f, s) =>
      veryDependent(f, s) && f.md && f.md.serviceTypes.length >= s.integrationServiceTypes
        ? {
            category: 'social',
            fr: `Très dépendant·e (GIR ${f.gir}, seuil : GIR ${s.integrationGirMax} ou moins) avec ${f.md.serviceTypes.length} types de services engagés (seuil : ${s.integrationServiceTypes}) : une large gamme d’interventions.`,
            en: `Very dependent (GIR ${f.gir}, threshold: GIR ${s.integrationGirMax} or less) with ${f.md.serviceTypes.length} types of services involved (threshold: ${s.integrationServiceTypes}): a wide range of interventions.`,
          }
        : null,
  },
  {
    id: 'very_dependent_urgent',
    level: 'integration',
    fire: (f, s) =>
      veryDependent(f, s) && sameDay(f)
        ? {
            category: 'social',
            fr: `Très dépendant·e (GIR ${f.gir}, seuil : GIR ${s.integrationGirMax} ou moins) et situation urgente (à traiter dans la journée).`,
            en: `Very dependent (GIR ${f.gir}, threshold: GIR ${s.integrationGirMax} or less) and urgent (to handle the same day).`,
          }
        : null,
  },
  {
    id: 'very_dependent_unstable',
    level: 'integration',
    fire: (f, s) =>
      veryDependent(f, s) && unstable(f, s)
        ? {
            category: 'medical',
            fr: `Très dépendant·e (GIR ${f.gir}, seuil : GIR ${s.integrationGirMax} ou moins) et ${f.hospitalisations} hospitalisations ou passages aux urgences en 6 mois (seuil : ${s.hospitalisationsFrom}).`,
            en: `Very dependent (GIR ${f.gir}, threshold: GIR ${s.integrationGirMax} or less) and ${f.hospitalisations} hospital stays or emergency visits in 6 months (threshold: ${s.hospitalisationsFrom}).`,
          }
        : null,
  },
  {
    id: 'many_dimensions_unstable',
    level: 'integration',
    fire: (f, s) =>
      f.dimensions.length >= s.integrationDimensions && (sameDay(f) || unstable(f, s))
        ? {
            category: mostSensitive([
              ...f.dimensions.map((d) => d.category),
              unstable(f, s) ? 'medical' : 'administrative',
            ]),
            fr: `Difficultés dans ${f.dimensions.length} dimensions (${list(f.dimensions, 'fr')} ; seuil : ${s.integrationDimensions}) et situation instable (${sameDay(f) ? 'urgence dans la journée' : `${f.hospitalisations} hospitalisations ou passages aux urgences en 6 mois`}).`,
            en: `Difficulties in ${f.dimensions.length} dimensions (${list(f.dimensions, 'en')}; threshold: ${s.integrationDimensions}) and an unstable situation (${sameDay(f) ? 'urgent the same day' : `${f.hospitalisations} hospital stays or emergency visits in 6 months`}).`,
          }
        : null,
  },
  // coordination: "care from at least two types of services, simultaneously or in sequence"
  {
    id: 'several_service_types',
    level: 'coordination',
    fire: (f, s) =>
      f.md && f.md.serviceTypes.length >= s.coordinationServiceTypes
        ? {
            category: 'social',
            fr: `${f.md.serviceTypes.length} types de services engagés (seuil : ${s.coordinationServiceTypes}) : des soins de plusieurs services, en même temps ou à la suite.`,
            en: `${f.md.serviceTypes.length} types of services involved (threshold: ${s.coordinationServiceTypes}): care from several services, at once or in sequence.`,
          }
        : null,
  },
  {
    id: 'dependent',
    level: 'coordination',
    fire: (f, s) =>
      f.gir !== null && f.gir <= s.coordinationGirMax
        ? {
            category: 'social',
            fr: `Perte d’autonomie (GIR ${f.gir}, seuil : GIR ${s.coordinationGirMax} ou moins) : aide humaine et soins à organiser ensemble.`,
            en: `Loss of autonomy (GIR ${f.gir}, threshold: GIR ${s.coordinationGirMax} or less): help and care to organise together.`,
          }
        : null,
  },
  {
    id: 'several_dimensions',
    level: 'coordination',
    fire: (f, s) =>
      f.dimensions.length >= s.coordinationDimensions
        ? {
            category: mostSensitive(f.dimensions.map((d) => d.category)),
            fr: `Difficultés dans ${f.dimensions.length} dimensions : ${list(f.dimensions, 'fr')} (seuil : ${s.coordinationDimensions}).`,
            en: `Difficulties in ${f.dimensions.length} dimensions: ${list(f.dimensions, 'en')} (threshold: ${s.coordinationDimensions}).`,
          }
        : null,
  },
  {
    id: 'caregiver_exhausted',
    level: 'coordination',
    fire: (f, s) =>
      f.md && f.md.caregiverStrain !== null && f.md.caregiverStrain >= s.caregiverStrainFrom
        ? {
            category: 'social',
            fr: `Aidant·e épuisé·e (${f.md.caregiverStrain}/10, seuil : ${s.caregiverStrainFrom}).`,
            en: `Exhausted caregiver (${f.md.caregiverStrain}/10, threshold: ${s.caregiverStrainFrom}).`,
          }
        : null,
  },
  {
    id: 'unstable',
    level: 'coordination',
    fire: (f, s) =>
      unstable(f, s)
        ? {
            category: 'medical',
            fr: `${f.hospitalisations} hospitalisations ou passages aux urgences en 6 mois (seuil : ${s.hospitalisationsFrom}).`,
            en: `${f.hospitalisations} hospital stays or emergency visits in 6 months (threshold: ${s.hospitalisationsFrom}).`,
          }
        : null,
  },
  {
    id: 'urgent',
    level: 'coordination',
    fire: (f) =>
      sameDay(f)
        ? {
            category: 'administrative',
            fr: 'Situation urgente (à traiter dans la journée).',
            en: 'Urgent situation (to handle the same day).',
          }
        : null,
  },
  {
    id: 'frailty_screen_positive',
    level: 'coordination',
    // A screen, not an assessment: it counts only until an assessment exists.
    fire: (f) =>
      f.prisma7?.positive && f.md === null && f.gir === null
        ? {
            category: 'medical',
            fr: `Repérage de fragilité PRISMA-7 positif (${f.prisma7.score}/7, positif à partir de 3) : coordination en attendant l’évaluation multidimensionnelle.`,
            en: `Positive PRISMA-7 frailty screen (${f.prisma7.score}/7, positive from 3): coordination until the multidimensional assessment.`,
          }
        : null,
  },
];

/** The reason given when no rule of coordination or integration fires. */
function liaisonReason(facts: TFacts): TLevelReason {
  const screenOnly = facts.md === null && facts.gir === null;
  return {
    rule: 'stable_autonomous',
    level: 'liaison',
    category: 'social',
    fr: screenOnly
      ? `Repérage PRISMA-7 négatif (${facts.prisma7?.score ?? 0}/7) : liaison, sans critère de coordination.`
      : 'Aucun critère de coordination ni d’intégration : personne relativement stable et autonome, peu de services, pour un temps limité.',
    en: screenOnly
      ? `Negative PRISMA-7 screen (${facts.prisma7?.score ?? 0}/7): liaison, no coordination criterion.`
      : 'No coordination or integration criterion: a relatively stable, autonomous person with few services, for a limited time.',
  };
}

const RANK: Record<TLevel, number> = { liaison: 0, coordination: 1, integration: 2 };

/**
 * The integration level from the latest completed assessments and the network's thresholds,
 * with every rule that fired (highest level first). No assessment at all: no level.
 */
export function decideIntegrationLevel(
  inputs: TLevelInputs,
  settings: TLevelSettings,
): TLevelDecision {
  const md = inputs.multidimensional ?? null;
  const gir = inputs.aggir?.gir ?? null;
  const prisma7 = inputs.prisma7 ?? null;
  if (md === null && gir === null && prisma7 === null) return { level: null, reasons: [] };
  const facts: TFacts = {
    gir,
    md,
    prisma7,
    hospitalisations: md ? md.hospitalStays6m + md.emergencyVisits6m : 0,
    dimensions: md ? dimensionsOf(md, settings) : [],
  };
  const reasons: TLevelReason[] = [];
  for (const rule of LEVEL_RULES) {
    const reason = rule.fire(facts, settings);
    if (reason) reasons.push({ rule: rule.id, level: rule.level, ...reason });
  }
  if (reasons.length === 0) return { level: 'liaison', reasons: [liaisonReason(facts)] };
  const level = reasons.reduce<TLevel>(
    (highest, reason) => (RANK[reason.level] > RANK[highest] ? reason.level : highest),
    'liaison',
  );
  return { level, reasons };
}

/** When the next assessment is due: the completed one's date plus the level's delay. */
export function reassessmentDue(level: TLevel, completedAt: Date, settings: TLevelSettings): Date {
  return new Date(completedAt.getTime() + settings.reassessmentDays[level] * 86_400_000);
}
