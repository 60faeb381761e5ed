/** The states of a request for support, and the one table of moves between them. */
export const REQUEST_STATES = ['received', 'accepted', 'redirected', 'declined'] as const;
export type TRequestState = (typeof REQUEST_STATES)[number];

/** The triage decisions, each leading to one state. */
export type TTriageDecision = 'accept' | 'redirect' | 'decline';

/**
 * Allowed moves: from a state, which decision leads where. A request gets one answer; a later
 * change of mind is a new request (or, once accepted, the pathway's business).
 */
export const REQUEST_TRANSITIONS: Record<
  TRequestState,
  Partial<Record<TTriageDecision, TRequestState>>
> = {
  received: { accept: 'accepted', redirect: 'redirected', decline: 'declined' },
  accepted: {},
  redirected: {},
  declined: {},
};

/** The state a decision leads to from a state, or null when the move is not allowed. */
export function nextRequestState(
  from: TRequestState,
  decision: TTriageDecision,
): TRequestState | null {
  return REQUEST_TRANSITIONS[from][decision] ?? null;
}

/** Urgency of a request: how fast the network owes an answer. */
export const URGENCIES = ['same_day', 'week', 'routine'] as const;
export type TUrgency = (typeof URGENCIES)[number];

/**
 * The delay within which a request of each urgency must get its first answer, in days. Constants,
 * not network settings: they are the network's service commitment and the steering indicators
 * compare networks on them (decision 012).
 */
export const ANSWER_DELAY_DAYS: Record<TUrgency, number> = { same_day: 1, week: 7, routine: 30 };

const DAY_MS = 86_400_000;

/** Whether a request still waiting for its answer is past its urgency's delay at `now`. */
export function isPastDelay(
  request: { urgency: TUrgency; receivedAt: Date; answeredAt: Date | null },
  now: Date,
): boolean {
  const answeredOrNow = request.answeredAt ?? now;
  return (
    answeredOrNow.getTime() - request.receivedAt.getTime() >
    ANSWER_DELAY_DAYS[request.urgency] * DAY_MS
  );
}
