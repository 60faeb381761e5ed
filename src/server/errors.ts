import type { TMessageKey } from './messages.js';

/** Every error code the API can answer, mapped once to an HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  mfa_setup_required: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  account_locked: 429,
  internal: 500,
} as const;

export type TErrorCode = keyof typeof ERROR_STATUS;

/** The one application error: a code, a message key rendered in the reader's language, details. */
export class AppError extends Error {
  constructor(
    public readonly code: TErrorCode,
    public readonly messageKey: TMessageKey,
    public readonly params: Record<string, string | number> = {},
    public readonly details?: Record<string, unknown>,
  ) {
    super(messageKey);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** An error naming one field of the request (422 by default, or 409 for a value already taken). */
export function fieldError(
  field: string,
  key: TMessageKey,
  code: 'unprocessable' | 'conflict' = 'unprocessable',
): AppError {
  return new AppError(code, key, {}, { fields: [{ field, message: key }] });
}

/** The answer for a missing record and for a refused read alike, so nobody can probe existence. */
export function notFound(resourceType?: string): AppError {
  return new AppError(
    'not_found',
    'record.not_found',
    {},
    resourceType ? { resourceType } : undefined,
  );
}

/** The PostgreSQL SQLSTATE of an error, also when Drizzle wrapped it. */
export function pgErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof candidate.cause?.code === 'string') return candidate.cause.code;
  return typeof candidate.code === 'string' ? candidate.code : undefined;
}
