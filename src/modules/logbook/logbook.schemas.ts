import { z } from 'zod';
import { LOGBOOK_CATEGORIES } from '../../db/schema/logbook.js';
import { ZAttachment, ZUploads } from '../attachments/attachments.schemas.js';

export const ZLogbookCategory = z
  .enum(LOGBOOK_CATEGORIES)
  .describe('medical, social, administrative or daily life (vie quotidienne)');

export const ZLogbookQuery = z.object({
  category: ZLogbookCategory.optional().describe('Only the entries of this category'),
  before: z
    .uuid()
    .optional()
    .describe('The cursor: entries older than this one (nextCursor of the previous page)'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const ZLogbookIds = z.object({ personId: z.uuid(), attachmentId: z.uuid() });

export const ZNewLogbookEntry = z
  .object({
    category: ZLogbookCategory,
    urgent: z.boolean().default(false),
    text: z.string().trim().min(1).max(5000),
    replyToId: z.uuid().nullable().default(null).describe('The entry this one answers'),
    correctsId: z
      .uuid()
      .nullable()
      .default(null)
      .describe(
        'The entry this one corrects (yours; it keeps its category and stays, shown as corrected)',
      ),
    attachments: ZUploads(),
  })
  .strict();

export const ZLogbookAttachment = ZAttachment;

export const ZLogbookEntry = z.object({
  id: z.uuid(),
  category: ZLogbookCategory,
  urgent: z.boolean(),
  text: z.string(),
  at: z.iso.datetime(),
  authorName: z.string().nullable(),
  mine: z.boolean().describe('I wrote it'),
  unread: z.boolean().describe('Not mine, and I have not read it yet'),
  replyToId: z.uuid().nullable().describe('The entry it answers, when I may see that one'),
  correctsId: z.uuid().nullable(),
  correctedById: z.uuid().nullable().describe('Set when a later entry corrects this one'),
  readers: z.array(z.object({ name: z.string(), at: z.iso.datetime() })),
  attachments: z.array(ZLogbookAttachment),
});

export const ZLogbookPage = z.object({
  items: z.array(ZLogbookEntry),
  nextCursor: z.uuid().nullable().describe('Pass as `before` for the next page'),
  unreadCount: z.number().int().describe('Entries I may see, not mine, not read yet'),
  unreadUrgentCount: z.number().int(),
  readableCategories: z.array(ZLogbookCategory),
  writableCategories: z.array(ZLogbookCategory).describe('The categories I may post in'),
});

export const ZPostedEntry = z.object({ id: z.uuid(), at: z.iso.datetime() });

export const ZMarkRead = z
  .object({ entryIds: z.array(z.uuid()).min(1).max(100) })
  .strict()
  .describe('The entries shown to me: each gets my read receipt');

export const ZMarkedRead = z.object({ marked: z.number().int() });

export type TLogbookCategory = z.infer<typeof ZLogbookCategory>;
export type TNewLogbookEntry = z.infer<typeof ZNewLogbookEntry>;
