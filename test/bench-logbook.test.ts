/**
 * npm run bench:logbook in small (the network-scale run is the long one): the fixture, the logbook
 * fill and one short pass of both routes through the real server, so the script cannot rot; and
 * the table every route benchmark prints (scripts/bench/common.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ENTRIES_PER_PERSON,
  LOGBOOK_ROUTES,
  formatLogbookBench,
  runLogbookBench,
} from '../scripts/bench-logbook.js';
import { formatMeasures, hasFailures } from '../scripts/bench/common.js';
import { createRecorder, recordSample, summariseRecorder } from '../scripts/load/stats.js';

describe('bench:logbook, tiny scale', { timeout: 180_000 }, () => {
  it('fills the logbook and both routes answer, with the server CPU a request', async () => {
    // PGlite here whatever the test run's driver: the PostgreSQL run would drop the bench database.
    const result = await runLogbookBench({
      driver: 'pglite',
      scale: 0.001, // one case manager and 40 persons
      concurrency: 2,
      durationMs: 300,
      warmupMs: 0,
    });
    // 40 persons in the caseload (and a few the fixture adds outside it): 50 entries each.
    assert.ok(result.persons >= 40, `${result.persons} persons`);
    assert.ok(result.rows.logbook_entries! >= 40 * ENTRIES_PER_PERSON, JSON.stringify(result.rows));
    assert.equal(result.rows.logbook_entries! % ENTRIES_PER_PERSON, 0);
    assert.deepEqual(
      result.measures.map((m) => m.name),
      LOGBOOK_ROUTES.map((r) => r.name),
    );
    for (const { name, report, cpuMs } of result.measures) {
      const route = report.routes[0]!;
      assert.ok(route.count > 0, `${name}: no request`);
      assert.equal(route.ok, route.count, `${name}: ${JSON.stringify(route.examples)}`);
      assert.ok(cpuMs === null || cpuMs >= 0, `${name}: cpu ${cpuMs}`);
    }
    assert.equal(hasFailures(result.measures), false);
    assert.match(formatLogbookBench(result), /\| GET \/api\/persons\/:id\/logbook \|/);
  });

  it('prints failed requests under the table and counts them as failures', () => {
    const recorder = createRecorder();
    recordSample(recorder, 'GET /x', { ms: 3, status: 200, outcome: 'ok' });
    recordSample(recorder, 'GET /x', {
      ms: 5,
      status: 500,
      outcome: 'server_error',
      detail: '500 boom',
    });
    const report = summariseRecorder(recorder, 1000);
    const measures = [{ name: 'GET /x', report, cpuMs: 1.5, main: true }];
    const text = formatMeasures(measures);
    assert.match(text, /\| \*\*GET \/x\*\* \| 2 \|/);
    assert.match(text, /\| 1\.50 \| 1 \|/);
    assert.match(text, /GET \/x: statuses \{"200":1,"500":1\}, e\.g\. 500 boom/);
    assert.equal(hasFailures(measures), true);
  });
});
