/**
 * Plans the followed persons from a seed: who they are, their case manager (at most
 * CASELOAD_MAX persons each, the product rule), where they live (the case manager's sector), and
 * their care team of 3–8 members including the case manager, drawn from members working nearby.
 * A few teams change a member over time; a few persons object to sharing with one professional.
 * Pure, so the same seed plans the same persons.
 */
import type { TProfession } from '../../src/modules/directory/directory.vocabulary.js';
import type { TDirectoryPlan } from './directory.plan.js';
import {
  ELDER_FIRST_NAMES,
  LAST_NAMES,
  PROFESSIONAL_FIRST_NAMES,
  YOUNG_FIRST_NAMES,
} from './names.data.js';
import { createRandom, type TRandom } from './random.js';

/** A case manager follows at most this many persons (product rule). */
export const CASELOAD_MAX = 40;
/** Care teams count this many members, the case manager included. */
export const TEAM_SIZE = { min: 3, max: 8 } as const;
/** A professional takes part in at most this many teams of the network (keeps loads plausible). */
const MEMBER_TEAMS_MAX = 100;

export type TTeamPlace = { member: number; roleTitle: string; medicalAccess: boolean };
export type TPlannedPerson = {
  firstName: string;
  lastName: string;
  birthDate: string;
  commune: string;
  /** Index of the member who is the case manager. */
  caseManager: number;
  /** The team as first built, the case manager first. */
  team: TTeamPlace[];
  /** A member who left the team later, and who replaced them. */
  change: { leaving: number; joining: TTeamPlace } | null;
  objection: { member: number; reason: string | null } | null;
};

/** Who else joins a team, with how likely each profession is chosen (a weighted draw). */
const TEAM_ROLES: { profession: TProfession; roleTitle: string; weight: number }[] = [
  { profession: 'general_practitioner', roleTitle: 'Médecin traitant', weight: 40 },
  { profession: 'nurse', roleTitle: 'Soins infirmiers à domicile', weight: 12 },
  { profession: 'pharmacist', roleTitle: 'Pharmacie de référence', weight: 6 },
  { profession: 'home_aide', roleTitle: 'Aide au lever et aux repas', weight: 5 },
  { profession: 'social_worker', roleTitle: 'Droits sociaux et aides', weight: 4 },
  { profession: 'physiotherapist', roleTitle: 'Rééducation à domicile', weight: 3 },
  { profession: 'specialist', roleTitle: 'Médecin spécialiste référent', weight: 3 },
  { profession: 'care_assistant', roleTitle: 'Auxiliaire de vie', weight: 2.5 },
  { profession: 'psychologist', roleTitle: 'Soutien psychologique', weight: 1.5 },
  { profession: 'occupational_therapist', roleTitle: 'Aménagement du domicile', weight: 1.2 },
  { profession: 'dietitian', roleTitle: 'Suivi nutritionnel', weight: 1 },
  { profession: 'speech_therapist', roleTitle: 'Rééducation orthophonique', weight: 0.8 },
];
const NON_MEDICAL = new Set<TProfession>(['social_worker', 'home_aide', 'care_assistant']);
const OBJECTION_REASONS = [
  'Ne souhaite pas que ce professionnel connaisse sa situation.',
  'Ancien médecin traitant : relation rompue.',
  'Voisin de la personne.',
  null,
];

function birthDate(random: TRandom): { date: string; generation: 'elder' | 'adult' | 'young' } {
  const roll = random.next();
  const year =
    roll < 0.7
      ? random.int(1925, 1955)
      : roll < 0.85
        ? random.int(1956, 1985)
        : roll < 0.95
          ? random.int(1986, 2005)
          : random.int(2006, 2022);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    date: `${year}-${month}-${day}`,
    generation: year < 1956 ? 'elder' : year < 1996 ? 'adult' : 'young',
  };
}

/** Capacities of the case managers (24–40 each), as one shuffled list of caseload slots. */
function caseloadSlots(random: TRandom, caseManagers: number[], persons: number): number[] {
  const capacity = caseManagers.map(() => random.int(24, CASELOAD_MAX));
  let total = capacity.reduce((sum, c) => sum + c, 0);
  for (let i = 0; total < persons; i = (i + 1) % capacity.length) {
    if (capacity[i]! < CASELOAD_MAX) {
      capacity[i]!++;
      total++;
    }
  }
  const slots = caseManagers.flatMap((member, i) => Array<number>(capacity[i]!).fill(member));
  return random.shuffle(slots).slice(0, persons);
}

/** The persons of the region, each with case manager and care team. */
export function planPersons(
  seed: number,
  directory: TDirectoryPlan,
  options: { persons: number; caseManagers: number[] },
): TPlannedPerson[] {
  const random = createRandom(seed, 'persons');
  const { communes, members } = directory;
  // Members by profession, in the whole region and by sector.
  const pools = new Map<string, number[]>();
  const add = (key: string, index: number) => pools.set(key, [...(pools.get(key) ?? []), index]);
  members.forEach((m, i) => {
    add(m.input.profession, i);
    add(`${m.sector}:${m.input.profession}`, i);
  });
  const load = new Map<number, number>();
  // Someone of this profession working in the sector, else anywhere in the region.
  const nearby = (sector: number, profession: TProfession, taken: Set<number>) => {
    for (const key of [`${sector}:${profession}`, profession]) {
      const free = (pools.get(key) ?? []).filter(
        (i) => !taken.has(i) && (load.get(i) ?? 0) < MEMBER_TEAMS_MAX,
      );
      if (free.length) return random.pick(free);
    }
    return undefined;
  };
  const place = (member: number, roleTitle: string, profession: TProfession): TTeamPlace => {
    load.set(member, (load.get(member) ?? 0) + 1);
    return {
      member,
      roleTitle,
      medicalAccess: !NON_MEDICAL.has(profession) || random.chance(0.2),
    };
  };

  return caseloadSlots(random, options.caseManagers, options.persons).map((manager) => {
    const managerPlan = members[manager]!;
    const sector = managerPlan.sector;
    const homes = communes.filter((c) => c.sector === sector);
    const born = birthDate(random);
    const names =
      born.generation === 'elder'
        ? ELDER_FIRST_NAMES
        : born.generation === 'adult'
          ? PROFESSIONAL_FIRST_NAMES
          : YOUNG_FIRST_NAMES;
    const taken = new Set([manager]);
    const team: TTeamPlace[] = [
      {
        member: manager,
        roleTitle:
          managerPlan.input.profession === 'case_manager'
            ? 'Gestionnaire de cas'
            : managerPlan.gender === 'f'
              ? 'Coordinatrice de parcours'
              : 'Coordinateur de parcours',
        medicalAccess: true,
      },
    ];
    // A weighted random order of the roles (Efraimidis–Spirakis), the first ones join.
    const roles = TEAM_ROLES.map((role) => ({ role, key: random.next() ** (1 / role.weight) }))
      .sort((a, b) => b.key - a.key)
      .map((r) => r.role);
    const size = random.int(TEAM_SIZE.min, TEAM_SIZE.max);
    for (const role of roles) {
      if (team.length >= size) break;
      const member = nearby(sector, role.profession, taken);
      if (member === undefined) continue;
      taken.add(member);
      team.push(place(member, role.roleTitle, role.profession));
    }
    let change: TPlannedPerson['change'] = null;
    if (team.length > 1 && random.chance(0.05)) {
      const leaving = team[random.int(1, team.length - 1)]!;
      const profession = members[leaving.member]!.input.profession;
      const joining = nearby(sector, profession, taken);
      if (joining !== undefined) {
        taken.add(joining);
        change = {
          leaving: leaving.member,
          joining: place(joining, leaving.roleTitle, profession),
        };
      }
    }
    let objection: TPlannedPerson['objection'] = null;
    if (random.chance(0.02)) {
      const member = nearby(
        sector,
        random.pick(['general_practitioner', 'nurse', 'pharmacist']),
        taken,
      );
      if (member !== undefined) objection = { member, reason: random.pick(OBJECTION_REASONS) };
    }
    return {
      firstName: random.pick(names).name,
      lastName: random.pickSkewed(LAST_NAMES),
      birthDate: born.date,
      commune: random.pickSkewed(homes).name,
      caseManager: manager,
      team,
      change,
      objection,
    };
  });
}
