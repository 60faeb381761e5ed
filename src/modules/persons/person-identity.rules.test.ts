import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  identityProblems,
  insKey,
  isValidInsMatricule,
  todayIn,
  type TIdentityFacts,
} from './person-identity.rules.js';

const TODAY = '2026-12-05';
const fieldsOf = (facts: TIdentityFacts) =>
  identityProblems(facts, TODAY).map((p) => `${p.field}: ${p.message}`);

describe('INS matricule key', () => {
  it('computes 97 minus the first 13 digits mod 97', () => {
    assert.equal(insKey('1850578006084'), 91);
    assert.equal(isValidInsMatricule('185057800608491'), true);
  });

  it('counts Corsica 2A as 19 and 2B as 18', () => {
    assert.equal(insKey('290012A004123'), 85);
    assert.equal(isValidInsMatricule('290012A00412385'), true);
    assert.equal(isValidInsMatricule('290012B00412315'), true);
    // the key of 2A is not the key of 2B
    assert.equal(isValidInsMatricule('290012B00412385'), false);
  });

  it('accepts an NIA (first digit 7 or 8) by the same key', () => {
    assert.equal(isValidInsMatricule('799059912345688'), true);
  });

  it('refuses a wrong key, a typo in the number, and anything but 15 characters of that form', () => {
    assert.equal(isValidInsMatricule('185057800608492'), false);
    assert.equal(isValidInsMatricule('185057800618491'), false, 'one digit changed');
    assert.equal(isValidInsMatricule('18505780060849'), false, '14 characters');
    assert.equal(isValidInsMatricule('385057800608491'), false, 'no sex digit 3');
    assert.equal(isValidInsMatricule('1850578006084AB'), false);
  });
});

describe('identity rules', () => {
  it('accepts a provisional identity with nothing checked', () => {
    assert.deepEqual(fieldsOf({ birthDate: '1938-04-12' }), []);
  });

  it('refuses a birth date in the future or before 1890, naming the field', () => {
    assert.deepEqual(fieldsOf({ birthDate: '2026-12-06' }), ['birthDate: identity.birth_future']);
    assert.deepEqual(fieldsOf({ birthDate: '1889-12-31' }), ['birthDate: identity.birth_too_old']);
    assert.deepEqual(fieldsOf({ birthDate: TODAY }), []);
    assert.deepEqual(fieldsOf({ birthDate: '1890-01-01' }), []);
  });

  it('names the matricule when its key is wrong', () => {
    assert.deepEqual(fieldsOf({ insMatricule: '185057800608492', identityStatus: 'recuperee' }), [
      'insMatricule: identity.ins_key',
    ]);
  });

  it('keeps each status to what it means: matricule fetched, identity checked on a document', () => {
    const nir = '185057800608491';
    const ok: TIdentityFacts[] = [
      { identityStatus: 'provisoire' },
      { identityStatus: 'recuperee', insMatricule: nir },
      { identityStatus: 'validee', identityDocument: 'passport' },
      { identityStatus: 'qualifiee', insMatricule: nir, identityDocument: 'national_id_card' },
    ];
    for (const facts of ok) assert.deepEqual(fieldsOf(facts), [], JSON.stringify(facts));
    assert.deepEqual(fieldsOf({ identityStatus: 'qualifiee', identityDocument: 'passport' }), [
      'identityStatus: identity.status_needs_matricule',
    ]);
    assert.deepEqual(fieldsOf({ identityStatus: 'qualifiee', insMatricule: nir }), [
      'identityDocument: identity.status_needs_document',
    ]);
    assert.deepEqual(fieldsOf({ identityStatus: 'recuperee' }), [
      'identityStatus: identity.status_needs_matricule',
    ]);
    assert.deepEqual(fieldsOf({ identityStatus: 'validee' }), [
      'identityDocument: identity.status_needs_document',
    ]);
    assert.deepEqual(fieldsOf({ identityStatus: 'provisoire', insMatricule: nir }), [
      'identityStatus: identity.matricule_needs_status',
    ]);
    assert.deepEqual(
      fieldsOf({ identityStatus: 'recuperee', insMatricule: nir, identityDocument: 'passport' }),
      ['identityStatus: identity.document_means_qualified'],
    );
    assert.deepEqual(fieldsOf({ insOid: '1.2.250.1.213.1.4.8' }), [
      'insOid: identity.oid_without_matricule',
    ]);
  });

  it('checks that the commune of residence, its code and its postcode agree (decision 015)', () => {
    assert.deepEqual(
      fieldsOf({ residence: { commune: 'Lyon', communeInsee: '75056', postalCode: '69001' } }),
      ['commune: commune.name_mismatch', 'postalCode: commune.postcode_mismatch'],
    );
    assert.deepEqual(
      fieldsOf({
        residence: { commune: 'Fort-de-France', communeInsee: '97209', postalCode: '97200' },
      }),
      [],
    );
    // not looked at when the edit leaves the commune as it was
    assert.deepEqual(fieldsOf({ residence: undefined }), []);
  });

  it('refuses a French commune of birth for a person born abroad, and two trusted persons', () => {
    assert.deepEqual(fieldsOf({ birthPlaceInsee: '75056', birthCountry: 'DZ' }), [
      'birthCountry: identity.birth_place_abroad',
    ]);
    assert.deepEqual(fieldsOf({ birthPlaceInsee: '75056', birthCountry: 'FR' }), []);
    assert.deepEqual(
      fieldsOf({ contacts: [{ kind: 'trusted_person' }, { kind: 'trusted_person' }] }),
      ['contacts: identity.one_trusted_person'],
    );
    assert.deepEqual(
      fieldsOf({
        contacts: [{ kind: 'trusted_person' }, { kind: 'caregiver' }, { kind: 'caregiver' }],
      }),
      [],
    );
  });

  it("takes today's date in the network's time zone", () => {
    const lateEvening = new Date('2026-12-31T23:30:00Z');
    assert.equal(todayIn('Europe/Paris', lateEvening), '2027-01-01');
    assert.equal(todayIn('UTC', lateEvening), '2026-12-31');
  });
});
