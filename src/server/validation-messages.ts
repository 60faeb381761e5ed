import { isMessageKey, translate, type TLocale, type TMessageKey } from './messages.js';

/** What a zod issue carries that a plain message needs (zod 4 issue fields, all optional). */
type TIssue = {
  code: string;
  message?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  expected?: string;
  keys?: string[];
};

const TYPE_NAMES: Record<TLocale, Record<string, string>> = {
  fr: {
    string: 'texte',
    number: 'nombre',
    int: 'nombre entier',
    boolean: 'oui/non',
    array: 'liste',
    object: 'objet',
    date: 'date',
  },
  en: {
    string: 'text',
    number: 'number',
    int: 'whole number',
    boolean: 'yes/no',
    array: 'list',
    object: 'object',
    date: 'date',
  },
};

const FORMAT_KEYS: Record<string, TMessageKey> = {
  email: 'validation.email',
  url: 'validation.url',
  uuid: 'validation.id',
  guid: 'validation.id',
  datetime: 'validation.date',
  date: 'validation.date',
};

/**
 * A validation problem said the way a nurse or a secretary can act on it ("à renseigner",
 * "trop long : 200 caractères au plus", "valeur inconnue : choisissez dans la liste proposée")
 * instead of zod's wording ("Trop petit : chaîne de caractères doit avoir >=1 caractères"). A
 * schema's own message, given as a message key, wins. Undefined when the issue is of a kind this
 * does not know: the caller keeps zod's localised message.
 */
export function plainIssueMessage(locale: TLocale, issue: TIssue): string | undefined {
  if (isMessageKey(issue.message)) return translate(locale, issue.message);
  const n = (value: number | bigint | undefined) => String(value ?? '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? translate(locale, 'validation.required')
          : translate(locale, 'validation.too_short', { min: n(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return translate(locale, 'validation.too_few', { min: n(issue.minimum) });
      return translate(locale, 'validation.number_too_small', { min: n(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string')
        return translate(locale, 'validation.too_long', { max: n(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return translate(locale, 'validation.too_many', { max: n(issue.maximum) });
      return translate(locale, 'validation.number_too_big', { max: n(issue.maximum) });
    case 'invalid_value':
      return translate(locale, 'validation.not_in_list');
    case 'invalid_format': {
      const key = FORMAT_KEYS[issue.format ?? ''];
      return key ? translate(locale, key) : translate(locale, 'validation.invalid');
    }
    case 'invalid_type':
      // zod keeps no input on the issue, but says "received undefined" of a missing field.
      if (/received (undefined|null)/.test(issue.message ?? ''))
        return translate(locale, 'validation.required');
      if (issue.expected === 'int') return translate(locale, 'validation.whole_number');
      return translate(locale, 'validation.wrong_type', {
        expected: TYPE_NAMES[locale][issue.expected ?? ''] ?? issue.expected ?? '',
      });
    case 'unrecognized_keys':
      return translate(locale, 'validation.unknown_field', { keys: (issue.keys ?? []).join(', ') });
    default:
      return undefined;
  }
}
