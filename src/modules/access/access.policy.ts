import type { TRole } from '../../server/context.js';

/**
 * manage: the care team and case manager; consent: record or withdraw the person's objections;
 * bind_account: give the person a login of their own (a patient account), decision 008;
 * break_glass: open emergency access to a person outside one's care teams;
 * merge: merge a duplicate record into this one (identitovigilance, decision 011);
 * override_level: replace the computed integration level with one justified in writing (or bring
 * the computed one back), decision 010;
 * steer: move the pathway through its states and name who answers for the person (case
 * manager, referent), decision 016.
 */
export type TAccessAction =
  | 'read'
  | 'write'
  | 'manage'
  | 'consent'
  | 'bind_account'
  | 'break_glass'
  | 'merge'
  | 'override_level'
  | 'steer';
/**
 * identity: name, birth date, team; audit: the trail of who accessed the person's data;
 * daily_life: how the days go at home (meals, sleep, mood, visits: the logbook's "vie
 * quotidienne", decision 021) — shared with the whole care team, home aides included, like social.
 */
export type TDataCategory =
  'identity' | 'medical' | 'social' | 'administrative' | 'daily_life' | 'audit';
export type TRelation = 'self' | 'case_manager' | 'team_member' | 'former_member' | 'none';

/** Facts about one user and one person, loaded from the database by the guard. */
export type TAccessFacts = {
  role: TRole;
  relation: TRelation;
  /** A social/home-care team member granted medical entries. */
  medicalAccess: boolean;
  /** The person objects to sharing with this member. */
  objected: boolean;
  /** An unexpired break-the-glass grant exists for this user and person. */
  breakGlass: boolean;
};

export type TAccessRequest = { action: TAccessAction; category: TDataCategory };

export type TAccessDecision = { allowed: boolean; reason: string; viaBreakGlass: boolean };

const allow = (reason: string, viaBreakGlass = false): TAccessDecision => ({
  allowed: true,
  reason,
  viaBreakGlass,
});
const deny = (reason: string): TAccessDecision => ({
  allowed: false,
  reason,
  viaBreakGlass: false,
});

const CLINICAL_ROLES: readonly TRole[] = ['admin', 'coordinator', 'professional', 'social'];

/**
 * Who may open break-the-glass on whom: a clinician or network staff outside the person's care
 * team, unless the person objects to sharing with them (an emergency does not lift an objection,
 * and the reads it would open are refused anyway). Those in the team already have access.
 */
function decideBreakGlass(facts: TAccessFacts): TAccessDecision {
  const byRole = decideBreakGlassRole(facts.role);
  if (!byRole.allowed) return byRole;
  if (facts.objected) return deny('the person objects to sharing with this member');
  if (facts.relation === 'case_manager' || facts.relation === 'team_member') {
    return deny('already in the care team: no emergency access needed');
  }
  return allow('emergency access outside the care team, with a recorded reason');
}

/**
 * Whose role may open emergency access at all — and so look for a person to open it on (the
 * break-the-glass search, decision 018): clinicians and network staff.
 */
export function decideBreakGlassRole(role: TRole): TAccessDecision {
  return CLINICAL_ROLES.includes(role)
    ? allow('clinicians and network staff may open emergency access')
    : deny('only clinicians and network staff open emergency access');
}

/**
 * The one decision table for personal data, read top to bottom; the first matching rule wins.
 * Deny by default. Kept pure so every rule has a unit test (access.policy.test.ts).
 */
export function decideAccess(facts: TAccessFacts, request: TAccessRequest): TAccessDecision {
  const { role, relation } = facts;
  const { action, category } = request;

  if (action === 'break_glass') return decideBreakGlass(facts);

  if (role === 'steering') return deny('steering sees anonymous aggregates only');

  if (role === 'patient') {
    if (relation !== 'self') return deny('a patient sees only their own record');
    if (action === 'read') return allow('the person themselves');
    if (action === 'consent') return allow('the person decides whom their data is shared with');
    return deny('the person consents and objects, the network manages the team');
  }

  // A patient account reads the person's whole record and audit trail and speaks for them on
  // consent: only the one professional who answers for the person may open it (decision 008).
  if (action === 'bind_account') {
    if (facts.objected) return deny('the person objects to sharing with this member');
    return relation === 'case_manager'
      ? allow("the person's case manager gives them their own account")
      : deny("only the person's case manager gives the person an account");
  }

  // The level decides how much coordination the person gets: the one who answers for their
  // pathway may set it against the computed one (decision 010).
  if (action === 'override_level') {
    if (facts.objected) return deny('the person objects to sharing with this member');
    return relation === 'case_manager'
      ? allow("the person's case manager overrides the integration level")
      : deny("only the person's case manager overrides the integration level");
  }

  if (category === 'audit') {
    return role === 'admin' && action === 'read'
      ? allow('network staff consult the audit trail')
      : deny('only the person and network staff consult the audit trail');
  }

  if (facts.objected) return deny('the person objects to sharing with this member');

  // The pathway and who answers for the person: the case manager, and the coordination team
  // whose job is to assign and balance caseloads, also for someone nobody follows yet (016).
  if (action === 'steer') {
    if (relation === 'case_manager') return allow('case manager of the person');
    return TRIAGE_ROLES.includes(role)
      ? allow('the coordination team steers pathways and caseloads')
      : deny('only the case manager or the coordination team steer the pathway');
  }

  // Merging two records rewrites who follows whom: network staff only (decision 011).
  if (action === 'merge') {
    return role === 'admin'
      ? allow('network staff merge duplicate records')
      : deny('only network staff merge duplicate records');
  }

  if (relation === 'case_manager') return allow('case manager of the person');

  if (relation === 'team_member') {
    if (action === 'manage' || action === 'consent') {
      return deny('only the case manager or network staff manage the team and consent');
    }
    // Identitovigilance: the identity is corrected by those who answer for it (decision 011).
    if (action === 'write' && category === 'identity' && role !== 'admin') {
      return deny('only the case manager or network staff change the identity');
    }
    if (role === 'social' && category === 'medical' && !facts.medicalAccess) {
      return deny('social and home-care roles see medical entries only when granted');
    }
    return allow('member of the care team');
  }

  if (role === 'admin') {
    if (action === 'manage' || action === 'consent') {
      return allow('network staff manage teams and record consent');
    }
    if (category === 'identity' || category === 'administrative') {
      return allow('network staff handle identity and administrative data');
    }
  }

  if (facts.breakGlass && action === 'read' && CLINICAL_ROLES.includes(role)) {
    if (role === 'social' && category === 'medical') {
      return deny('break-the-glass does not widen a social role to medical entries');
    }
    return allow('break-the-glass access with a recorded reason', true);
  }

  return relation === 'former_member'
    ? deny('no longer a member of the care team')
    : deny('not a member of the care team');
}

/**
 * Who may acknowledge or resolve a pathway-break alert about a person (decision 024): whoever may
 * read the person's administrative data and owns the alert, or the coordination team.
 */
export function decideAlertHandling(
  facts: TAccessFacts,
  alert: { isOwner: boolean },
): TAccessDecision {
  const read = decideAccess(facts, { action: 'read', category: 'administrative' });
  if (!read.allowed) return read;
  if (read.viaBreakGlass) return deny('emergency access reads, it does not handle alerts');
  if (alert.isOwner) return allow('the owner of the alert');
  return TRIAGE_ROLES.includes(facts.role)
    ? allow('the coordination team handles every alert')
    : deny('only the owner or the coordination team handle an alert');
}

/** The coordination team: the roles that triage requests for support. */
export const TRIAGE_ROLES: readonly TRole[] = ['admin', 'coordinator'];
/**
 * Who may give a case manager more people than their cap, with a reason (decision 016): the
 * coordination team, who balance the caseloads; a case manager handing over cannot.
 */
export function mayForceCaseloadCap(role: TRole): boolean {
  return TRIAGE_ROLES.includes(role);
}

/** The roles that file a request for support about a person new to the network. */
const FILING_ROLES: readonly TRole[] = ['admin', 'coordinator', 'professional', 'social'];

/**
 * file_new: file a request about a person the network does not follow yet (one about a followed
 * person goes through decideAccess: the requester must be able to read that person);
 * read: read one request (its content and state); triage: the queue, accept, redirect, decline.
 */
export type TSupportRequestAction = 'file_new' | 'read' | 'triage';

/** Facts about one user and one request for support. */
export type TSupportRequestFacts = {
  role: TRole;
  /** The user filed this request. */
  isRequester: boolean;
  /** The request is about a followed person who objects to sharing with this user's member profile. */
  objected: boolean;
};

/**
 * Who may file, read and triage requests for support (demandes d'appui), first matching rule
 * wins, deny by default. A request is addressed to the coordination team: its members read and
 * triage every request (also about a person they do not follow yet: that is their job), unless the
 * person objects to sharing with them; the requester follows the state and answer of their own
 * requests and nothing else. Reading the person's record stays decideAccess's.
 */
export function decideSupportRequestAccess(
  facts: TSupportRequestFacts,
  action: TSupportRequestAction,
): TAccessDecision {
  if (action === 'file_new') {
    return FILING_ROLES.includes(facts.role)
      ? allow('a network member asks for support for a new person')
      : deny('only network members file a request about a new person (others use the public form)');
  }
  if (TRIAGE_ROLES.includes(facts.role)) {
    if (facts.objected) return deny('the person objects to sharing with this member');
    return allow('the coordination team triages requests for support');
  }
  if (action === 'read' && facts.isRequester) {
    return allow('the requester follows their own request');
  }
  return deny('only the coordination team and the requester read a request for support');
}

/** The roles that write secure messages (with a member profile): network members, decision 022. */
const MESSAGING_ROLES: readonly TRole[] = ['admin', 'coordinator', 'professional', 'social'];

/** Whose role may use secure messages at all (the person themselves and steering do not). */
export function mayUseMessages(role: TRole): boolean {
  return MESSAGING_ROLES.includes(role);
}

/**
 * Who may be in a conversation about a person — and so read and write it (decision 022): the
 * person's case manager and active care-team members, unless the person objects to sharing with
 * them. Decided on the facts of the participant (when adding) or of the reader (at every read and
 * write): leaving the team ends access at once. Not widened by role (network staff outside the
 * team) nor by break-the-glass: a conversation is the team's, an emergency opens the record.
 */
export function decideConversationAccess(facts: TAccessFacts): TAccessDecision {
  if (!MESSAGING_ROLES.includes(facts.role)) {
    return deny('only network members write secure messages');
  }
  if (facts.objected) return deny('the person objects to sharing with this member');
  if (facts.relation === 'case_manager') return allow('case manager of the person');
  if (facts.relation === 'team_member') return allow('member of the care team');
  return facts.relation === 'former_member'
    ? deny('no longer a member of the care team')
    : deny('not a member of the care team');
}

/**
 * send: address a referral about a person (or, personless, from triage); read: open one referral;
 * answer: accept, decline or ask for information for a recipient; follow: the requester's side —
 * answer a question, complete or cancel.
 */
export type TReferralAction = 'send' | 'read' | 'answer' | 'follow';

/** Facts about one user and one referral (decision 023). */
export type TReferralFacts = {
  role: TRole;
  /** The referral is about no followed person (a triage redirection of a person new to the network). */
  personless: boolean;
  /** decideAccess allows this user to read the person's administrative data. */
  personRead: boolean;
  /** decideAccess allows this user to write the person's administrative data. */
  personWrite: boolean;
  /** The user sent this referral. */
  isRequester: boolean;
  /** The user answers for one of its recipients (works at the service's organisation, or is the member). */
  isRecipient: boolean;
  /** The person objects to sharing with this user's member profile. */
  objected: boolean;
};

/** What a granted referral read shows: all of it, or what a recipient needs to decide. */
export type TReferralDecision = TAccessDecision & { view: 'full' | 'addressed' | null };

/**
 * Who may send, read, answer and follow a closed-loop referral, first matching rule wins, deny by
 * default. The exception to care-team membership: a recipient not (yet) in the care team reads the
 * referral addressed to them — reason, urgency, documents described, the person's name, commune and
 * age — and nothing else of the record, to decide; their acceptance puts them in the team.
 */
export function decideReferralAccess(
  facts: TReferralFacts,
  action: TReferralAction,
): TReferralDecision {
  const none = (reason: string): TReferralDecision => ({ ...deny(reason), view: null });
  const full = (reason: string): TReferralDecision => ({ ...allow(reason), view: 'full' });
  if (facts.role === 'steering') return none('steering sees anonymous aggregates only');
  if (facts.role === 'patient') {
    return action === 'read' && facts.personRead
      ? full('the person themselves reads the referrals about them')
      : none('referrals are sent, answered and followed by network members');
  }
  if (facts.objected) return none('the person objects to sharing with this member');
  const followsIt = facts.personless
    ? facts.isRequester || TRIAGE_ROLES.includes(facts.role)
    : facts.personWrite;
  if (action === 'send' || action === 'follow') {
    if (followsIt) return full('the care team (or, personless, triage) refers and follows up');
    return none('only the person’s care team sends and follows up a referral');
  }
  if (action === 'answer') {
    return facts.isRecipient
      ? { ...allow('a recipient answers the referral addressed to them'), view: 'addressed' }
      : none('only a recipient answers a referral');
  }
  if (followsIt || (!facts.personless && facts.personRead)) {
    return full('the care team reads the person’s referrals');
  }
  if (facts.isRecipient) {
    return {
      ...allow('a recipient reads what they need to decide, not the record'),
      view: 'addressed',
    };
  }
  return none('not a recipient of this referral, nor in the care team');
}
