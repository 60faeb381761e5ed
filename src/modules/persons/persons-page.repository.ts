/**
 * The two reads every user makes most — one person's page and the list of the people they
 * follow — each in ONE statement that brings the access facts along (ACCESS_FACT_COLUMNS): the
 * guard decides on the facts and hands the rest back only when it allows (access.service.ts).
 * Plain SQL, prepared by name: these run on nearly every request (src/db/statements.ts).
 */
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { withLiveSession } from '../accounts/sessions.repository.js';
import type { TActor } from '../../server/context.js';
import { careTeamRoleOf, type TCareTeamRole } from './care-team.roles.js';
import {
  ACCESS_FACT_COLUMNS,
  accessFactsOf,
  factsParams,
  type TFactsRow,
  type TWithFacts,
} from '../access/access.repository.js';

/** What the list and the page show of a person. */
export type TPersonSummaryRow = {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  commune: string | null;
  caseManagerId: string | null;
};

type TSummaryColumns = {
  first_name: string;
  last_name: string;
  birth_date: string | null;
  commune: string | null;
};

const SUMMARY_COLUMNS = `p.first_name, p.last_name, p.birth_date::text AS birth_date, p.commune`;

function summaryOf(row: TFactsRow & TSummaryColumns): TPersonSummaryRow {
  return {
    id: row.person_id,
    firstName: row.first_name,
    lastName: row.last_name,
    birthDate: row.birth_date,
    commune: row.commune,
    caseManagerId: row.case_manager_id,
  };
}

/** json_agg renders a timestamptz in the session's offset and to the microsecond. */
const isoOf = (text: string) => new Date(text).toISOString();

const PERSON_PAGE = statement(
  'person_page',
  `SELECT ${ACCESS_FACT_COLUMNS}, ${SUMMARY_COLUMNS},
    (SELECT json_build_object('memberId', m.id, 'firstName', m.first_name, 'lastName', m.last_name)
       FROM members m WHERE m.id = p.case_manager_id) AS case_manager,
    COALESCE((
      SELECT json_agg(json_build_object(
               'memberId', c.member_id, 'firstName', m.first_name, 'lastName', m.last_name,
               'profession', m.profession, 'role', c.role, 'roleTitle', c.role_title,
               'medicalAccess', c.medical_access, 'since', c.since)
             ORDER BY m.last_name)
        FROM care_team_members c JOIN members m ON m.id = c.member_id
       WHERE c.person_id = p.id AND (c.until IS NULL OR c.until > $3::timestamptz)),
      '[]'::json) AS care_team,
    COALESCE((
      SELECT json_agg(json_build_object(
               'memberId', o.member_id, 'firstName', m.first_name, 'lastName', m.last_name,
               'reason', o.reason, 'createdAt', o.created_at)
             ORDER BY o.created_at)
        FROM sharing_objections o JOIN members m ON m.id = o.member_id
       WHERE o.person_id = p.id AND o.withdrawn_at IS NULL), '[]'::json) AS objections,
    json_build_object(
      'birthName', p.birth_name, 'firstNames', p.first_names, 'sex', p.sex,
      'birthPlaceInsee', p.birth_place_insee, 'birthPlaceName', p.birth_place_name,
      'birthCountry', p.birth_country, 'address', p.address, 'postalCode', p.postal_code,
      'communeInsee', p.commune_insee, 'phone', p.phone, 'email', p.email,
      'preferredLanguage', p.preferred_language, 'insMatricule', p.ins_matricule,
      'insOid', p.ins_oid, 'identityStatus', p.identity_status,
      'identityDocument', p.identity_document, 'gpMemberId', p.gp_member_id,
      'advanceDirectives', p.advance_directives,
      'advanceDirectivesWhere', p.advance_directives_where,
      'version', p.version, 'mergedIntoId', p.merged_into_id) AS identity,
    (SELECT json_build_object('memberId', m.id, 'firstName', m.first_name,
                              'lastName', m.last_name, 'profession', m.profession)
       FROM members m WHERE m.id = p.gp_member_id) AS gp,
    COALESCE((
      SELECT json_agg(json_build_object(
               'id', k.id, 'kind', k.kind, 'name', k.name, 'relation', k.relation,
               'phone', k.phone, 'email', k.email)
             ORDER BY k.kind <> 'trusted_person', k.kind, k.created_at)
        FROM person_contacts k WHERE k.person_id = p.id), '[]'::json) AS contacts
  FROM persons p WHERE p.id = $4::uuid`,
);

export type TPageRow = TFactsRow &
  TSummaryColumns & {
    case_manager: { memberId: string; firstName: string; lastName: string } | null;
    care_team: {
      memberId: string;
      firstName: string;
      lastName: string;
      profession: string;
      role: string;
      roleTitle: string | null;
      medicalAccess: boolean;
      since: string;
    }[];
    objections: {
      memberId: string;
      firstName: string;
      lastName: string;
      reason: string | null;
      createdAt: string;
    }[];
    identity: TPersonIdentityColumns;
    gp: TPersonPageGp | null;
    contacts: TPersonPageContact[];
  };

/** The identity columns of a person (decision 011), as the page reads them. */
export type TPersonIdentityColumns = {
  birthName: string | null;
  firstNames: string | null;
  sex: string | null;
  birthPlaceInsee: string | null;
  birthPlaceName: string | null;
  birthCountry: string | null;
  address: string | null;
  postalCode: string | null;
  communeInsee: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  insMatricule: string | null;
  insOid: string | null;
  identityStatus: string;
  identityDocument: string | null;
  gpMemberId: string | null;
  advanceDirectives: boolean | null;
  advanceDirectivesWhere: string | null;
  version: number;
  mergedIntoId: string | null;
};
export type TPersonPageGp = {
  memberId: string;
  firstName: string;
  lastName: string;
  profession: string;
};
export type TPersonPageContact = {
  id: string;
  kind: string;
  name: string;
  relation: string | null;
  phone: string | null;
  email: string | null;
};

/** A person's page: identity, case manager, active care team, active objections, contacts, GP. */
export type TPersonPage = TPersonSummaryRow & {
  caseManager: TPageRow['case_manager'];
  careTeam: (TPageRow['care_team'][number] & { role: TCareTeamRole })[];
  objections: TPageRow['objections'];
  identity: TPersonIdentityColumns;
  gp: TPersonPageGp | null;
  contacts: TPersonPageContact[];
};

/** A person's page with the actor's access facts, in one statement; null if no such person. */
export async function loadPersonPage(
  tx: TDb,
  actor: TActor,
  personId: string,
): Promise<TWithFacts<TPersonPage> | null> {
  const [row] = await runStatement<TPageRow>(tx, PERSON_PAGE, [
    ...factsParams(actor, new Date()),
    personId,
  ]);
  return row ? personPageOf(actor, row) : null;
}

/**
 * The same page read in the request's first statement together with the session (decision 019:
 * one round trip for session, facts and page). Parameters: the session token's digest, now, the
 * person's id (runWithSession).
 */
export const PERSON_PAGE_WITH_SESSION = withLiveSession('person_page_with_session', PERSON_PAGE);

/** A person's page and facts from a row of PERSON_PAGE or PERSON_PAGE_WITH_SESSION. */
export function personPageOf(actor: TActor, row: TPageRow): TWithFacts<TPersonPage> {
  return {
    facts: accessFactsOf(actor, row),
    data: {
      ...summaryOf(row),
      caseManager: row.case_manager,
      careTeam: row.care_team.map((m) => ({
        ...m,
        role: careTeamRoleOf(m.role),
        since: isoOf(m.since),
      })),
      objections: row.objections.map((o) => ({ ...o, createdAt: isoOf(o.createdAt) })),
      identity: row.identity,
      gp: row.gp,
      contacts: row.contacts,
    },
  };
}

const MY_PERSONS = statement(
  'my_persons',
  `WITH related AS (
      SELECT id FROM persons WHERE id = $4::uuid
      UNION SELECT id FROM persons WHERE case_manager_id = $2::uuid
      UNION SELECT person_id FROM care_team_members
             WHERE member_id = $2::uuid AND (until IS NULL OR until > $3::timestamptz)
      UNION SELECT person_id FROM break_glass_grants
             WHERE user_id = $1::uuid AND expires_at > $3::timestamptz)
  SELECT ${ACCESS_FACT_COLUMNS}, ${SUMMARY_COLUMNS}
    FROM persons p WHERE p.id IN (SELECT id FROM related) AND p.merged_into_id IS NULL
   ORDER BY p.last_name, p.first_name`,
);

/**
 * The people an actor has a relation with — themselves, their caseload, their care teams, their
 * open break-the-glass grants — sorted by name, each with the actor's access facts.
 */
export async function loadMyPersons(tx: TDb, actor: TActor): Promise<TMyPerson[]> {
  const rows = await runStatement<TMyPersonsRow>(tx, MY_PERSONS, [
    ...factsParams(actor, new Date()),
    actor.personId,
  ]);
  return myPersonsOf(actor, rows);
}

export type TMyPersonsRow = TFactsRow & TSummaryColumns;
export type TMyPerson = TWithFacts<TPersonSummaryRow> & { personId: string };

/**
 * The same list read in the request's first statement together with the session (decision
 * 019). Parameters: the session token's digest, now (runWithSession).
 */
export const MY_PERSONS_WITH_SESSION = withLiveSession('my_persons_with_session', MY_PERSONS, {
  fromSession: { 1: 'user_id', 2: 'member_id', 4: 'person_id' },
  orderBy: 'd.last_name, d.first_name',
});

/** The people and their facts from rows of MY_PERSONS or MY_PERSONS_WITH_SESSION. */
export function myPersonsOf(actor: TActor, rows: readonly TMyPersonsRow[]): TMyPerson[] {
  return rows.map((row) => ({
    personId: row.person_id,
    facts: accessFactsOf(actor, row),
    data: summaryOf(row),
  }));
}
