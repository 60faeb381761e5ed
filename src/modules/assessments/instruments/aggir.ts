/**
 * AGGIR (Autonomie Gérontologie Groupes Iso-Ressources), the French national grid of loss of
 * autonomy: Code de l'action sociale et des familles, annexes 2-1 (variables and coding) and 2-2
 * (algorithm). Sub-variables → composite variables → the eight weighted variables → the first
 * group whose total reaches a threshold gives a rank → GIR 1 (most dependent) to 6 (autonomous).
 * Reproduced exactly as the product docs give it (instruments.md); every number below is the
 * official one.
 */
import {
  read,
  type TAggirCode,
  type TAnswers,
  type TInstrument,
  type TItem,
} from './instrument.types.js';

/** The eight variables that carry weight, in the order of the official weight table. */
export const AGGIR_VARIABLES = [
  'coherence',
  'orientation',
  'toilette',
  'habillage',
  'alimentation',
  'elimination',
  'transferts',
  'deplacementsInterieurs',
] as const;
export type TAggirVariable = (typeof AGGIR_VARIABLES)[number];
export type TAggirCodes = Record<TAggirVariable, TAggirCode>;

export const AGGIR_GROUPS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export type TAggirGroup = (typeof AGGIR_GROUPS)[number];

/** One group of the algorithm: the value of each variable if coded C / if coded B, and its ranks. */
type TGroupRule = {
  weights: readonly (readonly [c: number, b: number])[];
  /** Highest threshold first: total ≥ min → rank. */
  ranks: readonly (readonly [min: number, rank: number])[];
  /** The rank when no threshold is reached and there is no next group (group H only). */
  last?: number;
};

/** Annex 2-2, "valeur si C / valeur si B", in the order of AGGIR_VARIABLES (read as the table). */
// prettier-ignore
const GROUP_RULES: Record<TAggirGroup, TGroupRule> = {
  A: { weights: [[2000, 0], [1200, 0], [40, 16], [40, 16], [60, 20], [100, 16], [800, 120], [200, 32]],
       ranks: [[4380, 1], [4140, 2], [3390, 3]] },
  B: { weights: [[1500, 320], [1200, 120], [40, 16], [40, 16], [60, 0], [100, 16], [800, 120], [-80, -40]],
       ranks: [[2016, 4]] },
  C: { weights: [[0, 0], [0, 0], [40, 16], [40, 16], [60, 20], [160, 20], [1000, 200], [400, 40]],
       ranks: [[1700, 5], [1432, 6]] },
  D: { weights: [[0, 0], [0, 0], [0, 0], [0, 0], [2000, 200], [400, 200], [2000, 200], [200, 0]],
       ranks: [[2400, 7]] },
  E: { weights: [[400, 0], [400, 0], [400, 100], [400, 100], [400, 100], [800, 100], [800, 100], [200, 0]],
       ranks: [[1200, 8]] },
  F: { weights: [[200, 100], [200, 100], [500, 100], [500, 100], [500, 100], [500, 100], [500, 100], [200, 0]],
       ranks: [[800, 9]] },
  G: { weights: [[150, 0], [150, 0], [300, 200], [300, 200], [500, 200], [500, 200], [400, 200], [200, 100]],
       ranks: [[650, 10]] },
  H: { weights: [[0, 0], [0, 0], [3000, 2000], [3000, 2000], [3000, 2000], [3000, 2000], [1000, 2000], [1000, 1000]],
       ranks: [[4000, 11], [2000, 12]], last: 13 },
};

/** Rank → GIR: 1 → 1; 2–7 → 2; 8–9 → 3; 10–11 → 4; 12 → 5; 13 → 6. */
export function girOfRank(rank: number): number {
  if (rank <= 1) return 1;
  if (rank <= 7) return 2;
  if (rank <= 9) return 3;
  if (rank <= 11) return 4;
  if (rank === 12) return 5;
  return 6;
}

/** A group's total for these codes: the C or B value of each variable, A counting 0. */
export function groupTotal(group: TAggirGroup, codes: TAggirCodes): number {
  return AGGIR_VARIABLES.reduce((total, variable, index) => {
    const [c, b] = GROUP_RULES[group].weights[index]!;
    const code = codes[variable];
    return total + (code === 'C' ? c : code === 'B' ? b : 0);
  }, 0);
}

export type TAggirScore = {
  gir: number;
  rank: number;
  /** The group whose total reached a threshold (or H, the last). */
  group: TAggirGroup;
  /** The totals of the groups walked, up to and including the deciding one. */
  totals: Partial<Record<TAggirGroup, number>>;
};

/** The algorithm of annex 2-2: walk groups A to H; the first threshold reached gives the rank. */
export function scoreAggirCodes(codes: TAggirCodes): TAggirScore {
  const totals: Partial<Record<TAggirGroup, number>> = {};
  for (const group of AGGIR_GROUPS) {
    const total = groupTotal(group, codes);
    totals[group] = total;
    const rule = GROUP_RULES[group];
    const reached = rule.ranks.find(([min]) => total >= min);
    const rank = reached?.[1] ?? rule.last;
    if (rank !== undefined) return { gir: girOfRank(rank), rank, group, totals };
  }
  throw new Error('unreachable: group H always gives a rank');
}

/** The composite variables, by how their sub-variables combine (annex 2-1). */
export type TCompositeRule = 'toilette' | 'habillage' | 'alimentation' | 'anyC';

/**
 * A composite variable's code from its sub-variables' codes:
 * toilette AA → A, CC → C, else B; habillage AAA → A, CCC → C, else B;
 * alimentation AA → A, CC/BC/CB → C, else B; élimination, orientation, cohérence AA → A, any C → C, else B.
 */
export function compositeCode(rule: TCompositeRule, subs: readonly TAggirCode[]): TAggirCode {
  const all = (code: TAggirCode) => subs.every((sub) => sub === code);
  switch (rule) {
    case 'toilette':
    case 'habillage':
      return all('A') ? 'A' : all('C') ? 'C' : 'B';
    case 'alimentation':
      if (all('A')) return 'A';
      return subs.includes('C') && subs.every((sub) => sub !== 'A') ? 'C' : 'B';
    case 'anyC':
      return all('A') ? 'A' : subs.includes('C') ? 'C' : 'B';
  }
}

const L = (fr: string, en: string) => ({ fr, en });

/** The sub-variables of each weighted variable, as items of the grid. */
const COMPOSITION: Record<TAggirVariable, { rule: TCompositeRule | null; subs: TItem[] }> = {
  coherence: {
    rule: 'anyC',
    subs: [
      sub(
        'coherenceCommunication',
        L('Cohérence — communication', 'Coherence — communication'),
        L(
          'Converser et se comporter de façon logique et sensée : la communication',
          'Converse logically and sensibly: communication',
        ),
      ),
      sub(
        'coherenceComportement',
        L('Cohérence — comportement', 'Coherence — behaviour'),
        L(
          'Se comporter de façon logique et sensée par rapport aux normes admises',
          'Behave logically and sensibly by accepted norms',
        ),
      ),
    ],
  },
  orientation: {
    rule: 'anyC',
    subs: [
      sub(
        'orientationTemps',
        L('Orientation — dans le temps', 'Orientation — in time'),
        L(
          'Se repérer dans le temps : moments de la journée, jours, saisons',
          'Know the time of day, the day, the season',
        ),
      ),
      sub(
        'orientationEspace',
        L('Orientation — dans l’espace', 'Orientation — in space'),
        L('Se repérer dans les lieux habituels', 'Find one’s way in familiar places'),
      ),
    ],
  },
  toilette: {
    rule: 'toilette',
    subs: [
      sub(
        'toiletteHaut',
        L('Toilette — haut du corps', 'Washing — upper body'),
        L(
          'Visage, tronc, bras, mains, rasage, coiffage',
          'Face, trunk, arms, hands, shaving, hair',
        ),
      ),
      sub(
        'toiletteBas',
        L('Toilette — bas du corps', 'Washing — lower body'),
        L('Régions intimes, jambes, pieds', 'Intimate areas, legs, feet'),
      ),
    ],
  },
  habillage: {
    rule: 'habillage',
    subs: [
      sub(
        'habillageHaut',
        L('Habillage — haut', 'Dressing — upper'),
        L('Vêtements passés par les bras ou la tête', 'Clothes put on over the arms or head'),
      ),
      sub(
        'habillageMoyen',
        L('Habillage — moyen', 'Dressing — middle'),
        L('Fermetures : boutons, fermeture éclair, ceinture', 'Fastenings: buttons, zips, belt'),
      ),
      sub(
        'habillageBas',
        L('Habillage — bas', 'Dressing — lower'),
        L(
          'Vêtements passés par le bas du corps, chaussettes, chaussures',
          'Clothes put on over the lower body, socks, shoes',
        ),
      ),
    ],
  },
  alimentation: {
    rule: 'alimentation',
    subs: [
      sub(
        'alimentationSeServir',
        L('Alimentation — se servir', 'Eating — serving oneself'),
        L(
          'Couper la viande, ouvrir un pot, peler un fruit, remplir son verre',
          'Cut meat, open a jar, peel fruit, fill a glass',
        ),
      ),
      sub(
        'alimentationManger',
        L('Alimentation — manger', 'Eating — eating'),
        L('Porter les aliments à la bouche et les avaler', 'Bring food to the mouth and swallow'),
      ),
    ],
  },
  elimination: {
    rule: 'anyC',
    subs: [
      sub(
        'eliminationUrinaire',
        L('Élimination — urinaire', 'Continence — urinary'),
        L(
          'Assurer l’hygiène de l’élimination urinaire',
          'Manage the hygiene of urinary continence',
        ),
      ),
      sub(
        'eliminationFecale',
        L('Élimination — fécale', 'Continence — faecal'),
        L('Assurer l’hygiène de l’élimination fécale', 'Manage the hygiene of faecal continence'),
      ),
    ],
  },
  transferts: {
    rule: null,
    subs: [
      sub(
        'transferts',
        L('Transferts', 'Transfers'),
        L(
          'Se lever, se coucher, s’asseoir, passer d’une position à une autre',
          'Get up, lie down, sit down, move from one position to another',
        ),
      ),
    ],
  },
  deplacementsInterieurs: {
    rule: null,
    subs: [
      sub(
        'deplacementsInterieurs',
        L('Déplacements à l’intérieur', 'Moving about indoors'),
        L(
          'Avec ou sans aide technique, dans le logement',
          'With or without a walking aid, inside the home',
        ),
      ),
    ],
  },
};

function sub(
  id: string,
  label: { fr: string; en: string },
  help: { fr: string; en: string },
): TItem {
  // The grid records autonomy in daily activities as observed (not diagnoses): social data,
  // the basis of the APA allowance filled by the medico-social team.
  return { id, type: 'abc', category: 'social', label, help, required: true, scored: true };
}

function recorded(id: string, label: { fr: string; en: string }, required: boolean): TItem {
  return { id, type: 'abc', category: 'social', label, required, scored: false };
}

/** The eight weighted codes from a grid's sub-variable answers; null while one is missing. */
export function aggirCodesOf(answers: TAnswers): TAggirCodes | null {
  const codes: Partial<TAggirCodes> = {};
  for (const variable of AGGIR_VARIABLES) {
    const { rule, subs } = COMPOSITION[variable];
    const subCodes = subs.map((item) => read.code(answers, item.id));
    if (subCodes.some((code) => code === null)) return null;
    const known = subCodes as TAggirCode[];
    codes[variable] = rule === null ? known[0]! : compositeCode(rule, known);
  }
  return codes as TAggirCodes;
}

export type TAggirResult = TAggirScore & { codes: TAggirCodes };

/** The AGGIR grid as an instrument: sub-variables in, GIR, rank and deciding group out. */
export const AGGIR: TInstrument<TAggirResult> = {
  id: 'aggir',
  version: 1,
  label: L('Grille AGGIR', 'AGGIR grid'),
  description: L(
    'Niveau de perte d’autonomie, GIR 1 (le plus dépendant) à 6 (autonome). Codez A : fait seul, spontanément, totalement, habituellement et correctement ; C : ne fait pas ; B : entre les deux.',
    'Loss of autonomy, GIR 1 (most dependent) to 6 (autonomous). Code A: does it alone, spontaneously, completely, habitually and correctly; C: does not do it; B: anything in between.',
  ),
  resultCategory: 'social',
  sections: [
    {
      id: 'discriminantes',
      label: L('Variables discriminantes', 'Discriminating variables'),
      items: [
        ...AGGIR_VARIABLES.flatMap((variable) => COMPOSITION[variable].subs),
        // Discriminating but weighing 0 in every group: recorded, they do not change the GIR.
        recorded(
          'deplacementsExterieurs',
          L('Déplacements à l’extérieur', 'Moving about outdoors'),
          true,
        ),
        recorded(
          'communicationDistance',
          L('Communication à distance', 'Communicating at a distance (phone, alarm)'),
          true,
        ),
      ],
    },
    {
      id: 'illustratives',
      label: L(
        'Variables illustratives (ne comptent pas dans le GIR)',
        'Illustrative variables (not in the GIR)',
      ),
      items: [
        recorded(
          'gestion',
          L('Gestion (affaires, budget, biens)', 'Managing one’s affairs and money'),
          false,
        ),
        recorded('cuisine', L('Cuisine', 'Cooking'), false),
        recorded('menage', L('Ménage', 'Housework'), false),
        recorded('transports', L('Transports', 'Using transport'), false),
        recorded('achats', L('Achats', 'Shopping'), false),
        recorded('suiviTraitement', L('Suivi du traitement', 'Following one’s treatment'), false),
        recorded('activitesTempsLibre', L('Activités du temps libre', 'Leisure activities'), false),
      ],
    },
  ],
  score(answers) {
    const codes = aggirCodesOf(answers);
    return codes ? { ...scoreAggirCodes(codes), codes } : null;
  },
};
