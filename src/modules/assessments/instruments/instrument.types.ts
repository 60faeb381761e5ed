/**
 * What an assessment instrument is, in code: a versioned definition (sections of items, each with
 * its answer type and data category, labels in French and English) and a pure scoring function.
 * A network adds an instrument by writing one such definition and registering it (registry.ts).
 */

/** A text in both languages of the application (French first). */
export type TLabel = { fr: string; en: string };

/**
 * abc: an AGGIR code (A does it alone, C does not, B in between); yes_no: a boolean; number: an
 * integer within min..max; scale: an integer 0–10; choice: one of the options; multi_choice: some
 * of the options (none allowed); text: free text up to maxLength characters.
 */
export type TAnswerType =
  'abc' | 'yes_no' | 'number' | 'scale' | 'choice' | 'multi_choice' | 'text';

/** The guard's category of the data an item holds (who may read it is decided there). */
export type TItemCategory = 'identity' | 'medical' | 'social' | 'administrative';

export type TOption = { value: string; label: TLabel };

export type TItem = {
  id: string;
  type: TAnswerType;
  category: TItemCategory;
  label: TLabel;
  help?: TLabel;
  /** Must be answered before the assessment can be completed. */
  required: boolean;
  /** Required only when another item has this answer (e.g. the caregiver's strain). */
  requiredWhen?: { item: string; equals: boolean | string };
  /** Whether the score reads it (AGGIR's illustrative variables are recorded, not scored). */
  scored: boolean;
  /** number and scale: inclusive bounds. */
  min?: number;
  max?: number;
  /** choice and multi_choice. */
  options?: TOption[];
  /** text: at most this many characters. */
  maxLength?: number;
};

export type TSection = { id: string; label: TLabel; items: TItem[] };

export type TAggirCode = 'A' | 'B' | 'C';
/** One stored answer: its type follows the item's (an AGGIR code is a string "A", "B" or "C"). */
export type TAnswerValue = boolean | number | string | string[];
export type TAnswers = Readonly<Record<string, TAnswerValue | undefined>>;

export type TInstrument<TResult> = {
  id: string;
  version: number;
  label: TLabel;
  description: TLabel;
  sections: TSection[];
  /**
   * The most sensitive category of the items the score reads: a reader who may not see that
   * category does not see the result either.
   */
  resultCategory: TItemCategory;
  /** The result, or null while an item the score needs is unanswered. Pure. */
  score: (answers: TAnswers) => TResult | null;
};

/** Every item of an instrument, in order. */
export function itemsOf(instrument: { sections: TSection[] }): TItem[] {
  return instrument.sections.flatMap((section) => section.items);
}

/** Answer readers used by the scoring functions: a value of the wrong type counts as unanswered. */
export const read = {
  code: (answers: TAnswers, id: string): TAggirCode | null => {
    const value = answers[id];
    return value === 'A' || value === 'B' || value === 'C' ? value : null;
  },
  bool: (answers: TAnswers, id: string): boolean | null => {
    const value = answers[id];
    return typeof value === 'boolean' ? value : null;
  },
  int: (answers: TAnswers, id: string): number | null => {
    const value = answers[id];
    return typeof value === 'number' && Number.isInteger(value) ? value : null;
  },
  text: (answers: TAnswers, id: string): string | null => {
    const value = answers[id];
    return typeof value === 'string' ? value : null;
  },
  list: (answers: TAnswers, id: string): string[] | null => {
    const value = answers[id];
    return Array.isArray(value) ? value : null;
  },
};
