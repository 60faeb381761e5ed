/**
 * npm run bench:request in small (the measured run is 10 s a route on both drivers): one short
 * pass of every route and the three ceilings on PGlite, so the script cannot rot.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOptions, runRequestBench } from '../scripts/bench-request.js';

describe('bench:request, tiny run', { timeout: 240_000 }, () => {
  it('measures the ceilings and every route on PGlite, each request answered as expected', async () => {
    // PGlite here: a PostgreSQL run is the same code with a statement-counting pass first.
    const result = await runRequestBench(
      readOptions(['--driver', 'pglite', '--duration', '200ms', '--pglite-concurrency', '2']),
    );
    assert.equal(result.failed, false, result.report);
    assert.deepEqual(
      result.drivers.map((d) => d.driver),
      ['pglite'],
    );
    const { rows, persons } = result.drivers[0]!;
    assert.ok(persons > 0, 'the case manager has a caseload');
    const names = rows.map((row) => row.name);
    for (const expected of [
      /^bare Fastify route/,
      /^raw one query/,
      /^Fastify \+ one query/,
      /^GET \/api\/health$/,
      /^GET \/api\/auth\/session$/,
      /^GET \/api\/persons\/:id/,
      /^GET \/api\/persons \(caseload/,
      /^GET \/api\/directory\/search/,
      /^GET \/api\/directory\/members\/:id/,
      /^POST \/ DELETE care-team member/,
    ])
      assert.ok(
        names.some((name) => expected.test(name)),
        `${String(expected)} in ${names.join(', ')}`,
      );
    for (const row of rows) {
      const route = row.report?.routes[0];
      assert.ok(route && route.count > 0, `${row.name}: no request`);
      assert.equal(route.ok, route.count, `${row.name}: ${JSON.stringify(route.examples)}`);
    }
    // Each ceiling is 1 against itself; the routes are shares of both.
    assert.equal(rows.find((row) => row.name.startsWith('raw one query'))!.share, '1');
    assert.equal(
      rows.find((row) => row.name.startsWith('Fastify + one query'))!.shareOfServed,
      '1',
    );
    assert.match(
      result.report,
      /\| GET \/api\/persons\/:id \(case manager, audited\) \| [\d,.]+ \|/,
    );
  });
});
