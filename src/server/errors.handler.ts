import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, pgErrorCode } from './errors.js';
import { isMessageKey, translate, type TLocale } from './messages.js';
import { plainIssueMessage } from './validation-messages.js';

type TFieldError = { field: string; message: string };

const zodLocales = { fr: z.locales.fr(), en: z.locales.en() };

export function localizeIssue(
  locale: TLocale,
  keyword: string,
  params: Record<string, unknown>,
  fallback: string,
): string {
  const plain = plainIssueMessage(locale, { ...params, code: keyword, message: fallback });
  if (plain) return plain;
  try {
    const message = zodLocales[locale].localeError({ ...params, code: keyword } as never);
    if (typeof message === 'string') return message;
    if (message && typeof message === 'object' && 'message' in message) return message.message;
  } catch {
    // an issue shape the locale does not know: keep zod's own message
  }
  return fallback;
}

/** Renders the body every error answers with: { error: { code, message, details } }. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): FastifyReply {
  return reply.status(status).send({ error: { code, message, details: details ?? null } });
}

function translateDetails(locale: TLocale, details?: Record<string, unknown>) {
  if (!details || !Array.isArray(details.fields)) return details;
  return {
    ...details,
    fields: (details.fields as TFieldError[]).map((f) => ({
      field: f.field,
      message: isMessageKey(f.message) ? translate(locale, f.message) : f.message,
    })),
  };
}

/**
 * What of an unexpected error goes to the logs: its type, SQLSTATE and stack frames. Database
 * errors keep no message at all: Drizzle quotes the query parameters and PostgreSQL quotes input
 * values, both of which may be personal data.
 */
export function describeForLog(error: unknown): Record<string, unknown> {
  const err = error as Error & { cause?: unknown };
  const code = pgErrorCode(error);
  const isDatabaseError =
    code !== undefined || err.name === 'DrizzleQueryError' || err.cause !== undefined;
  return {
    type: err.name,
    code,
    message: isDatabaseError ? 'database query failed' : err.message,
    stack: err.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
}

/** One error handler: AppError by its code, validation 400 naming fields, parse errors, 500 with id. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof AppError) {
      const retry = error.details?.retryAfterSeconds;
      if (typeof retry === 'number') void reply.header('retry-after', String(retry));
      return sendError(
        reply,
        error.status,
        error.code,
        translate(locale, error.messageKey, error.params),
        translateDetails(locale, error.details),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return {
          field: path || where,
          message: localizeIssue(locale, v.keyword, v.params, v.message ?? v.keyword),
        };
      });
      return sendError(reply, 400, 'validation_failed', translate(locale, 'request.invalid'), {
        fields,
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, 'payload_too_large', translate(locale, 'request.too_large'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(
        reply,
        415,
        'unsupported_media_type',
        translate(locale, 'request.unsupported_media'),
      );
    }
    if (
      error instanceof SyntaxError ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
    ) {
      return sendError(reply, 400, 'bad_request', translate(locale, 'request.malformed_json'));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const code =
        error.statusCode === 429
          ? 'too_many_requests'
          : error.statusCode === 404
            ? 'not_found'
            : 'bad_request';
      return sendError(
        reply,
        error.statusCode,
        code,
        translate(locale, 'request.refused', { reason: error.message }),
      );
    }
    if (pgErrorCode(error) === '23505') {
      return sendError(reply, 409, 'conflict', translate(locale, 'request.conflict'));
    }
    // PostgreSQL chose this request to break a deadlock or a serialisation conflict: nothing was
    // written (the transaction rolled back), and the same request a moment later goes through.
    if (pgErrorCode(error) === '40P01' || pgErrorCode(error) === '40001') {
      request.log.warn({ err: describeForLog(error) }, 'transaction rolled back by the database');
      void reply.header('retry-after', '1');
      return sendError(reply, 503, 'unavailable', translate(locale, 'request.retry'));
    }
    request.log.error({ err: describeForLog(error) }, 'unexpected error');
    return sendError(
      reply,
      500,
      'internal',
      translate(locale, 'internal.error', { requestId: request.id }),
      {
        requestId: request.id,
      },
    );
  });
}
