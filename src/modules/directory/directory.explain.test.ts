import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizeMatch, localizeSubtitle } from './directory.labels.js';
import { explainMatch, searchTokens } from './directory.search.js';
import { PROFESSIONS, termWords } from './directory.vocabulary.js';

const fields = [
  { field: 'name', value: 'Portage de repas du CCAS' },
  {
    field: 'missions',
    value:
      'Livraison de repas équilibrés à domicile, six jours sur sept, pour les personnes âgées ou handicapées de la commune qui ne peuvent plus cuisiner.',
  },
  { field: 'careStream', value: 'Personnes âgées', words: 'Personnes âgées Older people' },
  { field: 'channel', value: 'Téléphone', words: 'Téléphone Phone' },
  { field: 'phone', value: '06 11 22 33 44', words: '0611223344', network: true },
];

const explain = (q: string, locale: 'fr' | 'en' = 'fr', isPublic = false) =>
  explainMatch(searchTokens(q), fields, {
    public: isPublic,
    localize: (field, value) => localizeMatch(locale, { field, value }).value,
  });
const marked = (m: { value: string; marks: { start: number; end: number }[] }) =>
  m.marks.map((k) => m.value.slice(k.start, k.end));

describe('why a result matched (decision 034)', () => {
  it('names the field and marks the words, never the hidden bilingual keywords', () => {
    const [why] = explain('personnes agees');
    assert.equal(why!.field, 'missions');
    assert.deepEqual(marked(why!), ['personnes', 'âgées']);
    assert.doesNotMatch(JSON.stringify(explain('personnes agees')), /Older people|Phone/);
  });

  it('cuts a long text to an excerpt around the words found', () => {
    const [why] = explain('cuisiner');
    assert.equal(why!.field, 'missions');
    assert.ok(why!.value.startsWith('…'), why!.value);
    assert.ok(why!.value.length < 90, why!.value);
    assert.deepEqual(marked(why!), ['cuisiner.']);
  });

  it("shows a label found by its other language in the reader's language, marked whole", () => {
    const [fr] = explain('older');
    assert.deepEqual(
      { field: fr!.field, value: fr!.value },
      {
        field: 'careStream',
        value: 'Personnes âgées',
      },
    );
    assert.deepEqual(marked(fr!), ['Personnes âgées']);
    const [en] = explain('older', 'en');
    assert.deepEqual(
      { value: en!.value, marks: marked(en!) },
      {
        value: 'Older people',
        marks: ['Older'],
      },
    );
    const [channel] = explain('phone', 'en');
    assert.deepEqual(
      { field: channel!.field, value: channel!.value },
      {
        field: 'channel',
        value: 'Phone',
      },
    );
  });

  it('says a number written without spaces matched the number as it is written', () => {
    const [why] = explain('0611223344');
    assert.deepEqual(
      { field: why!.field, value: why!.value, marks: marked(why!) },
      {
        field: 'phone',
        value: '06 11 22 33 44',
        marks: ['06 11 22 33 44'],
      },
    );
  });

  it('leaves out what the public may not see', () => {
    assert.deepEqual(explain('0611223344', 'fr', true), []);
  });

  it('says a mistyped word matched approximately, without marks', () => {
    const [why] = explain('portaje');
    assert.equal(why!.exact, false);
    assert.deepEqual(why!.marks, []);
  });

  it('never translates an organisation name in a service subtitle', () => {
    const service = {
      entityType: 'service' as const,
      profession: null,
      organisationType: 'clinic',
    };
    assert.equal(localizeSubtitle('en', 'Clinique du Parc', service), 'Clinique du Parc');
    const pharmacy = {
      entityType: 'service' as const,
      profession: null,
      organisationType: 'pharmacy',
    };
    assert.equal(localizeSubtitle('en', 'Pharmacie du Marché', pharmacy), 'Pharmacie du Marché');
    const organisation = {
      entityType: 'organisation' as const,
      profession: null,
      organisationType: 'clinic',
    };
    assert.equal(localizeSubtitle('en', 'Clinique · Lavergne', organisation), 'Clinic · Lavergne');
    assert.ok(termWords(PROFESSIONS.nurse).includes('Nurse'));
  });
});
