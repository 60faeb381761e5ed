import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { itemsOf } from './instrument.types.js';
import { currentInstruments, findInstrument, INSTRUMENTS } from './registry.js';

describe('the instrument registry', () => {
  it('ships the multidimensional assessment, AGGIR and PRISMA-7, version 1', () => {
    assert.deepEqual(
      currentInstruments().map((instrument) => `${instrument.id}@${instrument.version}`),
      ['multidimensional@1', 'aggir@1', 'prisma7@1'],
    );
    assert.equal(findInstrument('aggir', 1)?.id, 'aggir');
    assert.equal(findInstrument('aggir', 2), undefined);
    assert.equal(findInstrument('zarit'), undefined);
  });

  it('has no two definitions of one instrument with the same version', () => {
    const keys = INSTRUMENTS.map((instrument) => `${instrument.id}@${instrument.version}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  for (const instrument of INSTRUMENTS) {
    describe(`${instrument.id}@${instrument.version} is well formed`, () => {
      const items = itemsOf(instrument);
      it('item ids are unique', () => {
        assert.equal(new Set(items.map((item) => item.id)).size, items.length);
      });
      it('every label and help is written in French and English', () => {
        const labels = [
          instrument.label,
          instrument.description,
          ...instrument.sections.map((section) => section.label),
          ...items.flatMap((item) => [
            item.label,
            ...(item.help ? [item.help] : []),
            ...(item.options ?? []).map((option) => option.label),
          ]),
        ];
        for (const label of labels) assert.ok(label.fr.trim() && label.en.trim(), label.fr);
      });
      it('each answer type has what it needs: options, bounds, a length', () => {
        for (const item of items) {
          const hasOptions = (item.options?.length ?? 0) > 0;
          const hasBounds = item.min !== undefined && item.max !== undefined;
          assert.equal(hasOptions, item.type === 'choice' || item.type === 'multi_choice', item.id);
          assert.equal(hasBounds, item.type === 'number' || item.type === 'scale', item.id);
          if (item.type === 'scale') assert.deepEqual([item.min, item.max], [0, 10], item.id);
          assert.equal(item.maxLength !== undefined, item.type === 'text', item.id);
          if (item.requiredWhen) {
            assert.ok(
              items.some((other) => other.id === item.requiredWhen?.item),
              item.id,
            );
          }
        }
      });
      it('the result category is the most sensitive category of the scored items', () => {
        const scored = new Set(items.filter((item) => item.scored).map((item) => item.category));
        const expected = scored.has('medical')
          ? 'medical'
          : scored.has('social')
            ? 'social'
            : 'administrative';
        assert.equal(instrument.resultCategory, expected);
      });
    });
  }
});
