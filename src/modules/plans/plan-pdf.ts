/**
 * The printable plan for the person's home (decision 017): the current version as the reader may
 * see it, in plain French or English, generated on the server with PDFKit (MIT). It is built from
 * the same view as the API's answer, so an item the reader may not see is never in it.
 */
import { day, startPdf, type TLocale } from './pdf-document.js';
import { ACTION_TARGETS, ACTION_CATEGORIES, GOAL_CODES, NEED_CODES } from './plan-vocabulary.js';
import { PLAN_DIMENSIONS, type TPlanDimension } from './plan-vocabulary.js';
import type { TPlanContent } from './plans.schemas.js';

export type TPrintablePlan = {
  person: { firstName: string; lastName: string; birthDate: string | null };
  version: number;
  savedAt: string | null;
  savedBy: string | null;
  content: TPlanContent;
  dimensions: Record<string, TPlanDimension>;
  names: { id: string; name: string }[];
  reviewDue: string | null;
  hidden: boolean;
};

const WORDS = {
  fr: {
    title: 'Plan personnalisé de coordination',
    born: 'né(e) le',
    version: (v: number, date: string, by: string) => `Version ${v} du ${date}, par ${by}`,
    noPlan: 'Aucun plan enregistré.',
    review: 'Prochaine révision prévue le',
    referent: 'Référent du plan',
    situation: 'Situation',
    wishes: 'Souhaits de la personne',
    priorities: 'Priorités',
    dimension: {
      medical: 'Besoins médicaux',
      psychological: 'Besoins psychologiques',
      social: 'Besoins sociaux',
      environmental: 'Besoins environnementaux',
    },
    goal: 'Objectif',
    action: 'Action',
    by: 'échéance',
    who: 'par',
    from: 'du',
    to: 'au',
    rating: (from: number | null, to: number | null) =>
      `cotation de ${String(from ?? '?')} à ${String(to ?? '?')} sur 5`,
    outcome: 'résultat',
    hidden:
      'Les besoins médicaux et psychologiques ne figurent pas sur ce document : le rôle de la personne qui l’a imprimé ne les lui montre pas.',
    goalStatus: {
      in_progress: 'en cours',
      reached: 'atteint',
      partly: 'partiellement atteint',
      not_reached: 'non atteint',
      abandoned: 'abandonné',
    },
    actionStatus: {
      planned: 'prévue',
      in_progress: 'en cours',
      done: 'réalisée',
      stopped: 'arrêtée',
    },
  },
  en: {
    title: 'Personalised coordination plan',
    born: 'born on',
    version: (v: number, date: string, by: string) => `Version ${v} of ${date}, by ${by}`,
    noPlan: 'No plan saved.',
    review: 'Next review due on',
    referent: 'Plan referent',
    situation: 'Situation',
    wishes: 'The person’s wishes',
    priorities: 'Priorities',
    dimension: {
      medical: 'Medical needs',
      psychological: 'Psychological needs',
      social: 'Social needs',
      environmental: 'Environmental needs',
    },
    goal: 'Goal',
    action: 'Action',
    by: 'by',
    who: 'by',
    from: 'from',
    to: 'to',
    rating: (from: number | null, to: number | null) =>
      `rating from ${String(from ?? '?')} to ${String(to ?? '?')} out of 5`,
    outcome: 'outcome',
    hidden:
      'Medical and psychological needs are not on this document: the role of whoever printed it does not show them.',
    goalStatus: {
      in_progress: 'in progress',
      reached: 'reached',
      partly: 'partly reached',
      not_reached: 'not reached',
      abandoned: 'abandoned',
    },
    actionStatus: {
      planned: 'planned',
      in_progress: 'in progress',
      done: 'done',
      stopped: 'stopped',
    },
  },
} as const;

const labelOf = (list: readonly { code: string; label: { fr: string; en: string } }[]) => {
  const map = new Map(list.map((entry) => [entry.code, entry.label]));
  return (code: string, locale: TLocale) => map.get(code)?.[locale] ?? code;
};
const needLabel = labelOf(NEED_CODES);
const goalLabel = labelOf(GOAL_CODES);
const categoryLabel = labelOf(ACTION_CATEGORIES);
const targetLabel = labelOf(ACTION_TARGETS);

/** Renders the plan as a PDF (A4, standard Helvetica: no font file to ship). */
export async function renderPlanPdf(plan: TPrintablePlan, locale: TLocale): Promise<Buffer> {
  const w = WORDS[locale];
  const { doc, done, heading, paragraph, personLine } = await startPdf(w.title, locale);
  const names = new Map(plan.names.map((name) => [name.id, name.name]));
  const { person, content } = plan;
  doc.font('Helvetica-Bold').fontSize(18).text(w.title);
  doc.font('Helvetica').fontSize(12);
  doc.text(personLine(person, w.born));
  doc.fontSize(10);
  if (plan.version === 0 || !plan.savedAt) doc.text(w.noPlan);
  else doc.text(w.version(plan.version, day(plan.savedAt, locale), plan.savedBy ?? ''));
  if (plan.reviewDue) doc.text(`${w.review} ${day(plan.reviewDue, locale)}`);
  doc.fontSize(11);
  if (content.referentMemberId) {
    doc.moveDown(0.5).text(`${w.referent} : ${names.get(content.referentMemberId) ?? ''}`);
  }
  heading(w.situation);
  paragraph(w.situation, content.situation);
  paragraph(w.wishes, content.wishes);
  paragraph(w.priorities, content.priorities);

  for (const dimension of PLAN_DIMENSIONS) {
    const needs = content.needs.filter((need) => plan.dimensions[need.id] === dimension);
    if (!needs.length) continue;
    heading(w.dimension[dimension]);
    for (const need of needs) {
      doc.font('Helvetica-Bold').text(`${needLabel(need.code, locale)} — ${need.text}`);
      doc.font('Helvetica');
      for (const goal of content.goals.filter((item) => item.needId === need.id)) {
        const facts = [
          goalLabel(goal.code, locale),
          goal.baseline !== null || goal.target !== null
            ? w.rating(goal.baseline, goal.target)
            : '',
          goal.targetDate ? `${w.by} ${day(goal.targetDate, locale)}` : '',
          w.goalStatus[goal.status],
          goal.outcome ? `${w.outcome} : ${goal.outcome}` : '',
        ].filter(Boolean);
        doc.text(`${w.goal} : ${goal.text} (${facts.join(', ')})`, { indent: 15 });
        for (const action of content.actions.filter((item) => item.goalId === goal.id)) {
          const who = action.who
            ? names.get(action.who.kind === 'member' ? action.who.memberId : action.who.serviceId)
            : undefined;
          const details = [
            `${categoryLabel(action.category, locale)} / ${targetLabel(action.target, locale)}`,
            who ? `${w.who} ${who}` : '',
            action.frequency,
            action.start ? `${w.from} ${day(action.start, locale)}` : '',
            action.end ? `${w.to} ${day(action.end, locale)}` : '',
            w.actionStatus[action.status],
            action.outcome ? `${w.outcome} : ${action.outcome}` : '',
          ].filter(Boolean);
          doc.text(`${w.action} : ${action.text} (${details.join(', ')})`, { indent: 30 });
        }
      }
      doc.moveDown(0.3);
    }
  }
  if (plan.hidden) doc.moveDown().fontSize(9).text(w.hidden);
  doc.end();
  return done;
}
