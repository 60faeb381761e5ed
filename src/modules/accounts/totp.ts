import { Secret, TOTP } from 'otpauth';

/** A TOTP (RFC 6238: SHA-1, 6 digits, 30 s) for a user, as authenticator apps expect. */
export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Maillon',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit secret, base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const PERIOD_MS = 30_000;

/**
 * The time step (30-second counter) a code belongs to, or null when it is not valid now. Accepts
 * the current code and the one before or after it (clock drift of ±30 s).
 */
export function totpStepOf(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, 'check').validate({ token, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}
