/**
 * The logbook's calls (decision 021), typed from the server's zod schemas (decision 009).
 */
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/logbook/logbook.schemas';
import { listOf, request } from '../../api';

export type LogbookPage = z.output<typeof schemas.ZLogbookPage>;
export type LogbookEntry = z.output<typeof schemas.ZLogbookEntry>;
export type LogbookCategory = z.output<typeof schemas.ZLogbookCategory>;
export type NewLogbookEntry = z.input<typeof schemas.ZNewLogbookEntry>;
export type PostedEntry = z.output<typeof schemas.ZPostedEntry>;

export const LOGBOOK_CATEGORIES = listOf<LogbookCategory>({
  daily_life: true,
  medical: true,
  social: true,
  administrative: true,
});

const base = (personId: string) => `/api/persons/${encodeURIComponent(personId)}/logbook`;

export const logbookApi = {
  page: (personId: string, options: { category?: LogbookCategory; before?: string }) => {
    const query = new URLSearchParams({ limit: '30' });
    if (options.category) query.set('category', options.category);
    if (options.before) query.set('before', options.before);
    return request<LogbookPage>('GET', `${base(personId)}?${query.toString()}`);
  },
  post: (personId: string, body: NewLogbookEntry) =>
    request<PostedEntry>('POST', base(personId), body),
  markRead: (personId: string, entryIds: string[]) =>
    request<{ marked: number }>('POST', `${base(personId)}/read`, { entryIds }),
  fileUrl: (personId: string, attachmentId: string) =>
    `${base(personId)}/attachments/${encodeURIComponent(attachmentId)}`,
};

/** How long an urgent entry stays on top once read. */
const PINNED_MS = 24 * 3600 * 1000;

/** Urgent entries first (not read yet, or of the last day; not corrected), then newest first. */
export function urgentFirst(entries: readonly LogbookEntry[], now = Date.now()): LogbookEntry[] {
  const pinned = (e: LogbookEntry) =>
    e.urgent && !e.correctedById && (e.unread || now - Date.parse(e.at) < PINNED_MS) ? 0 : 1;
  return [...entries].sort(
    (a, b) => pinned(a) - pinned(b) || (a.at < b.at ? 1 : a.at > b.at ? -1 : 0),
  );
}
