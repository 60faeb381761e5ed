/**
 * Answers that describe typical situations, shared by the demo seed (demo-assessments.seed.ts)
 * and the assessments' tests, so the demo shows what the tests check: one home situation for the
 * multidimensional assessment, one AGGIR grid giving GIR 2, one positive PRISMA-7 screen.
 */
import type { TAnswerValue } from '../modules/assessments/instruments/instrument.types.js';

/** A person at home with three types of services, a tired caregiver, cognition to watch. */
export const HOME_ANSWERS: Record<string, TAnswerValue> = {
  conditions: ['cardiovascular', 'dementia'],
  medicationCount: 7,
  falls6m: 1,
  hospitalStays6m: 0,
  emergencyVisits6m: 0,
  cognitionConcern: true,
  moodConcern: false,
  livesAlone: false,
  isolation: 'none',
  hasCaregiver: true,
  caregiverStrain: 8,
  housing: 'own_home',
  safetyRisks: [],
  healthCoverage: 'complete',
  financialDifficulty: false,
  legalProtection: 'none',
  servicesInvolved: ['gp', 'nursing', 'home_help'],
  urgency: 'routine',
};
/** AGGIR sub-variables giving coh C, ori C, toil B, hab B, alim B, élim B, transf C, dépl C: GIR 2. */
export const AGGIR_GIR2_ANSWERS: Record<string, TAnswerValue> = {
  coherenceCommunication: 'C',
  coherenceComportement: 'B',
  orientationTemps: 'C',
  orientationEspace: 'C',
  toiletteHaut: 'B',
  toiletteBas: 'C',
  habillageHaut: 'B',
  habillageMoyen: 'B',
  habillageBas: 'C',
  alimentationSeServir: 'B',
  alimentationManger: 'A',
  eliminationUrinaire: 'B',
  eliminationFecale: 'A',
  transferts: 'C',
  deplacementsInterieurs: 'C',
  deplacementsExterieurs: 'C',
  communicationDistance: 'C',
};
/** PRISMA-7 with three "yes" that score: a positive screen. */
export const PRISMA7_POSITIVE_ANSWERS = {
  over85: true,
  male: false,
  healthLimitsActivities: true,
  needsRegularHelp: true,
  healthKeepsAtHome: false,
  canCountOnSomeone: true,
  usesWalkingAid: false,
} satisfies Record<string, TAnswerValue>;
