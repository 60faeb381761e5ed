import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, breakGlassGrants } from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { verifyAuditChain } from './audit.verify.js';

describe('text reaches the database and the audit chain in one normalised form', () => {
  let t: TTestApp;
  let clinician: TAgent;
  let clinicianId: string;
  before(async () => {
    t = await createTestApp((app) => {
      // what the validators of a route receive, echoed back
      app.post('/api/test/echo/:word', { config: { auth: 'public' } }, (request) => ({
        body: request.body,
        query: request.query,
        params: request.params,
      }));
    });
    const user = await buildUser(t.database.db, { role: 'professional' });
    clinicianId = user.id;
    clinician = await loginAs(t.app, user.email, TEST_PASSWORD);
  });
  after(() => t.close());

  it('keeps the chain verifying after a break-the-glass reason holding a lone surrogate', async () => {
    const person = await buildPerson(t.database.db);
    const reason = 'Urgence vitale \ud800 signalée par le SAMU';
    const response = await clinician.request('POST', `/api/persons/${person.id}/break-glass`, {
      reason,
    });
    assert.equal(response.statusCode, 201, response.body);
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorUserId, clinicianId))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    assert.equal(row!.breakGlass, 'Urgence vitale \ufffd signalée par le SAMU');
    const [grant] = await t.database.db
      .select()
      .from(breakGlassGrants)
      .where(eq(breakGlassGrants.personId, person.id));
    assert.equal(grant!.reason, row!.breakGlass, 'the grant holds what the audit row holds');
    const chain = await verifyAuditChain(t.database.db);
    assert.deepEqual(chain.problems, []);
    assert.equal(chain.ok, true);
  });

  it('normalises body, query and route parameters, keys and nested values, before validation', async () => {
    const decomposed = 'Saint-E\u0301tienne'; // E + combining acute accent
    const composed = 'Saint-\u00c9tienne';
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/test/echo/${encodeURIComponent(decomposed)}?q=${encodeURIComponent(decomposed)}`,
      payload: { list: [{ [`cl\u00e9`]: decomposed }, `x\udc00y`], n: 3 },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), {
      body: { list: [{ [`cl\u00e9`]: composed }, 'x\ufffdy'], n: 3 },
      query: { q: composed },
      params: { word: composed },
    });
  });

  it('still refuses NUL characters with a 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo/a',
      payload: { text: 'a\u0000b' },
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.details.fields[0].field, 'text');
  });
});
