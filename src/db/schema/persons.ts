import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { members } from './directory.js';

/** A person followed by the network (patient). Personal data: every access goes through the guard. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The first name the person uses (prénom utilisé). */
    firstName: text('first_name').notNull(),
    /** The name the person uses (nom utilisé): the birth name unless they use another. */
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    /** Commune of residence, its name (shown) and its INSEE code (code officiel géographique). */
    commune: text('commune'),
    communeInsee: text('commune_insee'),
    caseManagerId: uuid('case_manager_id').references(() => members.id),
    // Identity as the INS reference asks for it (decision 011); empty on records made before it.
    /** Nom de naissance (the INS "birth name(s)"). */
    birthName: text('birth_name'),
    /** Every first name of the civil-status record, in order, space-separated (INS "prénoms"). */
    firstNames: text('first_names'),
    /** female / male / other / unknown (FHIR administrative gender; INS F / M / I). */
    sex: text('sex'),
    /** Birth place: an INSEE commune code for France, or an ISO 3166-1 country code abroad. */
    birthPlaceInsee: text('birth_place_insee'),
    birthPlaceName: text('birth_place_name'),
    birthCountry: text('birth_country'),
    address: text('address'),
    postalCode: text('postal_code'),
    phone: text('phone'),
    email: text('email'),
    /** BCP 47 language tag, e.g. fr, ar, pt-BR. */
    preferredLanguage: text('preferred_language'),
    /** INS matricule: the NIR or NIA, 15 characters including its key. */
    insMatricule: text('ins_matricule'),
    /** The OID of the matricule's system (NIR or NIA), see person-identity.rules.ts. */
    insOid: text('ins_oid'),
    /** provisoire / recuperee / validee / qualifiee (the INS identity status). */
    identityStatus: text('identity_status').notNull().default('provisoire'),
    /** The high-trust document the identity was checked against (needed for validee/qualifiee). */
    identityDocument: text('identity_document'),
    /** The person's GP (médecin traitant), a member of the directory. */
    gpMemberId: uuid('gp_member_id').references(() => members.id),
    /** Advance directives (directives anticipées): written or not (null: not asked), and where. */
    advanceDirectives: boolean('advance_directives'),
    advanceDirectivesWhere: text('advance_directives_where'),
    /** In palliative care (null: not recorded). Medical: shown only to medical readers. */
    palliativeCare: boolean('palliative_care'),
    /** Optimistic concurrency: an identity edit names the version it read. */
    version: integer('version').notNull().default(1),
    /** Set on a record merged into another (duplicate): it then answers 404 with this hint. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => persons.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A case manager's home lists their caseload: found by index, not by reading every person.
    index('persons_case_manager_idx').on(t.caseManagerId),
    // Duplicate detection starts from the birth date (person-duplicates.ts).
    index('persons_birth_date_idx').on(t.birthDate),
  ],
);

/**
 * The people around a followed person: caregivers (aidants, several), the trusted person (personne
 * de confiance, at most one) and legal representatives. FHIR FrRelatedPerson (decision 011).
 */
export const personContacts = pgTable(
  'person_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** caregiver / trusted_person / legal_representative */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Their relation to the person, in words: fille, voisin, tuteur… */
    relation: text('relation'),
    phone: text('phone'),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('person_contacts_person_idx').on(t.personId)],
);

/** The care team (cercle de soins): who follows the person, from when to when. */
export const careTeamMembers = pgTable(
  'care_team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    /** The member's role for this person, a code of CARE_TEAM_ROLES (care-team.roles.ts). */
    role: text('role').notNull().default('other'),
    /** Free text beside the role code (e.g. "IDE du matin"). */
    roleTitle: text('role_title'),
    /** Social and home-care roles see medical entries only when granted. */
    medicalAccess: boolean('medical_access').notNull().default(false),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    until: timestamp('until', { withTimezone: true }),
  },
  (t) => [
    index('care_team_members_person_idx').on(t.personId),
    index('care_team_members_member_idx').on(t.memberId),
    uniqueIndex('care_team_members_active_key')
      .on(t.personId, t.memberId)
      .where(sql`${t.until} is null`),
  ],
);

/** The person objects to sharing their data with a given member. */
export const sharingObjections = pgTable(
  'sharing_objections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sharing_objections_active_key')
      .on(t.personId, t.memberId)
      .where(sql`${t.withdrawnAt} is null`),
  ],
);

/** Emergency access outside the care team: a reason, a time limit, always flagged in the audit. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('break_glass_user_person_idx').on(t.userId, t.personId)],
);
