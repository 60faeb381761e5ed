import { ApiError } from '../../api';
import type { Channel, DirectoryKind, EntryInput, MemberProfile } from '../../api';
import { newChannelRow, visibilityOf } from './FormWidgets';
import type { ChannelRow, Visibility } from './FormWidgets';
import { parseCoordinate } from './geo';
import type { VocabularyList } from './shared';
import { newWorkplaceRow } from './WorkplacesEditor';
import type { WorkplaceRow } from './WorkplacesEditor';

/**
 * What each directory form holds and how its values travel: the fields of each kind of entry,
 * their labels and hints, values from a profile, the payload sent, and the client-side checks.
 */

/* ---------- What each form holds ---------- */

/** A field of the form of a `K` entry: one of the server's body fields (renamed there, fails here). */
export type FieldName<K extends DirectoryKind> = keyof EntryInput[K] & string;

export type FieldSpec<N extends string = string> =
  | {
      name: N;
      widget: 'text' | 'textarea';
      required?: boolean;
      minLength?: number;
      format?: 'email' | 'url' | 'rpps' | 'adeli' | 'gln' | 'latitude' | 'longitude';
      hint?: boolean;
    }
  | { name: N; widget: 'select'; list: VocabularyList | 'accepting'; required: true }
  | { name: N; widget: 'checkboxes'; list: VocabularyList }
  | { name: N; widget: 'list'; hint: true }
  | { name: N; widget: 'channels' }
  /** Who sees the contact field just above (decision 034). */
  | { name: N; widget: 'visibility' }
  | { name: N; widget: 'workplaces' }
  /** Fields read together, under one legend and hint (the two coordinates of a point). */
  | { name: 'mapPoint'; widget: 'fieldset'; fields: FieldSpec<N>[] };

export type Group<N extends string = string> = { title: GroupTitle; fields: FieldSpec<N>[] };
export type GroupTitle =
  'identity' | 'workplaces' | 'identifiers' | 'reach' | 'languages' | 'place' | 'offer' | 'access';

export const REACH: FieldSpec<'channels' | 'goodToKnow'>[] = [
  { name: 'channels', widget: 'channels' },
  { name: 'goodToKnow', widget: 'textarea', hint: true },
];

export const FORMS: { [K in DirectoryKind]: Group<FieldName<K>>[] } = {
  members: [
    {
      title: 'identity',
      fields: [
        { name: 'firstName', widget: 'text', required: true },
        { name: 'lastName', widget: 'text', required: true },
        { name: 'profession', widget: 'select', list: 'professions', required: true },
        { name: 'specialty', widget: 'text' },
      ],
    },
    {
      title: 'workplaces',
      fields: [{ name: 'organisations', widget: 'workplaces' }],
    },
    {
      title: 'reach',
      fields: [
        { name: 'phone', widget: 'text' },
        { name: 'phoneVisibility', widget: 'visibility' },
        { name: 'email', widget: 'text', format: 'email' },
        { name: 'emailVisibility', widget: 'visibility' },
        ...REACH,
      ],
    },
    {
      title: 'languages',
      fields: [{ name: 'languages', widget: 'checkboxes', list: 'languages' }],
    },
    {
      title: 'identifiers',
      fields: [
        { name: 'rpps', widget: 'text', format: 'rpps', hint: true },
        { name: 'adeli', widget: 'text', format: 'adeli', hint: true },
        { name: 'gln', widget: 'text', format: 'gln', hint: true },
        { name: 'identifiersVisibility', widget: 'visibility' },
      ],
    },
  ],
  organisations: [
    {
      title: 'identity',
      fields: [
        { name: 'name', widget: 'text', required: true, minLength: 2 },
        { name: 'type', widget: 'select', list: 'organisationTypes', required: true },
      ],
    },
    {
      title: 'place',
      fields: [
        { name: 'address', widget: 'text' },
        { name: 'postalCode', widget: 'text' },
        { name: 'commune', widget: 'text' },
        {
          name: 'mapPoint',
          widget: 'fieldset',
          fields: [
            { name: 'latitude', widget: 'text', format: 'latitude' },
            { name: 'longitude', widget: 'text', format: 'longitude' },
          ],
        },
        { name: 'openingHours', widget: 'textarea' },
      ],
    },
    {
      title: 'reach',
      fields: [
        { name: 'phone', widget: 'text' },
        { name: 'phoneVisibility', widget: 'visibility' },
        { name: 'email', widget: 'text', format: 'email' },
        { name: 'emailVisibility', widget: 'visibility' },
        { name: 'website', widget: 'text', format: 'url', hint: true },
        ...REACH,
      ],
    },
  ],
  services: [
    {
      title: 'offer',
      fields: [
        { name: 'name', widget: 'text', required: true, minLength: 2 },
        { name: 'description', widget: 'textarea' },
        { name: 'missions', widget: 'textarea' },
        { name: 'limits', widget: 'textarea', hint: true },
        { name: 'careStreams', widget: 'checkboxes', list: 'careStreams' },
      ],
    },
    {
      title: 'access',
      fields: [
        { name: 'accepting', widget: 'select', list: 'accepting', required: true },
        { name: 'acceptingConditions', widget: 'textarea' },
        { name: 'eligibility', widget: 'textarea' },
        { name: 'communesServed', widget: 'list', hint: true },
        { name: 'waitingTime', widget: 'text' },
        { name: 'hours', widget: 'textarea' },
        { name: 'costNotes', widget: 'textarea' },
      ],
    },
    { title: 'reach', fields: REACH },
  ],
};

export const FIELD_LABELS = [
  'firstName',
  'lastName',
  'profession',
  'specialty',
  'rpps',
  'adeli',
  'gln',
  'email',
  'phone',
  'languages',
  'goodToKnow',
  'channels',
  'name',
  'type',
  'address',
  'postalCode',
  'commune',
  'latitude',
  'longitude',
  'website',
  'openingHours',
  'description',
  'missions',
  'limits',
  'eligibility',
  'careStreams',
  'communesServed',
  'waitingTime',
  'accepting',
  'acceptingConditions',
  'hours',
  'costNotes',
  'organisations',
  'verifiedAt',
  'acceptingConfirmedAt',
  'organisationId',
] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];
export const fieldLabelKey = (name: string): FieldLabel | null =>
  FIELD_LABELS.find((field) => field === name) ?? null;

/** The contact fields whose visibility a form sets (their labels: dirPrivacy.fields). */
export const VISIBILITY_FIELDS = [
  'phoneVisibility',
  'emailVisibility',
  'identifiersVisibility',
] as const;
export const visibilityField = (name: string) =>
  VISIBILITY_FIELDS.find((field) => field === name) ?? 'phoneVisibility';

export const FIELD_HINTS = [
  'rpps',
  'adeli',
  'gln',
  'website',
  'goodToKnow',
  'limits',
  'communesServed',
] as const;

export type Values = Record<string, string | string[] | ChannelRow[] | WorkplaceRow[]>;
export const DEFAULTS: { [K in DirectoryKind]: Partial<Record<FieldName<K>, Values[string]>> } = {
  members: {
    languages: ['fr'],
    organisations: [],
    phoneVisibility: 'network',
    emailVisibility: 'network',
    identifiersVisibility: 'network',
  },
  organisations: { phoneVisibility: 'public', emailVisibility: 'public' },
  services: { accepting: 'yes' },
};

/** A new channel's visibility when its owner chose none (the server's defaults, decision 034). */
export const DEFAULT_CHANNEL_VISIBILITY: Record<DirectoryKind, Visibility> = {
  members: 'network',
  organisations: 'public',
  services: 'public',
};

export function specsOf(kind: DirectoryKind): FieldSpec[] {
  const groups: Group[] = FORMS[kind];
  return groups
    .flatMap((group) => group.fields)
    .flatMap((spec) => (spec.widget === 'fieldset' ? spec.fields : [spec]));
}

/** The form's values from a profile (or the defaults of a new entry). */
export function valuesFrom(kind: DirectoryKind, entry: object | null): Values {
  const values: Values = {};
  const source = entry as Record<string, unknown> | null;
  for (const spec of specsOf(kind)) {
    const defaults: Partial<Values> = DEFAULTS[kind];
    const raw = source ? source[spec.name] : defaults[spec.name];
    if (spec.widget === 'channels') {
      values[spec.name] = ((raw as Channel[] | undefined) ?? []).map((channel) =>
        newChannelRow({
          kind: channel.kind,
          value: channel.value,
          bestTimes: channel.bestTimes ?? '',
          preferred: channel.preferred ?? false,
          visibility: visibilityOf(channel.visibility) ?? DEFAULT_CHANNEL_VISIBILITY[kind],
        }),
      );
    } else if (spec.widget === 'workplaces') {
      values[spec.name] = ((raw as MemberProfile['organisations'] | undefined) ?? []).map((link) =>
        newWorkplaceRow({
          organisationId: link.id,
          name: link.name,
          type: link.type,
          commune: link.commune,
          roleTitle: link.roleTitle ?? '',
          canEditServices: link.canEditServices,
        }),
      );
    } else if (spec.widget === 'checkboxes') {
      values[spec.name] = Array.isArray(raw) ? (raw as string[]) : [];
    } else if (spec.widget === 'list') {
      values[spec.name] = Array.isArray(raw) ? (raw as string[]).join(', ') : '';
    } else if (typeof raw === 'number') {
      values[spec.name] = String(raw);
    } else {
      values[spec.name] = typeof raw === 'string' ? raw : '';
    }
  }
  return values;
}

export const text = (value: Values[string] | undefined) => (typeof value === 'string' ? value : '');

/**
 * The values as the API takes them: empty text becomes null, lists are split, coordinates are
 * numbers. Where a member works is left out for those who may not change it.
 */
export function payloadOf(
  kind: DirectoryKind,
  values: Values,
  canEditWorkplaces: boolean,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const spec of specsOf(kind)) {
    const value = values[spec.name];
    if (spec.widget === 'workplaces') {
      if (!canEditWorkplaces) continue;
      payload[spec.name] = ((value as WorkplaceRow[] | undefined) ?? []).map((row) => ({
        organisationId: row.organisationId,
        roleTitle: row.roleTitle.trim() || null,
        canEditServices: row.canEditServices,
      }));
    } else if (
      spec.widget === 'text' &&
      (spec.format === 'latitude' || spec.format === 'longitude')
    ) {
      payload[spec.name] = parseCoordinate(text(value));
    } else if (spec.widget === 'channels') {
      payload[spec.name] = ((value as ChannelRow[] | undefined) ?? []).map((row) => {
        const channel: Channel = {
          kind: row.kind,
          value: row.value.trim(),
          visibility: row.visibility,
        };
        if (row.preferred) channel.preferred = true;
        if (row.bestTimes.trim()) channel.bestTimes = row.bestTimes.trim();
        return channel;
      });
    } else if (spec.widget === 'visibility') {
      payload[spec.name] = visibilityOf(value) ?? 'network';
    } else if (spec.widget === 'checkboxes') {
      payload[spec.name] = [...((value as string[] | undefined) ?? [])];
    } else if (spec.widget === 'list') {
      payload[spec.name] = text(value)
        .split(/[,;\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
    } else {
      let trimmed = text(value).trim();
      if (spec.widget === 'text' && ['rpps', 'adeli', 'gln'].includes(spec.format ?? '')) {
        trimmed = trimmed.replace(/\s+/g, '');
      }
      payload[spec.name] = trimmed || (spec.widget === 'select' ? '' : null);
    }
  }
  return payload;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const DIGITS: Record<string, number> = { rpps: 11, adeli: 9, gln: 13 };

/** The server's validation messages keyed by the full field path ("channels.0.value"). */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  const fields = (error.details as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return result;
  for (const item of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field !== 'string' || typeof item.message !== 'string') continue;
    const path = item.field.replace(/^\//, '').replace(/\//g, '.');
    result[path] ??= item.message;
    const top = path.split('.')[0] ?? path;
    // Channel and workplace rows show their own messages.
    if (top !== path && top !== 'channels' && top !== 'organisations') {
      result[top] ??= item.message;
    }
  }
  return result;
}

export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
