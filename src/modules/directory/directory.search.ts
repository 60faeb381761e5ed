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

async function countOnly(db: TDb, conditions: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(directoryIndex)
    .where(conditions.length ? and(...conditions) : undefined);
  return row?.n ?? 0;
}

/** One query: every word group must match (any word of a group, as a substring). */
async function runSearch(db: TDb, groups: string[][], filters: TSearchFilters) {
  const conditions = [
    ...groups.map(
      (words) =>
        sql`(${sql.join(
          words.map((w) => sql`${directoryIndex.searchText} LIKE ${`%${w}%`}`),
          sql` OR `,
        )})`,
    ),
    ...filterConditions(filters),
  ];
  const score = groups.length ? sql.join(groups.map(wordScore), sql` + `) : sql`0::int`;
  const rows = await db
    .select({
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
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(directoryIndex)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(
      ...(groups.length ? [sql`${score} DESC`] : []),
      directoryIndex.title,
      directoryIndex.entityId,
    )
    .limit(filters.limit)
    .offset(filters.offset);
  const total = rows[0]?.total ?? (filters.offset > 0 ? await countOnly(db, conditions) : 0);
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
  return {
    total,
    rows: rows.map((r) => {
      const card = cardOf.get(`${r.entityType}:${r.entityId}`);
      return { ...r, subtitle: card?.subtitle ?? null, matchFields: card?.matchFields ?? [] };
    }),
  };
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
 * Ranked search in the directory index. Each word must appear as a substring ("kine" finds
 * "kinesitherapeute"); when nothing matches, mistyped words are replaced by the closest words of
 * the index ("kinesiterapeute" → "kinesitherapeute") and the search runs again.
 */
export function searchIndex(db: TDb, filters: TSearchFilters) {
  // The index lives in memory in practice: tell the planner random reads are cheap, or it prefers
  // a sequential scan of the whole index to the trigram bitmap (5× slower at 75,000 entries).
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL random_page_cost = 1.1`);
    return searchInTransaction(tx, filters);
  });
}

async function searchInTransaction(db: TDb, filters: TSearchFilters) {
  const tokens = searchTokens(filters.q);
  let result = await runSearch(
    db,
    tokens.map((t) => [t]),
    filters,
  );
  if (result.total === 0 && tokens.length) {
    const groups = await Promise.all(tokens.map((t) => correctWord(db, t)));
    if (groups.some((g, i) => g.length !== 1 || g[0] !== tokens[i])) {
      result = await runSearch(db, groups, filters);
    }
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
