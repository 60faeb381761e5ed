/**
 * The file store (decision 021): attachments of logbook entries, messages and referrals. A file is accepted only when its CONTENT is a PDF, PNG, JPEG or WebP (sniffed with
 * file-type, whatever its name or the type the browser claims), at most MAX_ATTACHMENT_BYTES, and
 * its name a plain file name (no path, no control character, not too long). The bytes are kept in
 * the database (bytea) beside the row they belong to: written and rolled back in the same
 * transaction, in the same backup, shared by every server instance on one PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { TDb } from '../../db/client.js';
import { attachments } from '../../db/schema/index.js';
import { AppError } from '../../server/errors.js';

/** The largest file accepted, in bytes (10 MiB: a scanned prescription or letter, a photo). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** The most files on one entry. */
export const MAX_ATTACHMENTS = 3;
/** The longest file name kept, in characters. */
export const MAX_FILE_NAME = 120;
/** The types accepted, as file-type names them from the content. */
export const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

export type TUpload = { name: string; contentBase64: string };
export type TCheckedFile = {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  content: Buffer;
};

// Control characters (C0, DEL, C1), and the bidirectional overrides that disguise an extension.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\]/u;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Refuses a name that is not a plain file name (422): what a person sees is what is stored. */
export function checkFileName(name: string): string {
  const trimmed = name.trim();
  const characters = Array.from(trimmed);
  const shown = characters.slice(0, 60).join('').replace(UNSAFE_NAME, '?');
  if (
    trimmed === '' ||
    characters.length > MAX_FILE_NAME ||
    UNSAFE_NAME.test(trimmed) ||
    trimmed.includes('..') ||
    trimmed.startsWith('.') ||
    trimmed.includes(':')
  ) {
    throw new AppError('unprocessable', 'attachments.bad_name', {
      name: shown,
      max: MAX_FILE_NAME,
    });
  }
  return trimmed;
}

/**
 * Checks one upload completely before anything is written: its name (422), its size (413), its
 * content type sniffed from the bytes (415). Returns what to store.
 */
export async function checkUpload(upload: TUpload): Promise<TCheckedFile> {
  const fileName = checkFileName(upload.name);
  const encoded = upload.contentBase64.replace(/\s+/g, '');
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0 || encoded.length === 0) {
    throw new AppError('bad_request', 'attachments.bad_content', { name: fileName });
  }
  // The decoded size, known before decoding: refuse an oversized file without holding it twice.
  const size =
    (encoded.length / 4) * 3 - (encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0);
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new AppError('payload_too_large', 'attachments.too_large', {
      name: fileName,
      max: MAX_ATTACHMENT_BYTES / 1024 / 1024,
    });
  }
  const content = Buffer.from(encoded, 'base64');
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !(detected.mime in ACCEPTED_TYPES)) {
    throw new AppError('unsupported_media_type', 'attachments.bad_type', {
      name: fileName,
      detected: detected?.ext ?? '?',
    });
  }
  return {
    fileName,
    mimeType: detected.mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
  };
}

/** Checks every upload of a request (the first problem refuses them all: nothing is written). */
export async function checkUploads(uploads: readonly TUpload[]): Promise<TCheckedFile[]> {
  const checked: TCheckedFile[] = [];
  for (const upload of uploads) checked.push(await checkUpload(upload));
  return checked;
}

/** The columns a download answers with (its owner's route decides who may have them). */
export const DOWNLOAD_COLUMNS = {
  fileName: attachments.fileName,
  mimeType: attachments.mimeType,
  content: attachments.content,
};

/** Stores checked files for one owner row, in the caller's transaction. */
export async function insertAttachments(
  tx: TDb,
  owner: { personId: string | null; table: string; id: string; userId: string },
  files: readonly TCheckedFile[],
): Promise<{ id: string; fileName: string; mimeType: string; size: number }[]> {
  if (!files.length) return [];
  return tx
    .insert(attachments)
    .values(
      files.map((file) => ({
        personId: owner.personId,
        ownerTable: owner.table,
        ownerId: owner.id,
        uploadedByUserId: owner.userId,
        ...file,
      })),
    )
    .returning({
      id: attachments.id,
      fileName: attachments.fileName,
      mimeType: attachments.mimeType,
      size: attachments.size,
    });
}

/**
 * The Content-Disposition of a download: always an attachment (never shown inline by the
 * browser), with an ASCII fallback name and the UTF-8 name encoded (RFC 6266 / 5987).
 */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\/;%]/g, '_')
      .trim() || 'fichier';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
