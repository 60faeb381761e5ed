/**
 * Coordination plans of the demo network, of varied maturity (issue 14): Jeanne Roux's has three
 * versions with goals reached and in progress, one plan is overdue for review, a few are first
 * drafts. Written as the application writes them: versions kept, a pathway event per version.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { carePlans, carePlanVersions, users } from '../db/schema/index.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';
import {
  ZPlanAction,
  ZPlanContent,
  ZPlanGoal,
  type TPlanContent,
} from '../modules/plans/plans.schemas.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type TNeedSpec = { code: string; text: string; goal: string; action: [string, string, string] };

/** A plan with one goal and one action per need (category, target, wording). */
function planOf(situation: string, wishes: string, referent: string, needs: TNeedSpec[]) {
  const content: TPlanContent = ZPlanContent.parse({
    situation,
    wishes,
    priorities: needs[0]?.goal ?? '',
    referentMemberId: referent,
    needs: [],
  });
  for (const spec of needs) {
    const needId = randomUUID();
    const goalId = randomUUID();
    content.needs.push({ id: needId, code: spec.code, text: spec.text, findings: [] });
    content.goals.push(
      ZPlanGoal.parse({
        id: goalId,
        needId,
        code: 'status',
        baseline: 2,
        target: 4,
        text: spec.goal,
        targetDate: isoDay(90),
      }),
    );
    content.actions.push(
      ZPlanAction.parse({
        id: randomUUID(),
        goalId,
        category: spec.action[0],
        target: spec.action[1],
        text: spec.action[2],
        who: { kind: 'member', memberId: referent },
        status: 'in_progress',
      }),
    );
  }
  return content;
}

/** Seeds the demo plans; returns how many versions were written. */
export async function seedDemoPlans(
  tx: TDb,
  personIds: string[],
  memberIds: Map<string, string>,
): Promise<number> {
  const [author] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinatrice@reseau-demo.fr'));
  const referent = memberIds.get('coordinator')!;
  const jeanne = planOf(
    'Vit seule dans sa maison depuis le décès de son mari ; son fils passe le week-end.',
    'Rester chez elle le plus longtemps possible, garder son jardin.',
    referent,
    [
      {
        code: 'social_contact',
        text: 'Ne voit personne en semaine',
        goal: 'Deux sorties par semaine',
        action: ['case_management', 'support_system', 'Inscription au club des aînés'],
      },
      {
        code: 'caretaking',
        text: 'Belle-fille aidante fatiguée',
        goal: 'Un jour de répit par semaine pour l’aidante',
        action: ['case_management', 'day_care_respite', 'Accueil de jour le jeudi'],
      },
      {
        code: 'medication_regimen',
        text: 'Sept médicaments, oublis fréquents',
        goal: 'Aucun oubli de traitement sur un mois',
        action: ['treatments_procedures', 'medication_set_up', 'Pilulier préparé par l’infirmière'],
      },
      {
        code: 'residence',
        text: 'Salle de bains à l’étage, baignoire',
        goal: 'Douche de plain-pied installée',
        action: ['case_management', 'environment', 'Visite de l’ergothérapeute et dossier d’aide'],
      },
    ],
  );
  const reached = structuredClone(jeanne);
  reached.goals[0] = {
    ...reached.goals[0]!,
    status: 'reached',
    outcome: 'Club le mardi et le jeudi',
  };
  const reviewed = structuredClone(reached);
  reviewed.goals[3] = {
    ...reviewed.goals[3]!,
    status: 'partly',
    outcome: 'Barres posées, douche en devis',
  };
  const plans: [personId: string, versions: [TPlanContent, number, boolean][]][] = [
    [
      personIds[0]!,
      [
        [jeanne, 240, true],
        [reached, 90, false],
        [reviewed, 14, true],
      ],
    ],
    [
      personIds[4]!,
      [
        [
          planOf(
            'Très dépendant, vit avec son épouse.',
            'Ne pas retourner à l’hôpital.',
            referent,
            [
              {
                code: 'neuro_musculo_skeletal_function',
                text: 'Chutes à répétition',
                goal: 'Aucune chute en trois mois',
                action: [
                  'treatments_procedures',
                  'physical_therapy_care',
                  'Kinésithérapie, équilibre',
                ],
              },
            ],
          ),
          200,
          true,
        ],
      ],
    ],
    [
      personIds[2]!,
      [
        [
          planOf('Autonome, seule, suivie par son médecin.', 'Être informée des aides.', referent, [
            {
              code: 'communication_with_community_resources',
              text: 'Ne connaît pas ses droits',
              goal: 'Dossier d’aide déposé',
              action: [
                'teaching_guidance_counseling',
                'finances',
                'Rendez-vous avec l’assistante sociale',
              ],
            },
          ]),
          20,
          true,
        ],
      ],
    ],
  ];
  let count = 0;
  for (const [personId, versions] of plans) {
    const [, lastDays] = versions.at(-1)!;
    const lastReview = versions.filter(([, , review]) => review).at(-1)![1];
    const [plan] = await tx
      .insert(carePlans)
      .values({
        personId,
        currentVersion: versions.length,
        lastReviewedAt: ago(lastReview),
        createdAt: ago(versions[0]![1]),
        updatedAt: ago(lastDays),
      })
      .returning({ id: carePlans.id });
    for (const [index, [content, days, isReview]] of versions.entries()) {
      await tx.insert(carePlanVersions).values({
        planId: plan!.id,
        version: index + 1,
        content,
        isReview,
        savedBy: author!.id,
        savedAt: ago(days),
      });
      await recordPathwayEvent(tx, {
        personId,
        kind: 'plan.version_saved',
        actorUserId: author!.id,
        category: 'social',
        source: { table: 'care_plans', id: plan!.id },
        data: { version: index + 1, review: isReview },
        at: ago(days),
      });
      count++;
    }
  }
  return count;
}
