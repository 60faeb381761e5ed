import { and, sql, type SQL } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { directoryCards, directoryIndex, directoryWords } from '../../db/schema/index.js';
import { normalizeForSearch } from './directory.vocabulary.js';

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
};

/** Query words of two letters or more, normalised like the index. */
export function searchTokens(q: string | undefined): string[] {
  return [
    ...new Set(
      normalizeForSearch(q ?? '')
        .split(' ')
        .filter((t) => t.length >= 2),
    ),
  ].slice(0, 8);
}

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
  contains(directoryIndex.channelKinds, filters.channel);
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
};

/** Word groups as a tsquery: every group, any word of a group, each word as a word prefix. */
function wordsQuery(groups: string[][], join: ' & ' | ' | ' = ' & '): string {
  // Words come from normalizeForSearch: letters, digits, "@" and "." only — nothing to escape in a
  // quoted lexeme; quoting keeps "." and "@" inside the word.
  return groups.map((words) => `(${words.map((w) => `'${w}':*`).join(' | ')})`).join(join);
}

/** Match words as word beginnings, by the GIN word index ("kine" → "kinesitherapeute"). */
function prefixMatch(groups: string[][]): TMatch {
  return {
    condition: sql`${directoryIndex.searchWords} @@ ${wordsQuery(groups)}::tsquery`,
    inTitle: sql`${directoryIndex.titleWords} @@ ${wordsQuery(groups, ' | ')}::tsquery`,
  };
}

/** Match words anywhere inside words ("therapeute" → "kinesitherapeute"), by the trigram index. */
function substringMatch(groups: string[][]): TMatch {
  const any = (column: AnyPgColumn, words: string[]) =>
    sql`(${sql.join(
      words.map((w) => sql`${column} LIKE ${`%${w}%`}`),
      sql` OR `,
    )})`;
  return {
    condition: and(...groups.map((words) => any(directoryIndex.searchText, words)))!,
    inTitle: any(directoryIndex.titleText, groups.flat()),
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
  verifiedAt: directoryIndex.verifiedAt,
};
type TResultRow = Pick<typeof directoryIndex.$inferSelect, keyof typeof resultColumns>;

/** How many entries match, counting no further than SEARCH_COUNT_CAP + 1. */
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
 * then the others by title. No search reads every match: the title matches are ranked apart (by
 * the title word index), the others are counted no further than SEARCH_COUNT_CAP and, when more
 * match, read in title order by the title index only as far as the page — the same order as a
 * full ranking, at a cost that does not grow with the number of matches; the total then reads
 * "more than SEARCH_COUNT_CAP".
 */
async function runSearch(
  db: TDb,
  groups: string[][],
  match: TMatch | null,
  filters: TSearchFilters,
  parallel = true,
) {
  const where = and(...(match ? [match.condition] : []), ...filterConditions(filters));
  const { limit, offset } = filters;
  const cap = filters.countCap ?? SEARCH_COUNT_CAP;
  // Alphabetical whatever the case and accents: "Cabinet" before "CPTS", "École" among the E.
  const byTitle = [directoryIndex.titleText, directoryIndex.entityId];
  const score = sql.join(groups.map(wordScore), sql` + `);
  // A page in title order. "sorted" sorts a narrow set in memory: ordered by title alone, the
  // planner could walk the whole title index for it.
  const page = (condition: SQL | undefined, take: number, skip: number, sorted: boolean) =>
    take <= 0
      ? Promise.resolve([])
      : db
          .select(resultColumns)
          .from(directoryIndex)
          .where(condition)
          .orderBy(...(sorted ? [sql`${score} DESC`] : []), ...byTitle)
          .limit(take)
          .offset(skip);
  if (!match) {
    const counted = await cappedCount(db, where, cap);
    const rows = counted ? await page(where, limit, offset, false) : [];
    return found(db, cap, counted, rows);
  }
  const rest = and(where, sql`NOT ${match.inTitle}`);
  const titledQuery = () =>
    db
      .select({ ...resultColumns, n: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(directoryIndex)
      .where(and(where, match.inTitle))
      .orderBy(sql`${score} DESC`, ...byTitle)
      .limit(offset + limit);
  // Both at once on a pool; one after the other in a transaction (one connection).
  const [titled, restCounted] = parallel
    ? await Promise.all([titledQuery(), cappedCount(db, rest, cap)])
    : [await titledQuery(), await cappedCount(db, rest, cap)];
  const inTitle = titled[0]?.n ?? 0;
  const others = restCounted
    ? await page(
        rest,
        offset + limit - Math.max(inTitle, offset),
        Math.max(0, offset - inTitle),
        restCounted <= cap,
      )
    : [];
  return found(db, cap, inTitle + restCounted, [
    ...titled.slice(offset).map(({ n: _n, ...r }) => r),
    ...others,
  ]);
}

async function found(db: TDb, cap: number, counted: number, rows: TResultRow[]) {
  return {
    total: Math.min(counted, cap),
    totalExact: counted <= cap,
    rows: await withCards(db, rows),
  };
}

/** The subtitle and labelled fields of each row of a page. */
async function withCards(db: TDb, rows: TResultRow[]) {
  const cards = rows.length
    ? await db
        .select()
        .from(directoryCards)
        .where(
          sql`(${directoryCards.entityType}, ${directoryCards.entityId}) IN (${sql.join(
            rows.map((r) => sql`(${r.entityType}, ${r.entityId}::uuid)`),
            sql`, `,
          )})`,
        )
    : [];
  const cardOf = new Map(cards.map((c) => [`${c.entityType}:${c.entityId}`, c]));
  return rows.map((r) => {
    const card = cardOf.get(`${r.entityType}:${r.entityId}`);
    return { ...r, subtitle: card?.subtitle ?? null, matchFields: card?.matchFields ?? [] };
  });
}

/**
 * A word that appears nowhere is probably mistyped: the closest existing words (trigram
 * similarity over the vocabulary of the index) stand in for it.
 */
async function correctWord(db: TDb, word: string): Promise<string[]> {
  const [exists] = await db
    .select({ word: directoryWords.word })
    .from(directoryWords)
    .where(sql`${directoryWords.word} LIKE ${`%${word}%`}`)
    .limit(1);
  if (exists || word.length < 4) return [word];
  const close = await db
    .select({ word: directoryWords.word })
    .from(directoryWords)
    .where(sql`${directoryWords.word} % ${word}`)
    .orderBy(sql`similarity(${directoryWords.word}, ${word}) DESC`)
    .limit(5);
  return close.length ? close.map((c) => c.word) : [word];
}

/**
 * Ranked search in the directory index. Each word must begin a word of the entry ("kine" finds
 * "kinesitherapeute"). When nothing matches, mistyped words are replaced by the closest words of
 * the index ("kinesiterapeute" → "kinesitherapeute"); when still nothing matches, words are looked
 * for anywhere inside words ("therapeute").
 */
export async function searchIndex(db: TDb, filters: TSearchFilters) {
  const tokens = searchTokens(filters.q);
  const groups = tokens.map((t) => [t]);
  if (!tokens.length) return { ...(await runSearch(db, [], null, filters)), tokens };
  let result = await runSearch(db, groups, prefixMatch(groups), filters);
  if (result.total > 0) return { ...result, tokens };
  // Words found nowhere in the index are probably mistyped: their closest words stand in.
  const corrected = await Promise.all(tokens.map((t) => correctWord(db, t)));
  const changed = corrected.some((g, i) => g.length !== 1 || g[0] !== tokens[i]);
  if (changed) result = await runSearch(db, corrected, prefixMatch(corrected), filters);
  if (result.total === 0) {
    // Words inside words ("therapeute" in "kinesitherapeute"), by the trigram index. It lives in
    // memory in practice: tell the planner random reads are cheap, or it prefers a sequential scan
    // of the whole index to the trigram bitmap (5× slower at 75,000 entries).
    const words = changed ? corrected : groups;
    result = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL random_page_cost = 1.1`);
      return runSearch(tx, words, substringMatch(words), filters, false);
    });
  }
  return { ...result, tokens };
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

/** Why an entry matched: for each query word, the labelled field that holds it (or nearly). */
export function explainMatch(tokens: string[], fields: { field: string; value: string }[]) {
  const reasons: { field: string; value: string; exact: boolean }[] = [];
  for (const token of tokens) {
    const exact = fields.find((f) => normalizeForSearch(f.value).includes(token));
    if (exact) {
      if (!reasons.some((r) => r.field === exact.field && r.value === exact.value))
        reasons.push({ ...exact, exact: true });
      continue;
    }
    let best: { field: string; value: string; score: number } | undefined;
    for (const f of fields) {
      const score = wordSimilarity(token, normalizeForSearch(f.value));
      if (!best || score > best.score) best = { ...f, score };
    }
    if (
      best &&
      best.score > 0.2 &&
      !reasons.some((r) => r.field === best.field && r.value === best.value)
    ) {
      reasons.push({ field: best.field, value: best.value, exact: false });
    }
  }
  return reasons;
}
