/**
 * The pathway (parcours) as a small state machine: its states, the one table of allowed moves,
 * and the one function that checks a move (decision 016, pathway-design "States as data").
 */
import { CLOSE_REASONS, PATHWAY_STATES } from '../../db/schema/pathway.js';

export { CLOSE_REASONS, PATHWAY_STATES };
export type TPathwayState = (typeof PATHWAY_STATES)[number];
export type TCloseReason = (typeof CLOSE_REASONS)[number];

/**
 * Allowed moves, from → to. A closed pathway reopens (to assessing, or straight to active when
 * the person comes back soon with the same needs); its history stays in the pathway events.
 */
export const PATHWAY_TRANSITIONS: Record<TPathwayState, readonly TPathwayState[]> = {
  requested: ['assessing', 'closed'],
  assessing: ['active', 'suspended', 'closed'],
  active: ['assessing', 'suspended', 'closed'],
  suspended: ['assessing', 'active', 'closed'],
  closed: ['assessing', 'active'],
};

/** A requested move, with what each target state needs. */
export type TTransitionInput = {
  to: TPathwayState;
  reason?: string | undefined;
  expectedEnd?: string | undefined;
  closeReason?: TCloseReason | undefined;
};

/** Why a move is refused: not in the table, or a target state missing what it needs. */
export type TTransitionProblem =
  { kind: 'illegal' } | { kind: 'missing'; field: 'reason' | 'expectedEnd' | 'closeReason' };

/**
 * Checks a move against the table and what the target state needs: a suspension gives its reason
 * and expected end, a closure its reason from CLOSE_REASONS, every other move a reason in words.
 * Null when the move is allowed.
 */
export function checkTransition(
  from: TPathwayState,
  input: TTransitionInput,
): TTransitionProblem | null {
  if (!PATHWAY_TRANSITIONS[from].includes(input.to)) return { kind: 'illegal' };
  if (input.to === 'closed') {
    return input.closeReason ? null : { kind: 'missing', field: 'closeReason' };
  }
  if (!input.reason?.trim()) return { kind: 'missing', field: 'reason' };
  if (input.to === 'suspended' && !input.expectedEnd) {
    return { kind: 'missing', field: 'expectedEnd' };
  }
  return null;
}

/** The states reachable from a state, for the screens' buttons. */
export function nextStates(from: TPathwayState): readonly TPathwayState[] {
  return PATHWAY_TRANSITIONS[from];
}

/** The states' names in the users' words, for messages. */
export const STATE_LABELS: Record<'fr' | 'en', Record<TPathwayState, string>> = {
  fr: {
    requested: 'demandé',
    assessing: 'en évaluation',
    active: 'actif',
    suspended: 'suspendu',
    closed: 'clôturé',
  },
  en: {
    requested: 'requested',
    assessing: 'assessing',
    active: 'active',
    suspended: 'suspended',
    closed: 'closed',
  },
};
