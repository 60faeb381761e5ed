import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PRISMA7 } from './prisma7.js';

const ORDER = [
  'over85',
  'male',
  'healthLimitsActivities',
  'needsRegularHelp',
  'healthKeepsAtHome',
  'canCountOnSomeone',
  'usesWalkingAid',
];
/** 'YNNY…' in question order → answers. */
const answersOf = (letters: string) =>
  Object.fromEntries(ORDER.map((id, index) => [id, letters[index] === 'Y']));

describe('PRISMA-7', () => {
  it('has the seven questions in order, all yes/no and required', () => {
    const items = PRISMA7.sections.flatMap((section) => section.items);
    assert.deepEqual(
      items.map((item) => item.id),
      ORDER,
    );
    assert.ok(items.every((item) => item.type === 'yes_no' && item.required));
  });

  const cases: [letters: string, score: number, positive: boolean, why: string][] = [
    ['NNNNNYN', 0, false, 'nothing counted: every "no", and someone to count on'],
    ['NNNNNNN', 1, false, 'only question 6 counts: nobody to count on'],
    ['YYYYYYY', 6, true, 'every "yes" counts except question 6'],
    ['YYYYYNY', 7, true, 'the maximum'],
    ['YYNNNYN', 2, false, 'over 85 and male: 2, negative'],
    ['YYNNNNN', 3, true, 'over 85, male and nobody to count on: 3, positive'],
    ['NNYNYYY', 3, true, 'three health and mobility answers: positive at 3'],
    ['NNNYNYN', 1, false, 'needs regular help only'],
    ['NYNYNYY', 3, true, 'male, needs help, walking aid'],
  ];
  for (const [letters, score, positive, why] of cases) {
    it(`${letters} → ${score}, ${positive ? 'positive' : 'negative'} (${why})`, () => {
      assert.deepEqual(PRISMA7.score(answersOf(letters)), { score, positive });
    });
  }

  it('gives no result while a question is unanswered or not yes/no', () => {
    const { male: _, ...missing } = answersOf('YYYYYYY');
    assert.equal(PRISMA7.score(missing), null);
    assert.equal(PRISMA7.score({ ...answersOf('YYYYYYY'), male: 'yes' }), null);
  });
});
