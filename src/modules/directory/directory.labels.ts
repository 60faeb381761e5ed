import {
  CARE_STREAMS,
  CHANNEL_KINDS,
  LANGUAGES,
  ORGANISATION_TYPES,
  PROFESSIONS,
} from './directory.vocabulary.js';

type TLocale = 'fr' | 'en';
type TList = Record<string, { fr: string; en: string }>;

/** The lists whose French labels the search index stores, by the field that names them. */
const LISTS_BY_FIELD: Record<string, TList> = {
  profession: PROFESSIONS,
  organisationType: ORGANISATION_TYPES,
  careStream: CARE_STREAMS,
  language: LANGUAGES,
  channel: CHANNEL_KINDS,
};

const frenchToTerm = new Map<TList, Map<string, { fr: string; en: string }>>(
  Object.values(LISTS_BY_FIELD).map((list) => [
    list,
    new Map(Object.values(list).map((term) => [term.fr, term])),
  ]),
);

/** A French label the index stored, in the reader's language (itself when unknown or French). */
export function labelIn(locale: TLocale, list: TList, french: string): string {
  if (locale === 'fr') return french;
  return frenchToTerm.get(list)?.get(french)?.[locale] ?? french;
}

/** A "why it matched" entry in the reader's language when its value is a vocabulary label. */
export function localizeMatch<T extends { field: string; value: string }>(
  locale: TLocale,
  match: T,
): T {
  const list = LISTS_BY_FIELD[match.field];
  return list ? { ...match, value: labelIn(locale, list, match.value) } : match;
}

/**
 * A result's subtitle in the reader's language: the index keeps "Infirmier·ère · CH Valoux"; its
 * first part is the profession (members) or the organisation type (organisations). A service's
 * subtitle is its organisation's name: a proper noun, never translated ("Clinique du Parc" stays).
 */
export function localizeSubtitle(
  locale: TLocale,
  subtitle: string | null,
  codes: {
    entityType: 'member' | 'organisation' | 'service';
    profession: string | null;
    organisationType: string | null;
  },
): string | null {
  if (locale === 'fr' || !subtitle || codes.entityType === 'service') return subtitle;
  const term = codes.profession
    ? PROFESSIONS[codes.profession as keyof typeof PROFESSIONS]
    : codes.organisationType
      ? ORGANISATION_TYPES[codes.organisationType as keyof typeof ORGANISATION_TYPES]
      : undefined;
  if (!term || !subtitle.startsWith(term.fr)) return subtitle;
  return term[locale] + subtitle.slice(term.fr.length);
}
