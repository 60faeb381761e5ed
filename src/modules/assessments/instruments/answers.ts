/**
 * Whether one answer fits its item (type, bounds, options), and which required items are still
 * unanswered. Pure; the service turns the message keys into field errors.
 */
import type { TMessageKey } from '../../../server/messages.js';
import { itemsOf, type TAnswers, type TItem, type TSection } from './instrument.types.js';

/** The message key of what is wrong with this answer, or null when it fits the item. */
export function answerProblem(item: TItem, value: unknown): TMessageKey | null {
  switch (item.type) {
    case 'abc':
      return value === 'A' || value === 'B' || value === 'C' ? null : 'instruments.aggir_code';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'assessments.answer_yes_no';
    case 'number':
    case 'scale':
      return typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= (item.min ?? 0) &&
        value <= (item.max ?? 0)
        ? null
        : 'assessments.answer_number';
    case 'choice':
      return typeof value === 'string' && (item.options ?? []).some((o) => o.value === value)
        ? null
        : 'validation.not_in_list';
    case 'multi_choice':
      return Array.isArray(value) &&
        value.every((v) => (item.options ?? []).some((o) => o.value === v)) &&
        new Set(value).size === value.length
        ? null
        : 'assessments.answer_choices';
    case 'text':
      return typeof value === 'string' &&
        value.trim().length > 0 &&
        value.length <= (item.maxLength ?? 0)
        ? null
        : 'assessments.answer_text';
  }
}

/** The ids of the items that must be answered before completion and are not. */
export function missingRequired(instrument: { sections: TSection[] }, answers: TAnswers): string[] {
  return itemsOf(instrument)
    .filter((item) => {
      if (answers[item.id] !== undefined) return false;
      if (item.required) return true;
      const when = item.requiredWhen;
      return when !== undefined && answers[when.item] === when.equals;
    })
    .map((item) => item.id);
}
