import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { count, eq, sql } from 'drizzle-orm';
import {
  directoryHistory,
  memberOrganisations,
  members,
  organisations,
  services,
} from '../../db/schema/index.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { IMPORT_MAX_BYTES } from './directory.schemas.js';

const HSDS_DIR = join(import.meta.dirname, '../../../standards/hsds-3');

const ORGS_CSV = `name;type;address;postal_code;commune;phone;email;website;opening_hours;preferred_channel;best_times;good_to_know
Maison de santé des Tilleuls;msp;2 rue des Tilleuls;42100;Saint-Étienne-de-Valoux;04 77 00 00 01;accueil@tilleuls.fr;https://tilleuls.fr;Lun-ven 8h-19h;phone;avant 9 h;Parking derrière
SSIAD du Pays de Rives;Soins infirmiers à domicile (SSIAD);;;Brives-sur-Lys;04 77 00 00 02;;;;;;
`;

describe('directory import and export', () => {
  let t: TTestApp;
  let admin: TAgent;
  before(async () => {
    t = await createTestApp();
    admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
  });
  after(() => t.close());

  const counts = async () => ({
    organisations: (await t.database.db.select({ n: count() }).from(organisations))[0]!.n,
    members: (await t.database.db.select({ n: count() }).from(members))[0]!.n,
    services: (await t.database.db.select({ n: count() }).from(services))[0]!.n,
    history: (await t.database.db.select({ n: count() }).from(directoryHistory))[0]!.n,
  });
  const importCsv = (kind: string, csv: string, dryRun: boolean) =>
    admin.request('POST', `/api/directory/import/${kind}`, { csv, dryRun });

  it('previews an import without writing anything, then commits it in one go', async () => {
    const before = await counts();
    const preview = await importCsv('organisations', ORGS_CSV, true);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.deepEqual(
      [
        preview.json().total,
        preview.json().accepted,
        preview.json().rejected.length,
        preview.json().created,
      ],
      [2, 2, 0, 0],
    );
    assert.deepEqual(await counts(), before);
    const commit = await importCsv('organisations', ORGS_CSV, false);
    assert.equal(commit.statusCode, 200);
    assert.equal(commit.json().created, 2);
    const found = (
      await admin.request('GET', '/api/directory/search?q=tilleuls&type=organisation')
    ).json();
    assert.equal(found.items[0].title, 'Maison de santé des Tilleuls');
  });

  it('leaves the search tables vacuumed after an import, their word indexes without a pending list', async () => {
    const vacuumCount = async () => {
      const [row] = await t.database.db
        .select({ n: sql<number>`coalesce(sum(vacuum_count), 0)`.mapWith(Number) })
        .from(sql`pg_stat_user_tables`)
        .where(sql`relname = 'directory_index'`);
      return row!.n;
    };
    const before = await vacuumCount();
    const csv = 'first_name,last_name,profession\nNoé,Bastide,nurse\n';
    assert.equal((await importCsv('members', csv, false)).statusCode, 200);
    assert.equal(await vacuumCount(), before + 1);
    const rows = await t.database.db
      .select({ relname: sql<string>`c.relname`, reloptions: sql<string[] | null>`c.reloptions` })
      .from(sql`pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam`)
      .where(
        sql`a.amname = 'gin' AND i.indrelid IN ('directory_index'::regclass, 'directory_words'::regclass)`,
      );
    assert.ok(rows.length >= 8);
    for (const row of rows) assert.deepEqual(row.reloptions, ['fastupdate=false'], row.relname);
  });

  it('reports each rejected row and why, and commits nothing when any row is bad', async () => {
    const csv = [
      'first_name,last_name,profession,rpps,email,languages,organisation,role_title',
      'Thomas,Girard,kiné,10000000001,thomas@tilleuls.fr,fr|en,Maison de santé des Tilleuls,Kinésithérapeute',
      ',Sans Prénom,nurse,,,fr,,',
      'Anne,Perrin,astronaute,123,pas-un-email,fr,,',
      'Karim,Haddad,Infirmier·ère,,,fr,Structure Inconnue,',
      'Élodie,Garnier,IDE,10000000002,,klingon,SSIAD du Pays de Rives,',
    ].join('\n');
    const before = await counts();
    const preview = await importCsv('members', csv, true);
    assert.equal(preview.statusCode, 200);
    const report = preview.json();
    assert.deepEqual([report.total, report.accepted], [5, 1]);
    const byRow = Object.fromEntries(
      report.rejected.map((r: { row: number; errors: { field: string }[] }) => [
        r.row,
        r.errors.map((e) => e.field).sort(),
      ]),
    );
    assert.deepEqual(byRow, {
      3: ['first_name'],
      4: ['email', 'profession', 'rpps'],
      5: ['organisation'],
      6: ['languages'],
    });
    const said = Object.fromEntries(
      report.rejected.flatMap((r: { row: number; errors: { field: string; message: string }[] }) =>
        r.errors.map((e) => [`${r.row}.${e.field}`, e.message]),
      ),
    );
    assert.deepEqual(said, {
      '3.first_name': 'à renseigner',
      '4.email': 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)',
      '4.profession': '« astronaute » : valeur inconnue (voir les colonnes attendues)',
      '4.rpps': 'le numéro RPPS compte 11 chiffres',
      '5.organisation': "« Structure Inconnue » : structure inconnue de l'annuaire",
      '6.languages': '« klingon » : valeur inconnue (voir les colonnes attendues)',
    });
    const commit = await importCsv('members', csv, false);
    assert.equal(commit.statusCode, 422);
    assert.equal(commit.json().error.details.report.rejected.length, 4);
    assert.match(commit.json().error.message, /4 ligne/);
    assert.deepEqual(await counts(), before, 'all or nothing: the good row was not written either');
  });

  it('imports members linked to their organisation and services with labels instead of codes', async () => {
    const membersCsv =
      'first_name,last_name,profession,rpps,languages,organisation\nThomas,Girard,kiné,10000000001,fr|en,Maison de santé des Tilleuls\n';
    assert.equal((await importCsv('members', membersCsv, false)).json().created, 1);
    const servicesCsv =
      'organisation,name,care_streams,communes_served,accepting,limits\nSSIAD du Pays de Rives,Soins de nuit,Personnes âgées|Soins palliatifs,Lavergne|Brives-sur-Lys,sous conditions,Pas de pansements complexes\n';
    const result = await importCsv('services', servicesCsv, false);
    assert.equal(result.statusCode, 200, result.body);
    const found = (
      await admin.request('GET', '/api/directory/search?careStream=palliative&type=service')
    ).json();
    assert.equal(found.items[0].title, 'Soins de nuit');
    assert.equal(found.items[0].accepting, 'conditions');
    const org = (await admin.request('GET', '/api/directory/search?q=girard')).json();
    assert.ok(org.items[0].matched.length > 0);
  });

  it('keeps a readable history for imported entries with blank cells', async () => {
    const csv = 'first_name,last_name,profession,specialty,email\nLéa,Vidal,nurse,,\n';
    assert.equal((await importCsv('members', csv, false)).json().created, 1);
    const [hit] = (await admin.request('GET', '/api/directory/search?q=vidal')).json<{
      items: { id: string }[];
    }>().items;
    const history = await admin.request('GET', `/api/directory/members/${hit!.id}/history`);
    assert.equal(history.statusCode, 200, history.body);
    const [entry] = history.json<{
      items: { action: string; changes: Record<string, unknown> }[];
    }>().items;
    assert.equal(entry!.action, 'import');
    assert.deepEqual(entry!.changes.lastName, { from: null, to: 'Vidal' });
    assert.equal(entry!.changes.specialty, undefined, 'blank cells are not changes');
  });

  it('refuses an empty file, missing columns and malformed CSV with a 422', async () => {
    assert.equal(
      (await importCsv('members', 'first_name,last_name,profession\n', true)).statusCode,
      422,
    );
    const missing = await importCsv('members', 'nom,prenom\nA,B\n', true);
    assert.equal(missing.statusCode, 422);
    assert.match(
      missing.json().error.message,
      /^Colonnes manquantes sur la première ligne : first_name/,
    );
    const englishAdmin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin', locale: 'en' })).email,
      TEST_PASSWORD,
    );
    const inEnglish = await englishAdmin.request('POST', '/api/directory/import/members', {
      csv: 'nom,prenom\nA,B\n',
      dryRun: true,
    });
    assert.match(
      inEnglish.json().error.message,
      /^Columns missing from the first line: first_name/,
    );
    assert.equal(
      (await importCsv('members', 'first_name,last_name,profession\n"unterminated,x,y\n', true))
        .statusCode,
      422,
    );
  });

  it('lets only network staff import and export', async () => {
    const pro = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional' })).email,
      TEST_PASSWORD,
    );
    assert.equal(
      (
        await pro.request('POST', '/api/directory/import/organisations', {
          csv: ORGS_CSV,
          dryRun: true,
        })
      ).statusCode,
      403,
    );
    assert.equal((await pro.request('GET', '/api/directory/export/members.csv')).statusCode, 403);
  });

  it('checks the session and the role before reading an import body', async () => {
    const pro = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional' })).email,
      TEST_PASSWORD,
    );
    // A body that would fail to parse: who reads it first answers 400.
    const unreadable = `{"csv":"${'x'.repeat(2 * 1024 * 1024)}`;
    const send = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/directory/import/members',
        headers: { 'content-type': 'application/json', ...headers },
        payload: unreadable,
      });
    const anonymous = await send({});
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    const professional = await send({ cookie: pro.cookie, 'x-csrf-token': pro.csrfToken });
    assert.equal(professional.statusCode, 403, professional.body);
    const staff = await send({ cookie: admin.cookie, 'x-csrf-token': admin.csrfToken });
    assert.equal(staff.statusCode, 400, 'network staff get their body read');
    const importing = (csv: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/directory/import/members',
        headers: {
          'content-type': 'application/json',
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
        },
        payload: JSON.stringify({ csv, dryRun: true }),
      });
    const overLimit = await importing('x'.repeat(IMPORT_MAX_BYTES + 1));
    assert.equal(overLimit.statusCode, 400);
    assert.equal(overLimit.json().error.details.fields[0].field, 'csv');
    assert.equal((await importing('x'.repeat(IMPORT_MAX_BYTES + 2 * 1024 * 1024))).statusCode, 413);
  });

  it('exports CSV with the import columns, which imports back', async () => {
    const response = await admin.request('GET', '/api/directory/export/organisations.csv');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /text\/csv/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(
      lines[0],
      'name,type,address,postal_code,commune,phone,email,website,opening_hours,latitude,longitude,sms,secure_messaging,fax,preferred_channel,best_times,good_to_know,channel_visibility',
    );
    assert.ok(lines.some((l) => l.startsWith('Maison de santé des Tilleuls,msp,')));
    const again = (await importCsv('organisations', response.body, true)).json();
    assert.equal(
      again.rejected.length,
      2,
      'the same organisations are recognised as already present',
    );
    assert.match(again.rejected[0].errors[0].message, /existe déjà/);
  });

  it('carries map points, secure messaging, SMS, fax and several workplaces, both ways', async () => {
    const orgs = `name,type,commune,latitude,longitude,fax,secure_messaging
Centre hospitalier de Valoux,hospital,Valoux,"45,901",6.129,04 77 00 10 10,accueil@ch-valoux.mssante.fr
Plateforme Valoux Sud,other,Valoux,45.9,,,
`;
    const orgReport = (await importCsv('organisations', orgs, true)).json();
    assert.deepEqual(orgReport.rejected, [
      {
        row: 3,
        errors: [
          {
            field: 'longitude',
            message: 'latitude et longitude vont ensemble (ou aucune des deux)',
          },
        ],
      },
    ]);
    await importCsv('organisations', orgs.split('\n').slice(0, 2).join('\n'), false);
    const members = `first_name,last_name,profession,sms,secure_messaging,organisation,role_title,preferred_channel
Lina,Ferrand,nurse,06 11 22 33 44,lina.ferrand@infirmier.mssante.fr,Centre hospitalier de Valoux|Maison de santé des Tilleuls,IDE de liaison|,secure_messaging
Paul,Vernet,nurse,,,Centre hospitalier de Valoux|Clinique inconnue,,
`;
    const refused = await importCsv('members', members, false);
    assert.equal(refused.statusCode, 422, 'all or nothing: one bad row, nothing saved');
    assert.deepEqual(refused.json().error.details.report.rejected[0].errors, [
      {
        field: 'organisation',
        message: "« Clinique inconnue » : structure inconnue de l'annuaire",
      },
    ]);
    const fixed = members.split('\n').slice(0, 2).join('\n');
    assert.equal((await importCsv('members', fixed, false)).json().created, 1);

    const [hit] = (await admin.request('GET', '/api/directory/search?q=ferrand')).json<{
      items: { id: string }[];
    }>().items;
    const profile = (await admin.request('GET', `/api/directory/members/${hit!.id}`)).json<{
      organisations: { name: string; roleTitle: string | null }[];
      channels: { kind: string; value: string; preferred?: boolean }[];
    }>();
    assert.deepEqual(profile.organisations.map((o) => [o.name, o.roleTitle]).sort(), [
      ['Centre hospitalier de Valoux', 'IDE de liaison'],
      ['Maison de santé des Tilleuls', null],
    ]);
    assert.deepEqual(
      profile.channels.map((c) => [c.kind, c.preferred ?? false]),
      [
        ['sms', false],
        ['secure_messaging', true],
      ],
    );

    const exported = (await admin.request('GET', '/api/directory/export/members.csv')).body;
    const lines = exported.split('\n').filter((l) => l.includes('Ferrand'));
    assert.equal(lines.length, 1, 'one line per member, whatever their workplaces');
    assert.match(lines[0]!, /Centre hospitalier de Valoux\|Maison de santé des Tilleuls/);
    assert.match(lines[0]!, /lina\.ferrand@infirmier\.mssante\.fr/);
    const orgExport = (await admin.request('GET', '/api/directory/export/organisations.csv')).body;
    assert.match(
      orgExport,
      /Centre hospitalier de Valoux,hospital,.*,45\.901,6\.129,,accueil@ch-valoux/,
    );
  });

  it("carries a member's intake status and who sees each contact, both ways", async () => {
    const csv = `first_name,last_name,profession,phone,sms,accepting,accepting_conditions,phone_visibility,identifiers_visibility,rpps,channel_visibility
Maëlle,Quéré,nurse,04 77 11 22 33,06 11 22 33 55,sous conditions,Secteur de Valoux seulement,équipes de soins,public,10101010101,sms:care_team|phone:réseau
Yann,Quéré,nurse,,06 11 22 33 66,peut-être,,partout,,,fax:public
`;
    const refused = await importCsv('members', csv, true);
    assert.deepEqual(
      refused
        .json()
        .rejected.map((r: { errors: { field: string }[] }) => r.errors.map((e) => e.field)),
      [['channel_visibility', 'phone_visibility', 'accepting']],
      'an unknown visibility, status or channel is named by its column',
    );
    const good = csv.split('\n').slice(0, 2).join('\n');
    assert.equal((await importCsv('members', good, false)).json().created, 1);
    const [row] = await t.database.db.select().from(members).where(eq(members.lastName, 'Quéré'));
    assert.equal(row!.accepting, 'conditions');
    assert.equal(row!.acceptingConditions, 'Secteur de Valoux seulement');
    assert.ok(row!.acceptingConfirmedAt, 'the import confirms the status it gives');
    assert.equal(row!.phoneVisibility, 'care_team');
    assert.equal(row!.identifiersVisibility, 'public');
    assert.equal(row!.emailVisibility, 'network', 'a blank cell keeps the default');
    assert.deepEqual(
      row!.channels.map((c) => [c.kind, c.visibility]),
      [
        ['phone', 'network'],
        ['sms', 'care_team'],
      ],
    );

    const exported = (await admin.request('GET', '/api/directory/export/members.csv')).body;
    const [header, ...lines] = exported
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const columns = header!.split(',');
    const line = lines.find((l) => l.includes('Quéré'))!.split(',');
    const at = (name: string) => line[columns.indexOf(name)];
    assert.equal(at('accepting'), 'conditions');
    assert.equal(at('phone_visibility'), 'care_team');
    assert.equal(at('identifiers_visibility'), 'public');
    assert.equal(at('channel_visibility'), 'phone:network|sms:care_team');
    // the export imports back as it was (the first one moved aside: its RPPS is unique)
    await t.database.db.update(members).set({ rpps: null }).where(eq(members.lastName, 'Quéré'));
    const again = `${header}\n${lines.find((l) => l.includes('Quéré'))!}`;
    assert.equal((await importCsv('members', again, false)).json().created, 1);
    const copies = await t.database.db.select().from(members).where(eq(members.lastName, 'Quéré'));
    const copy = copies.find((c) => c.rpps === '10101010101')!;
    assert.deepEqual(
      [copy.accepting, copy.phoneVisibility, copy.identifiersVisibility, copy.channels],
      [row!.accepting, row!.phoneVisibility, row!.identifiersVisibility, row!.channels],
    );
  });

  it('names a workplace by id when two organisations share its name, and imports it back linked right', async () => {
    const db = t.database.db;
    const name = 'Cabinet infirmier du Centre';
    const north = await buildOrganisation(db, { name, type: 'other', commune: 'Valoux' });
    const south = await buildOrganisation(db, { name, type: 'other', commune: 'Brives-sur-Lys' });
    await buildDirectoryMember(db, {
      firstName: 'Aline',
      lastName: 'Doublon',
      organisations: [
        { organisationId: south.id, roleTitle: 'IDE', canEditServices: false },
        { organisationId: north.id, roleTitle: 'Remplaçante', canEditServices: false },
      ],
    });
    await buildService(db, south.id, { name: 'Soins à domicile Doublon' });

    const memberCsv = (await admin.request('GET', '/api/directory/export/members.csv')).body;
    const [header, ...rows] = memberCsv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const aline = rows.find((r) => r.includes('Doublon'))!;
    assert.ok(!aline.includes(name), 'a name that is not unique is not written');
    assert.ok(aline.includes(south.id) && aline.includes(north.id));
    // The same line for a new member imports back with both workplaces (not "repeated"), each right.
    const copy = aline.replace('Aline', 'Brune').replace('Doublon', 'Copie');
    const imported = await importCsv('members', `${header}\n${copy}\n`, false);
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().created, 1);
    const workplaces = await db
      .select({
        organisationId: memberOrganisations.organisationId,
        title: memberOrganisations.roleTitle,
      })
      .from(memberOrganisations)
      .innerJoin(members, eq(members.id, memberOrganisations.memberId))
      .where(eq(members.lastName, 'Copie'));
    assert.deepEqual(
      workplaces.map((w) => [w.organisationId, w.title]).sort(),
      [
        [north.id, 'Remplaçante'],
        [south.id, 'IDE'],
      ].sort(),
    );

    const serviceCsv = (await admin.request('GET', '/api/directory/export/services.csv')).body;
    const [serviceHeader, ...serviceRows] = serviceCsv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const service = serviceRows.find((r) => r.includes('Soins à domicile Doublon'))!;
    assert.ok(service.startsWith(south.id));
    const serviceCopy = service.replace('Soins à domicile Doublon', 'Soins de nuit Doublon');
    assert.equal(
      (await importCsv('services', `${serviceHeader}\n${serviceCopy}\n`, false)).json().created,
      1,
    );
    const [night] = await db
      .select()
      .from(services)
      .where(eq(services.name, 'Soins de nuit Doublon'));
    assert.equal(night?.organisationId, south.id);

    // By name alone the file cannot say which one: the row is refused, nothing is guessed.
    const byName = await importCsv(
      'members',
      `first_name,last_name,profession,organisation\nCarla,Ambigue,nurse,${name}\n`,
      true,
    );
    assert.deepEqual(
      byName.json().rejected[0].errors.map((e: { field: string }) => e.field),
      ['organisation'],
    );
    assert.match(byName.json().rejected[0].errors[0].message, /2 structures portent ce nom/);
    // A same-name organisation in another commune is another organisation, not a repeat.
    const third = await importCsv(
      'organisations',
      `name,type,commune\n${name},other,Saint-Paul\n`,
      true,
    );
    assert.deepEqual(third.json().rejected, []);
  });

  it('exports HSDS 3 JSON that validates against the official organization and service schemas', async () => {
    const response = await admin.request('GET', '/api/directory/export/hsds.json');
    assert.equal(response.statusCode, 200);
    const organizations =
      response.json<{ name: string; services: { service_areas: { name: string }[] }[] }[]>();
    assert.ok(organizations.length >= 2);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validateOrganization = ajv.compile(
      JSON.parse(readFileSync(join(HSDS_DIR, 'organization.json'), 'utf8')),
    );
    const validateService = ajv.compile(
      JSON.parse(readFileSync(join(HSDS_DIR, 'service.json'), 'utf8')),
    );
    let servicesChecked = 0;
    for (const organization of organizations) {
      assert.ok(validateOrganization(organization), JSON.stringify(validateOrganization.errors));
      for (const service of organization.services) {
        assert.ok(validateService(service), JSON.stringify(validateService.errors));
        servicesChecked++;
      }
    }
    assert.ok(servicesChecked >= 1);
    const ssiad = organizations.find((o) => o.name === 'SSIAD du Pays de Rives')!;
    assert.deepEqual(
      ssiad.services[0]!.service_areas.map((a: { name: string }) => a.name),
      ['Lavergne', 'Brives-sur-Lys'],
    );
  });
});
