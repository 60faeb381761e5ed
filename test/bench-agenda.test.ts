/**
 * npm run bench:agenda in small (the network-scale run is the long one): the fixture generator,
 * the week in SQL and one short pass of both routes through the real server, closed loop and with
 * a think time, so the script cannot rot.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAgendaBench, runAgendaBench } from '../scripts/bench-agenda.js';
import { parseTime, readDrivers, readTimes } from '../scripts/bench/options.js';

describe('bench:agenda, tiny scale', { timeout: 240_000 }, () => {
  it('generates the fixture, and the week in SQL, the week route and free slots answer', async () => {
    // PGlite here whatever the test run's driver: the PostgreSQL run would drop the bench database.
    const result = await runAgendaBench({
      driver: 'pglite',
      scale: 0.0001, // the fixture's floor: 20 members, 100 appointments
      concurrency: 2,
      durationMs: 300,
      warmupMs: 0,
      thinkMs: 20,
    });
    assert.equal(result.rows.members, 20);
    assert.ok(result.rows.appointments! >= 100, JSON.stringify(result.rows));
    assert.deepEqual(
      result.measures.map((m) => m.name.split(' ')[0]),
      ['week', 'GET', 'POST'],
    );
    for (const { name, report } of result.measures) {
      const route = report.routes[0]!;
      assert.ok(route.count > 0, `${name}: no request`);
      assert.equal(route.ok, route.count, `${name}: ${JSON.stringify(route.examples)}`);
    }
    const table = formatAgendaBench(result);
    assert.match(table, /GET \/api\/agenda\/mine/);
    assert.match(table, /think time of 0.02 s/);
  });

  it('reads the shared options: times, think time, drivers', () => {
    assert.equal(parseTime('duration', '10s'), 10_000);
    assert.equal(parseTime('think', '500ms'), 500);
    assert.equal(parseTime('think', '0'), 0);
    assert.throws(() => parseTime('think', '1 minute'), /--think 1 minute/);
    assert.deepEqual(readTimes({ duration: '10s', think: '1s' }), {
      durationMs: 10_000,
      warmupMs: 1000,
      thinkMs: 1000,
    });
    const url = 'postgres://postgres@127.0.0.1:5432/test';
    assert.deepEqual(readDrivers(undefined, url, { withUrl: 'postgres', allowBoth: true }), [
      'postgres',
    ]);
    assert.deepEqual(readDrivers('both', url, { withUrl: 'postgres', allowBoth: true }), [
      'postgres',
      'pglite',
    ]);
    assert.deepEqual(readDrivers(undefined, undefined, { withUrl: 'both', allowBoth: true }), [
      'pglite',
    ]);
    assert.throws(() => readDrivers('postgres', undefined, { withUrl: 'both', allowBoth: true }));
    assert.throws(() => readDrivers('both', url, { withUrl: 'postgres', allowBoth: false }));
  });
});
