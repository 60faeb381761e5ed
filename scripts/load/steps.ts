/**
 * The steps of the load mix: each one is a screen or an action of the web app, made of the
 * requests the app sends for it. Personas (personas.ts) weight them. A step navigates from what
 * the user has seen (the people in their list, the entries in their last results).
 */
import type {
  TCareStream,
  TChannelKind,
  TLanguage,
  TProfession,
} from '../../src/modules/directory/directory.vocabulary.js';
import { ENTRY_PATHS, pickOne, type TEntryType, type TVirtualUser } from './virtual-user.js';

/** One weighted step of a persona. */
export type TStep = { name: string; weight: number; run: (user: TVirtualUser) => Promise<void> };

type TPersonDetail = { commune: string | null; careTeam: { memberId: string }[] };
type TSearchResponse = { items: { type: TEntryType; id: string; title: string }[] };

/** What people type in the directory box: professions, services, acronyms, a few typos. */
const SEARCH_WORDS = [
  'kiné',
  'kinésithérapeute',
  'kinesitherapeute',
  'infirmière',
  'infirmiere domicile',
  'IDE',
  'pharmacie',
  'médecin traitant',
  'psychologue',
  'assistante sociale',
  'aide à domicile',
  'auxiliaire de vie',
  'portage de repas',
  'soins palliatifs',
  'SSIAD',
  'EHPAD',
  'consultation mémoire',
  'diabète',
  'orthophoniste',
  'ortophoniste',
  'ergothérapeute',
  'diététicienne',
  'accueil de jour',
  'téléassistance',
  'CCAS',
  'MSSanté',
  'chutes',
];
const SEARCHED_PROFESSIONS: TProfession[] = [
  'nurse',
  'physiotherapist',
  'general_practitioner',
  'pharmacist',
  'social_worker',
  'home_aide',
  'care_assistant',
  'psychologist',
  'speech_therapist',
  'occupational_therapist',
  'dietitian',
];
const SEARCHED_CARE_STREAMS: TCareStream[] = [
  'elderly',
  'palliative',
  'diabetes',
  'mental_health',
  'disability',
  'social_rights',
  'oncology',
];
const SEARCHED_LANGUAGES: TLanguage[] = ['ar', 'es', 'pt', 'lsf', 'tr'];
const SEARCHED_CHANNELS: TChannelKind[] = ['secure_messaging', 'sms', 'email'];
/** Who a case manager looks for when adding to a care team. */
const TEAM_PROFESSIONS: TProfession[] = [
  'nurse',
  'physiotherapist',
  'pharmacist',
  'home_aide',
  'care_assistant',
  'social_worker',
  'occupational_therapist',
];
const PROFILE_NOTES = [
  'Joignable de préférence avant 9 h.',
  'Pas de visite le mercredi après-midi.',
  'Messagerie sécurisée lue deux fois par jour.',
  'Remplacement assuré pendant les congés : voir le cabinet.',
  'Rappelle entre deux tournées : laisser un numéro direct.',
];

const must = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`nothing to pick: ${what}`);
  return value;
};

/** A search as people make them: words, words and a commune, filters only, a name, page 2. */
function searchQuery(user: TVirtualUser): URLSearchParams {
  const random = user.random;
  const pick = <T>(items: readonly T[]) => must(pickOne(items, random), 'search vocabulary');
  const query = new URLSearchParams();
  const commune = pickOne(user.seen.communes, random);
  const shape = random();
  if (shape < 0.35) {
    query.set('q', pick(SEARCH_WORDS));
  } else if (shape < 0.55) {
    query.set('q', pick(SEARCH_WORDS));
    if (commune) query.set('commune', commune);
  } else if (shape < 0.7) {
    query.set('profession', pick(SEARCHED_PROFESSIONS));
    if (commune) query.set('commune', commune);
  } else if (shape < 0.8) {
    query.set('type', 'service');
    query.set('careStream', pick(SEARCHED_CARE_STREAMS));
    query.set('accepting', 'yes');
  } else if (shape < 0.9) {
    // Someone met before: a name from earlier results.
    const known = pickOne(
      user.seen.results.filter((r) => r.type === 'member'),
      random,
    );
    query.set('q', known ? (known.title.split(' ').at(-1) ?? known.title) : pick(SEARCH_WORDS));
  } else if (shape < 0.95) {
    query.set('q', pick(SEARCH_WORDS));
    if (random() < 0.5) query.set('language', pick(SEARCHED_LANGUAGES));
    else query.set('channel', pick(SEARCHED_CHANNELS));
  } else {
    query.set('q', pick(SEARCH_WORDS));
    query.set('page', '2');
  }
  return query;
}

/** Opening the app: the session document, then the directory's lists (loaded once a session). */
export async function openApp(user: TVirtualUser): Promise<void> {
  await user.call('GET /api/auth/session', 'GET', '/api/auth/session');
  const vocabulary = await user.call(
    'GET /api/directory/vocabulary',
    'GET',
    '/api/directory/vocabulary',
  );
  user.seen.communes = (vocabulary.json as { communes?: string[] } | undefined)?.communes ?? [];
}

/** Home: the people I follow (each one's read is checked and audited by the server). */
export async function openHome(user: TVirtualUser): Promise<void> {
  const result = await user.call('GET /api/persons', 'GET', '/api/persons');
  const items = (result.json as { items: { id: string }[] } | undefined)?.items;
  if (items) user.seen.persons = items.map((p) => p.id);
}

async function knownPerson(user: TVirtualUser): Promise<string | undefined> {
  if (user.seen.persons.length === 0) await openHome(user);
  return pickOne(user.seen.persons, user.random);
}

async function readPerson(user: TVirtualUser, personId: string) {
  const result = await user.call('GET /api/persons/:personId', 'GET', `/api/persons/${personId}`);
  return result.json as TPersonDetail | undefined;
}

/** Person page: identity, case manager, care team and objections, in one request. */
export async function openPersonPage(user: TVirtualUser): Promise<void> {
  const personId = await knownPerson(user);
  if (personId) await readPerson(user, personId);
}

async function runSearch(user: TVirtualUser, query: URLSearchParams) {
  const result = await user.call(
    'GET /api/directory/search',
    'GET',
    `/api/directory/search?${query.toString()}`,
  );
  return (result.json as TSearchResponse | undefined)?.items ?? [];
}

/** Directory search, with the results kept to open a profile next. */
export async function searchTheDirectory(user: TVirtualUser): Promise<void> {
  const items = await runSearch(user, searchQuery(user));
  if (items.length) user.seen.results = items;
}

async function knownEntry(user: TVirtualUser) {
  if (user.seen.results.length === 0) await searchTheDirectory(user);
  return pickOne(user.seen.results, user.random);
}

/** A directory profile from the last results (member, organisation or service). */
export async function openDirectoryProfile(user: TVirtualUser): Promise<void> {
  const entry = await knownEntry(user);
  if (!entry) return;
  const path = ENTRY_PATHS[entry.type];
  await user.call(`GET /api/directory/${path}/:id`, 'GET', `/api/directory/${path}/${entry.id}`);
}

/** The history of an entry from the last results. */
export async function openEntryHistory(user: TVirtualUser): Promise<void> {
  const entry = await knownEntry(user);
  if (!entry) return;
  const path = ENTRY_PATHS[entry.type];
  await user.call(
    `GET /api/directory/${path}/:id/history`,
    'GET',
    `/api/directory/${path}/${entry.id}/history`,
  );
}

/** Network staff confirm an entry is still true (bumps its version: members' edits may 409). */
export async function verifyDirectoryEntry(user: TVirtualUser): Promise<void> {
  const entry = await knownEntry(user);
  if (!entry) return;
  const path = ENTRY_PATHS[entry.type];
  await user.pause(0.3);
  await user.call(
    `POST /api/directory/${path}/:id/verify`,
    'POST',
    `/api/directory/${path}/${entry.id}/verify`,
  );
}

/**
 * A member edits their own directory profile: read it (the version), fill the form, save with the
 * version read. A 409 (someone saved in between) is a conflict, not an error.
 */
export async function editOwnProfile(user: TVirtualUser): Promise<void> {
  const memberId = user.login.memberId;
  if (!memberId) return;
  const profile = await user.call(
    'GET /api/directory/members/:id',
    'GET',
    `/api/directory/members/${memberId}`,
  );
  const version = (profile.json as { version?: number } | undefined)?.version;
  if (version === undefined) return;
  await user.pause(1);
  await user.call(
    'PATCH /api/directory/members/:id',
    'PATCH',
    `/api/directory/members/${memberId}`,
    {
      body: { version, goodToKnow: pickOne(PROFILE_NOTES, user.random) },
    },
  );
}

/**
 * The case manager changes a care team: takes out a member they added earlier, or opens a
 * person, looks for a professional in the directory and adds them. Members behind the load's own
 * accounts are left alone, so no virtual user loses sight of a person mid-run.
 */
export async function changeCareTeam(user: TVirtualUser): Promise<void> {
  const { added } = user.seen;
  if (added.length >= 3 || (added.length > 0 && user.random() < 0.5)) {
    const place = added.splice(Math.floor(user.random() * added.length), 1)[0]!;
    await readPerson(user, place.personId);
    await user.pause(0.3);
    await user.call(
      'DELETE /api/persons/:personId/care-team/:memberId',
      'DELETE',
      `/api/persons/${place.personId}/care-team/${place.memberId}`,
      { expect: [204] },
    );
    return;
  }
  const personId = await knownPerson(user);
  if (!personId) return;
  const person = await readPerson(user, personId);
  if (!person) return;
  const query = new URLSearchParams({
    type: 'member',
    profession: must(pickOne(TEAM_PROFESSIONS, user.random), 'profession'),
  });
  if (person.commune && user.random() < 0.5) query.set('commune', person.commune);
  const inTeam = new Set(person.careTeam.map((m) => m.memberId));
  const candidates = (await runSearch(user, query)).filter(
    (r) => r.type === 'member' && !inTeam.has(r.id) && !user.accountMemberIds.has(r.id),
  );
  const chosen = pickOne(candidates, user.random);
  if (!chosen) return;
  await user.pause(0.5);
  const result = await user.call(
    'POST /api/persons/:personId/care-team',
    'POST',
    `/api/persons/${personId}/care-team`,
    { body: { memberId: chosen.id, roleTitle: 'Intervenant à domicile' }, expect: [204] },
  );
  if (result.isOk) added.push({ personId, memberId: chosen.id });
}
