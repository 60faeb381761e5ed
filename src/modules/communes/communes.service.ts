import type { TAnonymousContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { takeThrottleSlot } from '../accounts/throttle.repository.js';
import { searchCommunes } from './communes.reference.js';

/** Look-ups one network address may make without a session in a window (decision 015). */
export const ANONYMOUS_LOOKUPS_PER_WINDOW = 120;
export const LOOKUP_WINDOW_MS = 10 * 60 * 1000;

/**
 * The communes matching what a user is typing. Reference data, no personal data: no audit. A
 * logged-in user is not counted; without a session (the public form) each address has
 * ANONYMOUS_LOOKUPS_PER_WINDOW look-ups per window, counted in the database like the public form.
 */
export async function findCommunes(
  ctx: TAnonymousContext,
  query: string,
  options: { loggedIn: boolean },
) {
  if (!options.loggedIn) {
    const now = new Date();
    const slot = await withTransaction(ctx.db, (tx) =>
      takeThrottleSlot(tx, `communes:${ctx.ip}`, LOOKUP_WINDOW_MS, now),
    );
    if (slot.count > ANONYMOUS_LOOKUPS_PER_WINDOW) {
      const seconds = Math.ceil((slot.windowEnds.getTime() - now.getTime()) / 1000);
      throw new AppError(
        'too_many_requests',
        'commune.search_throttled',
        { minutes: Math.ceil(seconds / 60) },
        { retryAfterSeconds: seconds },
      );
    }
  }
  return { items: searchCommunes(query) };
}
