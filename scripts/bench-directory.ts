/**
 * npm run bench:directory — builds a large synthetic directory (50,000 members, 5,000 organisations,
 * 20,000 services), times a 5,000-row CSV import, then times searches (p50/p95) on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL. Targets: search p95 < 60 ms on PGlite, < 20 ms on PostgreSQL;
 * import of 5,000 rows < 10 s on PGlite. Scale with BENCH_SCALE (1 = full size).
 *
 * To study the queries on PostgreSQL (EXPLAIN): BENCH_KEEP=1 keeps the generated database and
 * prints its name; BENCH_DATABASE=<that name> then times the searches on it again, without
 * generating anything (the pending migrations are applied when it is opened).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type TDatabase } from '../src/db/client.js';
import { memberOrganisations, members, organisations, services } from '../src/db/schema/index.js';
import {
  indexMembers,
  indexOrganisations,
  indexServices,
} from '../src/modules/directory/directory.indexer.js';
import { importDirectoryCsv } from '../src/modules/directory/directory.import.service.js';
import { searchDirectory } from '../src/modules/directory/directory.service.js';
import type { TSearchFilters } from '../src/modules/directory/directory.search.js';
import {
  CARE_STREAM_CODES,
  LANGUAGE_CODES,
  ORGANISATION_TYPE_CODES,
  PROFESSION_CODES,
} from '../src/modules/directory/directory.vocabulary.js';
import { createTestDatabase } from '../test/helpers/database.js';
import { staffContext } from '../test/helpers/directory-factories.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const COUNTS = {
  organisations: Math.round(5000 * SCALE),
  members: Math.round(50_000 * SCALE),
  services: Math.round(20_000 * SCALE),
};
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 400);

let state = 20261128;
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const FIRST = [
  'Jeanne',
  'Louis',
  'Camille',
  'Thomas',
  'Élodie',
  'Karim',
  'Anne',
  'Hélène',
  'Nadia',
  'Julien',
  'Sophie',
  'Paul',
  'Léa',
  'Hugo',
  'Chloé',
  'Mathieu',
  'Inès',
  'Yanis',
  'Manon',
  'Théo',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Durand',
  'Lefèvre',
  'Moreau',
  'Girard',
  'Roux',
  'Fournier',
  'Morel',
  'Garnier',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Chevalier',
  'Perrin',
  'Haddad',
];
const COMMUNE_ROOTS = [
  'Saint-Étienne',
  'Brives',
  'Montaigu',
  'Lavergne',
  'Pont',
  'Sainte-Colombe',
  'Villeneuve',
  'Beaulieu',
  'Châteauneuf',
  'Roche',
];
const COMMUNES = Array.from(
  { length: 200 },
  (_, i) =>
    `${COMMUNE_ROOTS[i % COMMUNE_ROOTS.length]}-${['sur-Lys', 'les-Bois', 'de-Valoux', 'en-Forez', 'la-Vallée'][i % 5]}${i >= 50 ? `-${i}` : ''}`,
);
const SERVICE_NAMES = [
  'Soins infirmiers à domicile',
  'Rééducation à domicile',
  'Portage de repas',
  'Aide au lever',
  'Consultation mémoire',
  'Éducation thérapeutique diabète',
  'Accompagnement social',
  'Téléassistance',
  'Soins palliatifs à domicile',
  'Consultation psychologique',
  'Accueil de jour Alzheimer',
  'Atelier équilibre et prévention des chutes',
];

export async function generate(database: TDatabase): Promise<number> {
  const started = performance.now();
  const { db } = database;
  const orgIds: string[] = [];
  for (let i = 0; i < COUNTS.organisations; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, COUNTS.organisations - i) }, (_, j) => ({
      name: `${pick(['Maison de santé', 'Cabinet', 'Centre', 'Pharmacie', 'SSIAD', 'Association'])} ${pick(LAST)} ${i + j}`,
      type: pick(ORGANISATION_TYPE_CODES),
      commune: pick(COMMUNES),
      phone: '04 00 00 00 00',
      channels: [{ kind: 'phone' as const, value: '04 00 00 00 00', preferred: true }],
      verifiedAt: new Date(),
    }));
    orgIds.push(
      ...(await db.insert(organisations).values(rows).returning({ id: organisations.id })).map(
        (r) => r.id,
      ),
    );
  }
  const memberIds: string[] = [];
  for (let i = 0; i < COUNTS.members; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, COUNTS.members - i) }, () => ({
      firstName: pick(FIRST),
      lastName: pick(LAST),
      profession: pick(PROFESSION_CODES),
      languages: random() < 0.2 ? ['fr', pick(LANGUAGE_CODES)] : ['fr'],
      channels: random() < 0.3 ? [{ kind: 'sms' as const, value: '06 00 00 00 00' }] : [],
      verifiedAt: new Date(),
    }));
    const ids = (await db.insert(members).values(rows).returning({ id: members.id })).map(
      (r) => r.id,
    );
    await db
      .insert(memberOrganisations)
      .values(ids.map((memberId) => ({ memberId, organisationId: pick(orgIds) })))
      .onConflictDoNothing();
    memberIds.push(...ids);
  }
  const serviceIds: string[] = [];
  for (let i = 0; i < COUNTS.services; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, COUNTS.services - i) }, () => ({
      organisationId: pick(orgIds),
      name: pick(SERVICE_NAMES),
      description: 'Service de démonstration pour la mesure de performance',
      careStreams: [pick(CARE_STREAM_CODES)],
      communesServed: [pick(COMMUNES), pick(COMMUNES)],
      accepting: pick(['yes', 'no', 'conditions'] as const),
      verifiedAt: new Date(),
    }));
    serviceIds.push(
      ...(await db.insert(services).values(rows).returning({ id: services.id })).map((r) => r.id),
    );
  }
  await indexOrganisations(db, orgIds);
  await indexServices(db, serviceIds);
  await indexMembers(db, memberIds);
  await db.execute(sql`ANALYZE`);
  return performance.now() - started;
}

export function importCsv(rows: number): string {
  const lines = ['first_name,last_name,profession,rpps,languages,commune'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${pick(FIRST)},${pick(LAST)},${pick(['nurse', 'kiné', 'Médecin généraliste', 'pharmacist'])},${String(20_000_000_000 + i)},fr,`,
    );
  return lines.join('\n');
}

export const QUERIES: Omit<TSearchFilters, 'limit' | 'offset'>[] = [
  { q: 'kine' },
  { q: 'kinesiterapeute' },
  { q: 'infirmiere lavergne' },
  { q: 'Saint-Etienne' },
  { q: 'girard' },
  { q: 'psychologue' },
  { q: 'soins palliatifs' },
  { q: 'portage repas' },
  { q: 'pharmacie martin' },
  { profession: 'nurse', commune: COMMUNES[3]! },
  { careStream: 'diabetes', accepting: 'yes' },
  { q: 'aide', language: 'ar' },
  { q: 'consultation memoire', types: ['service'] },
  { channel: 'sms', profession: 'physiotherapist' },
  // Synonyms and short forms (decision 032): each typed word stands for several.
  { q: 'IDE St Etienne' },
  { q: 'aide-soignante' },
  { q: 'auxiliaire de vie lavergne' },
];

/**
 * The URL of a database a `BENCH_KEEP=1` run kept: the server of DATABASE_URL, the name in
 * BENCH_DATABASE (bench:directory again, explain-directory.ts, compare-directory-answers.ts).
 */
export function keptBenchUrl(): string {
  const adminUrl = process.env.DATABASE_URL;
  const name = process.env.BENCH_DATABASE;
  if (!adminUrl || !name) throw new Error('DATABASE_URL and BENCH_DATABASE are needed');
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** What a query looks like in the per-kind table. */
function describeQuery(query: (typeof QUERIES)[number]): string {
  return Object.entries(query)
    .map(([k, v]) => (k === 'q' ? `"${String(v)}"` : `${k}=${String(v)}`))
    .join(' ');
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export async function benchSearch(database: TDatabase) {
  const ctx = staffContext(database.db);
  for (const query of QUERIES) await searchDirectory(ctx, { ...query, limit: 20, offset: 0 });
  const times: number[] = [];
  const byKind = QUERIES.map(() => [] as number[]);
  for (let i = 0; i < SEARCHES; i++) {
    const query = QUERIES[i % QUERIES.length]!;
    const started = performance.now();
    await searchDirectory(ctx, { ...query, limit: 20, offset: 0 });
    const ms = performance.now() - started;
    times.push(ms);
    byKind[i % QUERIES.length]!.push(ms);
  }
  times.sort((a, b) => a - b);
  const kinds = QUERIES.map((query, i) => {
    const sorted = byKind[i]!.sort((a, b) => a - b);
    return { query: describeQuery(query), p50: percentile(sorted, 0.5), max: sorted.at(-1)! };
  });
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)!, kinds };
}

async function run(label: string, database: TDatabase, target: number, generated = false) {
  const lines: string[] = [];
  if (!generated) {
    const generation = await generate(database);
    const importStarted = performance.now();
    const report = await importDirectoryCsv(staffContext(database.db), {
      kind: 'members',
      csv: importCsv(5000),
      dryRun: false,
    });
    const importMs = performance.now() - importStarted;
    // A running PostgreSQL's autovacuum would have processed the freshly loaded tables long
    // before anyone searches; here it would start now and compete for the two cores with the
    // searches. (PGlite has no autovacuum: it is measured as the app leaves it after the import.)
    // Likewise its checkpointer would have written the load's dirty pages long before: without
    // this CHECKPOINT it writes them during the searches (three runs of the whole command: p95
    // 19.7–24.9 ms; with it, 16.3 and 17.0 ms, as on data kept from an earlier run; decision 052).
    if (database.driver === 'postgres') {
      await database.db.execute(sql`VACUUM (ANALYZE)`);
      await database.db.execute(sql`CHECKPOINT`);
    }
    lines.push(
      `${label}: ${COUNTS.members} members, ${COUNTS.organisations} organisations, ${COUNTS.services} services (generated and indexed in ${(generation / 1000).toFixed(1)} s)`,
      `  import of ${report.created} CSV rows (validate, insert, history, index, one transaction): ${(importMs / 1000).toFixed(2)} s${label === 'PGlite' ? ` (target < 10 s: ${importMs < 10_000 ? 'met' : 'NOT met'})` : ''}`,
    );
  } else lines.push(`${label}: the kept database`);
  const search = await benchSearch(database);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  process.stdout.write(
    [
      ...lines,
      `  search over ${SEARCHES} queries: p50 ${fmt(search.p50)}, p95 ${fmt(search.p95)}, max ${fmt(search.max)} (target p95 < ${target} ms: ${search.p95 < target ? 'met' : 'NOT met'})`,
      ...search.kinds.map(
        (k) =>
          `    ${k.query.padEnd(44)} p50 ${fmt(k.p50).padStart(8)}  max ${fmt(k.max).padStart(8)}`,
      ),
      '',
    ].join('\n'),
  );
}

// BENCH_DRIVERS=postgres measures PostgreSQL alone (default: PGlite, then PostgreSQL when
// DATABASE_URL is set).
const drivers = (process.env.BENCH_DRIVERS ?? 'pglite,postgres').split(',');
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (drivers.includes('pglite')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-bench-directory-'));
    const pglite = await openPglite(dataDir);
    try {
      await run('PGlite', pglite, 60);
    } finally {
      await pglite.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const kept = process.env.BENCH_DATABASE;
  if (process.env.DATABASE_URL && kept && drivers.includes('postgres')) {
    const postgres = await openPostgres(keptBenchUrl(), 5);
    try {
      await run('PostgreSQL', postgres, 20, true);
    } finally {
      await postgres.close();
    }
  } else if (process.env.DATABASE_URL && drivers.includes('postgres')) {
    // A database of its own on the server of DATABASE_URL, dropped at the end (kept with
    // BENCH_KEEP=1).
    const postgres = await createTestDatabase('postgres', { keep: process.env.BENCH_KEEP === '1' });
    if (postgres.driver !== 'postgres') throw new Error('expected a PostgreSQL database');
    try {
      await run('PostgreSQL', postgres, 20);
    } finally {
      await postgres.close();
    }
  }
}
