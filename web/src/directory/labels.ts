import type { Locale } from '../api';
import type { Term, Vocabulary } from './directoryApi';

/** The label of a code in the current language (the code itself when unknown). */
export function labelOf(
  terms: Term[] | undefined,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (!code) return '';
  const term = terms?.find((t) => t.code === code);
  return term ? term[locale] : code;
}

/** Options for a select, sorted by label, with an "all" entry first. */
export function optionsOf(terms: Term[] | undefined, locale: Locale, all: string) {
  const sorted = [...(terms ?? [])].sort((a, b) => a[locale].localeCompare(b[locale], locale));
  return [{ value: '', label: all }, ...sorted.map((t) => ({ value: t.code, label: t[locale] }))];
}

/** The href that starts a contact through a channel, when the browser can. */
export function channelHref(kind: string, value: string): string | undefined {
  const digits = value.replace(/[^\d+]/g, '');
  if (kind === 'phone') return `tel:${digits}`;
  if (kind === 'sms') return `sms:${digits}`;
  if (kind === 'email' || kind === 'secure_messaging') return `mailto:${value}`;
  return undefined;
}

export type { Vocabulary };
