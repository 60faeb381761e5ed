import { z } from 'zod';
import { communeProblems, isEmptyOrKnownName, ZCommuneCode } from '../communes/communes.rules.js';
import { REQUEST_STATES, URGENCIES } from './requests.states.js';

/** The difficulties checklist of a request for support (source document 002). */
export const DIFFICULTIES = [
  'health',
  'autonomy',
  'social_isolation',
  'housing',
  'rights_money',
  'caregiver_exhausted',
  'repeated_hospital_stays',
] as const;
/** Where a request comes from (the network reports this to its funders). */
export const SOURCES = [
  'community_professional',
  'hospital',
  'medico_social',
  'social_service',
  'person',
  'caregiver',
] as const;
export const CONSENT_HOW = ['oral', 'written', 'by_person'] as const;

export const ZDifficulty = z.enum(DIFFICULTIES);
export const ZSource = z.enum(SOURCES).describe('Where the request comes from');
export const ZUrgency = z
  .enum(URGENCIES)
  .describe('same_day: within a day; week: within 7 days; routine: within 30 days');
export const ZRequestState = z.enum(REQUEST_STATES);

/** Today in the network's time zone, as YYYY-MM-DD (a birth date cannot be later). */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** U+FFFD and the control characters but tab and line breaks. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const BROKEN_TEXT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;

/**
 * A name or a short text as typed by a person: no U+FFFD (a lone surrogate, replaced on arrival,
 * means a broken client: the text would be stored damaged) and no control characters.
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !BROKEN_TEXT.test(value), { error: 'request.broken_text' });
const requiredText = (max: number) => text(max).pipe(z.string().min(1));
const ZPhone = z
  .string()
  .trim()
  .max(30)
  .regex(/^\+?[0-9 .()-]{6,30}$/, { error: 'request.phone_format' });
const ZPastDate = z.iso
  .date()
  .refine((value) => value <= today(), { error: 'request.date_in_future' });

export const ZNewPerson = z
  .object({
    firstName: requiredText(100),
    lastName: requiredText(100),
    birthDate: ZPastDate.refine((value) => value >= '1900-01-01', {
      error: 'request.birth_date_too_old',
    }).optional(),
    commune: text(120)
      .refine(isEmptyOrKnownName, { error: 'commune.unknown_name' })
      .optional()
      .describe('Commune of residence, its name (stored as the reference spells it)'),
    communeInsee: ZCommuneCode.optional().describe(
      'Its INSEE code, as GET /api/communes gives it; the name must then be that commune’s',
    ),
    phone: ZPhone.optional(),
  })
  .strict()
  .superRefine((person, ctx) => {
    for (const problem of communeProblems(person)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .describe('A person the network does not follow yet');

export const ZConsent = z
  .object({
    how: z.enum(CONSENT_HOW).describe('oral, written, or given by the person themselves'),
    obtainedOn: ZPastDate.describe('When the person consented'),
    shareWithGp: z
      .boolean()
      .default(false)
      .describe('The person agrees that their GP receives a copy of the answer'),
  })
  .strict()
  .describe("The person's consent to the network's intervention (required)");

/** What every request says about the situation. */
const situation = {
  difficulties: z.array(ZDifficulty).max(DIFFICULTIES.length).default([]),
  difficultiesNote: text(4000).optional().describe('The situation in the requester’s words'),
  urgency: ZUrgency,
  alreadyInPlace: text(4000).optional().describe('Services and help already in place'),
  // Optional here so that its absence is a 422 naming the field (a business rule), not a 400.
  consent: ZConsent.optional(),
};

/** A request from a logged-in member: about a followed person (personId) or a new one. */
export const ZFileRequest = z
  .object({
    personId: z.uuid().optional().describe('A followed person the requester may read'),
    newPerson: ZNewPerson.optional(),
    source: ZSource,
    relation: text(120).optional().describe('The requester’s relation to the person'),
    ...situation,
  })
  .strict();

export const ZHumanCheck = z
  .object({ token: z.string().max(300), answer: z.string().trim().max(20) })
  .strict()
  .describe('The answer to the question of GET /api/public/requests/challenge');

/** A request from the public form: the person themselves or a caregiver, no login. */
export const ZPublicRequest = z
  .object({
    person: ZNewPerson,
    requester: z
      .object({
        name: requiredText(200),
        relation: z.enum(['self', 'caregiver']),
        phone: ZPhone.optional(),
        email: z.email().max(254).optional(),
      })
      .strict(),
    ...situation,
    humanCheck: ZHumanCheck,
  })
  .strict();

export const ZFiledRequest = z.object({
  id: z.uuid(),
  reference: z.string().describe('Human-readable reference given to the sender, DA-2026-000123'),
  state: ZRequestState,
  receivedAt: z.iso.datetime(),
});
export const ZPublicFiledRequest = z.object({
  reference: z.string(),
  receivedAt: z.iso.datetime(),
});

export const ZChallenge = z.object({
  question: z.string(),
  token: z.string(),
  expiresAt: z.iso.datetime(),
});

export const ZRequestId = z.object({ requestId: z.uuid() });

const ZPersonAsNamed = z.object({
  id: z.uuid().nullable().describe('The followed person; null for a person new to the network'),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.iso.date().nullable(),
  commune: z.string().nullable(),
});

/** What the triage queue shows of a request. */
export const ZRequestSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  channel: z.enum(['member', 'public']),
  state: ZRequestState,
  urgency: ZUrgency,
  source: ZSource,
  difficulties: z.array(ZDifficulty),
  person: ZPersonAsNamed,
  requesterName: z.string(),
  receivedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  /** Minutes from receipt to the first answer (null while unanswered). */
  firstAnswerMinutes: z.number().int().nullable(),
  /** Waiting (or answered) longer than its urgency allows. */
  pastDelay: z.boolean(),
  /** When the answer is owed. */
  dueAt: z.iso.datetime(),
});

export const ZRequestDetail = ZRequestSummary.extend({
  person: ZPersonAsNamed.extend({ phone: z.string().nullable() }),
  requester: z.object({
    userId: z.uuid().nullable(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    relation: z.string().nullable(),
  }),
  difficultiesNote: z.string().nullable(),
  alreadyInPlace: z.string().nullable(),
  consent: z.object({
    how: z.enum(CONSENT_HOW),
    obtainedOn: z.iso.date(),
    shareWithGp: z.boolean(),
  }),
  answerNote: z.string().nullable(),
  referral: z
    .object({ referralId: z.uuid(), serviceId: z.uuid(), serviceName: z.string() })
    .nullable()
    .describe('The closed-loop referral a redirection became (decision 023)'),
  pathway: z
    .object({
      id: z.uuid(),
      state: z.string(),
      assessor: z.object({ memberId: z.uuid(), firstName: z.string(), lastName: z.string() }),
    })
    .nullable(),
});

/** What a requester sees of their own request: its state and answer, not the person's record. */
export const ZMyRequest = z.object({
  id: z.uuid(),
  reference: z.string(),
  state: ZRequestState,
  urgency: ZUrgency,
  personName: z.string().describe('The person as the requester named them'),
  receivedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
  firstAnswerMinutes: z.number().int().nullable(),
  answerNote: z.string().nullable().describe('The reason of a decline, or the redirection note'),
  serviceName: z.string().nullable().describe('The service the request was redirected to'),
});

export const ZQueueQuery = z.object({
  view: z
    .enum(['open', 'answered'])
    .default('open')
    .describe('open: waiting for an answer, most urgent first; answered: the last 100 answered'),
});

export const ZAcceptRequest = z
  .object({
    assessorMemberId: z.uuid().describe('The member who assesses the person'),
    personId: z
      .uuid()
      .optional()
      .describe('For a new person: the followed person chosen among the duplicate candidates'),
    confirmNotDuplicate: z
      .boolean()
      .default(false)
      .describe('For a new person: register them even though the duplicate check found candidates'),
  })
  .strict();

/** The 409 of an accept whose new person may already be followed: what the coordinator may see. */
export const ZDuplicateCandidate = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthName: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  commune: z.string().nullable(),
  match: z.enum(['same_name', 'other_name', 'swapped_names', 'close_spelling']),
});
export const ZRedirectRequest = z
  .object({ serviceId: z.uuid(), note: text(2000).optional() })
  .strict();
export const ZDeclineRequest = z
  .object({
    reason: text(2000)
      .pipe(z.string().min(10))
      .describe('Why the network declines; sent to the requester'),
  })
  .strict();

export const ZAssessor = z.object({
  memberId: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.string(),
});

export type TFileRequest = z.output<typeof ZFileRequest>;
export type TPublicRequest = z.output<typeof ZPublicRequest>;
export type TDuplicateCandidate = z.output<typeof ZDuplicateCandidate>;
