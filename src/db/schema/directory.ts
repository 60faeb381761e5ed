import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

/**
 * GIN indexes of the search tables write each new row straight into the index. With PostgreSQL's
 * default "fastupdate", new rows wait in a pending list that every search reads in full until a
 * vacuum merges it — never, in PGlite (no autovacuum): after an import, searches were 2–3× slower.
 * Directory writes are rare; searches are constant.
 */
const NO_PENDING_LIST = { fastupdate: false } as const;

/** PostgreSQL's tsvector: the words of a text, for GIN word-prefix search. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The words of a normalised text as a tsvector, one lexeme per space-separated word, exactly (no
 * text-search parser: it would split or join words differently from the query's normalisation).
 */
const wordsVector = (column: AnyPgColumn | SQL) =>
  sql`array_to_tsvector(array_remove(string_to_array(${column}, ' '), ''))`;

/**
 * Who may see a way of reaching someone (decision 034): everyone who may read the directory
 * (patients included), the network's professionals, or only those who share a care team with the
 * entry (and network staff). Editors of an entry always see all of it.
 */
export const VISIBILITIES = ['public', 'network', 'care_team'] as const;
export type TVisibility = (typeof VISIBILITIES)[number];

/** One way to reach someone: the kind, the number/address, and when it works best. */
export type TChannel = {
  kind: 'phone' | 'sms' | 'email' | 'secure_messaging' | 'fax' | 'in_person';
  value: string;
  preferred?: boolean;
  bestTimes?: string;
  /** Absent in channels written before decision 034: the entry kind's default applies. */
  visibility?: TVisibility;
};

const visibility = (name: string, byDefault: TVisibility) =>
  text(name, { enum: VISIBILITIES }).notNull().default(byDefault);

const freshness = {
  /** Last time someone checked the entry is true, and who. */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  verifiedBy: uuid('verified_by'),
  /** Optimistic concurrency: an edit names the version it read; a mismatch is a conflict. */
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

const reach = {
  channels: jsonb('channels').$type<TChannel[]>().notNull().default([]),
  /** Free "good to know", e.g. "call before 9am". */
  goodToKnow: text('good_to_know'),
};

/** A structure of the territory (hospital, MSP, CPTS, home-care service…). */
export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  address: text('address'),
  postalCode: text('postal_code'),
  commune: text('commune'),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  phone: text('phone'),
  email: text('email'),
  /** The switchboard and the general address are public unless the organisation says otherwise. */
  phoneVisibility: visibility('phone_visibility', 'public'),
  emailVisibility: visibility('email_visibility', 'public'),
  website: text('website'),
  openingHours: text('opening_hours'),
  ...reach,
  ...freshness,
});

/** A professional of the network (a person in the directory). */
export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  profession: text('profession').notNull(),
  specialty: text('specialty'),
  /** National identifiers, all optional: RPPS / ADELI (France), GLN (Switzerland). */
  rpps: text('rpps'),
  adeli: text('adeli'),
  gln: text('gln'),
  email: text('email'),
  phone: text('phone'),
  /** A professional's own number, address and national identifiers: the network's by default. */
  phoneVisibility: visibility('phone_visibility', 'network'),
  emailVisibility: visibility('email_visibility', 'network'),
  /** RPPS, ADELI and GLN together. */
  identifiersVisibility: visibility('identifiers_visibility', 'network'),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{fr}'::text[]`),
  /**
   * Whether the member takes on new people (decision 033): unset until someone says; the date it
   * was last confirmed and who confirmed it, apart from the whole entry's verification.
   */
  accepting: text('accepting', { enum: ['yes', 'no', 'conditions'] }),
  acceptingConditions: text('accepting_conditions'),
  acceptingConfirmedAt: timestamp('accepting_confirmed_at', { withTimezone: true }),
  acceptingConfirmedBy: uuid('accepting_confirmed_by'),
  ...reach,
  ...freshness,
});

/** Where a member works, their role there, and whether they may edit its services. */
export const memberOrganisations = pgTable(
  'member_organisations',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    roleTitle: text('role_title'),
    canEditServices: boolean('can_edit_services').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.organisationId] }),
    index('member_organisations_org_idx').on(t.organisationId),
  ],
);

/** What an organisation offers: missions, limits (what it does NOT do), who and where. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description'),
    missions: text('missions'),
    limits: text('limits'),
    eligibility: text('eligibility'),
    careStreams: text('care_streams')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    communesServed: text('communes_served')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    waitingTime: text('waiting_time'),
    accepting: text('accepting', { enum: ['yes', 'no', 'conditions'] })
      .notNull()
      .default('yes'),
    acceptingConditions: text('accepting_conditions'),
    hours: text('hours'),
    costNotes: text('cost_notes'),
    ...reach,
    ...freshness,
  },
  (t) => [index('services_org_idx').on(t.organisationId)],
);

/**
 * The search index: one row per member, organisation and service, rebuilt in the same transaction
 * as every change. search_text is lower-case and unaccented, so "kine" finds "kinésithérapeute".
 */
export const directoryIndex = pgTable(
  'directory_index',
  {
    entityType: text('entity_type', { enum: ['member', 'organisation', 'service'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    title: text('title').notNull(),
    searchText: text('search_text').notNull(),
    /** The title, normalised like search_text: a word found in the title ranks higher. */
    titleText: text('title_text').notNull(),
    profession: text('profession'),
    organisationType: text('organisation_type'),
    careStreams: text('care_streams')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    communes: text('communes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    accepting: text('accepting'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    channelKinds: text('channel_kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * search_text without the words of channels hidden from the public (decision 034): what a
     * patient's search matches. Null for rows indexed before it existed (rebuilt at start).
     */
    publicText: text('public_text'),
    /** The kinds of the public channels only (the channel filter of a patient's search). */
    publicChannelKinds: text('public_channel_kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** Every word of search_text: "kine" finds "kinesitherapeute" as a word prefix, by index. */
    searchWords: tsvector('search_words')
      .notNull()
      .generatedAlwaysAs((): SQL => wordsVector(directoryIndex.searchText)),
    /** Every word of the title: entries whose title holds a searched word rank first. */
    titleWords: tsvector('title_words')
      .notNull()
      .generatedAlwaysAs((): SQL => wordsVector(directoryIndex.titleText)),
    /** Every word of public_text (empty while it is null). */
    publicWords: tsvector('public_words')
      .notNull()
      .generatedAlwaysAs((): SQL => wordsVector(sql`coalesce(${directoryIndex.publicText}, '')`)),
  },
  (t) => [
    primaryKey({ columns: [t.entityType, t.entityId] }),
    index('directory_index_trgm_idx')
      .using('gin', sql`${t.searchText} gin_trgm_ops`)
      .with(NO_PENDING_LIST),
    index('directory_index_words_idx').using('gin', t.searchWords).with(NO_PENDING_LIST),
    index('directory_index_title_words_idx').using('gin', t.titleWords).with(NO_PENDING_LIST),
    index('directory_index_public_words_idx').using('gin', t.publicWords).with(NO_PENDING_LIST),
    index('directory_index_public_trgm_idx')
      .using('gin', sql`${t.publicText} gin_trgm_ops`)
      .with(NO_PENDING_LIST),
    // Also INCLUDEs entity_type, search_words and title_words (migration 0007, which Drizzle
    // cannot declare): a broad search walks it in title order without reading the table.
    index('directory_index_title_order_idx').on(t.titleText, t.entityId),
    index('directory_index_streams_idx').using('gin', t.careStreams).with(NO_PENDING_LIST),
    index('directory_index_communes_idx').using('gin', t.communes).with(NO_PENDING_LIST),
    index('directory_index_languages_idx').using('gin', t.languages).with(NO_PENDING_LIST),
    index('directory_index_channels_idx').using('gin', t.channelKinds).with(NO_PENDING_LIST),
    index('directory_index_profession_idx').on(t.profession),
    index('directory_index_org_type_idx').on(t.organisationType),
    index('directory_index_accepting_idx').on(t.accepting),
  ],
);

/**
 * A labelled text of an index row: its value as shown (a French label for a vocabulary field), the
 * other words it is found by (English label, synonyms: never shown), and whether only the network
 * may see it (a channel or an identifier hidden from the public, decision 034).
 */
export type TMatchField = { field: string; value: string; words?: string; network?: boolean };

/**
 * What a result shows besides its title, kept apart from directory_index so that a search scans
 * narrow rows and reads these only for the page it returns.
 */
export const directoryCards = pgTable(
  'directory_cards',
  {
    entityType: text('entity_type', { enum: ['member', 'organisation', 'service'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    subtitle: text('subtitle'),
    /** The labelled texts the index row was built from, to tell a person why a result matched. */
    matchFields: jsonb('match_fields').$type<TMatchField[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId] })],
);

/** Every word of the index, to correct a mistyped search word into words that exist. */
export const directoryWords = pgTable(
  'directory_words',
  { word: text('word').primaryKey() },
  (t) => [
    index('directory_words_trgm_idx')
      .using('gin', sql`${t.word} gin_trgm_ops`)
      .with(NO_PENDING_LIST),
  ],
);

/** Every version of every directory entry: who changed what, when. */
export const directoryHistory = pgTable(
  'directory_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entityType: text('entity_type', { enum: ['member', 'organisation', 'service'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    version: integer('version').notNull(),
    action: text('action', { enum: ['create', 'update', 'verify', 'import'] }).notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>().notNull(),
  },
  (t) => [index('directory_history_entity_idx').on(t.entityType, t.entityId, t.version)],
);
