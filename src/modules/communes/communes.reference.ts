/**
 * The French communes, from the code officiel géographique as Etalab publishes it (npm package
 * @etalab/decoupage-administratif, decision 015): static reference data, read once on first use
 * into compact lookups by INSEE code, by name and by postcode. Not state: every instance holds the
 * same copy.
 *
 * What counts as a commune here (decision 015):
 * - a commune of residence is a current commune (metropolitan France and the overseas departments
 *   971–976), or a municipal arrondissement of Paris, Lyon or Marseille (751xx, 6938x, 132xx);
 * - a commune of birth may also be a former one: a commune déléguée or associée, or a code a
 *   current commune replaced (INS keeps the code in force on the birth date);
 * - a name is known when it is the name of one of these (accents, case, hyphens and the "St"/"Ste"
 *   abbreviations do not count).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { normalizeName } from '../persons/person-names.js';

/** A commune as the API gives it. */
export type TCommune = {
  code: string;
  name: string;
  postcodes: string[];
  department: string;
  /** The commune a municipal arrondissement belongs to (75056 for 75115). */
  parent?: string;
};

/** What the package's communes.json holds (the fields read here). */
type TRawCommune = {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement: string;
  codesPostaux?: string[];
  population?: number;
  chefLieu?: string;
  commune?: string;
  anciensCodes?: string[];
};

type TReference = {
  /** Current communes and municipal arrondissements, by code. */
  current: Map<string, TCommune>;
  /** A former code (commune déléguée, associée, replaced) → the current commune's code. */
  former: Map<string, string>;
  /** Name key → the codes of the communes (current or former) of that name. */
  byName: Map<string, string[]>;
  byPostcode: Map<string, TCommune[]>;
  /** Current communes and arrondissements, most populated first, with their name key. */
  ranked: { key: string; commune: TCommune }[];
};

let reference: TReference | undefined;

/** An INSEE commune code (code officiel géographique): 5 digits, or 2A/2B and 3 digits. */
export const INSEE_CODE_PATTERN = /^(?:\d{5}|2[AB]\d{3})$/;

/** A name as compared: normalized (decision 011), "st"/"ste" spelled out. */
export function communeKey(name: string): string {
  return normalizeName(name)
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte');
}

function load(): TReference {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as TRawCommune[];
  const current = new Map<string, TCommune>();
  const former = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const byPostcode = new Map<string, TCommune[]>();
  const ranked: (TReference['ranked'][number] & { population: number })[] = [];
  const addName = (key: string, code: string) => {
    const codes = byName.get(key);
    if (!codes) byName.set(key, [code]);
    else if (!codes.includes(code)) codes.push(code);
  };
  for (const c of raw) {
    const key = communeKey(c.nom);
    addName(key, c.code);
    if (c.type === 'commune-deleguee' || c.type === 'commune-associee') {
      // A delegated or associated commune points at its chef-lieu (a current commune).
      if (c.chefLieu && c.chefLieu !== c.code) former.set(c.code, c.chefLieu);
      continue;
    }
    const commune: TCommune = {
      code: c.code,
      name: c.nom,
      postcodes: c.codesPostaux ?? [],
      department: c.departement,
      ...(c.commune ? { parent: c.commune } : {}),
    };
    current.set(c.code, commune);
    ranked.push({ key, commune, population: c.population ?? 0 });
    for (const old of c.anciensCodes ?? []) former.set(old, c.code);
    for (const postcode of commune.postcodes) {
      const list = byPostcode.get(postcode);
      if (list) list.push(commune);
      else byPostcode.set(postcode, [commune]);
    }
  }
  // A code both current and former (a commune restored) is current.
  for (const code of current.keys()) former.delete(code);
  ranked.sort((a, b) => b.population - a.population);
  return {
    current,
    former,
    byName,
    byPostcode,
    ranked: ranked.map(({ key, commune }) => ({ key, commune })),
  };
}

function ref(): TReference {
  reference ??= load();
  return reference;
}

/** Reads the reference now (at start-up) rather than on the first request that needs it. */
export function loadCommunes(): void {
  ref();
}

/** A current commune or municipal arrondissement, by INSEE code. */
export function communeByCode(code: string): TCommune | undefined {
  return ref().current.get(code.trim().toUpperCase());
}

/** Whether a code is a commune one may live in today. */
export function isCurrentCommuneCode(code: string): boolean {
  return communeByCode(code) !== undefined;
}

/** Whether a code is a commune one may have been born in: current, or a former one (decision 015). */
export function isKnownCommuneCode(code: string): boolean {
  const normal = code.trim().toUpperCase();
  return ref().current.has(normal) || ref().former.has(normal);
}

/** Whether a name is the name of a commune (current, arrondissement, delegated or former). */
export function isKnownCommuneName(name: string): boolean {
  return ref().byName.has(communeKey(name));
}

/** The current communes a name designates (a delegated commune's name gives its chef-lieu). */
export function communesNamed(name: string): TCommune[] {
  const { current, former } = ref();
  const found = new Map<string, TCommune>();
  for (const code of ref().byName.get(communeKey(name)) ?? []) {
    const commune = current.get(code) ?? current.get(former.get(code) ?? '');
    if (commune) found.set(commune.code, commune);
  }
  return [...found.values()];
}

/**
 * Whether a name designates the commune of a code: its own name, the name of one of its
 * arrondissements or of the commune it belongs to, or of a commune delegated to it.
 */
export function nameFitsCode(name: string, code: string): boolean {
  const commune = communeByCode(code);
  if (!commune) return false;
  const accepted = new Set([commune.code, commune.parent]);
  return communesNamed(name).some(
    (c) => accepted.has(c.code) || (c.parent !== undefined && c.parent === commune.code),
  );
}

/** Whether a postcode serves the commune of a code (a city's serves each of its arrondissements). */
export function postcodeFitsCode(postcode: string, code: string): boolean {
  const commune = communeByCode(code);
  if (!commune) return false;
  if (commune.postcodes.includes(postcode)) return true;
  const parent = commune.parent ? communeByCode(commune.parent) : undefined;
  return parent?.postcodes.includes(postcode) ?? false;
}

export function isKnownPostcode(postcode: string): boolean {
  return ref().byPostcode.has(postcode.trim());
}

export const COMMUNE_SEARCH_LIMIT = 10;

/**
 * The communes a user is typing: by postcode (2 to 5 digits, its beginning), by INSEE code (5
 * characters), or by the beginning of the name or of a word of it, accents and "St" aside ("st
 * etienne" finds Saint-Étienne, "denis" finds Saint-Denis). Exact names first, then the most
 * populated; at most `limit`.
 */
export function searchCommunes(query: string, limit = COMMUNE_SEARCH_LIMIT): TCommune[] {
  const q = query.trim();
  const { ranked, current } = ref();
  if (/^\d{2,5}$/.test(q)) {
    const found: TCommune[] = [];
    const exact = current.get(q);
    if (exact) found.push(exact);
    for (const { commune } of ranked) {
      if (found.length >= limit) break;
      if (commune !== exact && commune.postcodes.some((p) => p.startsWith(q))) found.push(commune);
    }
    return found;
  }
  if (/^2[ab]\d{3}$/i.test(q)) {
    const exact = current.get(q.toUpperCase());
    return exact ? [exact] : [];
  }
  const key = communeKey(q);
  if (key.length < 2) return [];
  const exact: TCommune[] = [];
  const prefix: TCommune[] = [];
  const word: TCommune[] = [];
  for (const entry of ranked) {
    if (entry.key === key) exact.push(entry.commune);
    else if (entry.key.startsWith(key)) prefix.push(entry.commune);
    else if (word.length < limit && entry.key.includes(` ${key}`)) word.push(entry.commune);
  }
  return [...exact, ...prefix, ...word].slice(0, limit);
}
