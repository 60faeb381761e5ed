import { stringify } from 'csv-stringify/sync';
import { asc, eq } from 'drizzle-orm';
import {
  memberOrganisations,
  members,
  organisations,
  services,
  type TChannel,
  type TVisibility,
} from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { shown, visibleChannels, type TEntryKind, type TReader } from './directory.visibility.js';
import {
  channelCells,
  channelVisibilityCell,
  CSV_COLUMNS,
  preferredCells,
  type TCsvKind,
} from './directory.csv.js';
import {
  hsdsLocationOf,
  hsdsOrganisationTypeAttributes,
  hsdsServiceAtLocations,
  stableUuid,
} from './directory.hsds.js';
import { directoryPolicy } from './directory.policy.js';
import {
  CARE_STREAMS,
  normalizeForSearch,
  ORGANISATION_TYPES,
  PROFESSIONS,
} from './directory.vocabulary.js';

const channelValue = (channels: TChannel[], kind: TChannel['kind']) =>
  channels.find((c) => c.kind === kind)?.value;

async function auditExport(ctx: TContext, format: string) {
  if (!directoryPolicy.canImportExport(ctx.actor))
    throw new AppError('forbidden', 'directory.forbidden');
  await withTransaction(ctx.db, (tx) =>
    appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'directory.export',
      resourceType: 'directory',
      resourceId: format,
      outcome: 'success',
      requestId: ctx.requestId,
    }),
  );
}

/**
 * How the CSV names each organisation in the organisation column of members and services: by
 * name, or by id when several share the name (as the import compares them: accents and case
 * ignored), so that the file imports back linked to the right one.
 */
function organisationRefs(rows: { id: string; name: string }[]): Map<string, string> {
  const named = new Map<string, number>();
  for (const row of rows) {
    const key = normalizeForSearch(row.name);
    named.set(key, (named.get(key) ?? 0) + 1);
  }
  return new Map(
    rows.map((row) => [row.id, named.get(normalizeForSearch(row.name)) === 1 ? row.name : row.id]),
  );
}

/** CSV export with the import's columns, so an export can be edited and imported elsewhere. */
export async function exportDirectoryCsv(ctx: TContext, kind: TCsvKind): Promise<string> {
  await auditExport(ctx, `${kind}.csv`);
  const columns = [...CSV_COLUMNS[kind]];
  const orgRefs = organisationRefs(
    await ctx.db.select({ id: organisations.id, name: organisations.name }).from(organisations),
  );
  let records: Record<string, string | null | undefined>[];
  if (kind === 'organisations') {
    const rows = await ctx.db.select().from(organisations).orderBy(asc(organisations.name));
    records = rows.map((o) => ({
      name: o.name,
      type: o.type,
      address: o.address,
      postal_code: o.postalCode,
      commune: o.commune,
      website: o.website,
      opening_hours: o.openingHours,
      latitude: o.latitude === null ? '' : String(o.latitude),
      longitude: o.longitude === null ? '' : String(o.longitude),
      ...channelCells(o.channels),
      phone: o.phone ?? channelValue(o.channels, 'phone'),
      email: o.email ?? channelValue(o.channels, 'email'),
      ...preferredCells(o.channels),
      good_to_know: o.goodToKnow,
      channel_visibility: channelVisibilityCell(o.channels),
    }));
  } else if (kind === 'members') {
    const rows = await ctx.db
      .select({
        m: members,
        organisationId: memberOrganisations.organisationId,
        roleTitle: memberOrganisations.roleTitle,
      })
      .from(members)
      .leftJoin(memberOrganisations, eq(memberOrganisations.memberId, members.id))
      .orderBy(asc(members.lastName), asc(members.firstName), asc(members.id));
    // One line per member, their workplaces joined with "|" (the import reads them back so).
    const byMember = new Map<string, { m: (typeof rows)[number]['m']; places: string[][] }>();
    for (const { m, organisationId, roleTitle } of rows) {
      const entry = byMember.get(m.id) ?? { m, places: [] };
      byMember.set(m.id, entry);
      if (organisationId) entry.places.push([orgRefs.get(organisationId) ?? '', roleTitle ?? '']);
    }
    records = [...byMember.values()].map(({ m, places }) => ({
      first_name: m.firstName,
      last_name: m.lastName,
      profession: m.profession,
      specialty: m.specialty,
      rpps: m.rpps,
      adeli: m.adeli,
      gln: m.gln,
      ...channelCells(m.channels),
      email: m.email ?? channelValue(m.channels, 'email'),
      phone: m.phone ?? channelValue(m.channels, 'phone'),
      languages: m.languages.join('|'),
      organisation: places.map(([name]) => name).join('|'),
      role_title: places.some(([, title]) => title) ? places.map(([, t]) => t).join('|') : '',
      ...preferredCells(m.channels),
      good_to_know: m.goodToKnow,
      accepting: m.accepting,
      accepting_conditions: m.acceptingConditions,
      phone_visibility: m.phoneVisibility,
      email_visibility: m.emailVisibility,
      identifiers_visibility: m.identifiersVisibility,
      channel_visibility: channelVisibilityCell(m.channels),
    }));
  } else {
    const rows = await ctx.db.select().from(services).orderBy(asc(services.name));
    records = rows.map((s) => ({
      organisation: orgRefs.get(s.organisationId),
      name: s.name,
      description: s.description,
      missions: s.missions,
      limits: s.limits,
      eligibility: s.eligibility,
      care_streams: s.careStreams.join('|'),
      communes_served: s.communesServed.join('|'),
      waiting_time: s.waitingTime,
      accepting: s.accepting,
      accepting_conditions: s.acceptingConditions,
      hours: s.hours,
      cost_notes: s.costNotes,
      ...channelCells(s.channels),
      ...preferredCells(s.channels),
      good_to_know: s.goodToKnow,
      channel_visibility: channelVisibilityCell(s.channels),
    }));
  }
  return stringify(records, { header: true, columns, bom: true });
}

/**
 * HSDS is what the network publishes to other directories: public channels only (decision 034),
 * whoever exports. The CSV export is the network's own full copy, for its staff.
 */
const PUBLISHED: TReader = { audience: 'public', sharesCareTeam: false, editor: false };
const published = <T>(visibility: TVisibility, value: T | null) =>
  shown(PUBLISHED, visibility, value);

const phonesOf = (
  ownerId: string,
  kind: TEntryKind,
  channels: TChannel[],
  extra?: string | null,
) => {
  const numbers = [
    ...new Set(
      [
        extra,
        ...visibleChannels(PUBLISHED, kind, channels)
          .filter((c) => c.kind === 'phone' || c.kind === 'sms')
          .map((c) => c.value),
      ].filter((n): n is string => !!n),
    ),
  ];
  return numbers.map((number, i) => ({ id: stableUuid(`${ownerId}:phone:${i}`), number }));
};
const isEmail = (value: string | null | undefined): value is string =>
  !!value && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
const isUrl = (value: string | null | undefined): value is string => {
  try {
    return !!value && Boolean(new URL(value));
  } catch {
    return false;
  }
};

/**
 * Open Referral HSDS 3 organizations, each with its location, services (given at that location)
 * and contacts (validates against the official schemas).
 */
export async function exportDirectoryHsds(ctx: TContext) {
  await auditExport(ctx, 'hsds.json');
  const orgs = await ctx.db.select().from(organisations).orderBy(asc(organisations.name));
  const offered = await ctx.db.select().from(services);
  const staff = await ctx.db
    .select({
      organisationId: memberOrganisations.organisationId,
      roleTitle: memberOrganisations.roleTitle,
      m: members,
    })
    .from(memberOrganisations)
    .innerJoin(members, eq(members.id, memberOrganisations.memberId));
  const locations = new Map(orgs.map((o) => [o.id, hsdsLocationOf(o)]));
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    description: [
      ORGANISATION_TYPES[o.type as keyof typeof ORGANISATION_TYPES]?.fr ?? o.type,
      o.commune,
    ]
      .filter(Boolean)
      .join(' — '),
    ...(isEmail(published(o.emailVisibility, o.email)) ? { email: o.email } : {}),
    ...(isUrl(o.website) ? { website: o.website } : {}),
    phones: phonesOf(o.id, 'organisation', o.channels, published(o.phoneVisibility, o.phone)),
    locations: [locations.get(o.id)].filter((l) => !!l),
    attributes: hsdsOrganisationTypeAttributes(o),
    contacts: staff
      .filter((s) => s.organisationId === o.id)
      .map((s) => ({
        id: s.m.id,
        organization_id: o.id,
        name: `${s.m.firstName} ${s.m.lastName}`,
        title:
          s.roleTitle ??
          PROFESSIONS[s.m.profession as keyof typeof PROFESSIONS]?.fr ??
          s.m.profession,
        ...(isEmail(published(s.m.emailVisibility, s.m.email)) ? { email: s.m.email } : {}),
      })),
    services: offered
      .filter((s) => s.organisationId === o.id)
      .map((s) => ({
        id: s.id,
        organization_id: o.id,
        name: s.name,
        status: s.accepting === 'no' ? 'temporarily closed' : 'active',
        description:
          [
            s.description,
            s.missions && `Missions : ${s.missions}`,
            s.limits && `Ne fait pas : ${s.limits}`,
          ]
            .filter(Boolean)
            .join('\n') || s.name,
        ...(s.eligibility ? { eligibility_description: s.eligibility } : {}),
        ...(s.waitingTime ? { wait_time: s.waitingTime } : {}),
        ...(s.costNotes ? { fees_description: s.costNotes } : {}),
        ...(s.verifiedAt ? { assured_date: s.verifiedAt.toISOString().slice(0, 10) } : {}),
        last_modified: s.updatedAt.toISOString(),
        phones: phonesOf(s.id, 'service', s.channels),
        service_at_locations: hsdsServiceAtLocations(s.id, locations.get(o.id) ?? null),
        service_areas: s.communesServed.map((name) => ({
          id: stableUuid(`${s.id}:area:${name}`),
          service_id: s.id,
          name,
        })),
        attributes: s.careStreams.map((code) => ({
          id: stableUuid(`${s.id}:stream:${code}`),
          link_id: s.id,
          link_type: 'service',
          taxonomy_term_id: stableUuid(`maillon:care-stream:${code}`),
          label: CARE_STREAMS[code as keyof typeof CARE_STREAMS]?.fr ?? code,
        })),
      })),
  }));
}
