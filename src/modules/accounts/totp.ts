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

/** Accepts the current code and the one before or after it (clock drift of ±30 s). */
export function isTotpCodeValid(secretBase32: string, code: string): boolean {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  return totpFor(secretBase32, 'check').validate({ token, window: 1 }) !== null;
}
