import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { fieldError } from '../../server/errors.js';
import type { TLocale } from '../../server/messages.js';

/**
 * The public form's human check (decision 012): a sum of two small numbers asked in words, its
 * answer sealed in an HMAC token with an expiry. No third-party service and nothing stored until
 * the request is sent; the token's nonce is then stored with the request (unique), so one solved
 * question serves one request.
 */

/** A question stays answerable this long (time to fill the form in). */
export const CHALLENGE_TTL_MS = 60 * 60 * 1000;
/** Nobody reads and fills the form faster than this: a quicker answer is a script. */
export const CHALLENGE_MIN_FILL_MS = 3000;

const WORDS: Record<TLocale, string[]> = {
  fr: [
    'zéro',
    'un',
    'deux',
    'trois',
    'quatre',
    'cinq',
    'six',
    'sept',
    'huit',
    'neuf',
    'dix',
    'onze',
    'douze',
    'treize',
    'quatorze',
    'quinze',
    'seize',
    'dix-sept',
    'dix-huit',
  ],
  en: [
    'zero',
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
  ],
};

export type TChallenge = { question: string; token: string; expiresAt: string };

const sign = (secret: string, payload: string, answer: number) =>
  createHmac('sha256', secret)
    .update(`human-check|${payload}|${String(answer)}`)
    .digest('base64url');

/** A new question and its signed token. */
export function issueChallenge(secret: string, locale: TLocale, now = new Date()): TChallenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const nonce = randomBytes(16).toString('base64url');
  const expires = now.getTime() + CHALLENGE_TTL_MS;
  const payload = `${nonce}.${String(now.getTime())}.${String(expires)}`;
  const [wa, wb] = [WORDS[locale][a]!, WORDS[locale][b]!];
  return {
    question: locale === 'en' ? `What is ${wa} plus ${wb}?` : `Combien font ${wa} plus ${wb} ?`,
    token: `${payload}.${sign(secret, payload, a + b)}`,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** The number an answer says: digits, or the word in French or English. */
export function answerNumber(answer: string): number | null {
  const text = answer.trim().toLowerCase();
  if (/^\d{1,3}$/.test(text)) return Number(text);
  for (const words of Object.values(WORDS)) {
    const index = words.indexOf(text);
    if (index >= 0) return index;
  }
  return null;
}

/**
 * Checks an answer against its token; returns the token's nonce (to be stored, once) or throws a
 * 422 naming the field: wrong answer, expired question, or answered faster than a person can.
 */
export function verifyChallenge(
  secret: string,
  check: { token: string; answer: string },
  now = new Date(),
): string {
  const parts = check.token.split('.');
  const [nonce, issued, expires, mac] = parts;
  if (
    parts.length !== 4 ||
    !nonce ||
    !mac ||
    !/^\d+$/.test(issued ?? '') ||
    !/^\d+$/.test(expires ?? '')
  ) {
    throw fieldError('humanCheck.token', 'request.human_check_expired');
  }
  const number = answerNumber(check.answer);
  const expected = Buffer.from(sign(secret, `${nonce}.${issued!}.${expires!}`, number ?? -1));
  const given = Buffer.from(mac);
  const isRight =
    number !== null && given.length === expected.length && timingSafeEqual(given, expected);
  if (Number(expires) <= now.getTime()) {
    throw fieldError('humanCheck.token', 'request.human_check_expired');
  }
  if (!isRight) throw fieldError('humanCheck.answer', 'request.human_check_wrong');
  if (now.getTime() - Number(issued) < CHALLENGE_MIN_FILL_MS) {
    throw fieldError('humanCheck.answer', 'request.human_check_too_fast');
  }
  return nonce;
}
