/**
 * The load mix, as a table: who uses Maillon (persona → the roles whose accounts play it, its
 * share of virtual users) and what each does (weighted steps, see steps.ts). A new capability
 * adds its steps here — the logbook post and the agenda week are waiting for theirs.
 */
import type { TRole } from '../../src/server/context.js';
import {
  changeCareTeam,
  editOwnProfile,
  openDirectoryProfile,
  openEntryHistory,
  openHome,
  openPersonPage,
  searchTheDirectory,
  verifyDirectoryEntry,
  type TStep,
} from './steps.js';

export type TPersona = {
  name: string;
  /** Accounts of these roles play the persona. */
  roles: readonly TRole[];
  /** Share of the virtual users (relative to the other personas). */
  weight: number;
  steps: readonly TStep[];
};

export const PERSONAS: readonly TPersona[] = [
  {
    name: 'case manager',
    roles: ['coordinator'],
    weight: 60,
    steps: [
      { name: 'home (people I follow)', weight: 25, run: openHome },
      { name: 'person page', weight: 30, run: openPersonPage },
      { name: 'directory search', weight: 20, run: searchTheDirectory },
      { name: 'directory profile', weight: 12, run: openDirectoryProfile },
      { name: 'care team: add or remove a member', weight: 8, run: changeCareTeam },
      { name: 'edit own directory profile', weight: 5, run: editOwnProfile },
      // When they land: { name: 'logbook post', weight: …, run: postLogbookEntry },
      //                 { name: 'agenda week', weight: …, run: openAgendaWeek },
    ],
  },
  {
    name: 'care-team member',
    roles: ['professional', 'social'],
    weight: 30,
    steps: [
      { name: 'home (people I follow)', weight: 25, run: openHome },
      { name: 'person page', weight: 30, run: openPersonPage },
      { name: 'directory search', weight: 25, run: searchTheDirectory },
      { name: 'directory profile', weight: 15, run: openDirectoryProfile },
      { name: 'edit own directory profile', weight: 5, run: editOwnProfile },
    ],
  },
  {
    name: 'network staff',
    roles: ['admin'],
    weight: 10,
    steps: [
      { name: 'directory search', weight: 40, run: searchTheDirectory },
      { name: 'directory profile', weight: 30, run: openDirectoryProfile },
      { name: 'entry history', weight: 15, run: openEntryHistory },
      { name: 'verify an entry', weight: 15, run: verifyDirectoryEntry },
    ],
  },
];

/** One weighted step, at random. */
export function pickStep(steps: readonly TStep[], random: () => number): TStep {
  const total = steps.reduce((sum, step) => sum + step.weight, 0);
  let left = random() * total;
  for (const step of steps) {
    left -= step.weight;
    if (left < 0) return step;
  }
  return steps.at(-1)!;
}

/**
 * Shares the virtual users among the personas that have accounts: one each first, the rest by
 * weight (largest remainder); within a persona, accounts take turns.
 */
export function assignPersonas<TLogin extends { role: string }>(
  personas: readonly TPersona[],
  logins: readonly TLogin[],
  users: number,
): { assigned: { persona: TPersona; login: TLogin }[]; skipped: string[] } {
  const playable = personas
    .map((persona) => ({
      persona,
      accounts: logins.filter((l) => persona.roles.includes(l.role as TRole)),
    }))
    .filter((p) => p.accounts.length > 0);
  const skipped = personas
    .filter((p) => !playable.some((q) => q.persona === p))
    .map((p) => `${p.name} (no ${p.roles.join('/')} account)`);
  const byWeight = [...playable].sort((a, b) => b.persona.weight - a.persona.weight);
  const counts = new Map(byWeight.map((p) => [p, 0]));
  const first = byWeight.slice(0, users);
  first.forEach((p) => counts.set(p, 1));
  const rest = users - first.length;
  const totalWeight = byWeight.reduce((sum, p) => sum + p.persona.weight, 0);
  const shares = byWeight.map((p) => ({ p, exact: (rest * p.persona.weight) / totalWeight }));
  shares.forEach(({ p, exact }) => counts.set(p, counts.get(p)! + Math.floor(exact)));
  let left = users - [...counts.values()].reduce((sum, n) => sum + n, 0);
  for (const { p } of [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) break;
    counts.set(p, counts.get(p)! + 1);
  }
  const assigned = byWeight.flatMap((p) =>
    Array.from({ length: counts.get(p)! }, (_, i) => ({
      persona: p.persona,
      login: p.accounts[i % p.accounts.length]!,
    })),
  );
  return { assigned, skipped };
}
