import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TMultidimensionalResult } from './instruments/multidimensional.js';
import {
  decideIntegrationLevel,
  reassessmentDue,
  type TLevel,
  type TLevelInputs,
} from './integration-level.js';
import { DEFAULT_LEVEL_SETTINGS, levelSettingsFrom, ZLevelSettings } from './level-settings.js';

/** A stable, autonomous person followed by their GP only: no difficulty in any dimension. */
const STABLE: TMultidimensionalResult = {
  conditionCount: 1,
  medicationCount: 2,
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
};
const md = (change: Partial<TMultidimensionalResult>) => ({
  multidimensional: { ...STABLE, ...change },
});
const gir = (value: number) => ({ aggir: { gir: value } });

/** Inputs → expected level and the rules that fire, in table order (default thresholds). */
const CASES: [name: string, inputs: TLevelInputs, level: TLevel | null, rules: string[]][] = [
  ['no assessment yet: no level', {}, null, []],
  ['stable, autonomous, the GP only', md({}), 'liaison', ['stable_autonomous']],
  ['GIR 5 and the GP only', { ...md({}), ...gir(5) }, 'liaison', ['stable_autonomous']],
  ['GIR 6 alone', gir(6), 'liaison', ['stable_autonomous']],
  [
    'a negative PRISMA-7 alone',
    { prisma7: { score: 2, positive: false } },
    'liaison',
    ['stable_autonomous'],
  ],
  [
    'a positive PRISMA-7 alone',
    { prisma7: { score: 4, positive: true } },
    'coordination',
    ['frailty_screen_positive'],
  ],
  [
    'a positive PRISMA-7 counts no more once assessed',
    { ...md({}), prisma7: { score: 4, positive: true } },
    'liaison',
    ['stable_autonomous'],
  ],
  [
    'GP and home nursing: two types of services',
    md({ serviceTypes: ['gp', 'nursing'] }),
    'coordination',
    ['several_service_types'],
  ],
  ['GIR 4 alone', gir(4), 'coordination', ['dependent']],
  [
    'GIR 3 with three services: dependent, not very dependent',
    { ...md({ serviceTypes: ['gp', 'nursing', 'home_help'] }), ...gir(3) },
    'coordination',
    ['several_service_types', 'dependent'],
  ],
  [
    'caregiver at 7/10',
    md({ hasCaregiver: true, caregiverStrain: 7 }),
    'coordination',
    ['caregiver_exhausted'],
  ],
  [
    'caregiver at 6/10: below the threshold',
    md({ hasCaregiver: true, caregiverStrain: 6 }),
    'liaison',
    ['stable_autonomous'],
  ],
  [
    'polypharmacy and isolated living alone: two dimensions',
    md({ polypharmacy: true, medicationCount: 6, livesAlone: true, isolation: 'partial' }),
    'coordination',
    ['several_dimensions'],
  ],
  [
    'lives alone, seeing people: no isolation',
    md({ livesAlone: true }),
    'liaison',
    ['stable_autonomous'],
  ],
  [
    'one stay and one emergency visit in 6 months',
    md({ hospitalStays6m: 1, emergencyVisits6m: 1 }),
    'coordination',
    ['unstable'],
  ],
  ['same-day urgency', md({ urgency: 'same_day' }), 'coordination', ['urgent']],
  [
    'GIR 2 with three types of services',
    { ...md({ serviceTypes: ['gp', 'nursing', 'home_help'] }), ...gir(2) },
    'integration',
    ['very_dependent_many_services', 'several_service_types', 'dependent'],
  ],
  [
    'GIR 2, the GP only, same-day urgency',
    { ...md({ urgency: 'same_day' }), ...gir(2) },
    'integration',
    ['very_dependent_urgent', 'dependent', 'urgent'],
  ],
  [
    'GIR 1 and two hospital stays',
    { ...md({ hospitalStays6m: 2 }), ...gir(1) },
    'integration',
    ['very_dependent_unstable', 'dependent', 'unstable'],
  ],
  [
    'GIR 2 alone: dependent, nothing says many services or urgency',
    gir(2),
    'coordination',
    ['dependent'],
  ],
  [
    'GIR 5, four dimensions, same-day urgency',
    {
      ...md({
        cognitionConcern: true,
        isolation: 'severe',
        housingAtRisk: true,
        rightsAtRisk: true,
        urgency: 'same_day',
      }),
      ...gir(5),
    },
    'integration',
    ['many_dimensions_unstable', 'several_dimensions', 'urgent'],
  ],
  [
    'four dimensions, stable',
    md({ cognitionConcern: true, isolation: 'severe', housingAtRisk: true, rightsAtRisk: true }),
    'coordination',
    ['several_dimensions'],
  ],
  [
    'two falls make the health dimension, with mood: two dimensions',
    md({ falls6m: 2, moodConcern: true }),
    'coordination',
    ['several_dimensions'],
  ],
];

describe('the integration level, with its reasons (default thresholds)', () => {
  for (const [name, inputs, level, rules] of CASES) {
    it(`${name} → ${level ?? 'none'}: ${rules.join(', ') || 'no reason'}`, () => {
      const decision = decideIntegrationLevel(inputs, DEFAULT_LEVEL_SETTINGS);
      assert.equal(decision.level, level);
      assert.deepEqual(
        decision.reasons.map((reason) => reason.rule),
        rules,
      );
      for (const reason of decision.reasons) {
        assert.ok(reason.fr.length > 10 && reason.en.length > 10, reason.rule);
      }
    });
  }

  it('says each reason in plain French and English, with the figures and thresholds', () => {
    const decision = decideIntegrationLevel(
      { ...md({ serviceTypes: ['gp', 'nursing', 'home_help'] }), ...gir(2) },
      DEFAULT_LEVEL_SETTINGS,
    );
    assert.deepEqual(decision.reasons[0], {
      rule: 'very_dependent_many_services',
      level: 'integration',
      category: 'social',
      fr: 'Très dépendant·e (GIR 2, seuil : GIR 2 ou moins) avec 3 types de services engagés (seuil : 3) : une large gamme d’interventions.',
      en: 'Very dependent (GIR 2, threshold: GIR 2 or less) with 3 types of services involved (threshold: 3): a wide range of interventions.',
    });
  });

  it('gives each reason the category of the data it read, medical when health is among them', () => {
    const decision = decideIntegrationLevel(
      md({ polypharmacy: true, isolation: 'severe', urgency: 'same_day', hospitalStays6m: 3 }),
      DEFAULT_LEVEL_SETTINGS,
    );
    assert.deepEqual(
      decision.reasons.map((reason) => [reason.rule, reason.category]),
      [
        ['several_dimensions', 'medical'],
        ['unstable', 'medical'],
        ['urgent', 'administrative'],
      ],
    );
    const social = decideIntegrationLevel(
      md({ isolation: 'severe', rightsAtRisk: true }),
      DEFAULT_LEVEL_SETTINGS,
    );
    assert.deepEqual(
      social.reasons.map((reason) => reason.category),
      ['social'],
    );
  });

  it("follows the network's thresholds", () => {
    const threeServicesGir3 = {
      ...md({ serviceTypes: ['gp', 'nursing', 'home_help'] }),
      ...gir(3),
    };
    const wider = { ...DEFAULT_LEVEL_SETTINGS, integrationGirMax: 3 };
    assert.equal(decideIntegrationLevel(threeServicesGir3, wider).level, 'integration');
    const twoServices = md({ serviceTypes: ['gp', 'nursing'] });
    const stricter = { ...DEFAULT_LEVEL_SETTINGS, coordinationServiceTypes: 3 };
    assert.equal(decideIntegrationLevel(twoServices, stricter).level, 'liaison');
    const strain = md({ hasCaregiver: true, caregiverStrain: 5 });
    assert.equal(
      decideIntegrationLevel(strain, { ...DEFAULT_LEVEL_SETTINGS, caregiverStrainFrom: 5 }).level,
      'coordination',
    );
  });
});

describe('reassessment and the level settings', () => {
  it('schedules the next assessment by level: 365, 180 and 90 days by default', () => {
    const completed = new Date('2026-01-10T09:00:00Z');
    assert.equal(
      reassessmentDue('liaison', completed, DEFAULT_LEVEL_SETTINGS).toISOString(),
      '2027-01-10T09:00:00.000Z',
    );
    assert.equal(
      reassessmentDue('coordination', completed, DEFAULT_LEVEL_SETTINGS).toISOString(),
      '2026-07-09T09:00:00.000Z',
    );
    assert.equal(
      reassessmentDue('integration', completed, DEFAULT_LEVEL_SETTINGS).toISOString(),
      '2026-04-10T09:00:00.000Z',
    );
  });

  it('accepts the defaults and refuses thresholds out of order, naming the field', () => {
    assert.ok(ZLevelSettings.safeParse(DEFAULT_LEVEL_SETTINGS).success);
    const refused: [Record<string, unknown>, string, string][] = [
      [{ integrationGirMax: 5 }, 'integrationGirMax', 'levels.gir_order'],
      [{ integrationServiceTypes: 1 }, 'integrationServiceTypes', 'levels.services_order'],
      [{ integrationDimensions: 1 }, 'integrationDimensions', 'levels.dimensions_order'],
    ];
    for (const [change, path, message] of refused) {
      const parsed = ZLevelSettings.safeParse({ ...DEFAULT_LEVEL_SETTINGS, ...change });
      assert.equal(parsed.success, false);
      assert.deepEqual(
        parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message]),
        [[path, message]],
      );
    }
    for (const change of [
      { coordinationGirMax: 7 },
      { caregiverStrainFrom: 11 },
      { fallsFrom: 1.5 },
      { reassessmentDays: { liaison: 3, coordination: 180, integration: 90 } },
      { extra: 1 },
    ]) {
      assert.equal(
        ZLevelSettings.safeParse({ ...DEFAULT_LEVEL_SETTINGS, ...change }).success,
        false,
      );
    }
  });

  it('falls back to the defaults when the stored value is missing or no longer valid', () => {
    assert.deepEqual(levelSettingsFrom(undefined), DEFAULT_LEVEL_SETTINGS);
    assert.deepEqual(
      levelSettingsFrom({ coordinationServiceTypes: 'two' }),
      DEFAULT_LEVEL_SETTINGS,
    );
    const stored = { ...DEFAULT_LEVEL_SETTINGS, fallsFrom: 3 };
    assert.deepEqual(levelSettingsFrom(stored), stored);
  });
});
