import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TAnswers } from './instrument.types.js';
import { MULTIDIMENSIONAL } from './multidimensional.js';

/** A stable, autonomous person living with a relative, followed by their GP. */
const STABLE: TAnswers = {
  conditions: ['diabetes'],
  medicationCount: 3,
  falls6m: 0,
  hospitalStays6m: 0,
  emergencyVisits6m: 0,
  cognitionConcern: false,
  moodConcern: false,
  livesAlone: false,
  isolation: 'none',
  hasCaregiver: false,
  housing: 'own_home',
  safetyRisks: [],
  healthCoverage: 'complete',
  financialDifficulty: false,
  legalProtection: 'none',
  servicesInvolved: ['gp'],
  urgency: 'routine',
};

describe('the multidimensional assessment', () => {
  it('scores a complete assessment into counts and flags', () => {
    assert.deepEqual(MULTIDIMENSIONAL.score(STABLE), {
      conditionCount: 1,
      medicationCount: 3,
      polypharmacy: false,
      falls6m: 0,
      hospitalStays6m: 0,
      emergencyVisits6m: 0,
      cognitionConcern: false,
      moodConcern: false,
      livesAlone: false,
      isolation: 'none',
      hasCaregiver: false,
      caregiverStrain: null,
      housingAtRisk: false,
      rightsAtRisk: false,
      serviceTypes: ['gp'],
      urgency: 'routine',
    });
  });

  it('flags polypharmacy from 5 medications, not at 4', () => {
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, medicationCount: 4 })?.polypharmacy, false);
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, medicationCount: 5 })?.polypharmacy, true);
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, medicationCount: 12 })?.polypharmacy, true);
  });

  it("needs the caregiver's strain only when there is a caregiver", () => {
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, hasCaregiver: true }), null);
    assert.equal(
      MULTIDIMENSIONAL.score({ ...STABLE, hasCaregiver: true, caregiverStrain: 8 })
        ?.caregiverStrain,
      8,
    );
    assert.equal(
      MULTIDIMENSIONAL.score({ ...STABLE, caregiverStrain: 8 })?.caregiverStrain,
      null,
      'a strain without a caregiver is not carried into the result',
    );
  });

  it('sees housing at risk for precarious or no housing, or any risk at home', () => {
    for (const change of [
      { housing: 'precarious' },
      { housing: 'homeless' },
      { safetyRisks: ['fall_hazards'] },
    ]) {
      assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, ...change })?.housingAtRisk, true);
    }
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, housing: 'sheltered' })?.housingAtRisk, false);
  });

  it('sees rights at risk for incomplete cover, money difficulties or protection needed', () => {
    for (const change of [
      { healthCoverage: 'partial' },
      { healthCoverage: 'none' },
      { financialDifficulty: true },
      { legalProtection: 'needed' },
    ]) {
      assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, ...change })?.rightsAtRisk, true);
    }
    assert.equal(
      MULTIDIMENSIONAL.score({ ...STABLE, legalProtection: 'in_place' })?.rightsAtRisk,
      false,
    );
  });

  it('counts each type of service once', () => {
    const result = MULTIDIMENSIONAL.score({
      ...STABLE,
      servicesInvolved: ['gp', 'nursing', 'gp', 'home_help'],
    });
    assert.deepEqual(result?.serviceTypes, ['gp', 'nursing', 'home_help']);
  });

  it('gives no result while a scored item is missing, and needs no notes nor conditions', () => {
    for (const id of ['medicationCount', 'isolation', 'servicesInvolved', 'urgency', 'housing']) {
      const { [id]: _, ...missing } = STABLE;
      assert.equal(MULTIDIMENSIONAL.score(missing), null, id);
    }
    const { conditions: _, ...noConditions } = STABLE;
    assert.equal(MULTIDIMENSIONAL.score(noConditions)?.conditionCount, 0);
    assert.equal(MULTIDIMENSIONAL.score({ ...STABLE, urgency: 'tomorrow' }), null);
  });
});
