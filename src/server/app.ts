import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { TDb, TDriver } from '../db/client.js';
import { accountRoutes } from '../modules/accounts/accounts.routes.js';
import { adminRoutes } from '../modules/accounts/admin.routes.js';
import { patientInvitationRoutes } from '../modules/accounts/patient-invitations.routes.js';
import { communeRoutes } from '../modules/communes/communes.routes.js';
import { directoryRoutes, directoryTransferRoutes } from '../modules/directory/directory.routes.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import { registerMetrics } from '../modules/metrics/metrics.js';
import { personIdentityRoutes } from '../modules/persons/person-identity.routes.js';
import { assessmentRoutes } from '../modules/assessments/assessments.routes.js';
import { planRoutes } from '../modules/plans/plans.routes.js';
import { messageRoutes } from '../modules/messages/messages.routes.js';
import { instrumentRoutes } from '../modules/assessments/instruments.routes.js';
import { pathwayRoutes } from '../modules/pathway/pathway.routes.js';
import { calendarFeedRoutes } from '../modules/calendar-feed/calendar-feed.routes.js';
import { reminderRoutes } from '../modules/reminders/reminders.routes.js';
import { conferenceRoutes } from '../modules/conferences/conferences.routes.js';
import { referralRoutes } from '../modules/referrals/referrals.routes.js';
import { alertsRoutes } from '../modules/alerts/alerts.routes.js';
import { staysRoutes } from '../modules/stays/stays.routes.js';
import { personRoutes } from '../modules/persons/persons.routes.js';
import { requestRoutes } from '../modules/requests/requests.routes.js';
import { createLiveHub } from '../modules/notifications/notifications.live.js';
import { setNotificationMailBase } from '../modules/notifications/notifications.repository.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { timelineRoutes } from '../modules/timeline/timeline.routes.js';
import { logbookRoutes } from '../modules/logbook/logbook.routes.js';
import { availabilityRoutes } from '../modules/availability/availability.routes.js';
import { agendaRoutes } from '../modules/agenda/agenda.routes.js';
import { registerAuth } from './auth.plugin.js';
import type { TConfig } from './config.js';
import { registerErrorHandling, sendError } from './errors.handler.js';
import { AppError } from './errors.js';
import { localeFromHeader, translate } from './messages.js';
import { registerSecurityHeaders } from './security-headers.js';
import { normaliseDeep } from './text.js';
import { VERSION } from './version.js';

// Kept importable from here (tests, scripts) since the headers moved to a file of their own.
export { securityHeaders } from './security-headers.js';

export type TAppDeps = { db: TDb; driver: TDriver; config: TConfig };

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

/**
 * Request lines without secrets: invitation tokens are cut from URLs, and every query-string value
 * (search text as typed, a name filter) is replaced by "…", keeping the parameter names; no IPs,
 * no bodies.
 */
export const redactUrl = (url: string) => {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(/\/(invitations?|password-resets?)\/[^/?]+/g, '/$1/:token');
  if (query === undefined) return safePath;
  const names = query.split('&').map((pair) => pair.split('=')[0]?.slice(0, 40) ?? '');
  return `${safePath}?${names.map((name) => `${encodeURIComponent(decodeSafe(name))}=…`).join('&')}`;
};

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return '';
  }
}

/** JSON bodies nest at most this deep: deeper ones are refused before anything walks them. */
export const MAX_JSON_DEPTH = 64;

/** Whether a JSON text nests arrays/objects deeper than max (one pass, strings skipped, no recursion). */
export function isJsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Builds the Fastify application (no listening): used by main.ts and by every API test. */
export async function buildApp(
  deps: TAppDeps,
  options: {
    logger?: boolean;
    logStream?: DestinationStream;
    /** The built web app's folder (tests give their own). */
    webDist?: string;
    /** How often live notification streams send a heartbeat and re-check their session. */
    liveHeartbeatMs?: number;
  } = {},
) {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            redact: [
              'req.headers.cookie',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
            ],
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                url: redactUrl(req.url),
                id: req.id,
              }),
            },
          },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Errors raised before routing (malformed URL, over-long path parameter) get the one error shape.
    frameworkErrors: (error, request, reply) => {
      const locale = localeFromHeader(request.headers['accept-language']);
      const status = error.statusCode ?? 400;
      void sendError(
        reply,
        status,
        'bad_request',
        translate(locale, 'request.refused', {
          reason: status === 414 ? 'URI too long' : 'malformed URL',
        }),
      );
    },
    trustProxy: deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  // An empty body sent as JSON (a bare POST from curl or a proxy) means "no body", not an error.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') {
      done(null, undefined);
      return;
    }
    // JSON.parse copes with 10,000 levels, but every later walk (hooks, validation) recurses and
    // would overflow the stack: a 500 before any check. No request of this API nests beyond a few.
    if (isJsonTooDeep(text)) {
      done(new AppError('bad_request', 'request.too_deep', { max: MAX_JSON_DEPTH }), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
  // Text takes one form before validation (well-formed Unicode, NFC; see normaliseText): what is
  // checked is what is stored and hashed. PostgreSQL text cannot hold NUL characters: refuse them
  // up front with a 400, not a 500 later.
  app.addHook('preValidation', async (request) => {
    request.body = normaliseDeep(request.body);
    request.query = normaliseDeep(request.query);
    request.params = normaliseDeep(request.params);
    const field = findNul({ params: request.params, query: request.query, body: request.body });
    if (field !== null) {
      throw new AppError(
        'validation_failed',
        'request.invalid',
        {},
        {
          fields: [{ field, message: 'request.nul_character' }],
        },
      );
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    // API answers carry personal data (or may, as an error naming a record): no cache keeps them,
    // neither the browser's (a shared computer) nor a proxy's.
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });

  registerSecurityHeaders(app, deps.config.publicUrl);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Maillon API',
        description: 'Care coordination for territorial health networks.',
        version: VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'maillon_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI sets inline styles; only its own pages allow them (the app's pages never do).
    transformStaticCSP: (header: string) =>
      header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });

  registerErrorHandling(app);
  registerAuth(app, deps.db, deps.config);
  registerMetrics(app, deps);

  app.get('/api/openapi.json', { schema: { hide: true }, config: { auth: 'none' } }, () =>
    app.swagger(),
  );
  await app.register(healthRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(adminRoutes, deps);
  await app.register(personRoutes, deps);
  await app.register(personIdentityRoutes, deps);
  await app.register(patientInvitationRoutes, deps);
  await app.register(directoryRoutes, deps);
  await app.register(directoryTransferRoutes, deps);
  await app.register(requestRoutes, deps);
  await app.register(instrumentRoutes, deps);
  await app.register(assessmentRoutes, deps);
  await app.register(communeRoutes, deps);
  await app.register(timelineRoutes, deps);
  // Live notifications (decision 025): one hub per process, its streams ended before the server
  // closes (an open stream would keep it waiting).
  const live = createLiveHub(deps.db, app.log, { heartbeatMs: options.liveHeartbeatMs });
  app.addHook('preClose', () => live.close());
  setNotificationMailBase(deps.config.publicUrl);
  await app.register(notificationRoutes, { ...deps, live });
  await app.register(pathwayRoutes, deps);
  await app.register(referralRoutes, deps);
  await app.register(staysRoutes, deps);
  await app.register(alertsRoutes, deps);
  await app.register(planRoutes, deps);
  await app.register(messageRoutes, deps);
  await app.register(logbookRoutes, deps);
  await app.register(availabilityRoutes, deps);
  await app.register(agendaRoutes, deps);
  await app.register(conferenceRoutes, deps);
  await app.register(calendarFeedRoutes, deps);
  await app.register(reminderRoutes, deps);

  await registerWebAndNotFound(app, options.webDist ?? WEB_DIST);
  return app;
}

/**
 * Serves the built single-page app when present; unknown non-API GETs get index.html (client
 * routing), everything else a JSON 404.
 */
async function registerWebAndNotFound(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: 'index.html',
      // The build makes no source maps (web/vite.config.ts); one left there is still not served.
      allowedPath: (pathName) => !/\.map$/i.test(pathName),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isSourceMap = /\.map$/i.test(request.url.split('?')[0] ?? '');
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api') && !isSourceMap) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', translate(request.locale, 'route.not_found'));
  });
}

/** The path of the first string holding a NUL character, or null. */
function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string')
    return value.includes('\u0000') ? path.replace(/^\w+\./, '') || path : null;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

export type TApp = Awaited<ReturnType<typeof buildApp>>;
