import { z } from 'zod';
import {
  CARE_STREAM_CODES,
  CHANNEL_KIND_CODES,
  LANGUAGE_CODES,
  ORGANISATION_TYPE_CODES,
  PROFESSION_CODES,
} from './directory.vocabulary.js';
import { VISIBILITIES } from '../../db/schema/index.js';

const optionalText = (max: number) => z.string().trim().max(max).nullish();
export const ZEntityType = z.enum(['member', 'organisation', 'service']);
export const ZAccepting = z.enum(['yes', 'no', 'conditions']).describe('Accepting new people');

export const ZVisibility = z
  .enum(VISIBILITIES)
  .describe(
    'Who sees it: public (everyone, patients included), network (its professionals), care_team (those who share a care team with the entry, and network staff)',
  );

export const ZAudience = z
  .enum(['patients', 'beneficiaries', 'people'])
  .describe(
    'Whom the entry takes on, for wording: patients, beneficiaries or people (decision 033)',
  );

/** A member says (or someone for them) whether they accept new people: confirmed today. */
export const ZMemberAcceptingInput = z
  .object({
    accepting: ZAccepting,
    conditions: optionalText(500).describe('Which conditions, when "conditions"'),
  })
  .strict();

export const ZCardChannel = z
  .object({
    kind: z.string(),
    value: z.string(),
    bestTimes: z.string().optional(),
  })
  .describe('The preferred way to reach the entry, among the channels the reader may see');

export const ZChannel = z
  .object({
    kind: z.enum(CHANNEL_KIND_CODES),
    value: z.string().trim().min(1).max(200).describe('Number, address or place'),
    preferred: z.boolean().optional(),
    bestTimes: z.string().trim().max(200).optional().describe('e.g. "avant 9 h", "mardi et jeudi"'),
    visibility: ZVisibility.optional().describe(
      "Who sees it; by default network for a member's channel, public for an organisation's or a service's",
    ),
  })
  .strict();

const reach = {
  channels: z.array(ZChannel).max(12).default([]),
  goodToKnow: optionalText(1000).describe('Free "good to know", e.g. "appeler avant 9 h"'),
};

export const ZMemberInput = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    profession: z.enum(PROFESSION_CODES),
    specialty: optionalText(120),
    rpps: z
      .string()
      .regex(/^\d{11}$/, 'directory.rpps_format')
      .nullish(),
    adeli: z
      .string()
      .regex(/^\d{9}$/, 'directory.adeli_format')
      .nullish(),
    gln: z
      .string()
      .regex(/^\d{13}$/, 'directory.gln_format')
      .nullish(),
    email: z.email().max(254).nullish(),
    phone: optionalText(40),
    phoneVisibility: ZVisibility.optional().describe('Who sees the phone (default network)'),
    emailVisibility: ZVisibility.optional().describe('Who sees the e-mail (default network)'),
    identifiersVisibility: ZVisibility.optional().describe(
      'Who sees RPPS, ADELI and GLN (default network)',
    ),
    languages: z.array(z.enum(LANGUAGE_CODES)).max(12).default(['fr']),
    organisations: z
      .array(
        z
          .object({
            organisationId: z.uuid(),
            roleTitle: optionalText(120),
            canEditServices: z.boolean().default(false),
          })
          .strict(),
      )
      .max(10)
      .optional()
      .describe('Where the member works (network staff only)'),
    ...reach,
  })
  .strict();

export const ZOrganisationInput = z
  .object({
    name: z.string().trim().min(2).max(200),
    type: z.enum(ORGANISATION_TYPE_CODES),
    address: optionalText(300),
    postalCode: optionalText(12),
    commune: optionalText(120),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    phone: optionalText(40),
    email: z.email().max(254).nullish(),
    phoneVisibility: ZVisibility.optional().describe('Who sees the switchboard (default public)'),
    emailVisibility: ZVisibility.optional().describe('Who sees the e-mail (default public)'),
    website: z.url().max(300).nullish(),
    openingHours: optionalText(500),
    ...reach,
  })
  .strict();

export const ZServiceInput = z
  .object({
    organisationId: z.uuid(),
    name: z.string().trim().min(2).max(200),
    description: optionalText(2000),
    missions: optionalText(2000),
    limits: optionalText(2000).describe('What the service does NOT do'),
    eligibility: optionalText(1000),
    careStreams: z.array(z.enum(CARE_STREAM_CODES)).max(12).default([]),
    communesServed: z.array(z.string().trim().min(1).max(120)).max(100).default([]),
    waitingTime: optionalText(120),
    accepting: ZAccepting.default('yes'),
    acceptingConditions: optionalText(500),
    hours: optionalText(500),
    costNotes: optionalText(500),
    ...reach,
  })
  .strict();

const withVersion = {
  version: z.number().int().positive().describe('The version you read; 409 if it changed since'),
};
/** A member's row of a CSV import: the entry, and whether they accept new people (confirmed by the import). */
export const ZMemberImport = ZMemberInput.extend({
  accepting: ZAccepting.optional(),
  acceptingConditions: optionalText(500),
});

export const ZMemberPatch = ZMemberInput.partial().extend(withVersion).strict();
export const ZOrganisationPatch = ZOrganisationInput.partial().extend(withVersion).strict();
export const ZServicePatch = ZServiceInput.omit({ organisationId: true })
  .partial()
  .extend(withVersion)
  .strict();

export type TMemberInput = z.infer<typeof ZMemberInput>;
export type TOrganisationInput = z.infer<typeof ZOrganisationInput>;
export type TServiceInput = z.infer<typeof ZServiceInput>;

export const ZIdParam = z.object({ id: z.uuid() });

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)),
  );

export const ZSearchQuery = z.object({
  q: z.string().max(200).optional().describe('Words to find; accents and small typos tolerated'),
  type: csvList(['member', 'organisation', 'service'] as const)
    .optional()
    .describe('Comma-separated entry types'),
  profession: z.enum(PROFESSION_CODES).optional(),
  organisationType: z.enum(ORGANISATION_TYPE_CODES).optional(),
  careStream: z.enum(CARE_STREAM_CODES).optional(),
  commune: z.string().max(120).optional().describe('Commune where the entry is or that it serves'),
  accepting: ZAccepting.optional(),
  language: z.enum(LANGUAGE_CODES).optional(),
  channel: z.enum(CHANNEL_KIND_CODES).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZSearchResult = z.object({
  type: ZEntityType,
  id: z.uuid(),
  title: z.string(),
  subtitle: z.string().nullable(),
  profession: z.string().nullable(),
  organisationType: z.string().nullable(),
  careStreams: z.array(z.string()),
  communes: z.array(z.string()),
  accepting: z.string().nullable(),
  languages: z.array(z.string()),
  channels: z.array(z.string()),
  contact: ZCardChannel.nullable(),
  audience: ZAudience,
  acceptingStale: z
    .boolean()
    .describe('The accepting status was not confirmed in the last 90 days: "à confirmer"'),
  stale: z.boolean().describe('Not verified recently: check before relying on it'),
  matched: z
    .array(
      z.object({
        field: z.string().describe('Which field matched (name, profession, missions, phone…)'),
        value: z
          .string()
          .describe("What it says, in the reader's language; an excerpt of a long text"),
        exact: z.boolean().describe('False when a mistyped word was matched approximately'),
        marks: z
          .array(z.object({ start: z.number().int(), end: z.number().int() }))
          .describe('The stretches of value that hold the words searched, to highlight'),
      }),
    )
    .describe('Why this entry matched the words searched'),
});

export const ZSearchResponse = z.object({
  items: z.array(ZSearchResult),
  total: z.number().int().describe('How many entries match (when totalExact), or a lower bound'),
  totalExact: z
    .boolean()
    .describe('False for a broad search: more entries match than total, which stops counting'),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const ZChannelOut = z.object({
  kind: z.string(),
  value: z.string(),
  preferred: z.boolean().optional(),
  bestTimes: z.string().optional(),
  visibility: ZVisibility,
});
const freshness = {
  version: z.number().int(),
  verifiedAt: z.iso.datetime().nullable(),
  verifiedBy: z
    .object({ id: z.uuid(), displayName: z.string() })
    .nullable()
    .describe('Who confirmed the entry last (null when unknown)'),
  stale: z.boolean(),
  updatedAt: z.iso.datetime(),
  canEdit: z.boolean(),
};

export const ZMemberAccepting = z.object({
  status: ZAccepting.nullable().describe('Null: the member has not said'),
  conditions: z.string().nullable(),
  confirmedAt: z.iso.datetime().nullable(),
  confirmedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  stale: z.boolean().describe('Not confirmed in the last 90 days: "à confirmer"'),
  audience: ZAudience,
  canEdit: z.boolean().describe('The member, staff, or an editor of one of their organisations'),
});

export const ZMemberProfile = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  specialty: z.string().nullable(),
  rpps: z.string().nullable(),
  adeli: z.string().nullable(),
  gln: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  phoneVisibility: ZVisibility,
  emailVisibility: ZVisibility,
  identifiersVisibility: ZVisibility,
  languages: z.array(z.string()),
  channels: z.array(ZChannelOut).describe('Only those the reader may see'),
  goodToKnow: z.string().nullable(),
  accepting: ZMemberAccepting,
  organisations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.string(),
      commune: z.string().nullable(),
      roleTitle: z.string().nullable(),
      canEditServices: z.boolean(),
    }),
  ),
  ...freshness,
});

export const ZOrganisationProfile = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  commune: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  phoneVisibility: ZVisibility,
  emailVisibility: ZVisibility,
  website: z.string().nullable(),
  openingHours: z.string().nullable(),
  channels: z.array(ZChannelOut).describe('Only those the reader may see'),
  goodToKnow: z.string().nullable(),
  members: z.array(
    z.object({
      id: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      profession: z.string(),
      roleTitle: z.string().nullable(),
    }),
  ),
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      accepting: z.string(),
      careStreams: z.array(z.string()),
    }),
  ),
  canAddService: z.boolean(),
  acceptingAudience: ZAudience,
  ...freshness,
});

export const ZServiceProfile = z.object({
  id: z.uuid(),
  organisation: z.object({
    id: z.uuid(),
    name: z.string(),
    type: z.string(),
    commune: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  name: z.string(),
  description: z.string().nullable(),
  missions: z.string().nullable(),
  limits: z.string().nullable(),
  eligibility: z.string().nullable(),
  careStreams: z.array(z.string()),
  communesServed: z.array(z.string()),
  waitingTime: z.string().nullable(),
  accepting: z.string(),
  acceptingConditions: z.string().nullable(),
  acceptingAudience: ZAudience,
  acceptingStale: z
    .boolean()
    .describe('The service was not confirmed in the last 90 days: its status "à confirmer"'),
  hours: z.string().nullable(),
  costNotes: z.string().nullable(),
  channels: z.array(ZChannelOut).describe('Only those the reader may see'),
  goodToKnow: z.string().nullable(),
  ...freshness,
});

export const ZHistoryEntry = z.object({
  version: z.number().int(),
  action: z.string(),
  changedAt: z.iso.datetime(),
  changedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  origin: z
    .enum(['user', 'initial_import', 'system'])
    .describe(
      'Who wrote the version: a user (changedBy), the initial import that filled the directory (first version written by nobody: the demo seed), or the system (a later version written by nobody: a data upgrade)',
    ),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
});

/** The kinds of CSV files the directory imports and exports (the API's path names). */
export const ZCsvKind = z.enum(['organisations', 'members', 'services']);
/**
 * A CSV import may be larger than the 1 MB of other requests (README: 8 MB of CSV, 20,000 rows);
 * its sender is authenticated and must be network staff before the body is read.
 */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;

export const ZImportRequest = z.object({
  csv: z
    .string()
    .min(1)
    .max(IMPORT_MAX_BYTES)
    .describe('The CSV file content (UTF-8, comma or semicolon separated, header row)'),
  dryRun: z
    .boolean()
    .default(true)
    .describe('Only report what would be imported and every rejected row'),
});
export const ZImportReport = z.object({
  kind: ZCsvKind,
  dryRun: z.boolean(),
  total: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int().describe('Line in the file (1 = header)'),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  preview: z.array(z.string()),
  created: z.number().int(),
});
