/**
 * Every answer of a set of directory searches, as JSON, to compare a change of the search's
 * statements before and after on the same data (decisions 041, 046): the bench queries and edge
 * cases, at offsets 0, 20 and 1,000, as staff, as a network member and as a patient.
 *
 *   DATABASE_URL=postgres://… BENCH_DATABASE=maillon_test_… node --import tsx scripts/compare-directory-answers.ts > before.json
 */
import { openPostgres } from '../src/db/client.js';
import { searchDirectory } from '../src/modules/directory/directory.service.js';
import type { TSearchFilters } from '../src/modules/directory/directory.search.js';
import { staffContext } from '../test/helpers/directory-factories.js';
import { keptBenchUrl, QUERIES } from './bench-directory.js';

const url = keptBenchUrl();

const EDGE_CASES: Omit<TSearchFilters, 'limit' | 'offset'>[] = [
  { q: 'ki' },
  { q: 'AS' },
  { q: 'psycologue' },
  { q: 'therapeute' },
  { q: 'zzzzqx' },
  { q: 'martin' },
  { q: 'infirmier' },
  { q: 'girard', types: ['member'] },
  { q: 'kine', accepting: 'yes' },
  { q: 'kine', commune: 'Saint-Étienne' },
  { q: 'soins', channel: 'sms' },
  { q: 'pharmacie' },
  { q: 'centre' },
  { q: 'aide domicile' },
  { q: 'lavergne' },
  { q: 'ide' },
  {},
  { types: ['organisation'] },
];

const database = await openPostgres(url, 5);
const staff = staffContext(database.db);
const readers = {
  staff,
  network: { ...staff, actor: { ...staff.actor, role: 'professional' as const } },
  patient: { ...staff, actor: { ...staff.actor, role: 'patient' as const } },
};
const answers: unknown[] = [];
for (const query of [...QUERIES, ...EDGE_CASES])
  for (const [reader, ctx] of Object.entries(readers))
    for (const offset of [0, 20, 1000]) {
      const answer = await searchDirectory(ctx, { ...query, limit: 20, offset });
      answers.push({ query, reader, offset, answer });
    }
process.stdout.write(`${JSON.stringify(answers, null, 1)}\n`);
await database.close();
