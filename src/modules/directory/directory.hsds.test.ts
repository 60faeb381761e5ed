import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildOrganisation, buildService } from '../../../test/helpers/directory-factories.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { departementOf } from './directory.hsds.js';
import { ORGANISATION_TYPE_CODES, ORGANISATION_TYPE_CODINGS } from './directory.vocabulary.js';

const HSDS_DIR = join(import.meta.dirname, '../../../standards/hsds-3');
const schemaOf = (file: string) =>
  JSON.parse(readFileSync(join(HSDS_DIR, file), 'utf8')) as AnySchema & {
    properties: { location: AnySchema };
  };

type THsdsLocation = {
  id: string;
  organization_id: string;
  latitude?: number;
  longitude?: number;
  addresses: {
    id: string;
    address_1: string;
    city: string;
    postal_code: string;
    state_province: string;
  }[];
};
type THsdsOrganization = {
  id: string;
  name: string;
  locations: THsdsLocation[];
  attributes: { taxonomy_term: { code: string; taxonomy: string; name: string } }[];
  services: { name: string; service_at_locations: { service_id: string; location_id: string }[] }[];
};

describe('HSDS export: locations, services at locations, organisation types', () => {
  let t: TTestApp;
  let admin: TAgent;
  before(async () => {
    t = await createTestApp();
    admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
    const had = await buildOrganisation(t.database.db, {
      name: 'HAD du Val — Hospitalisation à domicile',
      type: 'had',
      address: '12 avenue du Docteur-Roux',
      postalCode: '42500',
      commune: 'Pont-de-Rives',
      latitude: 45.436,
      longitude: 4.389,
    });
    await buildService(t.database.db, had.id, { name: 'Soins palliatifs à domicile' });
    const practice = await buildOrganisation(t.database.db, {
      name: 'Cabinet infirmier des Halles',
      type: 'nursing_practice',
      commune: 'Lavergne',
      latitude: 45.421,
      longitude: 4.455,
    });
    await buildService(t.database.db, practice.id, { name: 'Tournées du matin' });
    const nowhere = await buildOrganisation(t.database.db, {
      name: 'Association sans adresse',
      type: 'association',
      commune: 'Lavergne',
    });
    await buildService(t.database.db, nowhere.id, { name: 'Écoute téléphonique' });
  });
  after(() => t.close());

  const exported = async () => {
    const response = await admin.request('GET', '/api/directory/export/hsds.json');
    assert.equal(response.statusCode, 200);
    return response.json<THsdsOrganization[]>();
  };
  const named = (orgs: THsdsOrganization[], name: string) => orgs.find((o) => o.name === name)!;

  it('exports each located organisation with a location and its services at that location, all valid against the official schemas', async () => {
    const organizations = await exported();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const serviceAtLocationSchema = schemaOf('service_at_location.json');
    const validate = {
      organization: ajv.compile(schemaOf('organization.json')),
      service: ajv.compile(schemaOf('service.json')),
      serviceAtLocation: ajv.compile(serviceAtLocationSchema),
      location: ajv.compile(serviceAtLocationSchema.properties.location),
    };
    let locations = 0;
    let links = 0;
    for (const organization of organizations) {
      assert.ok(validate.organization(organization), JSON.stringify(validate.organization.errors));
      for (const location of organization.locations) {
        assert.ok(validate.location(location), JSON.stringify(validate.location.errors));
        assert.equal(location.organization_id, organization.id);
        locations++;
      }
      for (const service of organization.services) {
        assert.ok(validate.service(service), JSON.stringify(validate.service.errors));
        for (const link of service.service_at_locations) {
          assert.ok(
            validate.serviceAtLocation(link),
            JSON.stringify(validate.serviceAtLocation.errors),
          );
          assert.deepEqual(
            [link.location_id],
            organization.locations.map((l) => l.id),
          );
          links++;
        }
      }
    }
    assert.equal(locations, 2);
    assert.equal(links, 2);
  });

  it('gives the postal address and the map point that Maillon holds', async () => {
    const had = named(await exported(), 'HAD du Val — Hospitalisation à domicile');
    const [location] = had.locations;
    assert.deepEqual([location!.latitude, location!.longitude], [45.436, 4.389]);
    assert.deepEqual(location!.addresses, [
      {
        id: location!.addresses[0]!.id,
        location_id: location!.id,
        address_1: '12 avenue du Docteur-Roux',
        city: 'Pont-de-Rives',
        state_province: '42',
        postal_code: '42500',
        country: 'FR',
        address_type: 'physical',
      },
    ]);
    // The same ids from one export to the next.
    const again = named(await exported(), 'HAD du Val — Hospitalisation à domicile');
    assert.equal(again.locations[0]!.id, location!.id);
  });

  it('exports a map point without an address, and no location at all for a commune alone', async () => {
    const organizations = await exported();
    const practice = named(organizations, 'Cabinet infirmier des Halles');
    assert.equal(practice.locations.length, 1);
    assert.deepEqual(practice.locations[0]!.addresses, []);
    const nowhere = named(organizations, 'Association sans adresse');
    assert.deepEqual(nowhere.locations, []);
    assert.deepEqual(nowhere.services[0]!.service_at_locations, []);
  });

  it('types each organisation with its national code (FINESS category, activity sector) or Maillon’s own', async () => {
    const organizations = await exported();
    const termOf = (name: string) => named(organizations, name).attributes[0]!.taxonomy_term;
    const had = termOf('HAD du Val — Hospitalisation à domicile');
    assert.equal(had.code, '127');
    assert.match(had.taxonomy, /TRE_R66-CategorieEtablissement/);
    assert.equal(termOf('Cabinet infirmier des Halles').code, 'SA08');
    assert.deepEqual(
      [termOf('Association sans adresse').code, termOf('Association sans adresse').taxonomy],
      ['association', 'maillon:organisation-type'],
    );
  });
});

describe('organisation types and their national codes', () => {
  it('maps every type of the vocabulary (null only where no national code fits)', () => {
    assert.deepEqual(
      Object.keys(ORGANISATION_TYPE_CODINGS).sort(),
      [...ORGANISATION_TYPE_CODES].sort(),
    );
    assert.deepEqual(
      ORGANISATION_TYPE_CODES.filter((code) => ORGANISATION_TYPE_CODINGS[code] === null).sort(),
      ['association', 'other', 'social_service', 'town_hall'],
    );
    // Hospital at home and home nursing are two kinds of structure, not one.
    assert.notEqual(
      ORGANISATION_TYPE_CODINGS.had?.code,
      ORGANISATION_TYPE_CODINGS.home_nursing?.code,
    );
  });

  it('reads the département from a postcode, Corsica and overseas included', () => {
    assert.deepEqual(['42500', '01000', '20000', '20200', '97400', '98800'].map(departementOf), [
      '42',
      '01',
      '2A',
      '2B',
      '974',
      '988',
    ]);
  });
});
