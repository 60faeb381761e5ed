import type { FastifyReply } from 'fastify';
import { contentDisposition } from './attachments.js';

/**
 * Answers a stored file: always a download (never shown inline), its type as sniffed at upload,
 * no sniffing by the browser, no caching, and a sandbox should a browser open it anyway.
 */
export function sendAttachment(
  reply: FastifyReply,
  file: { fileName: string; mimeType: string; content: Buffer },
) {
  return reply
    .type(file.mimeType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.content);
}
