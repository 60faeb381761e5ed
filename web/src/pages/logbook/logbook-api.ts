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

/** The server's limits (src/modules/attachments/attachments.ts), checked here before sending. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 3;
export const ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp,.pdf,.png,.jpg,.jpeg,.webp';

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

/** A file's bytes in base64, as the post carries them. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

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
