import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import {
  auditLog,
  careTeamMembers,
  logbookEntries,
  pathwayEvents,
  personContacts,
  persons,
  sharingObjections,
  users,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildMember,
  buildPerson,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/helpers/factories.js';

/** A valid NIR (key 91) and its key changed. */
const NIR = '185057800608491';
const NIR_BAD_KEY = '185057800608492';

type TFieldList = { field: string; message: string }[];
const fieldsOf = (body: string) =>
  (JSON.parse(body) as { error: { details: { fields: TFieldList } } }).error.details.fields;

describe('persons: identity, duplicates, creation, edit and merge', () => {
  let t: TTestApp;
  const agents = {} as Record<
    'coordinator' | 'otherCoordinator' | 'english' | 'professional' | 'social' | 'admin',
    TAgent
  >;
  const memberIds = {} as Record<'coordinator' | 'otherCoordinator' | 'professional', string>;
  let gpId: string;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const coordinator = await buildUser(db, { role: 'coordinator' });
    const otherCoordinator = await buildUser(db, { role: 'coordinator' });
    const english = await buildUser(db, { role: 'coordinator', locale: 'en' });
    const professional = await buildUser(db, { role: 'professional' });
    const social = await buildUser(db, { role: 'social' });
    const admin = await buildUser(db, { role: 'admin' });
    const users = { coordinator, otherCoordinator, english, professional, social, admin };
    for (const [key, user] of Object.entries(users))
      agents[key as keyof typeof agents] = await loginAs(t.app, user.email, TEST_PASSWORD);
    memberIds.coordinator = coordinator.memberId!;
    memberIds.otherCoordinator = otherCoordinator.memberId!;
    memberIds.professional = professional.memberId!;
    gpId = (await buildMember(db, { profession: 'general_practitioner', lastName: 'Lefèvre' })).id;
  });
  after(() => t.close());

  const personCount = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;
  const create = (agent: TAgent, body: Record<string, unknown>) =>
    agent.request('POST', '/api/persons', body);
  const check = (agent: TAgent, body: Record<string, unknown>) =>
    agent.request('POST', '/api/persons/duplicates', body);
  const auditOf = async (response: { headers: Record<string, unknown> }, action: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.requestId, String(response.headers['x-request-id'])),
          eq(auditLog.action, action),
        ),
      );

  describe('creating a person', () => {
    it('makes the coordinator who creates a person its case manager, with the whole identity', async () => {
      const response = await create(agents.coordinator, {
        birthName: 'Martin',
        lastName: 'Durand',
        firstName: 'Lucie',
        firstNames: 'Lucie Anne',
        sex: 'female',
        birthDate: '1941-03-15',
        birthPlaceInsee: '2A004',
        birthPlaceName: 'Ajaccio',
        address: '3 rue des Lilas',
        postalCode: '69001',
        commune: 'Lyon',
        communeInsee: '69123',
        phone: '06 12 34 56 78',
        email: 'lucie.durand@exemple.fr',
        preferredLanguage: 'fr',
        insMatricule: NIR,
        identityStatus: 'qualifiee',
        identityDocument: 'national_id_card',
        gpMemberId: gpId,
        contacts: [
          { kind: 'trusted_person', name: 'Paul Durand', relation: 'fils', phone: '0601020304' },
          { kind: 'caregiver', name: 'Anne Durand', relation: 'fille', email: 'anne@exemple.fr' },
          { kind: 'caregiver', name: 'Marc Petit', relation: 'voisin' },
        ],
      });
      assert.equal(response.statusCode, 201, response.body);
      const { id, version } = response.json<{ id: string; version: number }>();
      assert.equal(version, 1);
      const [audit] = await auditOf(response, 'person.create');
      assert.equal(audit?.outcome, 'allowed');
      assert.equal(audit?.personId, id);

      const read = await agents.coordinator.request('GET', `/api/persons/${id}`);
      assert.equal(read.statusCode, 200, read.body);
      const person = read.json<Record<string, unknown>>();
      assert.equal(person.relation, 'case_manager');
      assert.deepEqual(
        [person.birthName, person.lastName, person.firstName, person.firstNames, person.sex],
        ['Martin', 'Durand', 'Lucie', 'Lucie Anne', 'female'],
      );
      assert.deepEqual(
        [person.insMatricule, person.insOid, person.identityStatus],
        [NIR, '1.2.250.1.213.1.4.8', 'qualifiee'],
      );
      assert.deepEqual([person.birthPlaceInsee, person.communeInsee], ['2A004', '69123']);
      assert.deepEqual((person.gp as { memberId: string }).memberId, gpId);
      const contacts = person.contacts as { kind: string; name: string }[];
      assert.deepEqual(
        contacts.map((c) => [c.kind, c.name]),
        [
          ['trusted_person', 'Paul Durand'],
          ['caregiver', 'Anne Durand'],
          ['caregiver', 'Marc Petit'],
        ],
      );
      assert.equal(person.version, 1);
    });

    it('puts a professional who creates a person in its care team, and refuses social and patient roles', async () => {
      const response = await create(agents.professional, {
        birthName: 'Bernard',
        firstName: 'Émile',
        birthDate: '1935-07-01',
      });
      assert.equal(response.statusCode, 201, response.body);
      const { id } = response.json<{ id: string }>();
      const read = await agents.professional.request('GET', `/api/persons/${id}`);
      assert.equal(read.json<{ relation: string }>().relation, 'team_member');
      assert.equal(read.json<{ lastName: string }>().lastName, 'Bernard', 'used name = birth name');
      const [member] = await t.database.db
        .select()
        .from(careTeamMembers)
        .where(eq(careTeamMembers.personId, id));
      assert.equal(member?.memberId, memberIds.professional);

      const before = await personCount();
      const social = await create(agents.social, {
        birthName: 'Social',
        firstName: 'Refus',
        birthDate: '1950-01-01',
      });
      assert.equal(social.statusCode, 403);
      assert.equal(await personCount(), before);
    });

    it('refuses bad data with the fields named, in French and English, and stores nothing', async () => {
      const before = await personCount();
      const base = { birthName: 'Garnier', firstName: 'Rose', birthDate: '1950-05-05' };
      const cases: [Record<string, unknown>, number, string[]][] = [
        [{ birthDate: '2999-01-01' }, 422, ['birthDate']],
        [{ birthDate: '1850-01-01' }, 422, ['birthDate']],
        [{ birthName: 'x'.repeat(50_000) }, 400, ['birthName']],
        [{ firstName: 'Rose\uD800' }, 400, ['firstName']],
        [{ firstName: 'R0se' }, 400, ['firstName']],
        [{ communeInsee: '6912' }, 400, ['communeInsee']],
        [{ communeInsee: '99999' }, 400, ['communeInsee']],
        [{ communeInsee: '97700' }, 400, ['communeInsee']],
        [{ birthPlaceInsee: '2A999' }, 400, ['birthPlaceInsee']],
        [{ commune: 'Xyzville-sur-Rien' }, 400, ['commune']],
        [{ communeInsee: '75056', commune: 'Lyon' }, 422, ['commune']],
        [{ communeInsee: '75056', postalCode: '69001' }, 422, ['postalCode']],
        [{ commune: 'Lyon', postalCode: '75015' }, 422, ['postalCode']],
        [{ postalCode: '00000' }, 422, ['postalCode']],
        [{ phone: '12345' }, 400, ['phone']],
        [{ insMatricule: NIR_BAD_KEY, identityStatus: 'recuperee' }, 422, ['insMatricule']],
        [{ insMatricule: NIR }, 422, ['identityStatus']],
        [{ identityStatus: 'qualifiee', identityDocument: 'passport' }, 422, ['identityStatus']],
        [{ identityStatus: 'validee' }, 422, ['identityDocument']],
        [{ gpMemberId: '00000000-0000-4000-8000-000000000000' }, 422, ['gpMemberId']],
        [
          {
            contacts: [
              { kind: 'trusted_person', name: 'Un' },
              { kind: 'trusted_person', name: 'Deux' },
            ],
          },
          422,
          ['contacts'],
        ],
        [
          { birthDate: '2999-01-01', insMatricule: NIR_BAD_KEY, identityStatus: 'recuperee' },
          422,
          ['birthDate', 'insMatricule'],
        ],
      ];
      for (const [change, status, fields] of cases) {
        const response = await create(agents.coordinator, { ...base, ...change });
        const what = JSON.stringify(change).slice(0, 80);
        assert.equal(response.statusCode, status, `${what}: ${response.body.slice(0, 200)}`);
        assert.deepEqual([...new Set(fieldsOf(response.body).map((f) => f.field))], fields, what);
      }
      const french = await create(agents.coordinator, { ...base, birthDate: '2999-01-01' });
      assert.match(fieldsOf(french.body)[0]!.message, /futur/);
      const english = await create(agents.english, { ...base, birthDate: '2999-01-01' });
      assert.match(fieldsOf(english.body)[0]!.message, /future/);
      const key = await create(agents.english, {
        ...base,
        insMatricule: NIR_BAD_KEY,
        identityStatus: 'recuperee',
      });
      assert.match(fieldsOf(key.body)[0]!.message, /key/);
      const unknownFr = await create(agents.coordinator, { ...base, communeInsee: '99999' });
      assert.match(fieldsOf(unknownFr.body)[0]!.message, /code INSEE inconnu/);
      const unknownEn = await create(agents.english, { ...base, commune: 'Xyzville' });
      assert.match(fieldsOf(unknownEn.body)[0]!.message, /unknown commune/);
      assert.equal(await personCount(), before, 'nothing stored');
    });

    it('stores the commune as the reference spells it, fills the code a name designates alone, overseas included', async () => {
      const base = { birthName: 'Payet', firstName: 'Josiane', birthDate: '1948-09-09' };
      const cases: [Record<string, unknown>, [string | null, string | null]][] = [
        [{ communeInsee: '97411', postalCode: '97400' }, ['Saint-Denis', '97411']],
        [{ commune: 'st etienne', communeInsee: '42218' }, ['Saint-Étienne', '42218']],
        [{ commune: 'Mamoudzou' }, ['Mamoudzou', '97611']],
        [{ commune: 'Saint-Denis' }, ['Saint-Denis', null]],
        [{ commune: 'Saint-Denis', postalCode: '93200' }, ['Saint-Denis', '93066']],
        [{ communeInsee: '75115', commune: 'Paris' }, ['Paris 15e Arrondissement', '75115']],
        [{ communeInsee: '2B033', birthPlaceInsee: '69232' }, ['Bastia', '2B033']],
      ];
      for (const [change, expected] of cases) {
        const response = await create(agents.coordinator, {
          ...base,
          ...change,
          confirmNotDuplicate: true,
        });
        assert.equal(response.statusCode, 201, `${JSON.stringify(change)}: ${response.body}`);
        const [row] = await t.database.db
          .select({ commune: persons.commune, code: persons.communeInsee })
          .from(persons)
          .where(eq(persons.id, response.json<{ id: string }>().id));
        assert.deepEqual([row!.commune, row!.code], expected, JSON.stringify(change));
      }
    });

    it('refuses an edit to an unknown or disagreeing commune and changes nothing; a new code or name alone brings the other', async () => {
      const created = await create(agents.coordinator, {
        birthName: 'Hoarau',
        firstName: 'Marcel',
        birthDate: '1939-01-01',
        communeInsee: '97209',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json<{ id: string }>().id;
      const patch = (body: Record<string, unknown>) =>
        agents.coordinator.request('PATCH', `/api/persons/${id}`, { version: 1, ...body });
      const unknown = await patch({ communeInsee: '97999', birthPlaceInsee: '2A999' });
      assert.equal(unknown.statusCode, 422);
      assert.deepEqual(
        fieldsOf(unknown.body).map((f) => f.field),
        ['communeInsee', 'birthPlaceInsee'],
      );
      const unknownName = await patch({ commune: 'Xyzville' });
      assert.match(fieldsOf(unknownName.body)[0]!.message, /commune inconnue/);
      const mismatch = await patch({ commune: 'Lyon', communeInsee: '97209' });
      assert.equal(mismatch.statusCode, 422);
      assert.deepEqual(
        fieldsOf(mismatch.body).map((f) => f.field),
        ['commune'],
      );
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, id));
      assert.deepEqual(
        [row!.commune, row!.communeInsee, row!.version],
        ['Fort-de-France', '97209', 1],
      );
      const moved = await patch({ communeInsee: '69123' });
      assert.equal(moved.statusCode, 200, moved.body);
      const [after] = await t.database.db.select().from(persons).where(eq(persons.id, id));
      assert.deepEqual([after!.commune, after!.communeInsee], ['Lyon', '69123']);
      const same = await patch({ version: 2, communeInsee: '69123' });
      assert.equal(same.statusCode, 200, same.body);
      const [kept] = await t.database.db.select().from(persons).where(eq(persons.id, id));
      assert.deepEqual([kept!.commune, kept!.communeInsee], ['Lyon', '69123']);
      const renamed = await patch({ version: 3, commune: 'Pointe-à-Pitre' });
      assert.equal(renamed.statusCode, 200, renamed.body);
      const [last] = await t.database.db.select().from(persons).where(eq(persons.id, id));
      assert.deepEqual([last!.commune, last!.communeInsee], ['Pointe-à-Pitre', '97120']);
    });
  });

  it('lets a record stored before the reference be edited with its commune sent back unchanged', async () => {
    const stored = await buildPerson(t.database.db, { caseManagerId: memberIds.coordinator });
    const edit = await agents.coordinator.request('PATCH', `/api/persons/${stored.id}`, {
      version: 1,
      commune: 'Saint-Étienne-de-Valoux',
      communeInsee: null,
      phone: '06 12 34 56 78',
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, stored.id));
    assert.deepEqual([row!.commune, row!.phone], ['Saint-Étienne-de-Valoux', '06 12 34 56 78']);
    const changed = await agents.coordinator.request('PATCH', `/api/persons/${stored.id}`, {
      version: 2,
      commune: 'Saint-Étienne-de-Valoux-le-Neuf',
    });
    assert.equal(changed.statusCode, 422);
    assert.deepEqual(
      fieldsOf(changed.body).map((f) => f.field),
      ['commune'],
    );
  });

  describe('duplicate detection', () => {
    let helene: string;
    before(async () => {
      const response = await create(agents.coordinator, {
        birthName: 'Lefèvre-Dupont',
        firstName: 'Hélène',
        firstNames: 'Hélène Marie',
        birthDate: '1940-02-03',
        commune: 'Lavergne',
      });
      assert.equal(response.statusCode, 201, response.body);
      helene = response.json<{ id: string }>().id;
      const almeida = await create(agents.coordinator, {
        birthName: "D'Almeida",
        firstName: 'José',
        birthDate: '1944-11-20',
      });
      assert.equal(almeida.statusCode, 201, almeida.body);
    });

    const candidatesOf = async (agent: TAgent, body: Record<string, unknown>) => {
      const response = await check(agent, body);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<{
        candidates: { id: string; match: string }[];
        followedElsewhere: boolean;
        notice: string | null;
      }>();
    };

    it('finds the same person whatever the accents, case and hyphens', async () => {
      const found = await candidatesOf(agents.coordinator, {
        birthName: 'LEFEVRE DUPONT',
        firstName: 'helene',
        birthDate: '1940-02-03',
      });
      assert.deepEqual(
        found.candidates.map((c) => [c.id, c.match]),
        [[helene, 'same_name']],
      );
      assert.equal(found.followedElsewhere, false);
      const apostrophe = await candidatesOf(agents.coordinator, {
        birthName: 'Dalmeida',
        firstName: 'Jose',
        birthDate: '1944-11-20',
      });
      assert.equal(apostrophe.candidates[0]?.match, 'same_name');
    });

    it('finds swapped first and last names, a typo, a single word of a hyphenated name, and a day/month slip', async () => {
      const swapped = await candidatesOf(agents.coordinator, {
        birthName: 'Hélène',
        firstName: 'Lefèvre-Dupont',
        birthDate: '1940-02-03',
      });
      assert.deepEqual(
        swapped.candidates.map((c) => c.match),
        ['swapped_names'],
      );
      const typo = await candidatesOf(agents.coordinator, {
        birthName: 'Lefevre-Dupont',
        firstName: 'Hélènne',
        birthDate: '1940-02-03',
      });
      assert.deepEqual(
        typo.candidates.map((c) => c.match),
        ['close_spelling'],
      );
      const swappedLetters = await candidatesOf(agents.coordinator, {
        birthName: "D'Almieda",
        firstName: 'José',
        birthDate: '1944-11-20',
      });
      assert.deepEqual(
        swappedLetters.candidates.map((c) => c.match),
        ['close_spelling'],
      );
      const oneWord = await candidatesOf(agents.coordinator, {
        birthName: 'Dupont',
        firstName: 'Marie',
        birthDate: '1940-02-03',
      });
      assert.deepEqual(
        oneWord.candidates.map((c) => c.id),
        [helene],
      );
      const slip = await candidatesOf(agents.coordinator, {
        birthName: 'Lefèvre-Dupont',
        firstName: 'Hélène',
        birthDate: '1940-03-02',
      });
      assert.deepEqual(
        slip.candidates.map((c) => c.id),
        [helene],
      );
      const other = await candidatesOf(agents.coordinator, {
        birthName: 'Lefèvre-Dupont',
        firstName: 'Hélène',
        birthDate: '1940-02-04',
      });
      assert.deepEqual(other.candidates, []);
    });

    it('finds a record by its used name typed as the birth name, and by its birth name', async () => {
      const married = await create(agents.coordinator, {
        birthName: 'Chevalier',
        lastName: 'Morel',
        firstName: 'Agnès',
        birthDate: '1946-08-08',
      });
      const id = married.json<{ id: string }>().id;
      const byUsed = await candidatesOf(agents.coordinator, {
        birthName: 'Morel',
        firstName: 'Agnes',
        birthDate: '1946-08-08',
      });
      assert.deepEqual(
        byUsed.candidates.map((c) => [c.id, c.match]),
        [[id, 'other_name']],
      );
      const byBirth = await candidatesOf(agents.coordinator, {
        birthName: 'CHEVALIER',
        firstName: 'agnès',
        birthDate: '1946-08-08',
      });
      assert.deepEqual(
        byBirth.candidates.map((c) => [c.id, c.match]),
        [[id, 'same_name']],
      );
    });

    it('tells a user outside the rights only that the person is followed, and audits the check', async () => {
      const response = await check(agents.otherCoordinator, {
        birthName: 'Lefevre Dupont',
        firstName: 'Helene',
        birthDate: '1940-02-03',
      });
      assert.equal(response.statusCode, 200);
      const body = response.json<{
        candidates: unknown[];
        followedElsewhere: boolean;
        notice: string;
      }>();
      assert.deepEqual(body.candidates, []);
      assert.equal(body.followedElsewhere, true);
      assert.equal(
        body.notice,
        "Une personne avec cette identité est déjà suivie par le réseau : adressez-vous à l'équipe de coordination.",
      );
      assert.ok(!response.body.includes(helene), 'no id');
      assert.ok(!response.body.includes('Lavergne'), 'nothing of the record');
      const [checkRow] = await auditOf(response, 'person.duplicate_check');
      assert.deepEqual(checkRow?.details, { candidates: 0, hidden: 1 });
      const [candidateRow] = await auditOf(response, 'person.duplicate_candidate');
      assert.deepEqual([candidateRow?.personId, candidateRow?.outcome], [helene, 'denied']);

      const english = await candidatesOf(agents.english, {
        birthName: 'Lefevre Dupont',
        firstName: 'Helene',
        birthDate: '1940-02-03',
      });
      assert.equal(
        english.notice,
        'A person with this identity is already followed by the network: ask the coordination team.',
      );
    });

    it('lets network staff see every candidate (identity is theirs to handle)', async () => {
      const found = await candidatesOf(agents.admin, {
        birthName: 'Lefevre Dupont',
        firstName: 'Helene',
        birthDate: '1940-02-03',
      });
      assert.deepEqual(
        found.candidates.map((c) => c.id),
        [helene],
      );
    });

    it('creates over candidates only with confirmNotDuplicate, visible or not', async () => {
      const body = { birthName: 'Lefèvre Dupont', firstName: 'Hélène', birthDate: '1940-02-03' };
      const before = await personCount();
      for (const agent of [agents.coordinator, agents.otherCoordinator]) {
        const refused = await create(agent, body);
        assert.equal(refused.statusCode, 409, refused.body);
        assert.deepEqual(
          fieldsOf(refused.body).map((f) => f.field),
          ['confirmNotDuplicate'],
        );
      }
      assert.equal(await personCount(), before, 'nothing stored');
      const confirmed = await create(agents.otherCoordinator, {
        ...body,
        confirmNotDuplicate: true,
      });
      assert.equal(confirmed.statusCode, 201, confirmed.body);
      const [audit] = await auditOf(confirmed, 'person.create');
      assert.equal(
        (audit?.details as { confirmedNotDuplicate: boolean }).confirmedNotDuplicate,
        true,
      );
    });
  });

  describe('editing the identity', () => {
    let id: string;
    before(async () => {
      const response = await create(agents.coordinator, {
        birthName: 'Perrin',
        firstName: 'Odette',
        birthDate: '1937-09-09',
      });
      id = response.json<{ id: string }>().id;
      const team = await agents.coordinator.request('POST', `/api/persons/${id}/care-team`, {
        memberId: memberIds.professional,
      });
      assert.equal(team.statusCode, 204);
    });

    it('lets the case manager change it, naming the version read; a stale version answers 409', async () => {
      const first = await agents.coordinator.request('PATCH', `/api/persons/${id}`, {
        version: 1,
        lastName: 'Perrin-Masson',
        insMatricule: NIR,
        identityStatus: 'recuperee',
        contacts: [{ kind: 'trusted_person', name: 'Louis Masson', relation: 'époux' }],
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual(first.json(), { id, version: 2 });
      const stale = await agents.admin.request('PATCH', `/api/persons/${id}`, {
        version: 1,
        phone: '0102030405',
      });
      assert.equal(stale.statusCode, 409);
      assert.deepEqual(
        fieldsOf(stale.body).map((f) => f.field),
        ['version'],
      );
      const read = (await agents.coordinator.request('GET', `/api/persons/${id}`)).json<
        Record<string, unknown>
      >();
      assert.deepEqual(
        [read.lastName, read.birthName, read.phone, read.identityStatus, read.version],
        ['Perrin-Masson', 'Perrin', null, 'recuperee', 2],
      );
      assert.equal((read.contacts as { name: string }[])[0]?.name, 'Louis Masson');
    });

    it('lets one of two simultaneous edits of the same version through, the other 409', async () => {
      const created = await create(agents.coordinator, {
        birthName: 'Simultané',
        firstName: 'Gaston',
        birthDate: '1936-10-10',
      });
      const racedId = created.json<{ id: string }>().id;
      const answers = await Promise.all(
        ['0611111111', '0622222222'].map((phone) =>
          agents.coordinator.request('PATCH', `/api/persons/${racedId}`, { version: 1, phone }),
        ),
      );
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
      const [row] = await t.database.db.select().from(persons).where(eq(persons.id, racedId));
      assert.equal(row?.version, 2);
    });

    it('lets network staff change it, and clears a field with null', async () => {
      const response = await agents.admin.request('PATCH', `/api/persons/${id}`, {
        version: 2,
        insMatricule: null,
        identityStatus: 'provisoire',
        contacts: [],
      });
      assert.equal(response.statusCode, 200, response.body);
      const read = (await agents.admin.request('GET', `/api/persons/${id}`)).json<
        Record<string, unknown>
      >();
      assert.deepEqual([read.insMatricule, read.insOid, read.contacts], [null, null, []]);
    });

    it('refuses a care-team member (403) and a stranger (404), and checks the rules on the result', async () => {
      const member = await agents.professional.request('PATCH', `/api/persons/${id}`, {
        version: 3,
        firstName: 'Odile',
      });
      assert.equal(member.statusCode, 403);
      const [audit] = await auditOf(member, 'person.identity_update');
      assert.equal(audit?.outcome, 'denied');
      const stranger = await agents.otherCoordinator.request('PATCH', `/api/persons/${id}`, {
        version: 3,
        firstName: 'Odile',
      });
      assert.equal(stranger.statusCode, 404);
      const rule = await agents.coordinator.request('PATCH', `/api/persons/${id}`, {
        version: 3,
        identityStatus: 'qualifiee',
      });
      assert.equal(rule.statusCode, 422);
      assert.deepEqual(
        fieldsOf(rule.body).map((f) => f.field),
        ['identityStatus'],
      );
      const read = (await agents.coordinator.request('GET', `/api/persons/${id}`)).json<
        Record<string, unknown>
      >();
      assert.deepEqual([read.firstName, read.version], ['Odette', 3]);
    });
  });

  describe('merging two records', () => {
    let kept: string;
    let duplicate: string;
    before(async () => {
      const a = await create(agents.coordinator, {
        birthName: 'Lambert',
        firstName: 'Yvonne',
        birthDate: '1933-01-30',
        contacts: [{ kind: 'trusted_person', name: 'Claire Lambert' }],
      });
      kept = a.json<{ id: string }>().id;
      const b = await create(agents.otherCoordinator, {
        birthName: 'Lambert',
        firstName: 'Yvone',
        birthDate: '1933-01-30',
        confirmNotDuplicate: true,
        contacts: [
          { kind: 'trusted_person', name: 'Jean Lambert' },
          { kind: 'caregiver', name: 'Sylvie Roy' },
        ],
      });
      duplicate = b.json<{ id: string }>().id;
      for (const memberId of [memberIds.professional, gpId]) {
        const team = await agents.otherCoordinator.request(
          'POST',
          `/api/persons/${duplicate}/care-team`,
          { memberId },
        );
        assert.equal(team.statusCode, 204);
      }
      const objection = await agents.otherCoordinator.request(
        'POST',
        `/api/persons/${duplicate}/objections`,
        { memberId: gpId, reason: 'Ancien médecin' },
      );
      assert.equal(objection.statusCode, 204);
    });

    it('is refused to a case manager, audited', async () => {
      const response = await agents.coordinator.request('POST', `/api/persons/${kept}/merge`, {
        duplicatePersonId: duplicate,
      });
      assert.equal(response.statusCode, 403);
      const [audit] = await auditOf(response, 'person.merge');
      assert.equal(audit?.outcome, 'denied');
      assert.equal(audit?.reason, 'only network staff merge duplicate records');
    });

    it('refuses merging a record with itself', async () => {
      const response = await agents.admin.request('POST', `/api/persons/${kept}/merge`, {
        duplicatePersonId: kept,
      });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        fieldsOf(response.body).map((f) => f.field),
        ['duplicatePersonId'],
      );
    });

    it('refuses two records that each have a patient account, and changes nothing', async () => {
      const db = t.database.db;
      const one = (
        await create(agents.coordinator, {
          birthName: 'Compte',
          firstName: 'Un',
          birthDate: '1930-01-01',
        })
      ).json<{ id: string }>().id;
      const two = (
        await create(agents.coordinator, {
          birthName: 'Compte',
          firstName: 'Deux',
          birthDate: '1930-01-01',
          confirmNotDuplicate: true,
        })
      ).json<{ id: string }>().id;
      await buildUser(db, { role: 'patient', personId: one });
      await buildUser(db, { role: 'patient', personId: two });
      const teamBefore = await db
        .select()
        .from(careTeamMembers)
        .where(eq(careTeamMembers.personId, two));
      const response = await agents.admin.request('POST', `/api/persons/${one}/merge`, {
        duplicatePersonId: two,
      });
      assert.equal(response.statusCode, 409);
      const [row] = await db.select().from(persons).where(eq(persons.id, two));
      assert.equal(row?.mergedIntoId, null);
      assert.deepEqual(
        await db.select().from(careTeamMembers).where(eq(careTeamMembers.personId, two)),
        teamBefore,
      );
    });

    it('moves the team, objections and contacts to the kept record and keeps both histories', async () => {
      const db = t.database.db;
      const auditBefore = await db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.personId, duplicate));
      // the duplicate's timeline follows the person
      await db.insert(pathwayEvents).values({
        personId: duplicate,
        kind: 'test.event',
        category: 'administrative',
        sourceTable: 'test',
        sourceId: '1',
      });
      // and so does its logbook (decision 021)
      const [author] = await db.select({ id: users.id }).from(users).limit(1);
      const [note] = await db
        .insert(logbookEntries)
        .values({
          personId: duplicate,
          category: 'daily_life',
          text: 'RAS',
          authorUserId: author!.id,
        })
        .returning();
      const response = await agents.admin.request('POST', `/api/persons/${kept}/merge`, {
        duplicatePersonId: duplicate,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { id: kept, mergedId: duplicate });
      const [merged] = await auditOf(response, 'person.merged');
      assert.deepEqual(merged?.details, {
        keptId: kept,
        duplicateId: duplicate,
        careTeamRows: 2,
        objectionRows: 1,
        contactRows: 1,
        accountMoved: false,
        requestRows: 0,
        // the test's own event and the two members' care_team.joined events
        pathwayEventRows: 3,
        assessmentRows: 0,
        conversationRows: 0,
        logbookRows: 1,
        stayRows: 0,
        alertRows: 0,
      });
      const [moved] = await db
        .select({ personId: logbookEntries.personId })
        .from(logbookEntries)
        .where(eq(logbookEntries.id, note!.id));
      assert.equal(moved?.personId, kept);
      const [event] = await db
        .select({ personId: pathwayEvents.personId })
        .from(pathwayEvents)
        .where(eq(pathwayEvents.kind, 'test.event'));
      assert.equal(event?.personId, kept);

      // The duplicate's case manager joins the kept record's team; the team and objection moved.
      const team = await db
        .select({ memberId: careTeamMembers.memberId })
        .from(careTeamMembers)
        .where(eq(careTeamMembers.personId, kept));
      assert.deepEqual(
        team.map((m) => m.memberId).sort(),
        [memberIds.professional, gpId, memberIds.otherCoordinator].sort(),
      );
      const objections = await db
        .select()
        .from(sharingObjections)
        .where(eq(sharingObjections.personId, kept));
      assert.equal(objections.length, 1);
      // Kept has its own trusted person: the duplicate's stays with the duplicate, as history.
      const contacts = await db
        .select({ personId: personContacts.personId, name: personContacts.name })
        .from(personContacts)
        .where(eq(personContacts.name, 'Jean Lambert'));
      assert.equal(contacts[0]?.personId, duplicate);
      const read = (await agents.otherCoordinator.request('GET', `/api/persons/${kept}`)).json<{
        relation: string;
        contacts: { name: string }[];
        version: number;
      }>();
      assert.equal(read.relation, 'team_member');
      assert.deepEqual(
        read.contacts.map((c) => c.name),
        ['Claire Lambert', 'Sylvie Roy'],
      );

      // Audit rows stay as they were, with the duplicate's id.
      const auditAfter = await db
        .select({ n: count() })
        .from(auditLog)
        .where(eq(auditLog.personId, duplicate));
      assert.ok(auditAfter[0]!.n > auditBefore[0]!.n);
    });

    it('answers 404 for the merged record, with a "merged into" hint for network staff only', async () => {
      const staff = await agents.admin.request('GET', `/api/persons/${duplicate}`);
      assert.equal(staff.statusCode, 404);
      assert.equal(
        staff.json<{ error: { details: { mergedInto: string } } }>().error.details.mergedInto,
        kept,
      );
      const manager = await agents.otherCoordinator.request('GET', `/api/persons/${duplicate}`);
      assert.equal(manager.statusCode, 404);
      assert.ok(!manager.body.includes(kept));
      const list = await agents.otherCoordinator.request('GET', '/api/persons');
      const ids = list.json<{ items: { id: string }[] }>().items.map((p) => p.id);
      assert.ok(ids.includes(kept) && !ids.includes(duplicate));
      const again = await agents.admin.request('POST', `/api/persons/${kept}/merge`, {
        duplicatePersonId: duplicate,
      });
      assert.equal(again.statusCode, 409);
      const edit = await agents.admin.request('PATCH', `/api/persons/${duplicate}`, {
        version: 2,
        firstName: 'Autre',
      });
      assert.equal(edit.statusCode, 404);
      const found = await check(agents.admin, {
        birthName: 'Lambert',
        firstName: 'Yvonne',
        birthDate: '1933-01-30',
      });
      assert.deepEqual(
        found.json<{ candidates: { id: string }[] }>().candidates.map((c) => c.id),
        [kept],
      );
    });
  });
});
