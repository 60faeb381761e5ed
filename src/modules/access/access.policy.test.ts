import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TRole } from '../../server/context.js';
import {
  decideAccess,
  decideBreakGlassRole,
  decideConversationAccess,
  decideSupportRequestAccess,
  mayForceCaseloadCap,
  mayUseMessages,
  type TAccessFacts,
  type TAccessRequest,
  type TSupportRequestFacts,
} from './access.policy.js';

const facts = (overrides: Partial<TAccessFacts>): TAccessFacts => ({
  role: 'professional',
  relation: 'none',
  medicalAccess: false,
  objected: false,
  breakGlass: false,
  ...overrides,
});
const read = (category: TAccessRequest['category'] = 'medical'): TAccessRequest => ({
  action: 'read',
  category,
});
const write = (category: TAccessRequest['category'] = 'medical'): TAccessRequest => ({
  action: 'write',
  category,
});
const manage: TAccessRequest = { action: 'manage', category: 'identity' };

describe('access decision table', () => {
  it('lets the case manager read, write and manage every category', () => {
    for (const category of ['identity', 'medical', 'social', 'administrative'] as const) {
      assert.equal(
        decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), read(category))
          .allowed,
        true,
      );
      assert.equal(
        decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), write(category))
          .allowed,
        true,
      );
    }
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), manage).allowed,
      true,
    );
  });

  it('lets a care-team professional read and write medical data but not manage the team', () => {
    const member = facts({ relation: 'team_member' });
    assert.equal(decideAccess(member, read()).allowed, true);
    assert.equal(decideAccess(member, write()).allowed, true);
    assert.equal(decideAccess(member, manage).allowed, false);
    assert.equal(decideAccess(member, { action: 'consent', category: 'identity' }).allowed, false);
  });

  it('keeps medical entries from a social team member unless granted', () => {
    const social = facts({ role: 'social', relation: 'team_member' });
    assert.equal(decideAccess(social, read('medical')).allowed, false);
    assert.equal(decideAccess(social, read('social')).allowed, true);
    assert.equal(decideAccess(social, read('administrative')).allowed, true);
    assert.equal(decideAccess({ ...social, medicalAccess: true }, read('medical')).allowed, true);
  });

  it('shares daily-life entries with the whole team, a home aide included, not with outsiders (decision 021)', () => {
    const aide = facts({ role: 'social', relation: 'team_member' });
    assert.equal(decideAccess(aide, read('daily_life')).allowed, true);
    assert.equal(decideAccess(aide, write('daily_life')).allowed, true);
    assert.equal(decideAccess(aide, read('medical')).allowed, false, 'medical stays hidden');
    assert.equal(decideAccess(aide, write('medical')).allowed, false);
    assert.equal(
      decideAccess({ ...aide, medicalAccess: true }, read('medical')).allowed,
      true,
      'unless granted',
    );
    assert.equal(decideAccess(facts({ relation: 'none' }), read('daily_life')).allowed, false);
    assert.equal(
      decideAccess(facts({ role: 'admin' }), read('daily_life')).allowed,
      false,
      'network staff outside the team see no daily-life entry',
    );
    assert.equal(
      decideAccess(facts({ relation: 'team_member', objected: true }), read('daily_life')).allowed,
      false,
    );
    assert.equal(
      decideAccess(facts({ role: 'patient', relation: 'self' }), write('daily_life')).allowed,
      false,
      'the person reads their logbook but does not post in it',
    );
  });

  it('refuses a professional outside the care team', () => {
    const decision = decideAccess(facts({ relation: 'none' }), read('identity'));
    assert.equal(decision.allowed, false);
    assert.match(decision.reason, /not a member/);
  });

  it('refuses a former member and says so', () => {
    const decision = decideAccess(facts({ relation: 'former_member' }), read('identity'));
    assert.equal(decision.allowed, false);
    assert.match(decision.reason, /no longer/);
  });

  it('refuses a member the person objected to, even the case manager', () => {
    assert.equal(
      decideAccess(facts({ relation: 'team_member', objected: true }), read('identity')).allowed,
      false,
    );
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'case_manager', objected: true }), read())
        .allowed,
      false,
    );
  });

  it('lets break-the-glass read but never write, and flags it', () => {
    const emergency = facts({ relation: 'none', breakGlass: true });
    const decision = decideAccess(emergency, read('medical'));
    assert.deepEqual([decision.allowed, decision.viaBreakGlass], [true, true]);
    assert.equal(decideAccess(emergency, write('medical')).allowed, false);
  });

  it('does not let break-the-glass override an objection', () => {
    assert.equal(decideAccess(facts({ breakGlass: true, objected: true }), read()).allowed, false);
  });

  it('does not widen a social role to medical entries through break-the-glass', () => {
    assert.equal(
      decideAccess(facts({ role: 'social', breakGlass: true }), read('medical')).allowed,
      false,
    );
    assert.equal(
      decideAccess(facts({ role: 'social', breakGlass: true }), read('social')).allowed,
      true,
    );
  });

  it('lets network staff handle identity and administrative data and manage teams, not clinical data', () => {
    const admin = facts({ role: 'admin' });
    assert.equal(decideAccess(admin, read('identity')).allowed, true);
    assert.equal(decideAccess(admin, write('administrative')).allowed, true);
    assert.equal(decideAccess(admin, manage).allowed, true);
    assert.equal(decideAccess(admin, read('medical')).allowed, false);
    assert.equal(decideAccess(admin, read('social')).allowed, false);
  });

  it('lets only the person and network staff read the audit trail', () => {
    assert.equal(decideAccess(facts({ role: 'admin' }), read('audit')).allowed, true);
    assert.equal(
      decideAccess(facts({ role: 'patient', relation: 'self' }), read('audit')).allowed,
      true,
    );
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), read('audit')).allowed,
      false,
    );
    assert.equal(decideAccess(facts({ relation: 'team_member' }), read('audit')).allowed, false);
  });

  it('lets a patient read their own record and consent, never write clinical data or see others', () => {
    const self = facts({ role: 'patient', relation: 'self' });
    assert.equal(decideAccess(self, read('medical')).allowed, true);
    assert.equal(decideAccess(self, { action: 'consent', category: 'identity' }).allowed, true);
    assert.equal(
      decideAccess(self, manage).allowed,
      false,
      'the network, not the patient, manages the team',
    );
    assert.equal(decideAccess(self, write('medical')).allowed, false);
    assert.equal(
      decideAccess(facts({ role: 'patient', relation: 'none' }), read('identity')).allowed,
      false,
    );
  });

  it('never shows personal data to the steering role, whatever the relation', () => {
    for (const relation of ['self', 'case_manager', 'team_member', 'none'] as const) {
      assert.equal(
        decideAccess(facts({ role: 'steering', relation, breakGlass: true }), read('identity'))
          .allowed,
        false,
      );
    }
  });

  it('denies by default: no relation, no grant, every role but admin identity', () => {
    const roles: TRole[] = ['coordinator', 'professional', 'social', 'patient', 'steering'];
    for (const role of roles) {
      for (const category of [
        'identity',
        'medical',
        'social',
        'administrative',
        'audit',
      ] as const) {
        assert.equal(
          decideAccess(facts({ role }), read(category)).allowed,
          false,
          `${role} ${category}`,
        );
      }
    }
  });

  it("binds an account to a person only for the person's case manager (decision 008)", () => {
    const bind: TAccessRequest = { action: 'bind_account', category: 'identity' };
    const caseManager = facts({ role: 'coordinator', relation: 'case_manager' });
    assert.equal(decideAccess(caseManager, bind).allowed, true);
    assert.equal(decideAccess({ ...caseManager, objected: true }, bind).allowed, false);
    const refused: TAccessFacts[] = [
      facts({ role: 'admin', relation: 'none' }),
      facts({ role: 'admin', relation: 'team_member' }),
      facts({ role: 'coordinator', relation: 'team_member' }),
      facts({ role: 'professional', relation: 'team_member' }),
      facts({ role: 'professional', relation: 'none', breakGlass: true }),
      facts({ role: 'patient', relation: 'self' }),
      facts({ role: 'steering', relation: 'case_manager' }),
    ];
    for (const who of refused) {
      const decision = decideAccess(who, bind);
      assert.equal(decision.allowed, false, `${who.role} ${who.relation}`);
    }
    assert.match(
      decideAccess(facts({ role: 'admin', relation: 'none' }), bind).reason,
      /only the person's case manager/,
    );
  });

  it("overrides the integration level only for the person's case manager (decision 010)", () => {
    const override: TAccessRequest = { action: 'override_level', category: 'social' };
    for (const role of ['admin', 'coordinator', 'professional', 'social'] as const) {
      assert.equal(decideAccess(facts({ role, relation: 'case_manager' }), override).allowed, true);
    }
    const caseManager = facts({ role: 'coordinator', relation: 'case_manager' });
    assert.equal(decideAccess({ ...caseManager, objected: true }, override).allowed, false);
    const refused: TAccessFacts[] = [
      facts({ role: 'admin', relation: 'none' }),
      facts({ role: 'admin', relation: 'team_member' }),
      facts({ role: 'coordinator', relation: 'team_member' }),
      facts({ role: 'professional', relation: 'former_member' }),
      facts({ role: 'coordinator', relation: 'none', breakGlass: true }),
      facts({ role: 'patient', relation: 'self' }),
      facts({ role: 'steering', relation: 'case_manager' }),
    ];
    for (const who of refused) {
      assert.equal(decideAccess(who, override).allowed, false, `${who.role} ${who.relation}`);
    }
    assert.match(
      decideAccess(facts({ role: 'coordinator', relation: 'team_member' }), override).reason,
      /only the person's case manager overrides/,
    );
  });

  it('lets a clinician or network staff outside the care team open break-the-glass', () => {
    const open: TAccessRequest = { action: 'break_glass', category: 'identity' };
    for (const role of ['admin', 'coordinator', 'professional', 'social'] as const) {
      for (const relation of ['none', 'former_member'] as const) {
        assert.equal(decideAccess(facts({ role, relation }), open).allowed, true, role);
      }
    }
    // renewing one's own expiring grant is opening it again
    assert.equal(decideAccess(facts({ breakGlass: true }), open).allowed, true);
    const refused = (overrides: Partial<TAccessFacts>) => {
      const decision = decideAccess(facts(overrides), open);
      assert.equal(decision.allowed, false, JSON.stringify(overrides));
      assert.equal(decision.viaBreakGlass, false);
      return decision.reason;
    };
    assert.match(refused({ role: 'steering' }), /only clinicians/);
    assert.match(refused({ role: 'patient', relation: 'self' }), /only clinicians/);
    assert.match(refused({ role: 'patient' }), /only clinicians/);
    assert.match(refused({ objected: true }), /objects/);
    assert.match(refused({ role: 'admin', objected: true }), /objects/);
    assert.match(
      refused({ relation: 'case_manager', role: 'coordinator' }),
      /already in the care team/,
    );
    assert.match(refused({ relation: 'team_member', role: 'social' }), /already in the care team/);
  });

  it('lets only clinicians and network staff look for someone to open break-the-glass on (decision 018)', () => {
    for (const role of ['admin', 'coordinator', 'professional', 'social'] as const) {
      assert.equal(decideBreakGlassRole(role).allowed, true, role);
    }
    for (const role of ['patient', 'steering'] as const) {
      assert.match(decideBreakGlassRole(role).reason, /only clinicians/, role);
    }
  });

  it('lets only network staff merge two records, and not one the person objected to (decision 011)', () => {
    const merge: TAccessRequest = { action: 'merge', category: 'identity' };
    const relations = ['case_manager', 'team_member', 'former_member', 'none'] as const;
    for (const relation of relations) {
      assert.equal(decideAccess(facts({ role: 'admin', relation }), merge).allowed, true, relation);
      for (const role of ['coordinator', 'professional', 'social', 'steering'] as const) {
        const decision = decideAccess(facts({ role, relation }), merge);
        assert.equal(decision.allowed, false, `${role} ${relation}`);
      }
    }
    assert.equal(
      decideAccess(facts({ role: 'admin', relation: 'none', objected: true }), merge).allowed,
      false,
    );
    assert.equal(
      decideAccess(facts({ role: 'admin', relation: 'none', breakGlass: true }), merge).reason,
      'network staff merge duplicate records',
    );
    assert.equal(
      decideAccess(facts({ role: 'patient', relation: 'self' }), merge).allowed,
      false,
      'the person does not merge their own records',
    );
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), merge).reason,
      'only network staff merge duplicate records',
    );
  });

  it('lets the case manager and the coordination team steer the pathway, nobody else (decision 016)', () => {
    const steer: TAccessRequest = { action: 'steer', category: 'administrative' };
    const relations = ['case_manager', 'team_member', 'former_member', 'none'] as const;
    for (const relation of relations) {
      for (const role of ['admin', 'coordinator'] as const) {
        assert.equal(
          decideAccess(facts({ role, relation }), steer).allowed,
          true,
          `${role} ${relation}`,
        );
      }
      for (const role of ['professional', 'social'] as const) {
        const allowed = decideAccess(facts({ role, relation }), steer).allowed;
        assert.equal(allowed, relation === 'case_manager', `${role} ${relation}`);
      }
      assert.equal(decideAccess(facts({ role: 'steering', relation }), steer).allowed, false);
    }
    assert.equal(decideAccess(facts({ role: 'patient', relation: 'self' }), steer).allowed, false);
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'none', objected: true }), steer).allowed,
      false,
      'an objection holds against the coordination team too',
    );
    assert.equal(
      decideAccess(facts({ role: 'professional', relation: 'none', breakGlass: true }), steer)
        .allowed,
      false,
      'break-the-glass opens reads, not steering',
    );
  });

  it('lets only the coordination team go over a caseload cap (decision 016)', () => {
    assert.deepEqual(
      (['admin', 'coordinator', 'professional', 'social', 'patient', 'steering'] as const).map(
        mayForceCaseloadCap,
      ),
      [true, true, false, false, false, false],
    );
  });

  it('lets the case manager and network staff change the identity, not a team member (decision 011)', () => {
    const identity = write('identity');
    assert.equal(
      decideAccess(facts({ role: 'coordinator', relation: 'case_manager' }), identity).allowed,
      true,
    );
    assert.equal(decideAccess(facts({ role: 'admin', relation: 'none' }), identity).allowed, true);
    assert.equal(
      decideAccess(facts({ role: 'admin', relation: 'team_member' }), identity).allowed,
      true,
      'network staff in the team (they registered the person) still correct the identity',
    );
    for (const role of ['professional', 'social', 'coordinator'] as const) {
      const decision = decideAccess(facts({ role, relation: 'team_member' }), identity);
      assert.deepEqual(
        [decision.allowed, decision.reason],
        [false, 'only the case manager or network staff change the identity'],
        role,
      );
      assert.equal(
        decideAccess(facts({ role, relation: 'team_member' }), read('identity')).allowed,
        true,
      );
      assert.equal(
        decideAccess(facts({ role, relation: 'team_member' }), write('social')).allowed,
        true,
      );
    }
    assert.equal(
      decideAccess(facts({ role: 'professional', relation: 'none', breakGlass: true }), identity)
        .allowed,
      false,
    );
  });
});

describe("requests for support (demandes d'appui)", () => {
  const on = (overrides: Partial<TSupportRequestFacts>): TSupportRequestFacts => ({
    role: 'professional',
    isRequester: false,
    objected: false,
    ...overrides,
  });
  const ROLES: TRole[] = ['admin', 'coordinator', 'professional', 'social', 'patient', 'steering'];

  it('lets network members file a request about a new person, not a patient or steering', () => {
    for (const role of ROLES) {
      assert.equal(
        decideSupportRequestAccess(on({ role }), 'file_new').allowed,
        !['patient', 'steering'].includes(role),
        role,
      );
    }
  });

  it('lets the coordination team read and triage every request, and nobody else triage', () => {
    for (const role of ROLES) {
      const isTeam = role === 'admin' || role === 'coordinator';
      assert.equal(decideSupportRequestAccess(on({ role }), 'triage').allowed, isTeam, role);
      assert.equal(decideSupportRequestAccess(on({ role }), 'read').allowed, isTeam, role);
      // filing a request does not make its requester a triager
      assert.equal(
        decideSupportRequestAccess(on({ role, isRequester: true }), 'triage').allowed,
        isTeam,
        role,
      );
    }
  });

  it('lets the requester read their own request only', () => {
    for (const role of ['professional', 'social', 'patient'] as const) {
      assert.equal(
        decideSupportRequestAccess(on({ role, isRequester: true }), 'read').allowed,
        true,
      );
      assert.equal(decideSupportRequestAccess(on({ role }), 'read').allowed, false);
    }
    assert.equal(
      decideSupportRequestAccess(on({ role: 'steering', isRequester: true }), 'read').reason,
      'the requester follows their own request',
    );
  });

  it('keeps a request from a coordinator the person objects to', () => {
    const decision = decideSupportRequestAccess(
      on({ role: 'coordinator', objected: true }),
      'triage',
    );
    assert.deepEqual(
      [decision.allowed, decision.reason],
      [false, 'the person objects to sharing with this member'],
    );
    assert.equal(
      decideSupportRequestAccess(on({ role: 'admin', objected: true }), 'read').allowed,
      false,
    );
  });
});

describe('conversation about a person (decision 022)', () => {
  const decide = (overrides: Partial<TAccessFacts>) => decideConversationAccess(facts(overrides));

  it('lets the case manager and active team members in, whatever their clinical role', () => {
    assert.equal(decide({ role: 'coordinator', relation: 'case_manager' }).allowed, true);
    assert.equal(decide({ relation: 'team_member' }).allowed, true);
    assert.equal(decide({ role: 'social', relation: 'team_member' }).allowed, true);
  });

  it('keeps out former members, outsiders, network staff and break-the-glass', () => {
    assert.equal(
      decide({ relation: 'former_member' }).reason,
      'no longer a member of the care team',
    );
    assert.equal(decide({ relation: 'none' }).reason, 'not a member of the care team');
    assert.equal(decide({ role: 'admin', relation: 'none' }).allowed, false);
    assert.equal(decide({ relation: 'none', breakGlass: true }).allowed, false);
  });

  it('keeps out a member the person objects to, the person and steering', () => {
    assert.equal(
      decide({ relation: 'team_member', objected: true }).reason,
      'the person objects to sharing with this member',
    );
    assert.equal(decide({ role: 'patient', relation: 'self' }).allowed, false);
    assert.equal(decide({ role: 'steering', relation: 'team_member' }).allowed, false);
    assert.equal(mayUseMessages('patient'), false);
    assert.equal(mayUseMessages('social'), true);
  });
});
