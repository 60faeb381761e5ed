import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { duplicateMatch, editDistance, normalizeName } from './person-names.js';

const roux = {
  birthName: 'Roux',
  lastName: 'Roux',
  firstName: 'Jeanne',
  firstNames: 'Jeanne Marie',
};

describe('comparing names for duplicates', () => {
  it('drops accents, case, hyphens, apostrophes and ligatures', () => {
    assert.equal(normalizeName("  Lefèvre-D'Arcy "), 'lefevre d arcy');
    assert.equal(normalizeName('Hélène ŒUVRARD'), 'helene oeuvrard');
    assert.equal(normalizeName('N’Diaye'), 'n diaye');
  });

  it('counts a swap of two letters as one typo', () => {
    assert.equal(editDistance('martin', 'matrin'), 1);
    assert.equal(editDistance('martin', 'martine'), 1);
    assert.equal(editDistance('martin', 'durand'), 5);
  });

  it('finds the same name whatever the accents, case and hyphens', () => {
    assert.equal(
      duplicateMatch(
        { birthName: 'LEFEVRE', firstName: 'jean pierre' },
        { birthName: 'Lefèvre', lastName: 'Lefèvre', firstName: 'Jean-Pierre' },
      ),
      'same_name',
    );
    assert.equal(
      duplicateMatch(
        { birthName: "d'Almeida", firstName: 'Zoé' },
        { birthName: 'DALMEIDA', lastName: 'Dalmeida', firstName: 'Zoe' },
      ),
      'same_name',
    );
  });

  it('finds a typo in either name', () => {
    assert.equal(
      duplicateMatch({ birthName: 'Rouxx', firstName: 'Jeanne' }, roux),
      'close_spelling',
    );
    assert.equal(
      duplicateMatch(
        { birthName: 'Fontaine', firstName: 'Jeanne' },
        { ...roux, birthName: 'Fontiane', lastName: 'Fontiane' },
      ),
      'close_spelling',
    );
    assert.equal(
      duplicateMatch({ birthName: 'Roux', firstName: 'Jaenne' }, roux),
      'close_spelling',
    );
  });

  it('finds first and last names swapped', () => {
    assert.equal(duplicateMatch({ birthName: 'Jeanne', firstName: 'Roux' }, roux), 'swapped_names');
  });

  it('finds a birth name typed where the used name was recorded, and the reverse', () => {
    const married = {
      birthName: 'Martin',
      lastName: 'Durand',
      firstName: 'Lucie',
      firstNames: null,
    };
    assert.equal(
      duplicateMatch({ birthName: 'Durand', firstName: 'Lucie' }, married),
      'other_name',
    );
    assert.equal(duplicateMatch({ birthName: 'Martin', firstName: 'Lucie' }, married), 'same_name');
    assert.equal(
      duplicateMatch({ birthName: 'Martin', lastName: 'Durand', firstName: 'Lucie' }, married),
      'same_name',
    );
  });

  it('finds one of the first names, not a particle alone', () => {
    assert.equal(duplicateMatch({ birthName: 'Roux', firstName: 'Marie' }, roux), 'same_name');
    assert.equal(
      duplicateMatch(
        { birthName: 'de la Tour', firstName: 'Paul' },
        { birthName: 'de la Fontaine', lastName: 'de la Fontaine', firstName: 'Paul' },
      ),
      undefined,
    );
  });

  it('keeps different people apart', () => {
    assert.equal(duplicateMatch({ birthName: 'Moreau', firstName: 'Jeanne' }, roux), undefined);
    assert.equal(duplicateMatch({ birthName: 'Roux', firstName: 'Paul' }, roux), undefined);
    // short names tolerate no typo
    assert.equal(duplicateMatch({ birthName: 'Rou', firstName: 'Jeanne' }, roux), undefined);
  });
});
