import { eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { users } from '../db/schema/index.js';
import {
  insertAssessment,
  lockAssessment,
  saveAnswers,
} from '../modules/assessments/assessments.repository.js';
import { completeWithEvents } from '../modules/assessments/assessments.service.js';
import { answerProblem, missingRequired } from '../modules/assessments/instruments/answers.js';
import { itemsOf, type TAnswerValue } from '../modules/assessments/instruments/instrument.types.js';
import { findInstrument } from '../modules/assessments/instruments/registry.js';
import { AGGIR_GIR2_ANSWERS, HOME_ANSWERS, PRISMA7_POSITIVE_ANSWERS } from './sample-answers.js';

const { caregiverStrain: _, ...WITHOUT_CAREGIVER } = HOME_ANSWERS;

/** Autonomous, one condition, the GP only: no coordination criterion. */
const STABLE: Record<string, TAnswerValue> = {
  ...WITHOUT_CAREGIVER,
  conditions: ['cardiovascular'],
  medicationCount: 3,
  falls6m: 0,
  cognitionConcern: false,
  livesAlone: true,
  hasCaregiver: false,
  servicesInvolved: ['gp'],
};
/**
 * Completed assessments at the three integration levels for three demo persons followed by the
 * demo coordinator: liaison (a stable person), coordination (a positive PRISMA-7 screen, then the
 * multidimensional assessment), intégration complète (the same home with a GIR 2 grid). Answers
 * are checked against their items and scored by the instruments, and each completion writes its
 * pathway events, as in the application. Returns how many assessments were completed.
 */
export async function seedDemoAssessments(tx: TDb, personIds: string[]): Promise<number> {
  const [coordinator] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinatrice@reseau-demo.fr'));
  const plan: [personId: string, instrumentId: string, answers: Record<string, TAnswerValue>][] = [
    [personIds[2]!, 'multidimensional', STABLE],
    [personIds[0]!, 'prisma7', PRISMA7_POSITIVE_ANSWERS],
    [personIds[0]!, 'multidimensional', HOME_ANSWERS],
    [personIds[4]!, 'multidimensional', HOME_ANSWERS],
    [personIds[4]!, 'aggir', AGGIR_GIR2_ANSWERS],
  ];
  for (const [personId, instrumentId, answers] of plan) {
    const instrument = findInstrument(instrumentId)!;
    const items = new Map(itemsOf(instrument).map((item) => [item.id, item]));
    for (const [itemId, value] of Object.entries(answers)) {
      const item = items.get(itemId);
      const problem = item ? answerProblem(item, value) : 'unknown item';
      if (problem) throw new Error(`demo ${instrumentId}.${itemId}: ${problem}`);
    }
    const missing = missingRequired(instrument, answers);
    if (missing.length) throw new Error(`demo ${instrumentId}: missing ${missing.join(', ')}`);
    const result = instrument.score(answers);
    if (result === null) throw new Error(`demo ${instrumentId}: no result`);
    const created = await insertAssessment(tx, {
      personId,
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      startedBy: coordinator!.id,
    });
    await saveAnswers(tx, created!.id, Object.entries(answers), coordinator!.id);
    const row = (await lockAssessment(tx, personId, created!.id))!;
    await completeWithEvents(tx, row, { result, userId: coordinator!.id });
  }
  return plan.length;
}
