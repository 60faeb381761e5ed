import type { TDb } from '../../db/client.js';
import {
  members,
  organisations,
  services,
  type TChannel,
  type TVisibility,
} from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError, pgErrorCode } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { audienceOf, isAcceptingStale, preferredChannel } from './directory.accepting.js';
import { isStale, staleDaysFrom } from './directory.freshness.js';
import { localizeMatch, localizeSubtitle } from './directory.labels.js';
import { directoryPolicy } from './directory.policy.js';
import {
  audienceOf as readerAudienceOf,
  shown,
  visibleChannels,
  type TReader,
} from './directory.visibility.js';
import {
  existingOrganisationIds,
  findHistory,
  findMemberOrganisations,
  findMemberRow,
  lockMemberRow,
  findOrganisationRow,
  findServiceRow,
  insertHistory,
  lockEntryVersion,
  loadMemberProfile,
  loadOrganisationProfile,
  loadServiceProfile,
  readerSharesCareTeam,
  refreshIndexedFreshness,
  reindexAround,
  replaceMemberOrganisations,
  type TEntityType,
  type TServiceRow,
} from './directory.repository.js';
import type { TMemberInput, TOrganisationInput, TServiceInput } from './directory.schemas.js';
import {
  explainMatch,
  memoNormalize,
  searchIndex,
  type TSearchFilters,
} from './directory.search.js';
import { and, eq, sql } from 'drizzle-orm';

const forbidden = () => new AppError('forbidden', 'directory.forbidden');
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Searches the directory: ranked, paginated, each result with why it matched and its freshness. */
export async function searchDirectory(ctx: TContext, filters: TSearchFilters) {
  const readerAudience = readerAudienceOf(ctx.actor);
  const isPublic = readerAudience === 'public';
  // On a card, a care-team-only contact is not offered (the search does not read care teams).
  const cardReader: TReader = { audience: readerAudience, sharesCareTeam: false, editor: false };
  // The freshness threshold comes with the page's cards (searchIndex).
  const { rows, total, totalExact, tokens, alternatives, staleDays } = await searchIndex(ctx.db, {
    ...filters,
    public: isPublic,
  });
  const localize = (field: string, value: string) =>
    localizeMatch(ctx.actor.locale, { field, value }).value;
  // The page's rows share field values and words: each is normalised once (decision 036).
  const normalize = memoNormalize();
  return {
    total,
    totalExact,
    items: rows.map((r) => ({
      type: r.entityType,
      id: r.entityId,
      title: r.title,
      subtitle: localizeSubtitle(ctx.actor.locale, r.subtitle, r),
      profession: r.profession,
      organisationType: r.organisationType,
      careStreams: r.careStreams,
      communes: r.communes,
      accepting: r.accepting,
      languages: r.languages,
      channels: isPublic ? r.publicChannelKinds : r.channelKinds,
      // The preferred way to reach the entry, among those the reader may see (decision 034).
      contact: preferredChannel(
        visibleChannels(cardReader, r.entityType, r.channels),
        r.phoneVisibility ? shown(cardReader, r.phoneVisibility, r.phone) : null,
        r.emailVisibility ? shown(cardReader, r.emailVisibility, r.email) : null,
      ),
      audience: audienceOf(r),
      // A member's status has its own date; a service's or organisation's is the entry's.
      acceptingStale:
        r.accepting !== null &&
        isAcceptingStale(r.entityType === 'member' ? r.acceptingConfirmedAt : r.verifiedAt),
      stale: isStale(r.verifiedAt, staleDays),
      matched: explainMatch(tokens, r.matchFields, {
        public: isPublic,
        localize,
        alternatives,
        normalize,
      }),
    })),
  };
}

/** The freshness block of a profile, from its row (verifier and threshold read with it). */
function freshness(
  row: {
    version: number;
    verifiedAt: Date | null;
    verifier: { id: string; displayName: string } | null;
    staleDaysSetting: unknown;
    updatedAt: Date;
  },
  canEdit: boolean,
) {
  return {
    version: row.version,
    verifiedAt: iso(row.verifiedAt),
    verifiedBy: row.verifier,
    stale: isStale(row.verifiedAt, staleDaysFrom(row.staleDaysSetting)),
    updatedAt: row.updatedAt.toISOString(),
    canEdit,
  };
}

/** What this reader may see of an entry (decision 034). */
const readerOf = (ctx: TContext, sharesCareTeam: boolean | null, editor: boolean): TReader => ({
  audience: readerAudienceOf(ctx.actor),
  sharesCareTeam: sharesCareTeam === true,
  editor,
});

/** A member's profile: who they are, where they work, how to reach them (one statement). */
export async function getMemberProfile(ctx: TContext, id: string) {
  const row = await loadMemberProfile(ctx.db, id, ctx.actor.memberId);
  if (!row) throw new AppError('not_found', 'record.not_found');
  const {
    verifier: _v,
    staleDaysSetting: _s,
    readerSharesCareTeam,
    acceptingConfirmer,
    readerEditsWorkplace,
    accepting,
    acceptingConditions,
    acceptingConfirmedAt,
    acceptingConfirmedBy: _c,
    ...member
  } = row;
  const canEdit = directoryPolicy.canEditMember(ctx.actor, id);
  const reader = readerOf(ctx, readerSharesCareTeam, canEdit);
  return {
    ...member,
    phone: shown(reader, member.phoneVisibility, member.phone),
    email: shown(reader, member.emailVisibility, member.email),
    rpps: shown(reader, member.identifiersVisibility, member.rpps),
    adeli: shown(reader, member.identifiersVisibility, member.adeli),
    gln: shown(reader, member.identifiersVisibility, member.gln),
    channels: visibleChannels(reader, 'member', member.channels),
    accepting: {
      status: accepting,
      conditions: acceptingConditions,
      confirmedAt: iso(acceptingConfirmedAt),
      confirmedBy: acceptingConfirmer,
      stale: accepting !== null && isAcceptingStale(acceptingConfirmedAt),
      audience: audienceOf({ profession: row.profession }),
      canEdit: directoryPolicy.canEditMemberAcceptingWith(ctx.actor, id, readerEditsWorkplace),
    },
    ...freshness(row, canEdit),
  };
}

/** An organisation's profile, who works there and what it offers (one statement). */
export async function getOrganisationProfile(ctx: TContext, id: string) {
  const row = await loadOrganisationProfile(ctx.db, id, ctx.actor.memberId);
  if (!row) throw new AppError('not_found', 'record.not_found');
  const {
    verifier: _v,
    staleDaysSetting: _s,
    readerEditsServices,
    readerSharesCareTeam,
    ...organisation
  } = row;
  const canEdit = directoryPolicy.canEditOrganisation(ctx.actor);
  const reader = readerOf(ctx, readerSharesCareTeam, canEdit);
  return {
    ...organisation,
    phone: shown(reader, organisation.phoneVisibility, organisation.phone),
    email: shown(reader, organisation.emailVisibility, organisation.email),
    channels: visibleChannels(reader, 'organisation', organisation.channels),
    canAddService: directoryPolicy.canEditServicesWith(ctx.actor, readerEditsServices),
    acceptingAudience: audienceOf({ organisationType: row.type }),
    ...freshness(row, canEdit),
  };
}

/** A service's profile, with what it does not do and how to reach it (one statement). */
export async function getServiceProfile(ctx: TContext, id: string) {
  const row = await loadServiceProfile(ctx.db, id, ctx.actor.memberId);
  if (!row) throw new AppError('not_found', 'record.not_found');
  const {
    verifier: _v,
    staleDaysSetting: _s,
    readerEditsServices,
    readerSharesCareTeam,
    organisation: { phoneVisibility, ...organisation },
    ...service
  } = row;
  const canEdit = directoryPolicy.canEditServicesWith(ctx.actor, readerEditsServices);
  const reader = readerOf(ctx, readerSharesCareTeam, canEdit);
  // Editing a service is not editing its organisation: the switchboard follows its own setting.
  const organisationReader = { ...reader, editor: directoryPolicy.canEditOrganisation(ctx.actor) };
  return {
    ...service,
    organisation: {
      ...organisation,
      phone: shown(organisationReader, phoneVisibility, organisation.phone),
    },
    channels: visibleChannels(reader, 'service', service.channels),
    acceptingAudience: audienceOf({ organisationType: row.organisation.type }),
    acceptingStale: isAcceptingStale(row.verifiedAt),
    ...freshness(row, canEdit),
  };
}

/** Field-by-field differences between a row and the values written over it. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before ? (before[key] ?? null) : null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

type TChange = {
  type: TEntityType;
  id: string;
  version: number;
  action: 'create' | 'update' | 'verify' | 'import';
  changes: Record<string, { from: unknown; to: unknown }>;
};

/** The new version in the entry's history and in the audit chain. */
async function recordVersion(ctx: TContext, tx: TDb, change: TChange) {
  await insertHistory(tx, {
    entityType: change.type,
    entityId: change.id,
    version: change.version,
    action: change.action,
    changedBy: ctx.actor.userId,
    changes: change.changes,
  });
  await appendAudit(tx, {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: `directory.${change.action}`,
    resourceType: change.type,
    resourceId: change.id,
    outcome: 'success',
    requestId: ctx.requestId,
    details: { version: change.version, fields: Object.keys(change.changes) },
  });
}

/** A change recorded, and the search rows that show the entry rebuilt. */
async function recordChange(ctx: TContext, tx: TDb, change: TChange) {
  await recordVersion(ctx, tx, change);
  await reindexAround(tx, change.type, change.id);
}

/** A map point is a latitude and a longitude: both or neither (after the change). */
function assertGeoPair(latitude: number | null | undefined, longitude: number | null | undefined) {
  if ((latitude ?? null) === null && (longitude ?? null) !== null)
    throw fieldError('latitude', 'directory.geo_pair');
  if ((latitude ?? null) !== null && (longitude ?? null) === null)
    throw fieldError('longitude', 'directory.geo_pair');
}

async function assertOrganisationsExist(tx: TDb, ids: string[]) {
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0)
    throw fieldError(`organisations.${twice}.organisationId`, 'directory.duplicate_workplace');
  const found = await existingOrganisationIds(tx, ids);
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new AppError(
      'unprocessable',
      'directory.organisation_not_found',
      {},
      {
        fields: [
          {
            field: `organisations.${missing}.organisationId`,
            message: 'directory.organisation_not_found',
          },
        ],
      },
    );
  }
}

/**
 * The guarded UPDATE (WHERE version = the version read) found its row; if another writer committed
 * first, it found none: a conflict, never a silent overwrite.
 */
async function assertUpdated(
  rows: { id: string }[],
  reload: () => Promise<{ version: number } | undefined>,
): Promise<void> {
  if (rows.length === 1) return;
  const current = (await reload())?.version ?? 0;
  throw new AppError(
    'conflict',
    'directory.version_conflict',
    { current },
    { currentVersion: current },
  );
}

/**
 * Takes the entry for the change about to be written (decision 055): its row locked without
 * waiting, its version still the one the editor read. Another change of the same entry still
 * being written answers 409 at once, rather than after waiting for it to commit — when it would
 * have failed the version check anyway.
 */
async function lockForChange(tx: TDb, type: TEntityType, id: string, expected: number) {
  const current = await takeForChange(() => lockEntryVersion(tx, type, id));
  if (current === undefined) throw new AppError('not_found', 'record.not_found');
  assertVersion(current, expected);
}

/** Runs a `FOR UPDATE NOWAIT` read: a row another change holds answers 409 being_edited. */
async function takeForChange<T>(lock: () => Promise<T>): Promise<T> {
  try {
    return await lock();
  } catch (error) {
    if (pgErrorCode(error) === '55P03') throw new AppError('conflict', 'directory.being_edited');
    throw error;
  }
}

function assertVersion(current: number, expected: number) {
  if (current !== expected) {
    throw new AppError(
      'conflict',
      'directory.version_conflict',
      { current },
      { currentVersion: current },
    );
  }
}

/** Network staff add a member to the directory. */
export function createMember(ctx: TContext, input: TMemberInput) {
  if (!directoryPolicy.canCreateMember(ctx.actor)) throw forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const { organisations: links, ...fields } = input;
    if (links)
      await assertOrganisationsExist(
        tx,
        links.map((l) => l.organisationId),
      );
    const [row] = await tx
      .insert(members)
      .values({ ...fields, verifiedAt: new Date(), verifiedBy: ctx.actor.userId })
      .returning();
    if (links) await replaceMemberOrganisations(tx, row!.id, links);
    await recordChange(ctx, tx, {
      type: 'member',
      id: row!.id,
      version: 1,
      action: 'create',
      changes: diffFields(null, { ...fields, organisations: links }),
    });
    return { id: row!.id };
  });
}

/**
 * The member fields no search row shows (neither the index row nor the card: directory.indexer.ts
 * reads none of them). An edit that changes only these leaves the search rows as they are
 * (decision 057); directory.verify.test.ts checks, field by field, that the index is then still
 * what a full rebuild writes. A field missing here is rebuilt for: the safe side.
 */
export const MEMBER_FIELDS_NOT_SEARCHED: ReadonlySet<string> = new Set(['goodToKnow']);

/** A member edits their own profile, or staff edit anyone's; the version read must still be current. */
export function updateMember(
  ctx: TContext,
  id: string,
  patch: Partial<TMemberInput> & { version: number },
) {
  const { version, organisations: links, ...fields } = patch;
  // The rights need no read: refused before anything is read or locked.
  if (!directoryPolicy.canEditMember(ctx.actor, id)) throw forbidden();
  if (links && !directoryPolicy.canEditMemberOrganisations(ctx.actor)) throw forbidden();
  return withTransaction(ctx.db, async (tx) => {
    // read and locked in one statement, without waiting (decisions 055, 057)
    const current = await takeForChange(() => lockMemberRow(tx, id));
    if (!current) throw new AppError('not_found', 'record.not_found');
    assertVersion(current.version, version);
    const changes = diffFields(current, fields);
    if (links) {
      await assertOrganisationsExist(
        tx,
        links.map((l) => l.organisationId),
      );
      const before = await findMemberOrganisations(tx, id);
      const linkChanges = diffFields(
        {
          organisations: before.map((b) => ({
            organisationId: b.id,
            roleTitle: b.roleTitle,
            canEditServices: b.canEditServices,
          })),
        },
        { organisations: links },
      );
      Object.assign(changes, linkChanges);
      await replaceMemberOrganisations(tx, id, links);
    }
    await tx
      .update(members)
      .set({ ...fields, version: version + 1, updatedAt: new Date() })
      .where(and(eq(members.id, id), eq(members.version, version)))
      .returning({ id: members.id })
      .then((rows) => assertUpdated(rows, () => findMemberRow(tx, id)));
    const change: TChange = { type: 'member', id, version: version + 1, action: 'update', changes };
    if (Object.keys(changes).every((field) => MEMBER_FIELDS_NOT_SEARCHED.has(field))) {
      await recordVersion(ctx, tx, change);
    } else {
      await recordChange(ctx, tx, change);
    }
    return { id, version: version + 1 };
  });
}

/**
 * Says whether a member accepts new people, confirmed today by whoever says it: the member,
 * staff, or an editor of one of the member's organisations (decision 033). Saying the same again
 * confirms it.
 */
export function setMemberAccepting(
  ctx: TContext,
  id: string,
  input: { accepting: 'yes' | 'no' | 'conditions'; conditions?: string | null | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const current = await findMemberRow(tx, id);
    if (!current) throw new AppError('not_found', 'record.not_found');
    if (!(await directoryPolicy.canEditMemberAccepting(tx, ctx.actor, id))) throw forbidden();
    const now = new Date();
    const fields = {
      accepting: input.accepting,
      // Conditions only go with "conditions": another status clears them.
      acceptingConditions: input.accepting === 'conditions' ? (input.conditions ?? null) : null,
    };
    const changes = {
      ...diffFields(current, fields),
      acceptingConfirmedAt: { from: iso(current.acceptingConfirmedAt), to: now.toISOString() },
    };
    const [updated] = await tx
      .update(members)
      .set({
        ...fields,
        acceptingConfirmedAt: now,
        acceptingConfirmedBy: ctx.actor.userId,
        updatedAt: now,
        version: sql`${members.version} + 1`,
      })
      .where(eq(members.id, id))
      .returning({ version: members.version });
    if (!updated) throw new AppError('not_found', 'record.not_found');
    await recordChange(ctx, tx, {
      type: 'member',
      id,
      version: updated.version,
      action: 'update',
      changes,
    });
    return {
      id,
      version: updated.version,
      accepting: fields.accepting,
      acceptingConfirmedAt: now.toISOString(),
    };
  });
}

/** Network staff add an organisation. */
export function createOrganisation(ctx: TContext, input: TOrganisationInput) {
  if (!directoryPolicy.canEditOrganisation(ctx.actor)) throw forbidden();
  assertGeoPair(input.latitude, input.longitude);
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(organisations)
      .values({ ...input, verifiedAt: new Date(), verifiedBy: ctx.actor.userId })
      .returning();
    await recordChange(ctx, tx, {
      type: 'organisation',
      id: row!.id,
      version: 1,
      action: 'create',
      changes: diffFields(null, input),
    });
    return { id: row!.id };
  });
}

/** Network staff edit an organisation. */
export function updateOrganisation(
  ctx: TContext,
  id: string,
  patch: Partial<TOrganisationInput> & { version: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    const current = await findOrganisationRow(tx, id);
    if (!current) throw new AppError('not_found', 'record.not_found');
    if (!directoryPolicy.canEditOrganisation(ctx.actor)) throw forbidden();
    const { version, ...fields } = patch;
    assertVersion(current.version, version);
    await lockForChange(tx, 'organisation', id, version);
    assertGeoPair(
      fields.latitude === undefined ? current.latitude : fields.latitude,
      fields.longitude === undefined ? current.longitude : fields.longitude,
    );
    await tx
      .update(organisations)
      .set({ ...fields, version: version + 1, updatedAt: new Date() })
      .where(and(eq(organisations.id, id), eq(organisations.version, version)))
      .returning({ id: organisations.id })
      .then((rows) => assertUpdated(rows, () => findOrganisationRow(tx, id)));
    await recordChange(ctx, tx, {
      type: 'organisation',
      id,
      version: version + 1,
      action: 'update',
      changes: diffFields(current, fields),
    });
    return { id, version: version + 1 };
  });
}

/** Staff, or a member allowed for the organisation, add a service. */
export function createService(ctx: TContext, input: TServiceInput) {
  return withTransaction(ctx.db, async (tx) => {
    if (!(await findOrganisationRow(tx, input.organisationId))) {
      throw new AppError(
        'unprocessable',
        'directory.organisation_not_found',
        {},
        {
          fields: [{ field: 'organisationId', message: 'directory.organisation_not_found' }],
        },
      );
    }
    if (!(await directoryPolicy.canEditServicesOf(tx, ctx.actor, input.organisationId)))
      throw forbidden();
    const [row] = await tx
      .insert(services)
      .values({ ...input, verifiedAt: new Date(), verifiedBy: ctx.actor.userId })
      .returning();
    await recordChange(ctx, tx, {
      type: 'service',
      id: row!.id,
      version: 1,
      action: 'create',
      changes: diffFields(null, input),
    });
    return { id: row!.id };
  });
}

/** Staff, or a member allowed for the organisation, edit a service. */
export function updateService(
  ctx: TContext,
  id: string,
  patch: Partial<Omit<TServiceInput, 'organisationId'>> & { version: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    const current = await findServiceRow(tx, id);
    if (!current) throw new AppError('not_found', 'record.not_found');
    if (!(await directoryPolicy.canEditServicesOf(tx, ctx.actor, current.organisationId)))
      throw forbidden();
    const { version, ...fields } = patch;
    assertVersion(current.version, version);
    await lockForChange(tx, 'service', id, version);
    await tx
      .update(services)
      .set({ ...fields, version: version + 1, updatedAt: new Date() })
      .where(and(eq(services.id, id), eq(services.version, version)))
      .returning({ id: services.id })
      .then((rows) => assertUpdated(rows, () => findServiceRow(tx, id)));
    await recordChange(ctx, tx, {
      type: 'service',
      id,
      version: version + 1,
      action: 'update',
      changes: diffFields(current, fields),
    });
    return { id, version: version + 1 };
  });
}

/** Someone allowed to edit an entry confirms it is still true today. */
export function verifyEntry(ctx: TContext, type: TEntityType, id: string) {
  return withTransaction(ctx.db, async (tx) => {
    const table = { member: members, organisation: organisations, service: services }[type];
    const row =
      type === 'member'
        ? await findMemberRow(tx, id)
        : type === 'organisation'
          ? await findOrganisationRow(tx, id)
          : await findServiceRow(tx, id);
    if (!row) throw new AppError('not_found', 'record.not_found');
    const allowed =
      type === 'member'
        ? directoryPolicy.canEditMember(ctx.actor, id)
        : type === 'organisation'
          ? directoryPolicy.canEditOrganisation(ctx.actor)
          : await directoryPolicy.canEditServicesOf(
              tx,
              ctx.actor,
              (row as { organisationId: string }).organisationId,
            );
    if (!allowed) throw forbidden();
    const now = new Date();
    // No version from the client: confirming is not an edit. The increment happens in the row
    // (under its lock), so a concurrent edit or confirmation never gets the same version number.
    const [updated] = await tx
      .update(table)
      .set({ verifiedAt: now, verifiedBy: ctx.actor.userId, version: sql`${table.version} + 1` })
      .where(eq(table.id, id))
      .returning({ version: table.version });
    if (!updated) throw new AppError('not_found', 'record.not_found');
    await recordVersion(ctx, tx, {
      type,
      id,
      version: updated.version,
      action: 'verify',
      changes: { verifiedAt: { from: iso(row.verifiedAt), to: now.toISOString() } },
    });
    // Only the freshness changed: the search rows need only that (decision 043).
    await refreshIndexedFreshness(tx, type, id, now);
    return { id, version: updated.version, verifiedAt: now.toISOString() };
  });
}

/** Which visibility setting governs each contact field of an entry's history (decision 034). */
const GOVERNED_BY: Record<TEntityType, Record<string, string>> = {
  member: {
    phone: 'phoneVisibility',
    email: 'emailVisibility',
    rpps: 'identifiersVisibility',
    adeli: 'identifiersVisibility',
    gln: 'identifiersVisibility',
  },
  organisation: { phone: 'phoneVisibility', email: 'emailVisibility' },
  service: {},
};

/** What the reader may see of an entry's past contact values: the current settings decide. */
async function historyReader(ctx: TContext, tx: TDb, type: TEntityType, id: string) {
  const row =
    type === 'member'
      ? await findMemberRow(tx, id)
      : type === 'organisation'
        ? await findOrganisationRow(tx, id)
        : await findServiceRow(tx, id);
  if (!row) return null;
  const organisationId =
    type === 'member' ? null : type === 'organisation' ? id : (row as TServiceRow).organisationId;
  const editor =
    type === 'member'
      ? directoryPolicy.canEditMember(ctx.actor, id)
      : type === 'organisation'
        ? directoryPolicy.canEditOrganisation(ctx.actor)
        : await directoryPolicy.canEditServicesOf(tx, ctx.actor, organisationId!);
  const shares = await readerSharesCareTeam(tx, ctx.actor.memberId, type, organisationId ?? id);
  return { reader: readerOf(ctx, shares, editor), row: row as Record<string, unknown> };
}

/**
 * Who wrote a version. Only the system writes a version with no user: the first one is the
 * initial import that filled the directory (the demo seed), a later one a data upgrade.
 */
function originOf(row: { changedById: string | null; version: number }) {
  if (row.changedById) return 'user' as const;
  return row.version === 1 ? ('initial_import' as const) : ('system' as const);
}

/**
 * Every version of an entry, newest first. A past contact value is shown only to whom its current
 * setting shows it (a number made network-only does not stay readable in the history), and past
 * channel lists keep only the channels the reader may see.
 */
export async function getHistory(ctx: TContext, type: TEntityType, id: string) {
  const rows = await findHistory(ctx.db, type, id);
  if (!rows.length) throw new AppError('not_found', 'record.not_found');
  const seen = await historyReader(ctx, ctx.db, type, id);
  if (!seen) throw new AppError('not_found', 'record.not_found');
  const { reader, row } = seen;
  const redact = (field: string, value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (field === 'channels' && Array.isArray(value))
      return visibleChannels(reader, type, value as TChannel[]);
    const setting = GOVERNED_BY[type][field];
    if (!setting) return value;
    return shown(reader, row[setting] as TVisibility, value);
  };
  return {
    items: rows.map((r) => ({
      version: r.version,
      action: r.action,
      changedAt: r.changedAt.toISOString(),
      changedBy: r.changedById ? { id: r.changedById, displayName: r.changedByName ?? '' } : null,
      origin: originOf(r),
      // Every change reads { from, to }, even one stored without a side.
      changes: Object.fromEntries(
        Object.entries(r.changes).map(([field, c]) => [
          field,
          { from: redact(field, c.from), to: redact(field, c.to) },
        ]),
      ),
    })),
  };
}
