/** Query words (decision 032): gender and number reduced, the synonym table, joined names. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainMatch } from './directory.search.js';
import { joinedNameForms, queryGroups, wordForms } from './directory.words.js';

/** A group as text: "a*&b* | c" (a prefix ends with "*"). */
const shown = (q: string) =>
  queryGroups(q).map((g) =>
    g.alternatives
      .map((a) => a.map((t) => `${t.word}${t.prefix ? '*' : ''}`).join('&'))
      .join(' | '),
  );

describe('search words', () => {
  it('reduces gender and number to a prefix of every form', () => {
    assert.deepEqual(wordForms('infirmieres'), ['infirmier']);
    assert.deepEqual(wordForms('pharmacienne'), ['pharmacien']);
    assert.deepEqual(wordForms('assistante'), ['assistant']);
    assert.deepEqual(wordForms('sociaux'), ['socia']);
    assert.deepEqual(wordForms('coordinatrice'), ['coordinateu', 'coordinatric']);
    assert.deepEqual(wordForms('educative'), ['educatif', 'educativ']);
    assert.deepEqual(wordForms('psy'), ['psy']);
  });

  it('expands a short form to its line, an abbreviation as a whole word', () => {
    assert.deepEqual(shown('IDE Lavergne'), ['infirmier* | ide | idel', 'lavergn*']);
    assert.deepEqual(shown('St Etienne'), ['saint* | st | ste', 'etien*']);
  });

  it('gives an ambiguous short form both meanings only when typed', () => {
    const as = shown('AS')[0]!;
    assert.match(as, /aide\*&soignant\*/);
    assert.match(as, /assistant\*&social\*/);
    assert.doesNotMatch(shown('aide-soignante')[0]!, /\bas\b|assistant/);
  });

  it('joins names with apostrophes, hyphens and particles, in the index and the query', () => {
    assert.deepEqual(joinedNameForms('Rose N’Diaye'), ['ndiaye']);
    assert.deepEqual(joinedNameForms('Claire Lefèvre-Dubois'), ['lefevredubois']);
    assert.deepEqual(joinedNameForms('Henri de la Tour'), ['delatour', 'latour']);
    assert.deepEqual(joinedNameForms('Maison de santé de Lavergne', { particles: false }), []);
    assert.deepEqual(shown("N'Diaye"), ['diaye* | ndiaye*']);
    assert.deepEqual(shown('de la Tour'), ['tour* | delatour* | latour*']);
  });

  it('explains a match by a word the typed one stood for', () => {
    const [group] = queryGroups('IDE');
    const reasons = explainMatch(
      [group!.typed],
      [
        { field: 'name', value: 'Élodie Garnier' },
        { field: 'profession', value: 'Infirmier·ère' },
      ],
      {
        public: false,
        localize: (_field, value) => value,
        alternatives: [[group!.typed, 'infirmier', 'idel']],
      },
    );
    assert.deepEqual(reasons, [
      {
        field: 'profession',
        value: 'Infirmier·ère',
        exact: true,
        marks: [{ start: 0, end: 'Infirmier·ère'.length }],
      },
    ]);
  });
});
