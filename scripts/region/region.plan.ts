/**
 * The whole synthetic region, planned from a scale and a seed before anything is written: the
 * directory, the persons with their case managers and care teams, and who gets a login.
 */
import { planDirectory, type TDirectoryPlan } from './directory.plan.js';
import { CASELOAD_MAX, planPersons, type TPlannedPerson } from './persons.plan.js';

export type TRegionScale = 'small' | 'region' | 'large';

/** Sizes of each scale; case managers are counted so that the average caseload is about 30. */
export const SCALES: Record<
  TRegionScale,
  { organisations: number; members: number; persons: number }
> = {
  small: { organisations: 20, members: 80, persons: 60 },
  region: { organisations: 1000, members: 5000, persons: 20_000 },
  large: { organisations: 4000, members: 20_000, persons: 80_000 },
};

/** Case managers who get a login listed in the report (every case manager has an account). */
export const LISTED_CASE_MANAGERS = 20;
const AVERAGE_CASELOAD = 30;

export type TRegionPlan = {
  directory: TDirectoryPlan;
  persons: TPlannedPerson[];
  /** Member indexes of the case managers, in plan order. */
  caseManagers: number[];
  /** Member indexes of the other logins: network staff, a GP and a social worker in many teams. */
  staff: { admin: number; professional: number; social: number };
};

/** Plans the region; the same scale and seed always give the same plan. */
export function planRegion(scale: TRegionScale, seed: number): TRegionPlan {
  const size = SCALES[scale];
  const caseManagerCount = Math.max(
    LISTED_CASE_MANAGERS,
    Math.ceil(size.persons / AVERAGE_CASELOAD),
  );
  if (caseManagerCount * CASELOAD_MAX < size.persons || caseManagerCount >= size.members / 2) {
    throw new Error(`scale ${scale}: too few members for ${size.persons} persons`);
  }
  const directory = planDirectory(seed, { ...size, caseManagers: caseManagerCount });
  const caseManagers = directory.members.flatMap((m, i) =>
    m.input.profession === 'case_manager' || m.input.profession === 'coordinator' ? [i] : [],
  );
  const persons = planPersons(seed, directory, { persons: size.persons, caseManagers });
  const places = new Map<number, number>();
  for (const person of persons)
    for (const place of person.team) places.set(place.member, (places.get(place.member) ?? 0) + 1);
  const busiest = (profession: string) => {
    const candidates = directory.members.flatMap((m, i) =>
      m.input.profession === profession ? [i] : [],
    );
    return candidates.reduce((best, i) =>
      (places.get(i) ?? 0) > (places.get(best) ?? 0) ? i : best,
    );
  };
  return {
    directory,
    persons,
    caseManagers,
    staff: {
      admin: directory.members.findIndex((m) => m.input.profession === 'network_staff'),
      professional: busiest('general_practitioner'),
      social: busiest('social_worker'),
    },
  };
}
