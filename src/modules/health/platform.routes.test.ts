import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TTestApp } from '../../../test/helpers/app.js';
import { TEST_DRIVER } from '../../../test/helpers/database.js';
import { securityHeaders } from '../../server/app.js';

describe('platform routes', () => {
  let t: TTestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  it('reports health with the driver and version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', db: TEST_DRIVER, version: '0.1.0' });
    assert.match(String(response.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.equal(doc.openapi, '3.1.0');
    const login = doc.paths['/api/auth/login'].post;
    assert.deepEqual(login.requestBody.content['application/json'].schema.required.sort(), [
      'email',
      'password',
    ]);
    assert.ok(doc.paths['/api/persons/{personId}'].get);
    assert.ok(!doc.paths['/api/openapi.json'], 'the document does not list itself');
  });

  it('serves the browsable API documentation', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/html/);
  });

  it('asks for a session on every API route that does not say otherwise', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const publicRoutes = new Set([
      'GET /api/health',
      // readiness for load balancers and orchestrators (issue 18): no data, no session
      'GET /api/health/ready',
      'POST /api/auth/login',
      'GET /api/invitations/{token}',
      'POST /api/invitations/{token}/accept',
      'POST /api/auth/password-reset',
      'GET /api/password-resets/{token}',
      'POST /api/password-resets/{token}',
      // the public request form (decision 012): a human check and a rate limit instead of a login
      'GET /api/public/requests/challenge',
      'POST /api/public/requests',
      // the commune picker of the public form (decision 015): throttled per address instead
      'GET /api/communes',
      // a member's private calendar feed (decision 031): the token in the address is the
      // credential (calendar applications send no cookie); unknown or revoked, 404
      'GET /ical/{file}',
    ]);
    for (const [path, methods] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        const url = path
          .replace('{personId}', '00000000-0000-4000-8000-000000000000')
          .replace('{memberId}', '00000000-0000-4000-8000-000000000000')
          .replace('{token}', 'x'.repeat(43));
        const response = await t.app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: method === 'get' ? undefined : {},
        });
        if (publicRoutes.has(key)) assert.notEqual(response.statusCode, 401, key);
        else
          assert.equal(
            response.statusCode,
            401,
            `${key} answered ${response.statusCode} without a session`,
          );
      }
    }
  });

  it('sends security headers on every answer: own scripts only, no framing, no referrer', async () => {
    for (const url of ['/api/health', '/api/persons', '/api/nowhere', '/some/app/page']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or foreign script`);
      assert.match(csp, /style-src 'self'(;|$)/, `${url}: no inline style`);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.equal(response.headers['x-frame-options'], 'DENY', url);
      assert.equal(response.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(response.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(response.headers['strict-transport-security'], undefined, 'not over http');
    }
    // Swagger UI sets inline styles: allowed on its own pages only.
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.match(
      String(docs.headers['content-security-policy']),
      /style-src 'self' 'unsafe-inline'/,
    );
  });

  it('pins HTTPS (HSTS) and upgrades requests only when the public address is https', () => {
    const secure = securityHeaders('https://maillon.reseau-sante.fr');
    assert.deepEqual(secure.hsts, { maxAge: 31_536_000, includeSubDomains: true });
    assert.deepEqual(secure.contentSecurityPolicy.directives.upgradeInsecureRequests, []);
    const plain = securityHeaders('http://localhost:3000');
    assert.equal(plain.hsts, false);
    assert.equal('upgradeInsecureRequests' in plain.contentSecurityPolicy.directives, false);
  });
});
