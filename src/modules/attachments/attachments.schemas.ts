import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './attachments.js';

/** Base64 of MAX_ATTACHMENT_BYTES, with room for line breaks: a bigger file is answered 413. */
const MAX_BASE64 = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 64 * 1024;

/** One file sent with a logbook entry, a message or a referral (decision 021). */
export const ZUpload = z.object({
  name: z.string().max(1000).describe('The file name as the person chose it (no path)'),
  contentBase64: z
    .string()
    .max(MAX_BASE64 + 1024)
    .describe(
      `The file's bytes in base64; PDF, PNG, JPEG or WebP, at most ${MAX_ATTACHMENT_BYTES} bytes`,
    ),
});

/** Files sent with one entry, message or referral (at most MAX_ATTACHMENTS). */
export const ZUploads = () => z.array(ZUpload).max(MAX_ATTACHMENTS).default([]);

/** A stored file as lists show it (its bytes through its owner's download route). */
export const ZAttachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
});

/**
 * The body of a post with its files in base64 (decision 021): room for MAX_ATTACHMENTS files of
 * MAX_ATTACHMENT_BYTES, so that a file too big is answered by the file check (413 naming it).
 */
export const UPLOAD_BODY_LIMIT = Math.ceil(
  (MAX_ATTACHMENTS * (MAX_ATTACHMENT_BYTES + 1024 * 1024) * 4) / 3,
);
