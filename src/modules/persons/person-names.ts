/**
 * Comparing names the way a duplicate check needs (decision 011): without accents, case,
 * hyphens, apostrophes or dots ("Lefèvre-D'Arcy" = "lefevre d arcy"), tolerant of one typo in a
 * word (two in a long one), of first and last names swapped, and of a birth name given where the
 * used name was recorded (or the reverse). Pure, so every case has a unit test.
 */

/** Lower case, no accents (œ → oe, æ → ae), punctuation → spaces, single spaces. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Damerau–Levenshtein distance (optimal string alignment): a swap of two letters is one typo. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The typos a word of this length may carry and still be "the same" name. */
const typosAllowed = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

export type TNameMatch = 'exact' | 'close';

/**
 * How two name sets match: `exact` when one spelling of one equals one spelling of the other
 * after normalising (whole names or any word of them, "jean pierre" finds "jean"), `close` within
 * the typos allowed, undefined otherwise. Each set holds the names a person may be recorded under.
 */
export function matchNames(wanted: string[], found: string[]): TNameMatch | undefined {
  const a = spellings(wanted);
  const b = spellings(found);
  if (a.some((x) => b.includes(x))) return 'exact';
  for (const x of a)
    for (const y of b) {
      if (Math.abs(x.length - y.length) > 2) continue;
      if (editDistance(x, y) <= typosAllowed(Math.min(x.length, y.length))) return 'close';
    }
  return undefined;
}

/** Words that begin many names: alone, they say nothing about who is who. */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'van',
  'von',
  'der',
  'di',
  'da',
  'del',
  'el',
  'al',
  'ben',
  'bin',
  'mac',
  'mc',
  'saint',
  'sainte',
  'st',
  'ste',
]);

/** Whole names with and without spaces, and their words of two letters or more. */
function spellings(names: string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    const normal = normalizeName(name);
    if (!normal) continue;
    out.add(normal);
    out.add(normal.replace(/ /g, ''));
    for (const word of normal.split(' '))
      if (word.length >= 2 && !PARTICLES.has(word)) out.add(word);
  }
  return [...out];
}

export type TIdentityNames = {
  lastName?: string | null | undefined;
  birthName?: string | null | undefined;
  firstName?: string | null | undefined;
  firstNames?: string | null | undefined;
};

export type TDuplicateMatch = 'same_name' | 'close_spelling' | 'swapped_names' | 'other_name';

const present = (...names: (string | null | undefined)[]) =>
  names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');

/**
 * Whether a record may be the same person as the identity typed (the birth dates already agree),
 * and how: family names against family names and first names against first names, else swapped.
 */
export function duplicateMatch(
  wanted: TIdentityNames,
  found: TIdentityNames,
): TDuplicateMatch | undefined {
  const wantedFamily = present(wanted.birthName, wanted.lastName);
  const wantedGiven = present(wanted.firstName, wanted.firstNames);
  const foundFamily = present(found.birthName, found.lastName);
  const foundGiven = present(found.firstName, found.firstNames);
  const family = matchNames(wantedFamily, foundFamily);
  const given = matchNames(wantedGiven, foundGiven);
  if (family && given) {
    if (family === 'close' || given === 'close') return 'close_spelling';
    // Birth name to birth name (or to the used name of an old record without one), or used name
    // to used name; otherwise the birth name typed is the record's used name, or the reverse.
    const exact = (x: (string | null | undefined)[], y: (string | null | undefined)[]) =>
      matchNames(present(...x), present(...y)) === 'exact';
    const sameSlot =
      exact([wanted.birthName], [found.birthName ?? found.lastName]) ||
      exact([wanted.lastName], [found.lastName]);
    return sameSlot ? 'same_name' : 'other_name';
  }
  if (matchNames(wantedFamily, foundGiven) && matchNames(wantedGiven, foundFamily)) {
    return 'swapped_names';
  }
  return undefined;
}
