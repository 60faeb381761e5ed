import { z } from 'zod';
import { CARE_TEAM_ROLE_CODES } from './care-team.roles.js';
import { ZPersonIdentity } from './person-identity.schemas.js';

export const ZCareTeamRole = z
  .enum(CARE_TEAM_ROLE_CODES)
  .describe("The member's role for this person (decision 018)");

export const ZPersonId = z.object({ personId: z.uuid() });
export const ZPersonMemberIds = z.object({ personId: z.uuid(), memberId: z.uuid() });
export const ZRelation = z
  .enum(['self', 'case_manager', 'team_member', 'break_glass'])
  .describe('Why the user sees this person');

export const ZPersonSummary = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.iso.date().nullable(),
  commune: z.string().nullable(),
  relation: ZRelation,
});

export const ZCareTeamMember = z.object({
  memberId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
  role: ZCareTeamRole,
  roleTitle: z.string().nullable(),
  medicalAccess: z.boolean(),
  since: z.iso.datetime(),
});

/** One membership of the care team, current or ended (the team's history). */
export const ZCareTeamMembership = ZCareTeamMember.extend({
  membershipId: z.uuid(),
  until: z.iso.datetime().nullable(),
  active: z.boolean().describe('The membership gives access now'),
});

export const ZPersonDetail = ZPersonSummary.extend({
  caseManager: z
    .object({ memberId: z.uuid(), firstName: z.string(), lastName: z.string() })
    .nullable(),
  careTeam: z.array(ZCareTeamMember),
  objections: z.array(
    z.object({
      memberId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      reason: z.string().nullable(),
      createdAt: z.iso.datetime(),
    }),
  ),
  can: z
    .object({
      readPlan: z.boolean().describe('The coordination plan opens for this reader'),
      readLevel: z.boolean().describe('The integration level and assessments open for this reader'),
      readMedical: z
        .boolean()
        .describe('Medical items (the palliative-care flag) open for this reader (decision 027)'),
      writeMedical: z.boolean().describe('This reader may set the medical items'),
    })
    .describe("What else of the person's record this reader may open (the guard's decision)"),
}).extend(ZPersonIdentity.shape);

export const ZBreakGlassRequest = z.object({
  reason: z
    .string()
    .trim()
    .min(15)
    .max(1000)
    .describe('Why emergency access is needed; recorded and shown to the person and network staff'),
});
export const ZBreakGlassResponse = z.object({ expiresAt: z.iso.datetime() });

export const ZAddCareTeamMemberRequest = z
  .object({
    memberId: z.uuid(),
    role: ZCareTeamRole.default('other'),
    since: z.iso
      .date()
      .optional()
      .describe('The day the member started (today when absent; never in the future)'),
    roleTitle: z.string().trim().max(120).optional(),
    medicalAccess: z
      .boolean()
      .default(false)
      .describe('Lets a social or home-care member see medical entries'),
  })
  .strict();

export const ZPlanCareTeamEndRequest = z
  .object({
    until: z.iso
      .date()
      .nullable()
      .describe(
        'The last day the member keeps access (after today); null withdraws a planned end. To end today, DELETE the membership',
      ),
  })
  .strict();

/** The palliative-care flag (decision 020, edited on its own: decision 027). */
export const ZPalliativeCare = z
  .object({
    palliativeCare: z
      .boolean()
      .nullable()
      .describe('In palliative care; null: not recorded (printed on the emergency sheet)'),
  })
  .strict();

export const ZObjectionRequest = z
  .object({ memberId: z.uuid(), reason: z.string().trim().max(1000).optional() })
  .strict();

export const ZAuditRow = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable().describe('Who: the display name of the account'),
  actorRole: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
  breakGlass: z.string().nullable(),
});
export const ZAuditQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Rows older than this sequence number'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A break-the-glass search: the person's birth name or used name and birth date, both exact. */
export const ZBreakGlassSearchRequest = z
  .object({
    lastName: z.string().trim().min(2).max(100).describe('Birth name or used name, exact'),
    birthDate: z.iso.date().describe('Exact birth date'),
  })
  .strict();

/** A person the searcher may open emergency access to: the least that tells them apart. */
export const ZBreakGlassCandidate = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.iso.date().nullable(),
  commune: z.string().nullable(),
});
