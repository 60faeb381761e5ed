import type { TChannel } from '../../db/schema/index.js';
import {
  CARE_STREAMS,
  CHANNEL_KINDS,
  LANGUAGES,
  ORGANISATION_TYPES,
  PROFESSIONS,
  normalizeForSearch,
  termWords,
} from './directory.vocabulary.js';

/** The CSV columns of each kind of entry (import and export use the same ones). */
export const CSV_COLUMNS = {
  organisations: [
    'name',
    'type',
    'address',
    'postal_code',
    'commune',
    'phone',
    'email',
    'website',
    'opening_hours',
    'latitude',
    'longitude',
    'sms',
    'secure_messaging',
    'fax',
    'preferred_channel',
    'best_times',
    'good_to_know',
    'channel_visibility',
  ],
  members: [
    'first_name',
    'last_name',
    'profession',
    'specialty',
    'rpps',
    'adeli',
    'gln',
    'email',
    'phone',
    'languages',
    'sms',
    'secure_messaging',
    'fax',
    'organisation',
    'role_title',
    'preferred_channel',
    'best_times',
    'good_to_know',
    'accepting',
    'accepting_conditions',
    'phone_visibility',
    'email_visibility',
    'identifiers_visibility',
    'channel_visibility',
  ],
  services: [
    'organisation',
    'name',
    'description',
    'missions',
    'limits',
    'eligibility',
    'care_streams',
    'communes_served',
    'waiting_time',
    'accepting',
    'accepting_conditions',
    'hours',
    'cost_notes',
    'phone',
    'email',
    'sms',
    'secure_messaging',
    'fax',
    'preferred_channel',
    'best_times',
    'good_to_know',
    'channel_visibility',
  ],
} as const;
export type TCsvKind = keyof typeof CSV_COLUMNS;

/** The columns a file of each kind cannot do without. */
export const CSV_REQUIRED: Record<TCsvKind, readonly string[]> = {
  organisations: ['name', 'type'],
  members: ['first_name', 'last_name', 'profession'],
  services: ['organisation', 'name'],
};
export type TCsvRow = Record<string, string>;
/** A cell the row's author must fix: its column and why. */
export type TCellError = { field: string; message: string };

type TList = Record<string, { fr: string; en: string; synonyms?: readonly string[] }>;

/** Finds a code from a code, a label (fr/en) or a synonym, accents and case ignored. */
export function codeOf(list: TList, value: string): string | undefined {
  const wanted = normalizeForSearch(value);
  if (!wanted) return undefined;
  for (const [code, term] of Object.entries(list)) {
    if (normalizeForSearch(code) === wanted) return code;
    const names = [term.fr, term.en, ...(term.synonyms ?? [])].map(normalizeForSearch);
    if (names.includes(wanted)) return code;
  }
  return undefined;
}

/** Splits a multi-valued cell ("fr|en", "fr, en"). */
export const splitList = (value: string | undefined) =>
  (value ?? '')
    .split(/[|,;]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Maps each value of a list cell to its code; unknown values are kept as-is so validation names them. */
export const codesOf = (list: TList, value: string | undefined) =>
  splitList(value).map((v) => codeOf(list, v) ?? v);

export const professionCode = (v: string) => codeOf(PROFESSIONS, v) ?? v;
export const organisationTypeCode = (v: string) => codeOf(ORGANISATION_TYPES, v) ?? v;
export const careStreamCodes = (v: string | undefined) => codesOf(CARE_STREAMS, v);
export const languageCodes = (v: string | undefined) => codesOf(LANGUAGES, v);
export const acceptingCode = (v: string | undefined) => {
  const n = normalizeForSearch(v ?? '');
  if (!n) return undefined;
  if (['yes', 'oui', 'o', 'y'].includes(n)) return 'yes';
  if (['no', 'non', 'n'].includes(n)) return 'no';
  if (['conditions', 'sous conditions', 'avec conditions', 'with conditions'].includes(n))
    return 'conditions';
  return v;
};

const VISIBILITY_TERMS: TList = {
  public: { fr: 'public', en: 'public', synonyms: ['tout le monde', 'everyone'] },
  network: { fr: 'réseau', en: 'network', synonyms: ['membres du réseau', 'network members'] },
  care_team: {
    fr: 'équipes de soins',
    en: 'care teams',
    synonyms: ['équipe de soins', 'care team', 'equipes de soins partagees'],
  },
};
/** A visibility cell ("réseau", "care_team"…) as its code; unknown text is kept so validation names it. */
export const visibilityCode = (v: string | undefined) =>
  v === undefined ? undefined : (codeOf(VISIBILITY_TERMS, v) ?? v);

/**
 * Who sees each channel, in one cell: "sms:care_team|fax:public" (kinds and visibilities by code
 * or label). A channel not named keeps its default (network for a member, public otherwise).
 */
export function channelVisibilityOf(row: TCsvRow, channels: TChannel[], errors: TCellError[]) {
  for (const part of splitPipes(cell(row, 'channel_visibility'))) {
    if (!part) continue;
    const [kindText = '', visibilityText = ''] = part.split(/[:=]/).map((v) => v.trim());
    const kind = codeOf(CHANNEL_KINDS, kindText);
    const channel = channels.find((c) => c.kind === kind);
    const visibility = codeOf(VISIBILITY_TERMS, visibilityText);
    if (!channel || !visibility) {
      errors.push({
        field: 'channel_visibility',
        message: `« ${part} » : un moyen de contact rempli sur la ligne et public, réseau ou équipes de soins (ex. « sms:équipes de soins »)`,
      });
      continue;
    }
    channel.visibility = visibility as TChannel['visibility'];
  }
  return channels;
}

/** The channel_visibility cell of an entry, for export: every channel whose visibility is set. */
export const channelVisibilityCell = (channels: TChannel[]) =>
  channels
    .filter((c) => c.visibility)
    .map((c) => `${c.kind}:${c.visibility}`)
    .join('|');

/** The columns that each give one way to reach the entry, in the order channels are listed. */
export const CHANNEL_COLUMNS = ['phone', 'email', 'sms', 'secure_messaging', 'fax'] as const;

/** Channels from the phone, e-mail, SMS, secure-messaging and fax cells, the preferred one marked. */
export function channelsFromCells(row: TCsvRow): TChannel[] {
  const preferred = row.preferred_channel
    ? codeOf(CHANNEL_KINDS, row.preferred_channel)
    : undefined;
  const channels: TChannel[] = [];
  for (const kind of CHANNEL_COLUMNS) {
    const value = row[kind]?.trim();
    if (value) channels.push({ kind, value });
  }
  for (const channel of channels) {
    if (channel.kind === preferred) {
      channel.preferred = true;
      if (row.best_times) channel.bestTimes = row.best_times;
    }
  }
  return channels;
}

/** The cells for the preferred channel, for export. */
export function preferredCells(channels: TChannel[]) {
  const preferred = channels.find((c) => c.preferred);
  return { preferred_channel: preferred?.kind ?? '', best_times: preferred?.bestTimes ?? '' };
}

/** The channel cells of an entry, for export (the first channel of each kind). */
export function channelCells(channels: TChannel[]) {
  return Object.fromEntries(
    CHANNEL_COLUMNS.map((kind) => [kind, channels.find((c) => c.kind === kind)?.value ?? '']),
  ) as Record<(typeof CHANNEL_COLUMNS)[number], string>;
}

/**
 * Splits a cell holding several organisations or role titles ("CH Annecy|MSP Seynod"): only on
 * "|", since names and titles may hold commas.
 */
export const splitPipes = (value: string | undefined) =>
  (value ?? '').split('|').map((v) => v.trim());

/** Blank cells become undefined so optional fields stay unset. */
export const cell = (row: TCsvRow, name: string): string | undefined => {
  const value = row[name]?.trim();
  return value ? value : undefined;
};

export { termWords };
