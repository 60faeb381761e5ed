/**
 * Re-applying one's edits on a plan someone saved meanwhile (the editor's answer to a 409): a pure
 * three-way merge by item id and field, so that neither person's change is lost.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reapplyEdits } from '../web/src/pages/plans/plan-merge.js';

const goal = (id: string, text: string, status = 'in_progress') => ({
  id,
  needId: 'n1',
  text,
  status,
});
const base = {
  situation: 'Vit seule',
  wishes: 'Rester chez elle',
  priorities: '',
  referentMemberId: null as string | null,
  needs: [{ id: 'n1', code: 'social_contact', text: 'Isolement', findings: [] }],
  goals: [goal('g1', 'Deux sorties'), goal('g2', 'Voir sa fille')],
  actions: [{ id: 'a1', goalId: 'g1', text: 'Club', status: 'planned' }],
};

describe('re-applying my edits on a newer version of the plan', () => {
  it('keeps their field changes and mine on different fields', () => {
    const mine = { ...base, priorities: 'Sortir' };
    const theirs = { ...base, wishes: 'Rester chez elle avec son chat' };
    const merged = reapplyEdits(base, mine, theirs);
    assert.deepEqual(
      [merged.wishes, merged.priorities],
      ['Rester chez elle avec son chat', 'Sortir'],
    );
  });

  it('merges one item field by field: their status, my wording', () => {
    const mine = { ...base, goals: [goal('g1', 'Deux sorties par semaine'), base.goals[1]!] };
    const theirs = { ...base, goals: [goal('g1', 'Deux sorties', 'reached'), base.goals[1]!] };
    const merged = reapplyEdits(base, mine, theirs);
    assert.deepEqual(merged.goals[0], goal('g1', 'Deux sorties par semaine', 'reached'));
  });

  it('keeps both additions and applies my removal, not theirs undone', () => {
    const mine = {
      ...base,
      goals: [base.goals[0]!, goal('g3', 'Marcher')],
      actions: [],
    };
    const theirs = { ...base, goals: [...base.goals, goal('g4', 'Dormir mieux')] };
    const merged = reapplyEdits(base, mine, theirs);
    assert.deepEqual(
      merged.goals.map((g) => g.id),
      ['g1', 'g4', 'g3'],
    );
    assert.deepEqual(merged.actions, []);
  });

  it('gives back their version unchanged when I changed nothing', () => {
    const theirs = { ...base, situation: 'Hospitalisée', goals: [base.goals[0]!] };
    assert.deepEqual(reapplyEdits(base, base, theirs), theirs);
  });
});
