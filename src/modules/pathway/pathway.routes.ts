import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf, runWithSession } from '../../server/auth.plugin.js';
import { TRIAGE_ROLES } from '../access/access.policy.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  assignCaseManager,
  getMyCaseload,
  getWorkloadBoard,
  setCaseManagerCap,
} from './caseload.service.js';
import {
  caseloadPageOf,
  MY_CASELOAD_PAGE_WITH_SESSION,
  WORKLOAD_BOARD_WITH_SESSION,
  workloadBoardOf,
  type TCaseloadPageRow,
  type TWorkloadBoardRow,
} from './caseload.repository.js';
import {
  ZAssignCaseManagerRequest,
  ZAssignCaseManagerResponse,
  ZCaseload,
  ZManagerCapRequest,
  ZPathway,
  ZReferentRequest,
  ZTransitionRequest,
  ZWorkloadBoard,
} from './pathway.schemas.js';
import { getPathway, setPathwayReferent, transitionPathway } from './pathway.service.js';

/** The roles with a directory profile who may follow people as case managers. */
const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

/** A person's pathway and who answers for them; caseloads and the workload board (decision 016). */
export async function pathwayRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pathway'];

  r.get(
    '/api/persons/:personId/pathway',
    {
      schema: {
        tags,
        summary: "The person's pathway: state, since when, why, who answers, history",
        params: ZPersonId,
        response: { 200: ZPathway },
      },
    },
    (request) => getPathway(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/persons/:personId/pathway/transitions',
    {
      schema: {
        tags,
        summary: 'Move the pathway to another state (409 if not allowed from here, or stale)',
        params: ZPersonId,
        body: ZTransitionRequest,
        response: { 200: ZPathway },
      },
    },
    (request) =>
      transitionPathway(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.put(
    '/api/persons/:personId/pathway/referent',
    {
      schema: {
        tags,
        summary: 'Name (or remove) a referent professional, at the liaison level only',
        params: ZPersonId,
        body: ZReferentRequest,
        response: { 200: ZPathway },
      },
    },
    (request) =>
      setPathwayReferent(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.put(
    '/api/persons/:personId/case-manager',
    {
      schema: {
        tags,
        summary: 'Name or hand over the case manager (409 over the cap unless forced by staff)',
        params: ZPersonId,
        body: ZAssignCaseManagerRequest,
        response: { 200: ZAssignCaseManagerResponse },
      },
    },
    (request) =>
      assignCaseManager(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.get(
    '/api/caseload',
    {
      // The session is read in the caseload's one statement (decision 019).
      config: { roles: MEMBER_ROLES, sessionInStatement: true },
      schema: {
        tags,
        summary: 'My caseload: my people by level, reviews due, cap used, recent events',
        response: { 200: ZCaseload },
      },
    },
    async (request) => {
      const { ctx, rows } = await runWithSession(
        request,
        db,
        config,
        MY_CASELOAD_PAGE_WITH_SESSION,
        [new Date()],
      );
      const [row] = rows as TCaseloadPageRow[];
      return getMyCaseload(ctx, row && caseloadPageOf(ctx.actor, row));
    },
  );

  r.get(
    '/api/caseload/board',
    {
      // The session is read in the board's one statement (decision 019).
      config: { roles: TRIAGE_ROLES, sessionInStatement: true },
      schema: {
        tags,
        summary: "Workload board: each case manager's caseload against the cap, the unassigned",
        response: { 200: ZWorkloadBoard },
      },
    },
    async (request) => {
      const { ctx, rows } = await runWithSession(request, db, config, WORKLOAD_BOARD_WITH_SESSION, [
        new Date(),
      ]);
      const [row] = rows as TWorkloadBoardRow[];
      return getWorkloadBoard(ctx, row && workloadBoardOf(ctx.actor, row));
    },
  );

  r.put(
    '/api/caseload/managers/:memberId/cap',
    {
      config: { roles: TRIAGE_ROLES },
      schema: {
        tags,
        summary: "A case manager's own cap (null: the network's)",
        params: z.object({ memberId: z.uuid() }),
        body: ZManagerCapRequest,
      },
    },
    async (request, reply) => {
      await setCaseManagerCap(contextOf(request, db, config), {
        ...request.params,
        ...request.body,
      });
      return reply.status(204).send();
    },
  );
}
