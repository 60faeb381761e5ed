/**
 * bench:request's statement counter (scripts/bench/statement-counter.ts): a relay between a client
 * and PostgreSQL that counts simple queries and extended-protocol executions, bytes unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { startStatementCounter } from '../scripts/bench/statement-counter.js';
import { TEST_DRIVER } from './helpers/database.js';

describe('statement counter relay', { skip: TEST_DRIVER !== 'postgres' }, () => {
  it('counts each simple query and each parameterised execution, keeps their text, answers unchanged', async () => {
    const counter = await startStatementCounter(process.env.DATABASE_URL!);
    const client = new pg.Client({ connectionString: counter.url });
    try {
      await client.connect();
      const before = counter.count();
      await client.query('begin');
      const simple = await client.query('select 1 as one');
      const bound = await client.query('select $1::int + 1 as two', [1]);
      // A message larger than one TCP chunk, up (a long parameter) and down (a long answer).
      const big = await client.query('select $1::text || $1::text as text', ['x'.repeat(200_000)]);
      await client.query('commit');
      assert.equal(simple.rows[0].one, 1);
      assert.equal(bound.rows[0].two, 2);
      assert.equal(big.rows[0].text.length, 400_000);
      assert.equal(counter.count() - before, 5);
      const texts = counter.takeTexts();
      assert.deepEqual(texts.slice(-5, -1), [
        'begin',
        'select 1 as one',
        'select $1::int + 1 as two',
        'select $1::text || $1::text as text',
      ]);
      assert.deepEqual(counter.takeTexts(), []);
    } finally {
      await client.end();
      await counter.close();
    }
  });
});
