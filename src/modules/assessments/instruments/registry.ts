/**
 * The instruments this network uses, every version ever shipped: a stored assessment names its
 * instrument and version, so an old assessment is always read and scored with the definition it
 * was filled with. A network adds an instrument (or a new version) by appending it here.
 */
import { AGGIR } from './aggir.js';
import type { TInstrument } from './instrument.types.js';
import { MULTIDIMENSIONAL } from './multidimensional.js';
import { PRISMA7 } from './prisma7.js';

/** Any instrument, its result type erased (each module keeps its own typed export). */
export type TAnyInstrument = TInstrument<unknown>;

export const INSTRUMENTS: readonly TAnyInstrument[] = [MULTIDIMENSIONAL, AGGIR, PRISMA7];

/** An instrument by id and version; without a version, the latest. */
export function findInstrument(id: string, version?: number): TAnyInstrument | undefined {
  const candidates = INSTRUMENTS.filter(
    (instrument) =>
      instrument.id === id && (version === undefined || instrument.version === version),
  );
  return candidates.sort((a, b) => b.version - a.version)[0];
}

/** The latest version of each instrument, for new assessments and the web forms. */
export function currentInstruments(): TAnyInstrument[] {
  const ids = [...new Set(INSTRUMENTS.map((instrument) => instrument.id))];
  return ids.map((id) => findInstrument(id)!);
}
