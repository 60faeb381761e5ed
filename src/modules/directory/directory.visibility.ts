import { sql, type Placeholder } from 'drizzle-orm';
import type { TChannel, TVisibility } from '../../db/schema/index.js';
import type { TActor } from '../../server/context.js';

/**
 * Who sees which way of reaching an entry (decision 034).
 *
 * - public: everyone who may read the directory, patients and caregivers included;
 * - network: the network's accounts (every role but patient);
 * - care_team: network staff (admin), and members who share an active care team with the entry —
 *   with the member themself, or, for an organisation or a service, with someone who works at the
 *   organisation (a reader working there counts too).
 * Whoever may edit an entry sees all of it (the edit form sends every channel back).
 */
export type TAudience = 'public' | 'network' | 'staff';

export function audienceOf(actor: TActor | null): TAudience {
  if (!actor || actor.role === 'patient') return 'public';
  return actor.role === 'admin' ? 'staff' : 'network';
}

/** What a reader sees of one entry: their audience, and whether they share a care team with it. */
export type TReader = { audience: TAudience; sharesCareTeam: boolean; editor: boolean };

export function canSee(reader: TReader, visibility: TVisibility): boolean {
  if (reader.editor || reader.audience === 'staff') return true;
  if (visibility === 'public') return true;
  if (reader.audience === 'public') return false;
  return visibility === 'network' || reader.sharesCareTeam;
}

/** The entry kinds whose channels default to one visibility when none was chosen. */
export type TEntryKind = 'member' | 'organisation' | 'service';

/**
 * Defaults: a professional's own channels belong to the network (a patient does not get a GP's
 * mobile); an organisation's and a service's are the front door, public.
 */
export const DEFAULT_CHANNEL_VISIBILITY: Record<TEntryKind, TVisibility> = {
  member: 'network',
  organisation: 'public',
  service: 'public',
};

export const channelVisibility = (kind: TEntryKind, channel: TChannel): TVisibility =>
  channel.visibility ?? DEFAULT_CHANNEL_VISIBILITY[kind];

/** The channels a reader may see, each with its visibility spelled out. */
export function visibleChannels(
  reader: TReader,
  kind: TEntryKind,
  channels: TChannel[],
): (TChannel & { visibility: TVisibility })[] {
  return channels
    .map((c) => ({ ...c, visibility: channelVisibility(kind, c) }))
    .filter((c) => canSee(reader, c.visibility));
}

/** A value the reader may see, or null. */
export const shown = <T>(reader: TReader, visibility: TVisibility, value: T | null) =>
  canSee(reader, visibility) ? value : null;

/*
 * Whether the reader's member profile shares an active care team with an entry: SQL columns read
 * beside a profile (no extra round trip). Outer columns are written out in full (see the
 * repository's note on subqueries).
 */

/** The reader's member id: a value, or the placeholder of a prepared statement. */
type TReaderParam = string | null | Placeholder;

/** …with a member (or is that member). */
export const sharesCareTeamWithMember = (readerMemberId: TReaderParam, memberId: string) =>
  sql<boolean>`(${readerMemberId}::uuid = ${sql.raw(memberId)} OR EXISTS (SELECT 1 FROM care_team_members a JOIN care_team_members b ON b.person_id = a.person_id WHERE a.member_id = ${readerMemberId}::uuid AND a.until IS NULL AND b.until IS NULL AND b.member_id = ${sql.raw(memberId)}))`;

/** …with someone working at an organisation (or works there). */
export const sharesCareTeamWithOrganisation = (
  readerMemberId: TReaderParam,
  organisationId: string,
) =>
  sql<boolean>`EXISTS (SELECT 1 FROM member_organisations mo WHERE mo.organisation_id = ${sql.raw(organisationId)} AND (mo.member_id = ${readerMemberId}::uuid OR EXISTS (SELECT 1 FROM care_team_members a JOIN care_team_members b ON b.person_id = a.person_id WHERE a.member_id = ${readerMemberId}::uuid AND a.until IS NULL AND b.until IS NULL AND b.member_id = mo.member_id)))`;
