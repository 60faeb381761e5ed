import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppDeps } from '../../server/app.js';
import { contextOf } from '../../server/auth.plugin.js';
import { ZPersonId } from '../persons/persons.schemas.js';
import {
  ZAcknowledgeRequest,
  ZAlert,
  ZAlertId,
  ZAlerts,
  ZAlertsQuery,
  ZResolveRequest,
} from './alerts.schemas.js';
import { acknowledgeAlert, listAlerts, listPersonAlerts, resolveAlert } from './alerts.service.js';

/** The roles with a directory profile who follow people (as in pathway.routes.ts). */
const MEMBER_ROLES = ['admin', 'coordinator', 'professional', 'social'] as const;

/** Pathway-break alerts: lists, a person's, acknowledge and resolve (decision 024). */
export async function alertsRoutes(app: FastifyInstance, deps: TAppDeps): Promise<void> {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['alerts'];

  r.get(
    '/api/alerts',
    {
      config: { roles: MEMBER_ROLES },
      schema: {
        tags,
        summary: 'My alerts (staff: also the unowned), or all of them for the coordination team',
        querystring: ZAlertsQuery,
        response: { 200: ZAlerts },
      },
    },
    (request) => listAlerts(contextOf(request, db, config), request.query),
  );

  r.get(
    '/api/persons/:personId/alerts',
    {
      schema: {
        tags,
        summary: "The person's standing alerts and the latest closed ones",
        params: ZPersonId,
        response: { 200: ZAlerts },
      },
    },
    (request) => listPersonAlerts(contextOf(request, db, config), request.params),
  );

  r.post(
    '/api/alerts/:alertId/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge an open alert (its owner or the coordination team), with a note',
        params: ZAlertId,
        body: ZAcknowledgeRequest,
        response: { 200: ZAlert },
      },
    },
    (request) =>
      acknowledgeAlert(contextOf(request, db, config), { ...request.params, ...request.body }),
  );

  r.post(
    '/api/alerts/:alertId/resolve',
    {
      schema: {
        tags,
        summary: 'Resolve an alert with a note saying what was done',
        params: ZAlertId,
        body: ZResolveRequest,
        response: { 200: ZAlert },
      },
    },
    (request) =>
      resolveAlert(contextOf(request, db, config), { ...request.params, ...request.body }),
  );
}
