import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every answer (helmet): the app loads only its own scripts, styles, fonts
 * and API, images also as data: URLs (QR code); nobody may frame it (clickjacking); no referrer
 * leaves (invitation links carry a token); HTTPS is pinned only when the app is served over it.
 */
export function securityHeaders(publicUrl: string) {
  const https = publicUrl.startsWith('https://');
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // the API answers same-origin fetches only; nothing here is meant to be embedded elsewhere
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
  };
}

/**
 * The headers helmet sets with these options, computed once: nothing in them depends on the
 * request (no nonce), and helmet rebuilt its whole middleware — the CSP string included — on
 * every request through @fastify/helmet.
 */
export function securityHeaderValues(publicUrl: string): [string, string][] {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: unknown) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  // No request is needed: nothing in these headers depends on one.
  const noRequest = null as unknown as IncomingMessage;
  helmet(securityHeaders(publicUrl))(noRequest, response as unknown as ServerResponse, () => {});
  return [...headers];
}

/**
 * Sets the security headers on every answer, first thing (before any check can refuse the
 * request), on the raw response as helmet does: a route's own value (Swagger UI relaxes the CSP
 * of its pages) replaces it when the answer is written.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const headers = securityHeaderValues(publicUrl);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
