/**
 * PRISMA-7: frailty screening at the single entry point, seven yes/no questions (Raîche et al.,
 * 2008). Each "yes" scores 1 except question 6, where "no" scores 1; 3 or more is a positive
 * screen (sensitivity ~78 %, specificity ~75 %). French wording written plainly, meaning kept.
 */
import { read, type TInstrument, type TItem, type TItemCategory } from './instrument.types.js';

/** 3 or more: positive screen. */
export const PRISMA7_POSITIVE_FROM = 3;

function question(id: string, category: TItemCategory, fr: string, en: string): TItem {
  return { id, type: 'yes_no', category, label: { fr, en }, required: true, scored: true };
}

const QUESTIONS: TItem[] = [
  question('over85', 'identity', 'Avez-vous plus de 85 ans ?', 'Are you more than 85 years old?'),
  question('male', 'identity', 'Êtes-vous un homme ?', 'Are you male?'),
  question(
    'healthLimitsActivities',
    'medical',
    'En général, avez-vous des problèmes de santé qui vous obligent à limiter vos activités ?',
    'In general, do you have any health problems that require you to limit your activities?',
  ),
  question(
    'needsRegularHelp',
    'social',
    'Avez-vous besoin de quelqu’un pour vous aider régulièrement ?',
    'Do you need someone to help you on a regular basis?',
  ),
  question(
    'healthKeepsAtHome',
    'medical',
    'En général, avez-vous des problèmes de santé qui vous obligent à rester chez vous ?',
    'In general, do you have any health problems that require you to stay at home?',
  ),
  question(
    'canCountOnSomeone',
    'social',
    'En cas de besoin, pouvez-vous compter sur une personne proche de vous ?',
    'In case of need, can you count on someone close to you?',
  ),
  question(
    'usesWalkingAid',
    'medical',
    'Utilisez-vous régulièrement une canne, un déambulateur ou un fauteuil roulant pour vous déplacer ?',
    'Do you regularly use a stick, walker or wheelchair to get about?',
  ),
];

export type TPrisma7Result = { score: number; positive: boolean };

/** The score of seven answers: "yes" counts 1, except "can count on someone" where "no" does. */
export function scorePrisma7(answers: Record<string, boolean>): TPrisma7Result {
  const score = QUESTIONS.reduce((total, { id }) => {
    const yes = answers[id] === true;
    return total + ((id === 'canCountOnSomeone' ? !yes : yes) ? 1 : 0);
  }, 0);
  return { score, positive: score >= PRISMA7_POSITIVE_FROM };
}

export const PRISMA7: TInstrument<TPrisma7Result> = {
  id: 'prisma7',
  version: 1,
  label: { fr: 'Repérage de la fragilité PRISMA-7', en: 'PRISMA-7 frailty screening' },
  description: {
    fr: 'Sept questions posées à la personne, dans sa langue. 3 réponses comptées ou plus : repérage positif, une évaluation multidimensionnelle est indiquée.',
    en: 'Seven questions asked to the person, in their language. 3 or more counted answers: positive screen, a multidimensional assessment is indicated.',
  },
  // Two questions are about health problems.
  resultCategory: 'medical',
  sections: [{ id: 'questions', label: { fr: 'Questions', en: 'Questions' }, items: QUESTIONS }],
  score(answers) {
    const given: Record<string, boolean> = {};
    for (const { id } of QUESTIONS) {
      const value = read.bool(answers, id);
      if (value === null) return null;
      given[id] = value;
    }
    return scorePrisma7(given);
  },
};
