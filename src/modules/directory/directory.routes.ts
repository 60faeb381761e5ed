import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import type { TEntityType } from './directory.repository.js';
import {
  ZCsvKind,
  ZHistoryEntry,
  ZIdParam,
  ZImportReport,
  ZImportRequest,
  IMPORT_MAX_BYTES,
  ZMemberAcceptingInput,
  ZMemberInput,
  ZMemberPatch,
  ZMemberProfile,
  ZOrganisationInput,
  ZOrganisationPatch,
  ZOrganisationProfile,
  ZSearchQuery,
  ZSearchResponse,
  ZServiceInput,
  ZServicePatch,
  ZServiceProfile,
} from './directory.schemas.js';
import {
  createMember,
  createOrganisation,
  createService,
  getHistory,
  getMemberProfile,
  getOrganisationProfile,
  getServiceProfile,
  searchDirectory,
  setMemberAccepting,
  updateMember,
  updateOrganisation,
  updateService,
  verifyEntry,
} from './directory.service.js';
import { exportDirectoryCsv, exportDirectoryHsds } from './directory.export.service.js';
import { importDirectoryCsv } from './directory.import.service.js';
import { getVocabulary, ZVocabulary } from './directory.vocabulary.routes.js';

const ZCreated = z.object({ id: z.uuid() });
const ZUpdated = z.object({ id: z.uuid(), version: z.number().int() });
const ZVerified = ZUpdated.extend({ verifiedAt: z.iso.datetime() });
const PATHS: Record<TEntityType, string> = {
  member: 'members',
  organisation: 'organisations',
  service: 'services',
};

/** The directory "Qui fait quoi": search, profiles, edits with history, freshness. */
export async function directoryRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, db, config);

  r.get(
    '/api/directory/search',
    {
      schema: {
        tags,
        summary: 'Find who can help: one box, filters, ranked, with why each result matched',
        querystring: ZSearchQuery,
        response: { 200: ZSearchResponse },
      },
    },
    async (request) => {
      const { page, pageSize, type, ...filters } = request.query;
      const result = await searchDirectory(ctx(request), {
        ...filters,
        types: type,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { ...result, page, pageSize };
    },
  );

  r.get(
    '/api/directory/vocabulary',
    {
      schema: {
        tags,
        summary: 'Lists behind the filters, with labels, and the communes in use',
        response: { 200: ZVocabulary },
      },
    },
    (request) => getVocabulary(ctx(request)),
  );

  r.get(
    '/api/directory/members/:id',
    {
      schema: {
        tags,
        summary: 'A member profile',
        params: ZIdParam,
        response: { 200: ZMemberProfile },
      },
    },
    async (request) => {
      const p = await getMemberProfile(ctx(request), request.params.id);
      return p;
    },
  );
  r.get(
    '/api/directory/organisations/:id',
    {
      schema: {
        tags,
        summary: 'An organisation profile',
        params: ZIdParam,
        response: { 200: ZOrganisationProfile },
      },
    },
    (request) => getOrganisationProfile(ctx(request), request.params.id),
  );
  r.get(
    '/api/directory/services/:id',
    {
      schema: {
        tags,
        summary: 'A service profile',
        params: ZIdParam,
        response: { 200: ZServiceProfile },
      },
    },
    (request) => getServiceProfile(ctx(request), request.params.id),
  );

  r.post(
    '/api/directory/members',
    {
      schema: {
        tags,
        summary: 'Add a member (network staff)',
        body: ZMemberInput,
        response: { 201: ZCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMember(ctx(request), request.body)),
  );
  r.post(
    '/api/directory/organisations',
    {
      schema: {
        tags,
        summary: 'Add an organisation (network staff)',
        body: ZOrganisationInput,
        response: { 201: ZCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganisation(ctx(request), request.body)),
  );
  r.post(
    '/api/directory/services',
    {
      schema: {
        tags,
        summary: 'Add a service (staff, or members allowed for the organisation)',
        body: ZServiceInput,
        response: { 201: ZCreated },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createService(ctx(request), request.body)),
  );

  r.patch(
    '/api/directory/members/:id',
    {
      schema: {
        tags,
        summary: 'Edit a member (staff, or the member themselves)',
        params: ZIdParam,
        body: ZMemberPatch,
        response: { 200: ZUpdated },
      },
    },
    (request) => updateMember(ctx(request), request.params.id, request.body),
  );
  r.put(
    '/api/directory/members/:id/accepting',
    {
      schema: {
        tags,
        summary:
          'Say whether a member accepts new people, confirmed today (the member, staff, or an editor of their organisation)',
        params: ZIdParam,
        body: ZMemberAcceptingInput,
        response: {
          200: ZUpdated.extend({
            accepting: z.enum(['yes', 'no', 'conditions']),
            acceptingConfirmedAt: z.iso.datetime(),
          }),
        },
      },
    },
    (request) => setMemberAccepting(ctx(request), request.params.id, request.body),
  );
  r.patch(
    '/api/directory/organisations/:id',
    {
      schema: {
        tags,
        summary: 'Edit an organisation (network staff)',
        params: ZIdParam,
        body: ZOrganisationPatch,
        response: { 200: ZUpdated },
      },
    },
    (request) => updateOrganisation(ctx(request), request.params.id, request.body),
  );
  r.patch(
    '/api/directory/services/:id',
    {
      schema: {
        tags,
        summary: 'Edit a service',
        params: ZIdParam,
        body: ZServicePatch,
        response: { 200: ZUpdated },
      },
    },
    (request) => updateService(ctx(request), request.params.id, request.body),
  );

  for (const [type, path] of Object.entries(PATHS) as [TEntityType, string][]) {
    r.post(
      `/api/directory/${path}/:id/verify`,
      {
        schema: {
          tags,
          summary: `Confirm a ${type} entry is still true today`,
          params: ZIdParam,
          response: { 200: ZVerified },
        },
      },
      (request) => verifyEntry(ctx(request), type, request.params.id),
    );
    r.get(
      `/api/directory/${path}/:id/history`,
      {
        schema: {
          tags,
          summary: `Every version of a ${type} entry`,
          params: ZIdParam,
          response: { 200: z.object({ items: z.array(ZHistoryEntry) }) },
        },
      },
      (request) => getHistory(ctx(request), type, request.params.id),
    );
  }
}

/** Import (dry run, then all-or-nothing commit) and export (CSV, HSDS 3 JSON), for network staff. */
export async function directoryTransferRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];
  r.post(
    '/api/directory/import/:kind',
    {
      // the CSV, JSON-escaped (a line break takes two bytes), and the other fields
      bodyLimit: IMPORT_MAX_BYTES + 2 * 1024 * 1024,
      // checked before the body is read (directoryPolicy.canImportExport, checked again inside)
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary:
          'Import a CSV: dry run lists each rejected row and why; commit writes all rows or none',
        params: z.object({ kind: ZCsvKind }),
        body: ZImportRequest,
        response: { 200: ZImportReport },
      },
    },
    (request) =>
      importDirectoryCsv(contextOf(request, db, config), {
        kind: request.params.kind,
        ...request.body,
      }),
  );
  r.get(
    '/api/directory/export/:kind.csv',
    {
      schema: {
        tags,
        summary: 'Export as CSV (same columns as the import)',
        params: z.object({ kind: ZCsvKind }),
      },
    },
    async (request, reply) => {
      const csv = await exportDirectoryCsv(contextOf(request, db, config), request.params.kind);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="maillon-${request.params.kind}.csv"`)
        .send(csv);
    },
  );
  r.get(
    '/api/directory/export/hsds.json',
    {
      schema: { tags, summary: 'Export as Open Referral HSDS 3 organizations with their services' },
    },
    async (request, reply) => {
      const organizations = await exportDirectoryHsds(contextOf(request, db, config));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="maillon-hsds.json"')
        .send(JSON.stringify(organizations));
    },
  );
}
