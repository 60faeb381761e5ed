/**
 * The person's logbook (transmissions, decision 021): liaison notes by the care team, never edited
 * in place, each category shown only to whom the guard allows — in the page, its counts, the
 * timeline and the urgent notifications alike.
 */
import { LOGBOOK_CATEGORIES } from '../../db/schema/logbook.js';
import type { TContext, TRole } from '../../server/context.js';
import { fieldError, notFound } from '../../server/errors.js';
import { withAuditedRead, withTransaction } from '../../server/transaction.js';
import { decideAccess, type TAccessFacts } from '../access/access.policy.js';
import { accessFactsOf, factsParams, loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccessWith } from '../access/access.service.js';
import { checkUploads, insertAttachments } from '../attachments/attachments.js';
import { insertNotification } from '../notifications/notifications.repository.js';
import { recordPathwayEvent, type TPathwayEventCategory } from '../pathway/pathway-events.js';
import {
  findTargetEntry,
  insertEntry,
  listTeamAccounts,
  markRead,
  readAttachment,
  readLogbookPage,
  type TEntryJson,
} from './logbook.repository.js';
import type { TLogbookCategory, TNewLogbookEntry } from './logbook.schemas.js';

/** Where a logbook category lands on the timeline: daily life is shared like social data. */
export const TIMELINE_CATEGORY: Record<TLogbookCategory, TPathwayEventCategory> = {
  medical: 'medical',
  social: 'social',
  administrative: 'administrative',
  daily_life: 'social',
};

/** The logbook categories the guard lets these facts read (or write). */
export function allowedCategories(
  facts: TAccessFacts,
  action: 'read' | 'write',
): TLogbookCategory[] {
  return LOGBOOK_CATEGORIES.filter((category) => decideAccess(facts, { action, category }).allowed);
}

const iso = (value: string | Date) => new Date(value).toISOString();

function entryOf(row: TEntryJson, userId: string, readable: readonly string[]) {
  const mine = row.author_user_id === userId;
  return {
    id: row.id,
    category: row.category as TLogbookCategory,
    urgent: row.urgent,
    text: row.text,
    at: iso(row.created_at),
    authorName: row.author_name,
    mine,
    unread: !mine && !row.read_by_me,
    // A reply to an entry the reader may not see does not say there is one.
    replyToId:
      row.reply_to_id && row.reply_to_category && readable.includes(row.reply_to_category)
        ? row.reply_to_id
        : null,
    correctsId: row.corrects_id,
    correctedById: row.corrected_by_id,
    readers: row.readers.map((reader) => ({ name: reader.name, at: iso(reader.at) })),
    attachments: row.files,
  };
}

/**
 * A person's logbook page, newest first (decision 019: one statement with the access facts, the
 * audit row, no explicit transaction). The reader must be able to read the person (refused → 404,
 * audited); then only the categories the guard allows are kept, in the entries and in the counts.
 */
export function getLogbookPage(
  ctx: TContext,
  options: {
    personId: string;
    category?: TLogbookCategory | undefined;
    before?: string | undefined;
    limit: number;
  },
) {
  return withAuditedRead(ctx.db, async (read) => {
    const { data: row, facts } = await requirePersonAccessWith(
      ctx,
      read,
      {
        personId: options.personId,
        action: 'read',
        category: 'identity',
        auditAction: 'logbook.read',
        resourceType: 'logbook',
        ...(options.category ? { details: { filter: options.category } } : {}),
      },
      async () => {
        const loaded = await readLogbookPage(read, factsParams(ctx.actor, new Date()), {
          personId: options.personId,
          categories: options.category ? [options.category] : [...LOGBOOK_CATEGORIES],
          before: options.before ?? null,
          perCategory: options.limit + 1,
        });
        return loaded && { facts: accessFactsOf(ctx.actor, loaded), data: loaded };
      },
    );
    const readable = allowedCategories(facts, 'read');
    const visible = row.entries
      .filter((entry) => (readable as string[]).includes(entry.category))
      .sort(
        (a, b) =>
          new Date(b.created_at).getTime() - new Date(a.created_at).getTime() ||
          // Same millisecond: the microseconds (same offset, so the text orders), then the id.
          b.created_at.localeCompare(a.created_at) ||
          b.id.localeCompare(a.id),
      );
    const page = visible.slice(0, options.limit);
    let unreadCount = 0;
    let unreadUrgentCount = 0;
    for (const category of readable) {
      const [n, urgent] = row.unread[category] ?? [0, 0];
      unreadCount += n;
      unreadUrgentCount += urgent;
    }
    return {
      items: page.map((entry) => entryOf(entry, ctx.actor.userId, readable)),
      nextCursor: visible.length > options.limit ? page[page.length - 1]!.id : null,
      unreadCount,
      unreadUrgentCount,
      readableCategories: readable,
      writableCategories: allowedCategories(facts, 'write'),
    };
  });
}

/** Who of the team is told of an urgent entry: those the guard lets read its category. */
async function notifyUrgent(
  ctx: TContext,
  tx: Parameters<Parameters<typeof withTransaction>[1]>[0],
  personId: string,
  category: TLogbookCategory,
  now: Date,
): Promise<number> {
  const accounts = await listTeamAccounts(tx, personId, now);
  const byUser = new Map<string, TAccessFacts>();
  for (const account of accounts) {
    if (account.user_id === ctx.actor.userId) continue;
    const known = byUser.get(account.user_id);
    const facts: TAccessFacts = {
      role: account.role as TRole,
      relation: known?.relation === 'case_manager' ? 'case_manager' : account.relation,
      medicalAccess: (known?.medicalAccess ?? false) || account.medical_access,
      objected: account.objected,
      breakGlass: false,
    };
    byUser.set(account.user_id, facts);
  }
  let told = 0;
  for (const [userId, facts] of byUser) {
    if (!decideAccess(facts, { action: 'read', category }).allowed) continue;
    await insertNotification(tx, {
      userId,
      kind: 'logbook.urgent',
      personId,
      link: `/persons/${personId}#logbook`,
    });
    told++;
  }
  return told;
}

/**
 * Posts an entry (a reply, a correction) with its files, in one transaction: the guard decides on
 * the entry's category (write), the files are checked whole before anything is written, the
 * entry lands on the timeline, and an urgent one tells the team members who may read it.
 */
export function postLogbookEntry(ctx: TContext, personId: string, input: TNewLogbookEntry) {
  return withTransaction(ctx.db, async (tx) => {
    if (input.replyToId && input.correctsId) {
      throw fieldError('correctsId', 'logbook.reply_and_correct');
    }
    // One decision, on the category the entry will have: a correction keeps the category of what
    // it corrects (it replaces it for the same readers). The target is checked once decided.
    const targetId = input.correctsId ?? input.replyToId;
    const loaded = await loadAccessFacts(tx, ctx.actor, personId);
    const found = targetId && loaded ? await findTargetEntry(tx, personId, targetId) : null;
    // An entry of a category the author may not read is as if it did not exist.
    const target =
      found && loaded && (allowedCategories(loaded, 'read') as string[]).includes(found.category)
        ? found
        : null;
    const category =
      input.correctsId && target ? (target.category as TLogbookCategory) : input.category;
    await requirePersonAccessWith(
      ctx,
      tx,
      {
        personId,
        action: 'write',
        category,
        auditAction: 'logbook.entry_post',
        resourceType: 'logbook_entry',
        details: { urgent: input.urgent, files: input.attachments.length },
      },
      async () => loaded && { facts: loaded, data: null },
    );
    if (targetId) {
      const field = input.correctsId ? 'correctsId' : 'replyToId';
      if (!target) {
        throw fieldError(field, 'logbook.entry_not_found');
      }
      if (input.correctsId) {
        if (target.author_user_id !== ctx.actor.userId) {
          throw fieldError(field, 'logbook.correct_own_only');
        }
        if (target.corrected) throw fieldError(field, 'logbook.already_corrected', 'conflict');
      }
    }
    const files = await checkUploads(input.attachments);
    const entry = await insertEntry(tx, {
      personId,
      category,
      urgent: input.urgent,
      text: input.text,
      authorUserId: ctx.actor.userId,
      authorMemberId: ctx.actor.memberId,
      replyToId: input.replyToId,
      correctsId: input.correctsId,
    });
    await insertAttachments(
      tx,
      { personId, table: 'logbook_entries', id: entry.id, userId: ctx.actor.userId },
      files,
    );
    const at = new Date(entry.created_at);
    await recordPathwayEvent(tx, {
      personId,
      kind: 'logbook.entry_posted',
      actorUserId: ctx.actor.userId,
      category: TIMELINE_CATEGORY[category],
      source: { table: 'logbook_entries', id: entry.id },
      data: {
        logbookCategory: category,
        urgent: input.urgent,
        correction: input.correctsId !== null,
        reply: input.replyToId !== null,
        files: files.length,
      },
      at,
    });
    if (input.urgent) await notifyUrgent(ctx, tx, personId, category, at);
    return { id: entry.id, at: at.toISOString() };
  });
}

/** My read receipts on entries shown to me (only those of categories I may read count). */
export function markLogbookRead(ctx: TContext, personId: string, entryIds: string[]) {
  return withTransaction(ctx.db, async (tx) => {
    const { facts } = await requirePersonAccessWith(
      ctx,
      tx,
      {
        personId,
        action: 'read',
        category: 'identity',
        auditAction: 'logbook.read_marked',
        resourceType: 'logbook',
        details: { entries: entryIds.length },
      },
      async () => {
        const loaded = await loadAccessFacts(tx, ctx.actor, personId);
        return loaded && { facts: loaded, data: loaded };
      },
    );
    const readable = allowedCategories(facts, 'read');
    const marked = await markRead(
      tx,
      ctx.actor.userId,
      personId,
      [...new Set(entryIds)],
      [...readable],
    );
    return { marked };
  });
}

/**
 * An attachment's bytes, with the same visibility as its entry: the guard decides on the entry's
 * category (refused or missing → 404, audited); one statement, decision 019.
 */
export function getAttachment(ctx: TContext, personId: string, attachmentId: string) {
  return withAuditedRead(ctx.db, async (read) => {
    const row = await readAttachment(
      read,
      factsParams(ctx.actor, new Date()),
      personId,
      attachmentId,
    );
    const category = (row?.category ?? 'medical') as TLogbookCategory;
    const { data } = await requirePersonAccessWith(
      ctx,
      read,
      {
        personId,
        action: 'read',
        category,
        auditAction: 'logbook.attachment_download',
        resourceType: 'attachment',
        resourceId: attachmentId,
      },
      async () => row && { facts: accessFactsOf(ctx.actor, row), data: row },
    );
    if (!data.attachment_id || !data.content) throw notFound('attachment');
    const content = Buffer.isBuffer(data.content) ? data.content : Buffer.from(data.content);
    return { fileName: data.file_name!, mimeType: data.mime_type!, content };
  });
}
