import { parse } from 'csv-parse/sync';
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { TDb } from '../../db/client.js';
import {
  directoryHistory,
  memberOrganisations,
  members,
  organisations,
  services,
} from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { localizeIssue } from '../../server/errors.handler.js';
import { translate } from '../../server/messages.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import {
  acceptingCode,
  careStreamCodes,
  cell,
  channelsFromCells,
  channelVisibilityOf,
  CSV_COLUMNS,
  CSV_REQUIRED,
  languageCodes,
  organisationTypeCode,
  professionCode,
  splitList,
  splitPipes,
  visibilityCode,
  type TCsvKind,
  type TCsvRow,
} from './directory.csv.js';
import {
  indexMembers,
  indexOrganisations,
  indexServices,
  tidySearchTables,
} from './directory.indexer.js';
import { directoryPolicy } from './directory.policy.js';
import { diffFields } from './directory.service.js';
import { ZMemberImport, ZOrganisationInput, ZServiceInput } from './directory.schemas.js';
import { normalizeForSearch } from './directory.vocabulary.js';

export const IMPORT_MAX_ROWS = 20_000;
const BATCH = 500;

export type TRowError = { field: string; message: string };
export type TImportReport = {
  kind: TCsvKind;
  dryRun: boolean;
  total: number;
  accepted: number;
  rejected: { row: number; errors: TRowError[] }[];
  preview: string[];
  created: number;
};

/**
 * The organisations already in the directory: ids by id and by name (several when a name is not
 * unique: the file must then give the id, as the export does), and name + commune keys.
 */
type TOrgLookup = { byRef: Map<string, string[]>; nameAndCommune: Set<string> };

function parseCsv(csv: string): TCsvRow[] {
  try {
    return parse<TCsvRow>(csv, {
      columns: (header: string[]) => header.map((h) => normalizeForSearch(h).replace(/ /g, '_')),
      bom: true,
      delimiter: [',', ';'],
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new AppError('unprocessable', 'request.refused', { reason: (error as Error).message });
  }
}

const orgKey = (name: string) => normalizeForSearch(name);

const nameAndCommuneKey = (name: string, commune: string | null | undefined) =>
  orgKey(`${name} ${commune ?? ''}`);

async function loadOrganisations(tx: TDb): Promise<TOrgLookup> {
  const rows = await tx
    .select({ id: organisations.id, name: organisations.name, commune: organisations.commune })
    .from(organisations);
  const lookup: TOrgLookup = { byRef: new Map(), nameAndCommune: new Set() };
  for (const row of rows) {
    lookup.byRef.set(row.id, [row.id]);
    const key = orgKey(row.name);
    lookup.byRef.set(key, [...(lookup.byRef.get(key) ?? []), row.id]);
    lookup.nameAndCommune.add(nameAndCommuneKey(row.name, row.commune));
  }
  return lookup;
}

function toInput(
  ctx: TContext,
  kind: TCsvKind,
  row: TCsvRow,
  orgs: TOrgLookup,
): { input: unknown; errors: TRowError[] } {
  const errors: TRowError[] = [];
  /** The organisation's id; null when the name is not unique (the row error says to give the id). */
  const findOrg = (ref: string): string | null | undefined => {
    const ids = orgs.byRef.get(ref) ?? orgs.byRef.get(orgKey(ref));
    if (!ids || ids.length === 1) return ids?.[0];
    errors.push({
      field: 'organisation',
      message: translate(ctx.actor.locale, 'directory.import_organisation_ambiguous', {
        name: ref,
        count: ids.length,
      }),
    });
    return null;
  };
  const unknownOrg = (ref: string) =>
    errors.push({
      field: 'organisation',
      message: `« ${ref} » : structure inconnue de l'annuaire`,
    });
  const orgRef = cell(row, 'organisation');
  // a service's organisation (a member's workplaces are read by workplaces())
  const organisationId = kind === 'services' && orgRef ? findOrg(orgRef) : undefined;
  if (kind === 'services' && orgRef && organisationId === undefined) unknownOrg(orgRef);
  const reach = {
    channels: channelVisibilityOf(row, channelsFromCells(row), errors),
    goodToKnow: cell(row, 'good_to_know'),
  };
  switch (kind) {
    case 'organisations':
      return {
        errors,
        input: {
          name: cell(row, 'name'),
          type: organisationTypeCode(cell(row, 'type') ?? ''),
          address: cell(row, 'address'),
          postalCode: cell(row, 'postal_code'),
          commune: cell(row, 'commune'),
          phone: cell(row, 'phone'),
          email: cell(row, 'email'),
          website: cell(row, 'website'),
          openingHours: cell(row, 'opening_hours'),
          ...mapPoint(row, errors),
          ...reach,
        },
      };
    case 'members':
      return {
        errors,
        input: {
          firstName: cell(row, 'first_name'),
          lastName: cell(row, 'last_name'),
          profession: professionCode(cell(row, 'profession') ?? ''),
          specialty: cell(row, 'specialty'),
          rpps: cell(row, 'rpps'),
          adeli: cell(row, 'adeli'),
          gln: cell(row, 'gln'),
          email: cell(row, 'email'),
          phone: cell(row, 'phone'),
          languages: cell(row, 'languages') ? languageCodes(row.languages) : ['fr'],
          organisations: workplaces(row, findOrg, unknownOrg, errors),
          phoneVisibility: visibilityCode(cell(row, 'phone_visibility')),
          emailVisibility: visibilityCode(cell(row, 'email_visibility')),
          identifiersVisibility: visibilityCode(cell(row, 'identifiers_visibility')),
          accepting: acceptingCode(cell(row, 'accepting')),
          acceptingConditions: cell(row, 'accepting_conditions'),
          ...reach,
        },
      };
    case 'services':
      if (!orgRef)
        errors.push({
          field: 'organisation',
          message: 'obligatoire : la structure qui offre le service',
        });
      return {
        errors,
        input: {
          organisationId: organisationId ?? '00000000-0000-4000-8000-000000000000',
          name: cell(row, 'name'),
          description: cell(row, 'description'),
          missions: cell(row, 'missions'),
          limits: cell(row, 'limits'),
          eligibility: cell(row, 'eligibility'),
          careStreams: careStreamCodes(row.care_streams),
          communesServed: splitList(row.communes_served),
          waitingTime: cell(row, 'waiting_time'),
          accepting: acceptingCode(cell(row, 'accepting')),
          acceptingConditions: cell(row, 'accepting_conditions'),
          hours: cell(row, 'hours'),
          costNotes: cell(row, 'cost_notes'),
          ...reach,
        },
      };
  }
}

/** Latitude and longitude cells (decimal degrees, "45,9" or "45.9"): both or neither. */
function mapPoint(row: TCsvRow, errors: TRowError[]) {
  const read = (column: 'latitude' | 'longitude') => {
    const text = cell(row, column);
    if (text === undefined) return undefined;
    const value = Number(text.replace(',', '.'));
    if (Number.isFinite(value)) return value;
    errors.push({ field: column, message: `« ${text} » : un nombre en degrés décimaux (45.92)` });
    return undefined;
  };
  const latitude = read('latitude');
  const longitude = read('longitude');
  if ((latitude === undefined) !== (longitude === undefined) && errors.length === 0) {
    errors.push({
      field: latitude === undefined ? 'latitude' : 'longitude',
      message: 'latitude et longitude vont ensemble (ou aucune des deux)',
    });
  }
  return { latitude, longitude };
}

/**
 * Where a member works: "CH Annecy|MSP Seynod" in the organisation cell, the role titles in the
 * same order in role_title ("IDE|Coordinatrice"). Unknown names and repeats are row errors.
 */
function workplaces(
  row: TCsvRow,
  findOrg: (ref: string) => string | null | undefined,
  unknownOrg: (ref: string) => void,
  errors: TRowError[],
) {
  const refs = splitPipes(cell(row, 'organisation'));
  const titles = splitPipes(cell(row, 'role_title'));
  const places: {
    organisationId: string;
    roleTitle: string | undefined;
    canEditServices: false;
  }[] = [];
  refs.forEach((ref, index) => {
    if (!ref) return;
    const organisationId = findOrg(ref);
    if (organisationId === null) return; // ambiguous name: findOrg said so
    if (organisationId === undefined) return unknownOrg(ref);
    if (places.some((p) => p.organisationId === organisationId)) {
      errors.push({ field: 'organisation', message: `« ${ref} » : structure répétée` });
      return;
    }
    places.push({ organisationId, roleTitle: titles[index] || undefined, canEditServices: false });
  });
  return places.length ? places : undefined;
}

const SCHEMAS = {
  organisations: ZOrganisationInput,
  members: ZMemberImport,
  services: ZServiceInput,
} as const;
const FIELD_TO_COLUMN: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  postalCode: 'postal_code',
  openingHours: 'opening_hours',
  goodToKnow: 'good_to_know',
  careStreams: 'care_streams',
  communesServed: 'communes_served',
  waitingTime: 'waiting_time',
  acceptingConditions: 'accepting_conditions',
  phoneVisibility: 'phone_visibility',
  emailVisibility: 'email_visibility',
  identifiersVisibility: 'identifiers_visibility',
  costNotes: 'cost_notes',
  organisationId: 'organisation',
  organisations: 'organisation',
  channels: 'phone',
};

function validateRows(ctx: TContext, kind: TCsvKind, records: TCsvRow[], orgs: TOrgLookup) {
  const schema: z.ZodType = SCHEMAS[kind];
  const valid: { row: number; value: Record<string, unknown> }[] = [];
  const rejected: TImportReport['rejected'] = [];
  const seen = new Set<string>();
  records.forEach((record, index) => {
    const rowNumber = index + 2; // line 1 is the header
    const { input, errors } = toInput(ctx, kind, record, orgs);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        // A value outside a list is quoted back: the row's author sees which cell to fix.
        const cellValue = issue.path.reduce<unknown>(
          (at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key],
          input,
        );
        errors.push({
          field: FIELD_TO_COLUMN[field] ?? field,
          message:
            issue.code === 'invalid_value' && typeof cellValue === 'string'
              ? translate(ctx.actor.locale, 'directory.import_unknown_value', { value: cellValue })
              : localizeIssue(ctx.actor.locale, issue.code, issue as never, issue.message),
        });
      }
    }
    const value = (parsed.data ?? {}) as Record<string, string | undefined>;
    const key =
      kind === 'members'
        ? (value.rpps ?? '')
        : kind === 'organisations'
          ? nameAndCommuneKey(value.name ?? '', value.commune)
          : '';
    if (parsed.success && key) {
      if (seen.has(key))
        errors.push({
          field: kind === 'members' ? 'rpps' : 'name',
          message: 'en double dans le fichier',
        });
      seen.add(key);
    }
    // Same name and commune: the same organisation. Same name elsewhere: another one (two
    // "Cabinet infirmier du Centre" in two towns), which members and services then name by id.
    if (
      kind === 'organisations' &&
      parsed.success &&
      orgs.nameAndCommune.has(nameAndCommuneKey(value.name ?? '', value.commune))
    ) {
      errors.push({ field: 'name', message: "existe déjà dans l'annuaire" });
    }
    if (errors.length) rejected.push({ row: rowNumber, errors });
    else valid.push({ row: rowNumber, value });
  });
  return { valid, rejected };
}

async function insertAll(
  ctx: TContext,
  tx: TDb,
  kind: TCsvKind,
  values: Record<string, unknown>[],
): Promise<string[]> {
  const ids: string[] = [];
  const stamp = { verifiedAt: new Date(), verifiedBy: ctx.actor.userId };
  for (let i = 0; i < values.length; i += BATCH) {
    const part = values.slice(i, i + BATCH);
    let inserted: { id: string }[];
    if (kind === 'members') {
      // a status given in the file is confirmed by the import, by whoever imports it
      const rows = part.map(({ organisations: _links, ...rest }) => ({
        ...(rest as typeof members.$inferInsert),
        ...stamp,
        ...(rest.accepting
          ? { acceptingConfirmedAt: stamp.verifiedAt, acceptingConfirmedBy: stamp.verifiedBy }
          : {}),
      }));
      inserted = await tx.insert(members).values(rows).returning({ id: members.id });
      const links = part.flatMap((v, j) =>
        (
          (v.organisations as
            { organisationId: string; roleTitle?: string | null }[] | undefined) ?? []
        ).map((l) => ({
          memberId: inserted[j]!.id,
          organisationId: l.organisationId,
          roleTitle: l.roleTitle ?? null,
        })),
      );
      if (links.length) await tx.insert(memberOrganisations).values(links).onConflictDoNothing();
    } else if (kind === 'organisations') {
      inserted = await tx
        .insert(organisations)
        .values(part.map((v) => ({ ...(v as typeof organisations.$inferInsert), ...stamp })))
        .returning({ id: organisations.id });
    } else {
      inserted = await tx
        .insert(services)
        .values(part.map((v) => ({ ...(v as typeof services.$inferInsert), ...stamp })))
        .returning({ id: services.id });
    }
    await tx.insert(directoryHistory).values(
      inserted.map((row, j) => ({
        entityType:
          kind === 'members'
            ? ('member' as const)
            : kind === 'organisations'
              ? ('organisation' as const)
              : ('service' as const),
        entityId: row.id,
        version: 1,
        action: 'import' as const,
        changedBy: ctx.actor.userId,
        changes: diffFields(null, part[j]!),
      })),
    );
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

async function reindexImported(
  tx: TDb,
  kind: TCsvKind,
  ids: string[],
  values: Record<string, unknown>[],
) {
  if (kind === 'members') return indexMembers(tx, ids);
  if (kind === 'organisations') return indexOrganisations(tx, ids);
  await indexServices(tx, ids);
  const orgIds = [...new Set(values.map((v) => String(v.organisationId)))];
  await indexOrganisations(tx, orgIds);
  const staff = orgIds.length
    ? await tx
        .select({ id: memberOrganisations.memberId })
        .from(memberOrganisations)
        .where(inArray(memberOrganisations.organisationId, orgIds))
    : [];
  await indexMembers(
    tx,
    staff.map((s) => s.id),
  );
}

/**
 * Imports a CSV of organisations, members or services. A dry run reports every rejected row and
 * why; a commit writes all rows in one transaction, or none when any row is rejected.
 */
export async function importDirectoryCsv(
  ctx: TContext,
  options: { kind: TCsvKind; csv: string; dryRun: boolean },
): Promise<TImportReport> {
  if (!directoryPolicy.canImportExport(ctx.actor))
    throw new AppError('forbidden', 'directory.forbidden');
  const records = parseCsv(options.csv);
  if (records.length === 0) throw new AppError('unprocessable', 'directory.import_empty');
  if (records.length > IMPORT_MAX_ROWS)
    throw new AppError('unprocessable', 'directory.import_too_large', { max: IMPORT_MAX_ROWS });
  const missing = CSV_REQUIRED[options.kind].filter((column) => !(column in records[0]!));
  if (missing.length) {
    throw new AppError('unprocessable', 'directory.import_missing_columns', {
      missing: missing.join(', '),
      expected: CSV_COLUMNS[options.kind].join(', '),
    });
  }
  const result = await withTransaction(ctx.db, async (tx) => {
    const { valid, rejected } = validateRows(
      ctx,
      options.kind,
      records,
      await loadOrganisations(tx),
    );
    const report: TImportReport = {
      kind: options.kind,
      dryRun: options.dryRun,
      total: records.length,
      accepted: valid.length,
      rejected,
      preview: valid.slice(0, 10).map(({ value }) => {
        const named = value as { name?: string; firstName?: string; lastName?: string };
        return named.name ?? `${named.firstName ?? ''} ${named.lastName ?? ''}`;
      }),
      created: 0,
    };
    if (options.dryRun) return report;
    if (rejected.length) {
      throw new AppError(
        'unprocessable',
        'directory.import_rejected',
        { count: rejected.length },
        { report },
      );
    }
    const values = valid.map((v) => v.value);
    const ids = await insertAll(ctx, tx, options.kind, values);
    await reindexImported(tx, options.kind, ids, values);
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'directory.import',
      resourceType: options.kind,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { rows: ids.length },
    });
    return { ...report, created: ids.length };
  });
  if (result.created > 0) await tidySearchTables(ctx.db);
  return result;
}
