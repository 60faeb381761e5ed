import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../server/errors.js';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing cannot be used to exhaust the CPU. */
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id with the library defaults (19 MiB, 2 passes: the OWASP baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a random string: verifying against it costs the same as a real account.
const DUMMY_HASH = hash(`dummy-${Math.random()}`);

/** Verifies a password; with no stored hash still spends the same time, so timing reveals nothing. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** Rules a new password must meet; throws a 422 naming the field. */
export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError(
      'unprocessable',
      'account.password_too_short',
      {},
      {
        fields: [{ field, message: 'account.password_too_short' }],
      },
    );
  }
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && password.toLowerCase().includes(local)) {
    throw new AppError(
      'unprocessable',
      'account.password_like_email',
      {},
      {
        fields: [{ field, message: 'account.password_like_email' }],
      },
    );
  }
}
