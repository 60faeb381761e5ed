/**
 * The network's thresholds for the integration level and its reassessment delays (network
 * settings, key integration_levels). Defaults and reasons: docs/decisions/010-integration-level-rules.md.
 */
import { z } from 'zod';

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

export const ZLevelSettings = z
  .object({
    coordinationServiceTypes: whole(1, 20).describe(
      'Types of services involved from which a person needs at least coordination',
    ),
    integrationServiceTypes: whole(1, 20).describe(
      'Types of services involved that, with a very dependent person, call for full integration',
    ),
    coordinationGirMax: whole(1, 6).describe('GIR at or below which: at least coordination'),
    integrationGirMax: whole(1, 6).describe('GIR at or below which a person is very dependent'),
    coordinationDimensions: whole(1, 6).describe(
      'Dimensions in difficulty (of six) from which: at least coordination',
    ),
    integrationDimensions: whole(1, 6).describe(
      'Dimensions in difficulty that, with an unstable situation, call for full integration',
    ),
    caregiverStrainFrom: whole(0, 10).describe(
      "Caregiver's strain (0–10) from which they are exhausted",
    ),
    hospitalisationsFrom: whole(1, 50).describe(
      'Hospital stays plus emergency visits in 6 months from which the situation is unstable',
    ),
    fallsFrom: whole(1, 50).describe('Falls in 6 months from which they are repeated'),
    reassessmentDays: z
      .object({
        liaison: whole(7, 1095),
        coordination: whole(7, 1095),
        integration: whole(7, 1095),
      })
      .strict()
      .describe('Days from a completed assessment to the next one, per level'),
  })
  .strict()
  .superRefine((settings, context) => {
    const order = (
      ok: boolean,
      path: string,
      message: 'levels.gir_order' | 'levels.services_order' | 'levels.dimensions_order',
    ) => {
      if (!ok) context.addIssue({ code: 'custom', path: [path], message });
    };
    order(
      settings.integrationGirMax <= settings.coordinationGirMax,
      'integrationGirMax',
      'levels.gir_order',
    );
    order(
      settings.integrationServiceTypes >= settings.coordinationServiceTypes,
      'integrationServiceTypes',
      'levels.services_order',
    );
    order(
      settings.integrationDimensions >= settings.coordinationDimensions,
      'integrationDimensions',
      'levels.dimensions_order',
    );
  });
export type TLevelSettings = z.infer<typeof ZLevelSettings>;

export const DEFAULT_LEVEL_SETTINGS: TLevelSettings = {
  coordinationServiceTypes: 2,
  integrationServiceTypes: 3,
  coordinationGirMax: 4,
  integrationGirMax: 2,
  coordinationDimensions: 2,
  integrationDimensions: 4,
  caregiverStrainFrom: 7,
  hospitalisationsFrom: 2,
  fallsFrom: 2,
  reassessmentDays: { liaison: 365, coordination: 180, integration: 90 },
};

/** The stored setting, or the defaults when unset or no longer valid. */
export function levelSettingsFrom(value: unknown): TLevelSettings {
  const parsed = ZLevelSettings.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_LEVEL_SETTINGS;
}
