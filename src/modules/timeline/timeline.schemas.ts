import { z } from 'zod';

export const ZTimelineQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('The cursor: events older than this one (nextCursor of the previous page)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ZTimelineEntry = z.object({
  id: z.number().int(),
  kind: z.string().describe("What happened, e.g. 'care_team.joined', 'access.break_glass'"),
  at: z.iso.datetime(),
  category: z.enum(['identity', 'medical', 'social', 'administrative']),
  actorName: z.string().nullable(),
  memberName: z
    .string()
    .nullable()
    .describe('The directory member the event is about (a team change), when there is one'),
  data: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .describe('A few ids and codes of the event (never free text)'),
  source: z.object({ table: z.string(), id: z.string() }),
  link: z.string().nullable().describe('Where the web app shows the source, when it has a page'),
});

export const ZTimelinePage = z.object({
  items: z.array(ZTimelineEntry),
  nextCursor: z.number().int().nullable().describe('Pass as `before` for the next page'),
});
