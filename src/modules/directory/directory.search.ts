import { and, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { preparedOn } from '../../db/prepared.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  directoryCards,
  directoryIndex,
  directoryWords,
  members,
  organisations,
  services,
  type TChannel,
  type TMatchField,
  type TVisibility,
} from '../../db/schema/index.js';
import { indexFirstHandle, queriesRunInParallel } from '../../db/client.js';
import { staleDaysFrom, staleDaysValue } from './directory.freshness.js';
import { normalizeForSearch } from './directory.vocabulary.js';
import { groupWords, queryGroups, type TWordGroup } from './directory.words.js';

export type TSearchFilters = {
  q?: string | undefined;
  types?: ('member' | 'organisation' | 'service')[] | undefined;
  profession?: string | undefined;
  organisationType?: string | undefined;
  careStream?: string | undefined;
  commune?: string | undefined;
  accepting?: 'yes' | 'no' | 'conditions' | undefined;
  language?: string | undefined;
  channel?: string | undefined;
  limit: number;
  offset: number;
  /** Count no further than this (tests lower it to exercise broad searches on little data). */
  countCap?: number;
  /**
   * Whose search: the public (patients) match only the words of public fields and channels;
   * the network also those of network ones (decision 034). Nobody matches care-team ones.
   */
  public?: boolean;
};

/** The word columns a reader's search may match. */
const columnsFor = (filters: TSearchFilters) =>
  filters.public
    ? {
        text: directoryIndex.publicText,
        words: directoryIndex.publicWords,
        channels: directoryIndex.publicChannelKinds,
      }
    : {
        text: directoryIndex.searchText,
        words: directoryIndex.searchWords,
        channels: directoryIndex.channelKinds,
      };

/** The typed words as the search reads them (reduced; a table phrase as one), to explain a match. */
export const searchTokens = (q: string | undefined): string[] => queryGroups(q).map((g) => g.typed);

/** One word group per typed word: the word itself, reduced (decision 032). */
const plainGroups = (words: string[][]): TWordGroup[] =>
  words.map((alternatives) => ({
    typed: alternatives[0] ?? '',
    alternatives: alternatives.map((word) => [{ word, prefix: true }]),
    expanded: false,
  }));

/** The filters other than words, as SQL conditions. */
function filterConditions(filters: TSearchFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.types?.length) {
    conditions.push(
      sql`${directoryIndex.entityType} IN (${sql.join(
        filters.types.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  }
  if (filters.profession)
    conditions.push(sql`${directoryIndex.profession} = ${filters.profession}`);
  if (filters.organisationType)
    conditions.push(sql`${directoryIndex.organisationType} = ${filters.organisationType}`);
  if (filters.accepting) conditions.push(sql`${directoryIndex.accepting} = ${filters.accepting}`);
  const contains = (column: AnyPgColumn, value: string | undefined) => {
    if (value) conditions.push(sql`${column} @> ARRAY[${value}]::text[]`);
  };
  contains(directoryIndex.careStreams, filters.careStream);
  contains(directoryIndex.communes, filters.commune);
  contains(directoryIndex.languages, filters.language);
  contains(columnsFor(filters).channels, filters.channel);
  return conditions;
}

/** Cheap relevance of one query word: in the title beats elsewhere, a word start beats the middle (titles are short). */
function wordScore(words: string[]): SQL {
  const any = (column: AnyPgColumn, pattern: (w: string) => string) =>
    sql.join(
      words.map((w) => sql`${column} LIKE ${pattern(w)}`),
      sql` OR `,
    );
  return sql`CASE
    WHEN ${any(directoryIndex.titleText, (w) => `${w}%`)} THEN 4
    WHEN ${any(directoryIndex.titleText, (w) => `% ${w}%`)} THEN 3
    WHEN ${any(directoryIndex.titleText, (w) => `%${w}%`)} THEN 2
    ELSE 1 END`;
}

/** Beyond this many matches a search is "broad": the total says "more than" instead of counting on. */
export const SEARCH_COUNT_CAP = 1000;

type TMatch = {
  /** Every word group must match: any word of a group. */
  condition: SQL;
  /** Rows whose title holds one of the words: they rank above the others. */
  inTitle: SQL;
  /**
   * The condition as checked on each of the rows that the title index found, not looked up in
   * the word index: the same rows (decision 036).
   */
  conditionOnTitled: SQL;
};

/**
 * The words of the index that a prefix begins, when they are few: "soin" → soin, soins. A prefix
 * found this way is looked up as those whole words (decision 041).
 */
export type TPrefixWords = ReadonlyMap<string, string[]>;

/** Prefixes shorter than this stay prefixes: the vocabulary holds the words of three letters or more. */
const SPELLED_OUT_FROM = 3;
/** A prefix that begins more words than this stays a prefix: one range of the index beats many lookups. */
const SPELLED_OUT_UP_TO = 64;

/**
 * The words of the vocabulary (directory_words: every word of three letters or more the indexer
 * ever wrote) that each prefix term of the groups begins, in one statement. A GIN lookup of a
 * prefix (`'soin':*`) collects every matching entry into a bitmap before intersecting; the same
 * words as whole lexemes (`'soins' | 'soin'`) are intersected as they are read, two to four times
 * cheaper on the bench directory (decision 041). The words found are the same: the vocabulary
 * holds every word a prefix of three letters or more can begin (migration 0041 fills it from the
 * index rows), and a stale word of the vocabulary is a lexeme no row has.
 */
async function spelledOutPrefixes(db: TDb, groups: TWordGroup[]): Promise<TPrefixWords> {
  const prefixes = [
    ...new Set(
      groups.flatMap((g) =>
        g.alternatives
          .flat()
          .filter((t) => t.prefix && t.word.length >= SPELLED_OUT_FROM)
          .map((t) => t.word),
      ),
    ),
  ];
  if (!prefixes.length) return new Map();
  const rows = await db.execute(
    sql.join(
      prefixes.map(
        (p) =>
          sql`(SELECT ${p}::text AS prefix, ${directoryWords.word} AS word FROM ${directoryWords} WHERE ${directoryWords.word} LIKE ${`${p}%`} LIMIT ${SPELLED_OUT_UP_TO + 1})`,
      ),
      sql` UNION ALL `,
    ),
  );
  const found = new Map<string, string[]>();
  for (const { prefix, word } of rowsOf<{ prefix: string; word: string }>(rows))
    found.set(prefix, [...(found.get(prefix) ?? []), word]);
  // Past the limit, or no word at all (the prefix then finds nothing either way): a prefix.
  for (const [prefix, words] of found) if (words.length > SPELLED_OUT_UP_TO) found.delete(prefix);
  return found;
}

/** The rows of a db.execute result (node-postgres and PGlite both answer { rows }). */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

/**
 * Word groups as a tsquery: every group; any alternative of a group; every term of an
 * alternative, as a word prefix or a whole word ("IDE" is not the beginning of "identité"). A
 * prefix spelled out (spelledOutPrefixes) is any of its words.
 */
function wordsQuery(
  groups: TWordGroup[],
  join: ' & ' | ' | ' = ' & ',
  spelledOut: TPrefixWords = new Map(),
): string {
  // Words come from normalizeForSearch: letters, digits, "@" and "." only — nothing to escape in a
  // quoted lexeme; quoting keeps "." and "@" inside the word.
  const term = (t: { word: string; prefix: boolean }) => {
    const words = t.prefix ? spelledOut.get(t.word) : undefined;
    if (!words) return `'${t.word}'${t.prefix ? ':*' : ''}`;
    return words.length === 1 ? `'${words[0]}'` : `(${words.map((w) => `'${w}'`).join(' | ')})`;
  };
  return groups
    .map(
      (group) =>
        `(${group.alternatives
          .map((terms) =>
            terms.length === 1 ? term(terms[0]!) : `(${terms.map(term).join(' & ')})`,
          )
          .join(' | ')})`,
    )
    .join(join);
}

/** Match words as word beginnings, by the GIN word index ("kine" → "kinesitherapeute"). */
async function prefixMatch(
  db: TDb,
  groups: TWordGroup[],
  filters: TSearchFilters,
): Promise<TMatch> {
  const spelledOut = await spelledOutPrefixes(db, groups);
  const condition = sql`${columnsFor(filters).words} @@ ${wordsQuery(groups, ' & ', spelledOut)}::tsquery`;
  return {
    condition,
    inTitle: sql`${directoryIndex.titleWords} @@ ${wordsQuery(groups, ' | ', spelledOut)}::tsquery`,
    // "IS TRUE" is not an operator an index serves: the planner cannot intersect the title
    // matches with a second bitmap of the word index, which costs more than the word index lookup
    // of the first query (every entry of every word of the query, thousands for "soins") where
    // checking the title matches' own words costs a few microseconds each (decision 036).
    conditionOnTitled: sql`(${condition}) IS TRUE`,
  };
}

/** Match words anywhere inside words ("therapeute" → "kinesitherapeute"), by the trigram index. */
function substringMatch(groups: string[][], filters: TSearchFilters): TMatch {
  const any = (column: AnyPgColumn, words: string[]) =>
    sql`(${sql.join(
      words.map((w) => sql`${column} LIKE ${`%${w}%`}`),
      sql` OR `,
    )})`;
  const condition = and(...groups.map((words) => any(columnsFor(filters).text, words)))!;
  // The title has no index for words inside words: the trigram index finds the rows.
  return {
    condition,
    inTitle: any(directoryIndex.titleText, groups.flat()),
    conditionOnTitled: condition,
  };
}

const resultColumns = {
  entityType: directoryIndex.entityType,
  entityId: directoryIndex.entityId,
  title: directoryIndex.title,
  profession: directoryIndex.profession,
  organisationType: directoryIndex.organisationType,
  careStreams: directoryIndex.careStreams,
  communes: directoryIndex.communes,
  accepting: directoryIndex.accepting,
  languages: directoryIndex.languages,
  channelKinds: directoryIndex.channelKinds,
  publicChannelKinds: directoryIndex.publicChannelKinds,
  verifiedAt: directoryIndex.verifiedAt,
};

/**
 * Runs statements with the planner kept off sequential scans where an index can answer: on
 * PostgreSQL, on the connections opened so (one round trip a statement, decision 049); on PGlite
 * or inside a caller's transaction, after SET LOCAL in a transaction of their own.
 */
function indexFirst<T>(db: TDb, run: (db: TDb) => Promise<T>): Promise<T> {
  const hinted = indexFirstHandle(db);
  if (hinted) return run(hinted);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return run(tx);
  });
}

/** How many entries match, counting no further than cap + 1. */
async function cappedCount(db: TDb, where: SQL | undefined, cap: number): Promise<number> {
  const matches = db
    .select({ one: sql`1` })
    .from(directoryIndex)
    .where(where)
    .limit(cap + 1)
    .as('matches');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(matches);
  return row?.n ?? 0;
}

/**
 * One ranked page: entries with a searched word in their title first (by relevance, then title),
 * then the others by title, alphabetically whatever the case and accents.
 *
 * No search reads every match. One query reads the matches up to SEARCH_COUNT_CAP + 1 and
 * counts them, and when there are no more ranks them: that is the answer. A broad search (more
 * matches) is read in two tiers: the title matches ranked apart (by the title word index; on a
 * pool, read alongside the first query), then the others in title order by the title index, only
 * as far as the page — the same order as a full ranking, at a cost that does not grow with the
 * number of matches; the total then reads "more than SEARCH_COUNT_CAP". Each step finds keys; the
 * page's rows and cards are read by key at the end, in one statement (decision 052).
 */
async function runSearch(
  db: TDb,
  groups: TWordGroup[],
  match: TMatch | null,
  filters: TSearchFilters,
) {
  const filterWhere = filterConditions(filters);
  const where = and(...(match ? [match.condition] : []), ...filterWhere);
  const { limit, offset } = filters;
  const cap = filters.countCap ?? SEARCH_COUNT_CAP;
  const score = groups.length
    ? sql.join(
        groups.map((g) => wordScore(groupWords(g))),
        sql` + `,
      )
    : sql`0`;
  const inTitle = match?.inTitle ?? sql`false`;
  const byTitle = [directoryIndex.titleText, directoryIndex.entityId];

  // The matches up to cap + 1, read once and counted; ranked only when there are no more: a broad
  // search does not sort cap + 1 rows only to learn that it is broad (decision 052).
  const matches = db.$with('matches').as(
    db
      .select({
        entityType: directoryIndex.entityType,
        entityId: directoryIndex.entityId,
        titleText: directoryIndex.titleText,
        inTitle: sql<boolean>`${inTitle}`.as('in_title'),
        // Relevance orders the title matches only; the others go by title, as in a broad search.
        score: sql<number>`CASE WHEN ${inTitle} THEN ${score} ELSE 0 END`.as('score'),
      })
      .from(directoryIndex)
      .where(where)
      .limit(cap + 1),
  );
  const counted = db
    .$with('counted')
    .as(db.select({ n: sql<number>`count(*)`.mapWith(Number).as('n') }).from(matches));
  const rankOrder = (t: Record<'inTitle' | 'score' | 'titleText' | 'entityId', SQLWrapper>) => [
    sql`${t.inTitle} DESC`,
    sql`${t.score} DESC`,
    sql`${t.titleText}`,
    sql`${t.entityId}`,
  ];
  const rankedQuery = () =>
    indexFirst(db, async (hinted) => {
      // A condition on the count alone: the planner checks it once, before sorting any match.
      const page = hinted
        .select()
        .from(matches)
        .where(sql`${counted.n} <= ${cap}`)
        .orderBy(...rankOrder(matches))
        .limit(limit)
        .offset(offset)
        .as('page');
      const rows = await hinted
        .with(matches, counted)
        .select({
          n: counted.n,
          key: { entityType: page.entityType, entityId: page.entityId },
        })
        .from(counted)
        .leftJoinLateral(page, sql`true`)
        .orderBy(...rankOrder(page));
      return {
        n: rows[0]?.n ?? 0,
        keys: rows.flatMap(({ key }) => (key?.entityId ? [key] : [])),
      };
    });
  // The title matches alone, ranked and counted: the first tier of a broad search. Their keys
  // only: the page's rows are read by key with the others' (decision 052).
  const titledQuery = () =>
    match
      ? db
          .select({
            entityType: directoryIndex.entityType,
            entityId: directoryIndex.entityId,
            n: sql<number>`count(*) over ()`.mapWith(Number),
          })
          .from(directoryIndex)
          // One word in the title is that word matched: the title is one of the indexed fields
          // (its name), so the word index need not be read as well.
          .where(
            groups.length === 1
              ? and(match.inTitle, ...filterWhere)
              : and(match.conditionOnTitled, match.inTitle, ...filterWhere),
          )
          .orderBy(sql`${score} DESC`, ...byTitle)
          .limit(offset + limit)
      : Promise.resolve([]);
  const parallel = match !== null && queriesRunInParallel(db);
  const [ranked, titledAhead] = parallel
    ? await Promise.all([rankedQuery(), titledQuery()])
    : [await rankedQuery(), null];
  if (ranked.n <= cap) return found(db, cap, ranked.n, ranked.keys);

  // Broad: the title matches ranked, then the others in title order.
  const titled = titledAhead ?? (await titledQuery());
  const titleCount = titled[0]?.n ?? 0;
  const take = offset + limit - Math.max(titleCount, offset);
  const skip = Math.max(0, offset - titleCount);
  const notInTitle = match ? [sql`NOT ${match.inTitle}`] : [];
  const rest = {
    where: and(where, ...notInTitle),
    // The words checked on each entry the walk reads, not looked up in the word index: the same
    // rows, and the planner cannot trade the walk for a sort of every match (decision 051).
    walked: and(...(match ? [match.conditionOnTitled] : []), ...filterWhere, ...notInTitle),
  };
  // More than cap matches, at most half of them with the word in their title: the others are many.
  const surelyMany = titleCount <= cap / 2;
  const others = take > 0 ? await restInTitleOrder(db, rest, { take, skip }, surelyMany, cap) : [];
  const keys = [...titled.slice(offset).map(({ n: _n, ...key }) => key), ...others];
  return found(db, cap, ranked.n, keys);
}

/**
 * The entries of a broad search without a searched word in their title, in title order. When
 * they are many (few of the matches have the word in their title), walking the title index finds
 * the page after a short way. When they may be few, they are counted first, and sorted apart if
 * few: a walk for a rare condition would read the whole index.
 */
async function restInTitleOrder(
  db: TDb,
  rest: { where: SQL | undefined; walked: SQL | undefined },
  page: { take: number; skip: number },
  surelyMany: boolean,
  cap: number,
): Promise<TKey[]> {
  const keyColumns = { entityType: directoryIndex.entityType, entityId: directoryIndex.entityId };
  const few = !surelyMany && (await cappedCount(db, rest.where, cap)) <= cap;
  if (few) {
    // Sorted by an expression the title index cannot serve, so the planner reads the matches by
    // the word indexes and sorts them.
    return db
      .select(keyColumns)
      .from(directoryIndex)
      .where(rest.where)
      .orderBy(sql`${directoryIndex.titleText} || ''`, directoryIndex.entityId)
      .limit(page.take)
      .offset(page.skip);
  }
  // Walked in title order. The title index carries the kind and the word vectors (migration
  // 0007): a word search walks the index alone; the caller reads the page's rows by key. Its
  // words are checked on the entries walked: looked up in the word index, a planner that
  // underrates their matches ("aide & soignant": 339 estimated, 3,093 found) sorts them all
  // instead (decision 051).
  return db
    .select(keyColumns)
    .from(directoryIndex)
    .where(rest.walked)
    .orderBy(directoryIndex.titleText, directoryIndex.entityId)
    .limit(page.take)
    .offset(page.skip);
}

/** An entry of the index: its kind and id. */
type TKey = Pick<typeof directoryIndex.$inferSelect, 'entityType' | 'entityId'>;
const keyOf = (k: TKey) => `${k.entityType}:${k.entityId}`;

/*
 * The statement that reads a page's rows and cards by key has one shape whatever the search:
 * prepared under its name (decisions 051, 052), built once per database handle and planned once
 * per connection, the keys given as two arrays — where a list of (kind, id) pairs was built and
 * planned on every search (0.4–0.8 ms of planning for a page of 20).
 */
const KINDS = sql.placeholder('kinds');
const IDS = sql.placeholder('ids');

/** "(entity_type, entity_id) IN (the keys)" for the index, the keys as arrays. */
const KEY_IN: SQL = sql`(${directoryIndex.entityType}, ${directoryIndex.entityId}) IN (SELECT * FROM unnest(${KINDS}::text[], ${IDS}::uuid[]))`;

/** The placeholders' values for a list of keys. */
const keyArrays = (keys: TKey[]) => ({
  kinds: keys.map((k) => k.entityType),
  ids: keys.map((k) => k.entityId),
});

/**
 * A page's rows by key, each with its card — subtitle, why it matched, how to reach the entry —
 * and the network's freshness threshold read along (to flag the rows not verified for long): one
 * statement, prepared once (decision 052).
 */
const pageByKeyQuery = (db: TDb) =>
  db
    .select({
      ...resultColumns,
      subtitle: directoryCards.subtitle,
      matchFields: directoryCards.matchFields,
      staleDays: staleDaysValue,
      // How to reach the entry, read live from its own row (by key: one row per card).
      channels: sql<
        TChannel[]
      >`COALESCE(${members.channels}, ${organisations.channels}, ${services.channels}, '[]'::jsonb)`,
      phone: sql<string | null>`COALESCE(${members.phone}, ${organisations.phone})`,
      email: sql<string | null>`COALESCE(${members.email}, ${organisations.email})`,
      // Who may see them (decision 034): the card's contact is chosen among what the reader sees.
      phoneVisibility: sql<TVisibility | null>`COALESCE(${members.phoneVisibility}, ${organisations.phoneVisibility})`,
      emailVisibility: sql<TVisibility | null>`COALESCE(${members.emailVisibility}, ${organisations.emailVisibility})`,
      acceptingConfirmedAt: members.acceptingConfirmedAt,
    })
    .from(directoryIndex)
    .leftJoin(
      directoryCards,
      and(
        eq(directoryCards.entityType, directoryIndex.entityType),
        eq(directoryCards.entityId, directoryIndex.entityId),
      ),
    )
    .leftJoin(
      members,
      and(eq(directoryIndex.entityType, 'member'), eq(members.id, directoryIndex.entityId)),
    )
    .leftJoin(
      organisations,
      and(
        eq(directoryIndex.entityType, 'organisation'),
        eq(organisations.id, directoryIndex.entityId),
      ),
    )
    .leftJoin(
      services,
      and(eq(directoryIndex.entityType, 'service'), eq(services.id, directoryIndex.entityId)),
    )
    .where(KEY_IN)
    .prepare('directory_page_by_key');

/** The page of the given keys, in their order (an entry removed meanwhile is left out). */
async function pageByKey(db: TDb, keys: TKey[]) {
  const read = keys.length
    ? await preparedOn(db, 'directory_page_by_key', pageByKeyQuery).execute(keyArrays(keys))
    : [];
  const byKey = new Map(read.map(({ staleDays: _s, ...row }) => [keyOf(row), row]));
  return {
    rows: keys.flatMap((k) => {
      const row = byKey.get(keyOf(k));
      return row ? [{ ...row, matchFields: row.matchFields ?? [] }] : [];
    }),
    staleDays: staleDaysFrom(read[0]?.staleDays),
  };
}

async function found(db: TDb, cap: number, counted: number, keys: TKey[]) {
  return {
    total: Math.min(counted, cap),
    totalExact: counted <= cap,
    ...(await pageByKey(db, keys)),
  };
}

/**
 * Words that appear nowhere are probably mistyped: the closest existing words (trigram
 * similarity over the vocabulary of the index) stand in for each.
 */
async function correctWords(db: TDb, words: string[]): Promise<string[][]> {
  // A word of fewer than four letters stays as typed: nothing to look up.
  const looked = words.flatMap((word, i) => (word.length >= 4 ? [{ word, i }] : []));
  if (!looked.length) return words.map((word) => [word]);
  // Every word in one statement: a word found inside a word of the vocabulary stays as typed
  // (null); the closest words stand in for the others. The planner underrates the cost of
  // similarity and scans the whole vocabulary (4 ms at 5,000 words) where the trigram index
  // answers in 0.1 ms: index first.
  const rows = await indexFirst(db, (hinted) =>
    hinted.execute(
      sql.join(
        looked.map(
          ({ word, i }) =>
            sql`(SELECT ${i}::int AS i, CASE WHEN EXISTS (SELECT 1 FROM ${directoryWords} WHERE ${directoryWords.word} LIKE ${`%${word}%`}) THEN NULL ELSE ARRAY(SELECT ${directoryWords.word} FROM ${directoryWords} WHERE ${directoryWords.word} % ${word} ORDER BY similarity(${directoryWords.word}, ${word}) DESC LIMIT 5) END AS close)`,
        ),
        sql` UNION ALL `,
      ),
    ),
  );
  const close = new Map<number, string[] | null>();
  for (const row of rowsOf<{ i: number; close: string[] | null }>(rows))
    close.set(row.i, row.close);
  return words.map((word, i) => {
    const found = close.get(i);
    return found?.length ? found : [word];
  });
}

/**
 * Ranked search in the directory index. Each word must begin a word of the entry ("kine" finds
 * "kinesitherapeute"). When nothing matches, mistyped words are replaced by the closest words of
 * the index ("kinesiterapeute" → "kinesitherapeute"); when still nothing matches, words are looked
 * for anywhere inside words ("therapeute").
 */
export async function searchIndex(db: TDb, filters: TSearchFilters) {
  const groups = queryGroups(filters.q);
  // What each group stands for, to tell why an entry matched: the typed word first.
  const tokens = groups.map((g) => g.typed);
  const alternatives = groups.map((g) => [g.typed, ...groupWords(g).filter((w) => w !== g.typed)]);
  const answer = <T>(result: T) => ({ ...result, tokens, alternatives });
  if (!groups.length) return answer(await runSearch(db, [], null, filters));
  let result = await runSearch(db, groups, await prefixMatch(db, groups, filters), filters);
  if (result.total > 0) return answer(result);
  // Words found nowhere in the index are probably mistyped: their closest words stand in. A group
  // the synonym table expanded is kept as it is.
  const plain = groups.filter((g) => !g.expanded).map((g) => g.typed);
  const corrections = await correctWords(db, plain);
  const changed = corrections.some((c, j) => c.length !== 1 || c[0] !== plain[j]);
  let k = 0;
  const corrected = groups.map((g) => (g.expanded ? g : plainGroups([corrections[k++]!])[0]!));
  if (changed)
    result = await runSearch(db, corrected, await prefixMatch(db, corrected, filters), filters);
  if (result.total === 0) {
    // Words inside words ("therapeute" in "kinesitherapeute"), by the trigram index. It lives in
    // memory in practice: tell the planner random reads are cheap, or it prefers a sequential scan
    // of the whole index to the trigram bitmap (5× slower at 75,000 entries).
    const words = changed ? corrected : groups;
    result = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL random_page_cost = 1.1`);
      return runSearch(tx, words, substringMatch(words.map(groupWords), filters), filters);
    });
  }
  return answer(result);
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Similarity of a query word to the closest word of a text (like pg_trgm's word_similarity). */
export function wordSimilarity(token: string, text: string): number {
  const wanted = trigrams(token);
  let best = 0;
  for (const word of text.split(' ')) {
    const got = trigrams(word);
    let shared = 0;
    for (const gram of wanted) if (got.has(gram)) shared++;
    best = Math.max(best, shared / (wanted.size + got.size - shared));
  }
  return best;
}

/** A stretch of a shown value to highlight: the characters [start, end). */
export type TMark = { start: number; end: number };
/** Why an entry matched, as the reader reads it: the field, what it says, the words that matched. */
export type TMatchReason = { field: string; value: string; exact: boolean; marks: TMark[] };

/** Texts longer than this are shown as an excerpt around the first word that matched. */
const EXCERPT_OVER = 80;
const EXCERPT_BEFORE = 4;
const EXCERPT_AFTER = 6;

/**
 * normalizeForSearch with a memory: a page's reasons normalise the same field values once per
 * query word and the same words in every row (decision 036).
 */
export function memoNormalize(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let normalized = seen.get(text);
    if (normalized === undefined) {
      normalized = normalizeForSearch(text);
      seen.set(text, normalized);
    }
    return normalized;
  };
}

/** The words of a shown text, with where each one is. */
function wordsAt(
  text: string,
  normalize: (text: string) => string,
): { start: number; end: number; word: string }[] {
  return [...text.matchAll(/\S+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: normalize(m[0]),
  }));
}

/** What marks a shown word: a searched word anywhere in it, or a word it stands for at a word start. */
type TWanted = { inside: string[]; starts: string[] };
const NOTHING_WANTED: TWanted = { inside: [], starts: [] };

/**
 * The value as shown, cut around the first matched word when long, with the words that hold a
 * searched word marked. A value found only by its hidden words (an English label, a synonym,
 * a number written without spaces), or translated for the reader, is marked whole when
 * wholeIfNone: it is what those words mean.
 */
function shownWithMarks(
  value: string,
  wanted: TWanted,
  wholeIfNone: boolean,
  normalize: (text: string) => string,
) {
  const hits = (w: string) =>
    w !== '' &&
    (wanted.inside.some((t) => w.includes(t)) ||
      wanted.starts.some((t) => ` ${w}`.includes(` ${t}`)));
  let text = value;
  let words = wordsAt(text, normalize);
  const first = Math.max(
    0,
    words.findIndex((w) => hits(w.word)),
  );
  if (text.length > EXCERPT_OVER && words.length) {
    const from = Math.max(0, first - EXCERPT_BEFORE);
    const to = Math.min(words.length, first + EXCERPT_AFTER + 1);
    text = [
      from > 0 ? '…' : '',
      text.slice(words[from]!.start, words[to - 1]!.end),
      to < words.length ? '…' : '',
    ].join('');
    words = wordsAt(text, normalize);
  }
  const marks = words.filter((w) => hits(w.word)).map(({ start, end }) => ({ start, end }));
  if (!marks.length && wholeIfNone && text.length)
    return { text, marks: [{ start: 0, end: text.length }] };
  return { text, marks };
}

/**
 * Why an entry matched, in the reader's language (decision 034): for each query word, the labelled
 * field that holds it — by its shown value, else by its hidden words (never shown themselves), else
 * the closest one — with the matching words marked. Fields the reader may not see are left out.
 * A word may stand for others (`alternatives`, in the order of `tokens`, decision 032: "ide" for
 * "infirmier"): the field that holds any of them is an exact reason too.
 */
export function explainMatch(
  tokens: string[],
  fields: TMatchField[],
  options: {
    public: boolean;
    localize: (field: string, value: string) => string;
    alternatives?: string[][];
    /** normalizeForSearch, remembered across the rows of a page (memoNormalize). */
    normalize?: (text: string) => string;
  },
): TMatchReason[] {
  const normalize = options.normalize ?? memoNormalize();
  const readable = fields.filter((f) => f.field !== 'keywords' && !(options.public && f.network));
  const found = new Map<TMatchField, { exact: boolean; wanted: TWanted }>();
  const note = (f: TMatchField, wanted: TWanted, exact: boolean) => {
    const seen = found.get(f);
    if (seen) {
      seen.wanted.inside.push(...wanted.inside);
      seen.wanted.starts.push(...wanted.starts);
    } else
      found.set(f, { exact, wanted: { inside: [...wanted.inside], starts: [...wanted.starts] } });
  };
  for (const [i, token] of tokens.entries()) {
    const others = (options.alternatives?.[i] ?? []).filter((w) => w !== token);
    // The typed word anywhere (as the substring stage finds it); the words it stands for as
    // words ("as" for "aide-soignant" is not in "association").
    const holds = (value: string | undefined) => {
      const text = normalize(value ?? '');
      return (
        text !== '' && (text.includes(token) || others.some((w) => ` ${text}`.includes(` ${w}`)))
      );
    };
    const wanted = { inside: token.split(' '), starts: others };
    const inValue = readable.find((f) => holds(f.value));
    if (inValue) {
      note(inValue, wanted, true);
      continue;
    }
    const inWords = readable.find((f) => holds(f.words));
    if (inWords) {
      note(inWords, wanted, true);
      continue;
    }
    let best: { field: TMatchField; score: number } | undefined;
    for (const f of readable) {
      const score = wordSimilarity(token, normalize(`${f.value} ${f.words ?? ''}`));
      if (!best || score > best.score) best = { field: f, score };
    }
    if (best && best.score > 0.2 && !found.has(best.field)) note(best.field, NOTHING_WANTED, false);
  }
  return [...found].map(([f, how]) => {
    const value = options.localize(f.field, f.value);
    // A label shown in another language than the one it matched in is what matched: marked whole.
    const { text, marks } = how.exact
      ? shownWithMarks(value, how.wanted, true, normalize)
      : shownWithMarks(value, NOTHING_WANTED, false, normalize);
    return { field: f.field, value: text, exact: how.exact, marks };
  });
}
