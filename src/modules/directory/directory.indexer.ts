import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { TDb } from '../../db/client.js';
import {
  directoryCards,
  directoryIndex,
  directoryWords,
  memberOrganisations,
  members,
  networkSettings,
  organisations,
  services,
  type TChannel,
  type TMatchField,
  type TVisibility,
} from '../../db/schema/index.js';
import { channelVisibility, type TEntryKind } from './directory.visibility.js';
import {
  CARE_STREAMS,
  CHANNEL_KINDS,
  LANGUAGES,
  ORGANISATION_TYPES,
  PROFESSIONS,
  normalizeForSearch,
  termWords,
} from './directory.vocabulary.js';
import { joinedNameForms } from './directory.words.js';

/**
 * The version of what the indexer writes. Raise it when the index of an entry changes form (not
 * for a new synonym: synonyms are applied to the query): existing databases are then re-indexed
 * at start (reindexDirectoryIfStale). 2: the joined forms of names (decision 032). 3: the public
 * text and channel kinds, care-team-only fields left out (decision 034).
 */
export const DIRECTORY_INDEX_VERSION = 3;

type TIndexRow = typeof directoryIndex.$inferInsert & {
  subtitle: string | null;
  matchFields: TMatchField[];
};
/** A labelled text of the entry; hidden from the public when network, not indexed when care_team. */
type TField = { field: string; value: string; words?: string; visibility?: TVisibility };

const CHUNK = 500;
type TTermList = Record<string, Parameters<typeof termWords>[0]>;
const label = (list: TTermList, code: string | null | undefined) =>
  code ? (list[code]?.fr ?? code) : '';
const words = (list: TTermList, code: string | null | undefined) =>
  code ? termWords(list[code]) : '';
/** A vocabulary field: its French label shown, found by its English label and synonyms too. */
const term = (field: string, list: TTermList, code: string | null | undefined): TField => ({
  field,
  value: label(list, code),
  words: words(list, code),
});

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const fieldText = (f: TField) => [f.value, f.words ?? ''].join(' ');

/**
 * An index row. The title must be among the fields (as "name"): searches rely on it. A field only
 * care teams may see is not indexed at all (the index cannot tell who shares a care team with
 * whom); a network field is in search_text, not in public_text (decision 034).
 */
function row(
  base: Omit<
    TIndexRow,
    | 'searchText'
    | 'publicText'
    | 'matchFields'
    | 'titleText'
    | 'channelKinds'
    | 'publicChannelKinds'
  >,
  fields: TField[],
  channels: { kind: TEntryKind; list: TChannel[] },
): TIndexRow {
  const reach = channels.list.map((c) => ({
    ...c,
    visibility: channelVisibility(channels.kind, c),
  }));
  const kept = [
    ...fields,
    ...reach.flatMap((c): TField[] => [
      { ...term('channel', CHANNEL_KINDS, c.kind), visibility: c.visibility },
      { field: c.kind, value: c.value, words: contactWords(c.value), visibility: c.visibility },
    ]),
  ].filter((f) => f.value.trim() !== '' && f.visibility !== 'care_team');
  const isPublic = (f: TField) => (f.visibility ?? 'public') === 'public';
  const kinds = (visible: (v: TVisibility) => boolean) => [
    ...new Set(reach.filter((c) => visible(c.visibility)).map((c) => c.kind)),
  ];
  return {
    ...base,
    matchFields: kept.map((f) => ({
      field: f.field,
      value: f.value,
      ...(f.words ? { words: f.words } : {}),
      ...(isPublic(f) ? {} : { network: true }),
    })),
    searchText: normalizeForSearch(kept.map(fieldText).join(' ')),
    publicText: normalizeForSearch(kept.filter(isPublic).map(fieldText).join(' ')),
    titleText: normalizeForSearch(base.title),
    channelKinds: kinds((v) => v !== 'care_team'),
    publicChannelKinds: kinds((v) => v === 'public'),
  };
}

/** A number is also found written without its spaces, dots or dashes ("0612345678"). */
export function contactWords(value: string): string {
  const digits = value.replace(/[\s.()-]/g, '');
  return /^\+?\d{6,}$/.test(digits) ? digits.replace('+', '') : '';
}

/** A contact or an identifier, with the visibility its owner chose. */
const contact = (field: string, value: string | null, visibility: TVisibility): TField => ({
  field,
  value: value ?? '',
  words: field === 'phone' ? contactWords(value ?? '') : '',
  visibility,
});

/**
 * The columns an upsert refreshes, from the row it would have inserted — and only when one of
 * them changes: an edit that leaves what the directory shows unchanged (a member's "good to know",
 * their hours) writes no new version of the index row, and so no new entry in its trigram
 * indexes (decision 055).
 */
function refreshedOnlyIfChanged(columns: Record<string, AnyPgColumn>): {
  set: Record<string, SQL>;
  setWhere: SQL;
} {
  const current = Object.values(columns);
  const excluded = current.map((column) => sql.raw(`excluded.${column.name}`));
  return {
    set: Object.fromEntries(
      Object.entries(columns).map(([key, column]) => [key, sql.raw(`excluded.${column.name}`)]),
    ),
    setWhere: sql`(${sql.join(current, sql`, `)}) IS DISTINCT FROM (${sql.join(excluded, sql`, `)})`,
  };
}

async function upsert(tx: TDb, rows: TIndexRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await tx
      .insert(directoryCards)
      .values(
        part.map((r) => ({
          entityType: r.entityType,
          entityId: r.entityId,
          subtitle: r.subtitle,
          matchFields: r.matchFields,
        })),
      )
      .onConflictDoUpdate({
        target: [directoryCards.entityType, directoryCards.entityId],
        ...refreshedOnlyIfChanged({
          subtitle: directoryCards.subtitle,
          matchFields: directoryCards.matchFields,
        }),
      });
  }
  const vocabulary = [
    ...new Set(rows.flatMap((r) => r.searchText.split(' ')).filter((w) => w.length >= 3)),
  ];
  for (const part of chunks(vocabulary)) {
    await tx
      .insert(directoryWords)
      .values(part.map((word) => ({ word })))
      .onConflictDoNothing();
  }
  for (const part of chunks(rows)) {
    await tx
      .insert(directoryIndex)
      .values(part.map(({ subtitle: _subtitle, matchFields: _fields, ...index }) => index))
      .onConflictDoUpdate({
        target: [directoryIndex.entityType, directoryIndex.entityId],
        ...refreshedOnlyIfChanged({
          title: directoryIndex.title,
          searchText: directoryIndex.searchText,
          titleText: directoryIndex.titleText,
          profession: directoryIndex.profession,
          organisationType: directoryIndex.organisationType,
          careStreams: directoryIndex.careStreams,
          communes: directoryIndex.communes,
          accepting: directoryIndex.accepting,
          languages: directoryIndex.languages,
          channelKinds: directoryIndex.channelKinds,
          publicText: directoryIndex.publicText,
          publicChannelKinds: directoryIndex.publicChannelKinds,
          verifiedAt: directoryIndex.verifiedAt,
        }),
      });
  }
}

/** Rebuilds the index rows of these members (their organisations and services included). */
export async function indexMembers(tx: TDb, ids: string[]): Promise<void> {
  for (const part of chunks([...new Set(ids)])) {
    const people = await tx.select().from(members).where(inArray(members.id, part));
    const links = await tx
      .select({
        memberId: memberOrganisations.memberId,
        roleTitle: memberOrganisations.roleTitle,
        organisationId: organisations.id,
        name: organisations.name,
        commune: organisations.commune,
      })
      .from(memberOrganisations)
      .innerJoin(organisations, eq(organisations.id, memberOrganisations.organisationId))
      .where(inArray(memberOrganisations.memberId, part));
    const orgIds = [...new Set(links.map((l) => l.organisationId))];
    const offered = orgIds.length
      ? await tx
          .select({ organisationId: services.organisationId, careStreams: services.careStreams })
          .from(services)
          .where(inArray(services.organisationId, orgIds))
      : [];
    const rows = people.map((m) => {
      const workplaces = links.filter((l) => l.memberId === m.id);
      const streams = new Set(
        offered
          .filter((s) => workplaces.some((l) => l.organisationId === s.organisationId))
          .flatMap((s) => s.careStreams),
      );
      const communes = [
        ...new Set(workplaces.map((l) => l.commune).filter((c): c is string => !!c)),
      ];
      return row(
        {
          entityType: 'member',
          entityId: m.id,
          title: `${m.firstName} ${m.lastName}`,
          subtitle: [label(PROFESSIONS, m.profession), m.specialty, workplaces[0]?.name]
            .filter(Boolean)
            .join(' · '),
          profession: m.profession,
          organisationType: null,
          careStreams: [...streams],
          communes,
          accepting: m.accepting,
          languages: m.languages,
          verifiedAt: m.verifiedAt,
        },
        [
          {
            field: 'name',
            value: `${m.firstName} ${m.lastName}`,
            words: joinedNameForms(`${m.firstName} ${m.lastName}`).join(' '),
          },
          term('profession', PROFESSIONS, m.profession),
          { field: 'specialty', value: m.specialty ?? '' },
          ...workplaces.map((l) => ({ field: 'organisation', value: l.name })),
          ...workplaces.map((l) => ({ field: 'role', value: l.roleTitle ?? '' })),
          ...communes.map((c) => ({ field: 'commune', value: c })),
          ...[...streams].map((s) => term('careStream', CARE_STREAMS, s)),
          ...m.languages.map((l) => term('language', LANGUAGES, l)),
          contact('phone', m.phone, m.phoneVisibility),
          contact('email', m.email, m.emailVisibility),
          contact('rpps', m.rpps, m.identifiersVisibility),
          contact('adeli', m.adeli, m.identifiersVisibility),
          contact('gln', m.gln, m.identifiersVisibility),
        ],
        { kind: 'member', list: m.channels },
      );
    });
    await upsert(tx, rows);
  }
}

/** Rebuilds the index rows of these organisations. */
export async function indexOrganisations(tx: TDb, ids: string[]): Promise<void> {
  for (const part of chunks([...new Set(ids)])) {
    const orgs = await tx.select().from(organisations).where(inArray(organisations.id, part));
    const offered = await tx
      .select({
        organisationId: services.organisationId,
        name: services.name,
        careStreams: services.careStreams,
        communesServed: services.communesServed,
        accepting: services.accepting,
      })
      .from(services)
      .where(inArray(services.organisationId, part));
    const rows = orgs.map((o) => {
      const own = offered.filter((s) => s.organisationId === o.id);
      const streams = [...new Set(own.flatMap((s) => s.careStreams))];
      const communes = [
        ...new Set(
          [o.commune, ...own.flatMap((s) => s.communesServed)].filter((c): c is string => !!c),
        ),
      ];
      return row(
        {
          entityType: 'organisation',
          entityId: o.id,
          title: o.name,
          subtitle: [label(ORGANISATION_TYPES, o.type), o.commune].filter(Boolean).join(' · '),
          profession: null,
          organisationType: o.type,
          careStreams: streams,
          communes,
          accepting: own.some((s) => s.accepting === 'yes')
            ? 'yes'
            : own.some((s) => s.accepting === 'conditions')
              ? 'conditions'
              : own.length
                ? 'no'
                : null,
          languages: [],
          verifiedAt: o.verifiedAt,
        },
        [
          {
            field: 'name',
            value: o.name,
            words: joinedNameForms(o.name, { particles: false }).join(' '),
          },
          term('organisationType', ORGANISATION_TYPES, o.type),
          ...communes.map((c) => ({ field: 'commune', value: c })),
          ...own.map((s) => ({ field: 'service', value: s.name })),
          ...streams.map((s) => term('careStream', CARE_STREAMS, s)),
          { field: 'address', value: [o.address, o.postalCode].filter(Boolean).join(' ') },
          contact('phone', o.phone, o.phoneVisibility),
          contact('email', o.email, o.emailVisibility),
        ],
        { kind: 'organisation', list: o.channels },
      );
    });
    await upsert(tx, rows);
  }
}

/** Rebuilds the index rows of these services. */
export async function indexServices(tx: TDb, ids: string[]): Promise<void> {
  for (const part of chunks([...new Set(ids)])) {
    const offered = await tx
      .select({
        service: services,
        organisationName: organisations.name,
        organisationType: organisations.type,
        commune: organisations.commune,
      })
      .from(services)
      .innerJoin(organisations, eq(organisations.id, services.organisationId))
      .where(inArray(services.id, part));
    const rows = offered.map(({ service: s, organisationName, organisationType, commune }) => {
      const communes = [...new Set([...s.communesServed, commune].filter((c): c is string => !!c))];
      return row(
        {
          entityType: 'service',
          entityId: s.id,
          title: s.name,
          subtitle: organisationName,
          profession: null,
          organisationType,
          careStreams: s.careStreams,
          communes,
          accepting: s.accepting,
          languages: [],
          verifiedAt: s.verifiedAt,
        },
        [
          { field: 'name', value: s.name },
          { field: 'organisation', value: organisationName },
          { field: 'description', value: s.description ?? '' },
          { field: 'missions', value: s.missions ?? '' },
          ...s.careStreams.map((c) => term('careStream', CARE_STREAMS, c)),
          ...communes.map((c) => ({ field: 'commune', value: c })),
          term('organisationType', ORGANISATION_TYPES, organisationType),
          { field: 'eligibility', value: s.eligibility ?? '' },
        ],
        { kind: 'service', list: s.channels },
      );
    });
    await upsert(tx, rows);
  }
}

/**
 * After a bulk change (an import), the search tables are vacuumed and analysed at once: the
 * planner's statistics describe the new rows, and the visibility map lets counts skip the table.
 * PostgreSQL's autovacuum would do it some minutes later; PGlite has no autovacuum at all. A
 * failure here changes nothing of the import (already committed): it is only slower searches.
 */
export async function tidySearchTables(db: TDb): Promise<void> {
  try {
    await db.execute(sql`VACUUM (ANALYZE) ${directoryIndex}, ${directoryCards}, ${directoryWords}`);
  } catch {
    // Not the owner of the tables (a managed database): autovacuum will do it.
  }
}

const INDEX_VERSION_KEY = 'directory_index_version';
/** Taken while re-indexing at start: a second instance starting at once waits, then skips. */
const REINDEX_LOCK = 7_428_032;

/**
 * Re-indexes every directory entry when the index was written by an older indexer
 * (DIRECTORY_INDEX_VERSION), so that an upgrade leaves no row searchable only the old way. Run at
 * start, before the server answers; on a database without entries it only records the version.
 * Returns how many entries were re-indexed.
 */
export async function reindexDirectoryIfStale(db: TDb): Promise<number> {
  const reindexed = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${REINDEX_LOCK})`);
    const [row] = await tx
      .select({ value: networkSettings.value })
      .from(networkSettings)
      .where(eq(networkSettings.key, INDEX_VERSION_KEY));
    if (Number(row?.value ?? 1) >= DIRECTORY_INDEX_VERSION) return 0;
    const ids = async (table: typeof organisations | typeof services | typeof members) =>
      (await tx.select({ id: table.id }).from(table)).map((r) => r.id);
    const [orgIds, serviceIds, memberIds] = [
      await ids(organisations),
      await ids(services),
      await ids(members),
    ];
    await indexOrganisations(tx, orgIds);
    await indexServices(tx, serviceIds);
    await indexMembers(tx, memberIds);
    await tx
      .insert(networkSettings)
      .values({ key: INDEX_VERSION_KEY, value: DIRECTORY_INDEX_VERSION })
      .onConflictDoUpdate({
        target: networkSettings.key,
        set: { value: DIRECTORY_INDEX_VERSION, updatedAt: new Date() },
      });
    return orgIds.length + serviceIds.length + memberIds.length;
  });
  if (reindexed > 0) await tidySearchTables(db);
  return reindexed;
}
