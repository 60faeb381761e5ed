/**
 * A small, known directory for the browser tests and the screenshots, created through the import
 * API as the demo administrator, so that nothing depends on the demo data. Its entries sit in the
 * demo's communes (with their postcodes): screenshots and trials run on the demo network, whose
 * commune filter must offer only its six communes (decision 035).
 */
import { DEMO, DEMO_PASSWORD } from './helpers.js';

export const FIXTURE = {
  msp: 'Maison de santé du Val Fleuri',
  ssiad: 'SSIAD des Trois Rivières',
  ccas: 'CCAS du Val Montferrand',
  physio: 'Thomas Girardin',
  nurse: 'Élodie Lavergne',
  socialWorker: 'Nadia Benali',
  meals: 'Portage de repas à domicile',
  nursing: 'Soins infirmiers pour personnes âgées',
  rehab: 'Rééducation à domicile',
  pharmacy: 'Pharmacie du Marché de Brives',
} as const;

/** A CSV text with every cell quoted (the import accepts both "," and ";" as separators). */
export function csvOf(rows: string[][]): string {
  return rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n');
}

export const ORGANISATIONS_CSV = csvOf([
  [
    'name',
    'type',
    'address',
    'postal_code',
    'commune',
    'phone',
    'email',
    'website',
    'opening_hours',
    'preferred_channel',
    'best_times',
    'good_to_know',
  ],
  [
    FIXTURE.msp,
    'msp',
    '2 rue des Tilleuls',
    '42460',
    'Saint-Étienne-de-Valoux',
    '04 77 00 10 01',
    'accueil@valfleuri.example',
    'https://valfleuri.example',
    'Lundi-vendredi 8 h-19 h, samedi 8 h-12 h',
    'phone',
    'avant 9 h',
    'Parking derrière la maison de santé, accès fauteuil par la rampe.',
  ],
  [
    FIXTURE.ssiad,
    'Soins infirmiers à domicile (SSIAD)',
    '14 avenue du Lys',
    '42470',
    'Brives-sur-Lys',
    '04 77 00 10 02',
    'ssiad@troisrivieres.example',
    '',
    'Tous les jours 7 h-20 h',
    'email',
    '',
    '',
  ],
  [
    FIXTURE.ccas,
    'social_service',
    'Place de la Mairie',
    '42480',
    'Montaigu-les-Bois',
    '04 77 00 10 03',
    'ccas@montaigu.example',
    '',
    'Lundi-jeudi 9 h-12 h',
    'phone',
    'le matin',
    'Rendez-vous conseillé.',
  ],
]);

export const MEMBERS_CSV = csvOf([
  [
    'first_name',
    'last_name',
    'profession',
    'specialty',
    'rpps',
    'email',
    'phone',
    'languages',
    'organisation',
    'role_title',
    'preferred_channel',
    'best_times',
    'good_to_know',
  ],
  [
    'Thomas',
    'Girardin',
    'kiné',
    'Rééducation gériatrique',
    '10000000091',
    'thomas.girardin@valfleuri.example',
    '06 12 34 56 78',
    'fr|en',
    FIXTURE.msp,
    'Kinésithérapeute',
    'phone',
    'entre 12 h et 14 h',
    'Se déplace à domicile le mardi et le jeudi.',
  ],
  [
    'Élodie',
    'Lavergne',
    'IDE',
    '',
    '10000000092',
    'elodie.lavergne@troisrivieres.example',
    '06 98 76 54 32',
    'fr|es',
    FIXTURE.ssiad,
    'Infirmière coordinatrice',
    'phone',
    'avant 8 h 30',
    '',
  ],
  [
    'Nadia',
    'Benali',
    'assistante sociale',
    '',
    '',
    'nadia.benali@montaigu.example',
    '04 77 00 10 13',
    'fr|ar',
    FIXTURE.ccas,
    'Assistante sociale',
    'email',
    '',
    'Permanence le jeudi après-midi.',
  ],
]);

export const SERVICES_CSV = csvOf([
  [
    'organisation',
    'name',
    'description',
    'missions',
    'limits',
    'eligibility',
    'care_streams',
    'communes_served',
    'waiting_time',
    'accepting',
    'accepting_conditions',
    'hours',
    'cost_notes',
    'phone',
    'email',
    'preferred_channel',
    'best_times',
    'good_to_know',
  ],
  [
    FIXTURE.ccas,
    FIXTURE.meals,
    "Livraison de repas équilibrés au domicile des personnes âgées ou en sortie d'hospitalisation.",
    'Repas du midi livrés chaque jour ouvré, adaptés aux régimes simples (sans sel, diabétique).',
    'Pas de livraison le week-end ni les jours fériés. Pas de repas à texture modifiée (mixés).',
    "Plus de 65 ans ou en sortie d'hospitalisation, habiter une commune desservie.",
    'Personnes âgées',
    'Montaigu-les-Bois|Brives-sur-Lys',
    '1 semaine',
    'oui',
    '',
    'Livraison entre 10 h et 12 h',
    'Participation selon les revenus (de 4 à 9 € le repas).',
    '04 77 00 10 23',
    '',
    'phone',
    'le matin',
    '',
  ],
  [
    FIXTURE.ssiad,
    FIXTURE.nursing,
    "Soins d'hygiène et soins infirmiers à domicile sur prescription.",
    'Toilette, prévention des escarres, surveillance des traitements.',
    "Pas de pansements complexes la nuit. Pas d'intervention sans prescription médicale.",
    'Plus de 60 ans ou en situation de handicap.',
    'Personnes âgées|Handicap',
    'Brives-sur-Lys|Saint-Étienne-de-Valoux',
    '2 à 3 semaines',
    'sous conditions',
    'Sur prescription médicale et selon les places disponibles.',
    '7 h-20 h',
    "Pris en charge par l'Assurance maladie.",
    '04 77 00 10 02',
    '',
    'phone',
    'avant 9 h',
    '',
  ],
  [
    FIXTURE.msp,
    FIXTURE.rehab,
    'Rééducation à domicile après une chute ou une hospitalisation.',
    'Marche, équilibre, prévention des chutes.',
    'Pas de balnéothérapie. Pas de rééducation respiratoire du nourrisson.',
    'Sur prescription.',
    'Personnes âgées',
    'Saint-Étienne-de-Valoux',
    '1 mois',
    'non',
    '',
    'Mardi et jeudi',
    'Remboursé sur prescription.',
    '04 77 00 10 01',
    '',
    '',
    '',
    '',
  ],
]);

export type AdminApi = {
  /** Sends a JSON request with the administrator's cookie and CSRF token. */
  call: (method: string, path: string, body?: unknown) => Promise<Response>;
};

/** Signs in as the demo administrator through the API. */
export async function adminApi(baseUrl: string): Promise<AdminApi> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO.admin, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`admin login answered ${login.status}`);
  const { session } = (await login.json()) as { session: { csrfToken: string } };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    call: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': session.csrfToken,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

/** Imports the fixture organisations, members and services; throws if anything is refused. */
export async function seedDirectory(baseUrl: string): Promise<AdminApi> {
  const admin = await adminApi(baseUrl);
  for (const [kind, csv] of [
    ['organisations', ORGANISATIONS_CSV],
    ['members', MEMBERS_CSV],
    ['services', SERVICES_CSV],
  ] as const) {
    const response = await admin.call('POST', `/api/directory/import/${kind}`, {
      csv,
      dryRun: false,
    });
    if (!response.ok) {
      throw new Error(`import ${kind} answered ${response.status}: ${await response.text()}`);
    }
  }
  // One organisation created through the form's API rather than imported.
  const created = await admin.call('POST', '/api/directory/organisations', {
    name: FIXTURE.pharmacy,
    type: 'pharmacy',
    address: '3 place du Marché',
    postalCode: '42470',
    commune: 'Brives-sur-Lys',
    phone: '04 77 00 10 40',
    openingHours: 'Lundi-samedi 8 h 30-19 h 30',
    channels: [
      { kind: 'phone', value: '04 77 00 10 40', preferred: true, bestTimes: 'entre 14 h et 16 h' },
      { kind: 'secure_messaging', value: 'pharmacie.marche@pharmacien.mssante.fr' },
    ],
    goodToKnow: 'Livraison à domicile le jeudi pour les personnes qui ne peuvent pas se déplacer.',
  });
  if (created.status !== 201) {
    throw new Error(`creating the pharmacy answered ${created.status}: ${await created.text()}`);
  }
  return admin;
}

type SearchAnswer = { items: { id: string; title: string; type: string }[] };

/** The id of the directory entry with this exact title (searched through the API). */
export async function idOf(admin: AdminApi, title: string): Promise<string> {
  const response = await admin.call(
    'GET',
    `/api/directory/search?q=${encodeURIComponent(title)}&pageSize=50`,
  );
  const answer = (await response.json()) as SearchAnswer;
  const item = answer.items.find((i) => i.title === title);
  if (!item) throw new Error(`no directory entry titled "${title}"`);
  return item.id;
}
