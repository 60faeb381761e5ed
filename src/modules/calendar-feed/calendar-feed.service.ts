/**
 * A member's private iCalendar feed and the .ics of one appointment (issue 16, decision 031).
 * The feed URL holds a random token; only its digest is stored. Regenerating replaces it,
 * revoking deletes it: the former URL then answers 404 like any unknown one.
 */
import type { TDb } from '../../db/client.js';
import type { TConfig } from '../../server/config.js';
import type { TContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { AccessDeniedError, withTransaction } from '../../server/transaction.js';
import { digestToken, newToken } from '../accounts/tokens.js';
import { decideAccess } from '../access/access.policy.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccessWith } from '../access/access.service.js';
import { isGranted } from '../assessments/assessments.service.js';
import {
  deleteFeed,
  findAppointmentForIcs,
  findFeedOf,
  findFeedOwner,
  listFeedAppointments,
  replaceFeed,
} from './calendar-feed.repository.js';
import { renderCalendar } from './calendar-feed.ics.js';

const DAY = 86_400_000;
/** What a feed covers: the last 60 days and the next 400, at most 3,000 appointments. */
const FEED_PAST_DAYS = 60;
const FEED_FUTURE_DAYS = 400;
const FEED_MAX = 3_000;

const feedUrl = (config: TConfig, token: string) =>
  `${config.publicUrl.replace(/\/$/, '')}/ical/${token}.ics`;

/** Whether the member has a feed, and since when (its URL is shown only when made). */
export async function getFeedStatus(ctx: TContext) {
  const row = await findFeedOf(ctx.db, ctx.actor.userId);
  return { active: row !== undefined, createdAt: row?.createdAt.toISOString() ?? null };
}

/** A new feed URL for the member; the former one, if any, stops working. */
export async function createFeed(ctx: TContext) {
  const token = newToken();
  const at = new Date();
  await replaceFeed(ctx.db, ctx.actor.userId, digestToken(token), at);
  return { active: true, createdAt: at.toISOString(), url: feedUrl(ctx.config, token) };
}

/** Revokes the member's feed: its URL answers 404 from now on. */
export async function revokeFeed(ctx: TContext): Promise<void> {
  if (!(await deleteFeed(ctx.db, ctx.actor.userId))) throw notFound('calendar_feed');
}

/**
 * The feed of the token's owner: the appointments they take part in, as the feed may tell them
 * (no title, notes or person). An unknown, revoked or malformed token, or a disabled account:
 * null (404).
 */
export async function renderFeed(
  db: TDb,
  config: TConfig,
  token: string,
  now = new Date(),
): Promise<string | null> {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  const owner = await findFeedOwner(db, digestToken(token));
  if (!owner?.memberId) return null;
  const rows = await listFeedAppointments(
    db,
    owner.memberId,
    new Date(now.getTime() - FEED_PAST_DAYS * DAY),
    new Date(now.getTime() + FEED_FUTURE_DAYS * DAY),
    FEED_MAX,
  );
  const locale = owner.locale === 'en' ? 'en' : 'fr';
  return renderCalendar(rows, {
    locale,
    baseUrl: config.publicUrl,
    name: locale === 'en' ? 'Maillon — my appointments' : 'Maillon — mon agenda',
  });
}

/**
 * The .ics of one appointment for the signed-in reader. About a person: the guard decides —
 * those who take part, and those the table lets read the person's administrative data (that an
 * appointment exists, when and where) — audited as appointment.ics; the title is added only when the guard would also let this reader read the
 * appointment's notes category (it may say something medical). About nobody: for those who take
 * part (or organise), with its title. Notes and the person's name are never in it. Refused: 404.
 */
export function appointmentIcs(ctx: TContext, options: { id: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const row = await findAppointmentForIcs(tx, options.id, ctx.actor.memberId);
    const takesPart =
      row !== undefined &&
      (row.takesPart ||
        (ctx.actor.memberId !== null && row.organiserMemberId === ctx.actor.memberId));
    if (!row) throw notFound('appointment');
    let title: string | null = null;
    if (row.personId) {
      const personId = row.personId;
      const request = {
        personId,
        action: 'read' as const,
        category: 'administrative' as const,
        auditAction: 'appointment.ics',
        resourceType: 'appointment',
        resourceId: row.id,
      };
      await requirePersonAccessWith(
        ctx,
        tx,
        request,
        async () => {
          const facts = await loadAccessFacts(tx, ctx.actor, personId);
          return facts && { facts, data: null };
        },
        (facts) =>
          takesPart
            ? { allowed: true, reason: 'takes part in the appointment', viaBreakGlass: false }
            : decideAccess(facts, request),
      );
      const mayReadNotes = await isGranted(ctx, tx, row.personId, {
        action: 'read',
        category: row.notesCategory,
        auditAction: 'appointment.ics.title',
        resourceType: 'appointment',
        resourceId: row.id,
      });
      title = mayReadNotes ? row.title : null;
    } else if (takesPart) {
      title = row.title;
    } else {
      throw new AccessDeniedError(
        {
          actorUserId: ctx.actor.userId,
          actorRole: ctx.actor.role,
          action: 'appointment.ics',
          resourceType: 'appointment',
          resourceId: row.id,
          outcome: 'denied',
          reason: 'not taking part in the appointment',
          requestId: ctx.requestId,
        },
        notFound('appointment'),
      );
    }
    return renderCalendar([{ ...row, title }], {
      locale: ctx.actor.locale,
      baseUrl: ctx.config.publicUrl,
      name: 'Maillon',
    });
  });
}
