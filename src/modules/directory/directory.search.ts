import { and, sql, type SQL } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { directoryIndex } from '../../db/schema/index.js';
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

/**
 * Ranked search in the directory index. Each word must appear (as a substring: "kine" finds
 * "kinesitherapeute") or nearly appear (trigram word similarity: typos) in the entry.
 */
export async function searchIndex(db: TDb, filters: TSearchFilters) {
  const tokens = searchTokens(filters.q);
  const conditions: SQL[] = tokens.map(
    (t) =>
      sql`(${directoryIndex.searchText} LIKE ${`%${t}%`} OR ${t} <% ${directoryIndex.searchText})`,
  );
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

  const score = tokens.length
    ? sql.join(
        tokens.map(
          (t) =>
            sql`(word_similarity(${t}, ${directoryIndex.searchText}) + CASE WHEN ${directoryIndex.searchText} LIKE ${`${t}%`} THEN 0.5 WHEN ${directoryIndex.searchText} LIKE ${`% ${t}%`} THEN 0.25 ELSE 0 END)`,
        ),
        sql` + `,
      )
    : sql`0::real`;
  const rows = await db
    .select({
      entityType: directoryIndex.entityType,
      entityId: directoryIndex.entityId,
      title: directoryIndex.title,
      subtitle: directoryIndex.subtitle,
      profession: directoryIndex.profession,
      organisationType: directoryIndex.organisationType,
      careStreams: directoryIndex.careStreams,
      communes: directoryIndex.communes,
      accepting: directoryIndex.accepting,
      languages: directoryIndex.languages,
      channelKinds: directoryIndex.channelKinds,
      verifiedAt: directoryIndex.verifiedAt,
      matchFields: directoryIndex.matchFields,
      score: sql<number>`${score}`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(directoryIndex)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(
      ...(tokens.length ? [sql`${score} DESC`] : []),
      directoryIndex.title,
      directoryIndex.entityId,
    )
    .limit(filters.limit)
    .offset(filters.offset);
  return {
    rows,
    total: rows[0]?.total ?? (filters.offset > 0 ? await countOnly(db, conditions) : 0),
    tokens,
  };
}

async function countOnly(db: TDb, conditions: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(directoryIndex)
    .where(conditions.length ? and(...conditions) : undefined);
  return row?.n ?? 0;
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
