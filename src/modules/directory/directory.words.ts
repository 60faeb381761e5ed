/**
 * From what a person types to what the search looks for (decision 032): the query's words, their
 * gender and number reduced to a prefix shared by every form ("infirmière" → "infirmier", which
 * begins "infirmiers" and "infirmières"), the synonyms of the table (directory.words.data.ts:
 * "IDE" also looks for "infirmier"), and names with particles or apostrophes ("N'Diaye" also
 * looks for "ndiaye", "de la Tour" for "delatour"). The index keeps the words as written, plus
 * the joined forms of names (joinedNameForms); everything else is done to the query.
 */
import { normalizeForSearch } from './directory.vocabulary.js';
import { SEARCH_SYNONYMS } from './directory.words.data.js';

/** One word to look for: as the beginning of a word of the entry, or as a whole word. */
export type TTerm = { word: string; prefix: boolean };
/** Every term must match. */
export type TAlternative = TTerm[];
/** What one typed word (or phrase) stands for: any of its alternatives matches. */
export type TWordGroup = {
  /** The typed word reduced (or the typed phrase), to explain a match and rank. */
  typed: string;
  alternatives: TAlternative[];
  /** True when the table or a name rule added alternatives: such a group is never "corrected". */
  expanded: boolean;
};

/** At most this many groups: a longer query is not made of search words. */
const MAX_GROUPS = 8;

/**
 * Words that attach to the next one in names ("N'Diaye", "de la Tour", "Le Gall", "Da Silva",
 * "L'Escale"). "s" (s/ for "sur") and "a" (à) are not among them: they are dropped.
 */
const PARTICLES = new Set([
  'd',
  'l',
  'n',
  'm',
  'o',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'da',
  'di',
  'do',
  'dos',
  'van',
  'von',
  'der',
  'den',
  'ben',
  'el',
  'al',
  'mc',
  'mac',
]);
/** Words of a table phrase that need not be found ("auxiliaire de vie" needs "auxiliaire", "vie"). */
const STOPWORDS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'a',
  'au',
  'aux',
  'd',
  'l',
  'et',
  'en',
  'pour',
]);

/**
 * The prefixes that find every gender and number of a French word: "infirmières" → "infirmier",
 * "coordinatrice" → "coordinateu" or "coordinatric", "éducatif" → "educatif" or "educativ".
 * Words shorter than five letters are kept as typed (abbreviations, short names).
 */
export function wordForms(word: string): string[] {
  if (word.length < 5 || /\d/.test(word)) return [word];
  if (word.endsWith('aux')) return [word.slice(0, -2)]; // sociaux, sociale, social → "socia"
  let w = word;
  if ((w.endsWith('s') && !w.endsWith('ss')) || w.endsWith('x')) w = w.slice(0, -1);
  const base = (cut: number) => w.slice(0, w.length - cut);
  if (w.length >= 7 && w.endsWith('trice')) return [`${base(5)}teu`, `${base(5)}tric`];
  if (w.length >= 6 && w.endsWith('teur')) return [`${base(4)}teu`, `${base(4)}tric`];
  if (w.endsWith('euse')) return [`${base(4)}eu`];
  if (w.endsWith('eur')) return [`${base(3)}eu`];
  if (w.length >= 7 && w.endsWith('ive')) return [`${base(3)}if`, `${base(3)}iv`];
  if (w.length >= 6 && w.endsWith('if')) return [w, `${base(2)}iv`];
  if (/(nn|ll|tt)e$/.test(w)) return [base(2)];
  if (/[^aeiouy]e$/.test(w) && w.length >= 5) return [base(1)];
  return [w];
}

/** The main reduced form of a word: how typed words and table forms are compared. */
const reduced = (word: string) => wordForms(word)[0]!;

/**
 * A form of the table is an abbreviation (a whole word to find) when written in capitals ("IDE",
 * "SSIAD"), or short and capitalised ("St", "Ste", "Dr").
 */
const isAbbreviation = (form: string) =>
  /^[\p{Lu}\d]+$/u.test(form) || (/^\p{Lu}/u.test(form) && form.length <= 3);

/** A table form as terms: abbreviations whole, other words by their reduced prefixes. */
function formTerms(form: string): TAlternative[] {
  if (isAbbreviation(form)) return [[{ word: normalizeForSearch(form), prefix: false }]];
  const words = normalizeForSearch(form)
    .split(' ')
    .filter((w) => w !== '' && !STOPWORDS.has(w));
  // A word may have two prefixes (coordinateu / coordinatric): one alternative per combination.
  let combinations: TAlternative[] = [[]];
  for (const forms of words.map(wordForms)) {
    combinations = combinations.flatMap((terms) =>
      forms.map((word) => [...terms, { word, prefix: true }]),
    );
  }
  return words.length ? combinations : [];
}

/** A form of the table: the reduced words a query is compared with, and what it looks for. */
type TForm = { key: string[]; alternatives: TAlternative[] };
type TLine = { forms: TForm[] };

const keyOf = (form: string) =>
  normalizeForSearch(form)
    .split(' ')
    .filter((w) => w !== '')
    .map(reduced);

/** The table, normalised once. */
const LINES: TLine[] = SEARCH_SYNONYMS.map((line) => ({
  forms: line.forms.map((form) => ({ key: keyOf(form), alternatives: formTerms(form) })),
}));
const LONGEST_FORM = Math.max(...LINES.flatMap((l) => l.forms.map((f) => f.key.length)));
/** Forms listed in more than one line ("AS", "psy"): they stand for both only when typed. */
const AMBIGUOUS = new Set(
  LINES.flatMap((line, i) =>
    line.forms
      .map((f) => f.key.join(' '))
      .filter((key) =>
        LINES.some((other, j) => j !== i && other.forms.some((f) => f.key.join(' ') === key)),
      ),
  ),
);

/** What a table phrase looks for: every form of its lines but the ambiguous ones not typed. */
function lineAlternatives(lines: TLine[], typedKey: string): TAlternative[] {
  return lines.flatMap((line) =>
    line.forms
      .filter((f) => f.key.join(' ') === typedKey || !AMBIGUOUS.has(f.key.join(' ')))
      .flatMap((f) => f.alternatives),
  );
}

/** Whether alternative `a` asks for at least what `b` asks for (then `b` alone is enough). */
function covers(a: TAlternative, b: TAlternative): boolean {
  return b.every((tb) =>
    a.some((ta) => (tb.prefix ? ta.word.startsWith(tb.word) : ta.word === tb.word && !ta.prefix)),
  );
}

/** Alternatives without repeats, and without those another, wider one already finds. */
function pruned(alternatives: TAlternative[]): TAlternative[] {
  const unique = [
    ...new Map(
      alternatives.map((a) => [a.map((t) => `${t.prefix ? '*' : '='}${t.word}`).join(' '), a]),
    ).values(),
  ];
  return unique.filter(
    (a, i) => !unique.some((b, j) => j !== i && covers(a, b) && !(covers(b, a) && j > i)),
  );
}

/** The table lines with a form of exactly these reduced words. */
function linesFor(words: string[]): TLine[] {
  return LINES.filter((line) => line.forms.some((f) => f.key.join(' ') === words.join(' ')));
}

/**
 * What to look for, from what was typed: one group per word or table phrase, in the order typed.
 */
export function queryGroups(q: string | undefined): TWordGroup[] {
  const words = normalizeForSearch(q ?? '')
    .split(' ')
    .filter((w) => w !== '');
  const reducedWords = words.map(reduced);
  const groups: TWordGroup[] = [];
  let i = 0;
  while (i < words.length && groups.length < MAX_GROUPS) {
    // The longest table phrase that starts here.
    let matched: { length: number; lines: TLine[] } | null = null;
    for (let n = Math.min(LONGEST_FORM, words.length - i); n >= 1 && !matched; n--) {
      const lines = linesFor(reducedWords.slice(i, i + n));
      if (lines.length) matched = { length: n, lines };
    }
    if (matched) {
      const typed = words.slice(i, i + matched.length).join(' ');
      groups.push({
        typed: matched.length === 1 ? reducedWords[i]! : typed,
        // The typed form is one of the line's forms: found as the table says (an abbreviation
        // as a whole word: "IDE" does not find "identité").
        alternatives: pruned(
          lineAlternatives(matched.lines, reducedWords.slice(i, i + matched.length).join(' ')),
        ),
        expanded: true,
      });
      i += matched.length;
      continue;
    }
    // A run of particles and the word they attach to: "de la Tour", "N'Diaye", "Le Gall".
    let end = i;
    while (end < words.length - 1 && PARTICLES.has(words[end]!)) end++;
    if (end > i) {
      const name = words[end]!;
      const joined = words.slice(i, end).map((_, k) => words.slice(i + k, end + 1).join(''));
      groups.push({
        typed: reducedWords[end]!,
        alternatives: pruned([
          ...(name.length >= 2 ? wordForms(name).map((f) => [{ word: f, prefix: true }]) : []),
          ...joined.map((j) => [{ word: j, prefix: true }]),
        ]),
        expanded: true,
      });
      i = end + 1;
      continue;
    }
    const word = words[i]!;
    i++;
    if (word.length < 2) continue; // "s/" (sur), "à", initials
    const forms = wordForms(word);
    groups.push({
      typed: forms[0]!,
      alternatives: forms.map((f) => [{ word: f, prefix: true }]),
      expanded: false,
    });
  }
  return groups;
}

/** Every word a group looks for, to rank by the title and to look inside words. */
export const groupWords = (group: TWordGroup): string[] => [
  ...new Set(group.alternatives.flat().map((t) => t.word)),
];

/**
 * The joined forms of a name, added to the index (DIRECTORY_INDEX_VERSION 2) so that a name typed without its apostrophe,
 * hyphen or space still begins a word: "N'Diaye" → "ndiaye", "Lefèvre-Dubois" →
 * "lefevredubois", "de la Tour" → "delatour" and "latour", "Le Gall" → "legall".
 */
export function joinedNameForms(name: string, options = { particles: true }): string[] {
  const out = new Set<string>();
  for (const chunk of name.split(/\s+/)) {
    if (/['’-]/.test(chunk)) out.add(normalizeForSearch(chunk).replace(/ /g, ''));
  }
  // Particles are joined in the names of people; in an organisation's name "de" is a preposition.
  const words = options.particles ? normalizeForSearch(name).split(' ') : [];
  for (let i = 0; i < words.length - 1; i++) {
    if (!PARTICLES.has(words[i]!)) continue;
    let end = i;
    while (end < words.length - 1 && PARTICLES.has(words[end]!)) end++;
    out.add(words.slice(i, end + 1).join(''));
  }
  return [...out].filter((w) => w.length >= 3);
}
