/** A UTF-16 surrogate without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one form text takes before anything checks or stores it: well-formed Unicode (a lone
 * surrogate becomes U+FFFD, exactly what the database driver would have written in its place, as
 * String.prototype.toWellFormed does) in NFC (an "é" typed as e + accent equals the precomposed one).
 * What is validated is then what is stored, hashed and compared.
 */
export function normaliseText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
}

/** Copies a parsed JSON-like value with every string in it, keys included, normalised. */
export function normaliseDeep(value: unknown): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (Array.isArray(value)) return value.map(normaliseDeep);
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [normaliseText(key), normaliseDeep(item)]),
    );
  }
  return value;
}

/** A record of values (parsed JSON, query and route parameters), not a Buffer, Date or stream. */
function isPlainObject(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Object]' && !('pipe' in value);
}
