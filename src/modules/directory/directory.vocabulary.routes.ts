import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { directoryIndex } from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { CSV_COLUMNS, CSV_REQUIRED, type TCsvKind } from './directory.csv.js';
import { getStaleDays } from './directory.freshness.js';
import {
  CARE_STREAMS,
  CHANNEL_KINDS,
  LANGUAGES,
  ORGANISATION_TYPES,
  PROFESSIONS,
} from './directory.vocabulary.js';

const ZTerm = z.object({ code: z.string(), fr: z.string(), en: z.string() });
export const ZVocabulary = z.object({
  professions: z.array(ZTerm),
  organisationTypes: z.array(ZTerm),
  careStreams: z.array(ZTerm),
  channels: z.array(ZTerm),
  languages: z.array(ZTerm),
  communes: z.array(z.string()).describe('Communes that appear in the directory'),
  staleDays: z.number().int().describe('Entries not verified for this many days are flagged'),
  importColumns: z
    .record(
      z.enum(['organisations', 'members', 'services']),
      z.array(z.object({ column: z.string(), required: z.boolean() })),
    )
    .describe('The CSV columns the import reads, per kind of file'),
});

const terms = (list: Record<string, { fr: string; en: string }>) =>
  Object.entries(list).map(([code, t]) => ({ code, fr: t.fr, en: t.en }));

/** The lists behind the filters, and the communes currently in the directory. */
export async function getVocabulary(ctx: TContext) {
  const communes = await ctx.db
    .selectDistinct({ commune: sql<string>`unnest(${directoryIndex.communes})` })
    .from(directoryIndex)
    .orderBy(sql`1`);
  return {
    professions: terms(PROFESSIONS),
    organisationTypes: terms(ORGANISATION_TYPES),
    careStreams: terms(CARE_STREAMS),
    channels: terms(CHANNEL_KINDS),
    languages: terms(LANGUAGES),
    communes: communes.map((c) => c.commune),
    staleDays: await getStaleDays(ctx.db),
    importColumns: Object.fromEntries(
      (Object.keys(CSV_COLUMNS) as TCsvKind[]).map((kind) => [
        kind,
        CSV_COLUMNS[kind].map((column) => ({
          column,
          required: CSV_REQUIRED[kind].includes(column),
        })),
      ]),
    ) as Record<TCsvKind, { column: string; required: boolean }[]>,
  };
}
