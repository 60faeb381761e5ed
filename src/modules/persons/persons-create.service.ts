import type { z } from 'zod';
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import {
  ensureCareTeamMember,
  findMemberName,
  insertPerson,
  type TContactValues,
} from './person-identity.repository.js';
import { canonicalCommune } from '../communes/communes.rules.js';
import { identityProblems, todayIn, type TFieldProblem } from './person-identity.rules.js';
import type { ZContactInput, ZCreatePersonRequest } from './person-identity.schemas.js';
import { findDuplicates } from './persons-duplicates.js';

export type TCreatePersonInput = z.output<typeof ZCreatePersonRequest>;

/** Throws one 422 naming every field that breaks an identity rule (nothing is stored). */
export function throwIfProblems(problems: TFieldProblem[]): void {
  const [first] = problems;
  if (first) throw new AppError('unprocessable', first.message, {}, { fields: problems });
}

/** The rules plus the GP's existence in the directory: the problems of an identity to store. */
export async function identityProblemsIn(
  ctx: TContext,
  tx: TDb,
  facts: Parameters<typeof identityProblems>[0] & { gpMemberId?: string | null | undefined },
): Promise<TFieldProblem[]> {
  const problems = identityProblems(facts, todayIn(ctx.config.timeZone));
  if (facts.gpMemberId && !(await findMemberName(tx, facts.gpMemberId))) {
    problems.push({ field: 'gpMemberId', message: 'person.member_not_found' });
  }
  return problems;
}

/** Contacts as stored: empty texts become null. */
export function contactValues(contacts: z.output<typeof ZContactInput>[]): TContactValues[] {
  return contacts.map((c) => ({
    kind: c.kind,
    name: c.name,
    relation: c.relation || null,
    phone: c.phone || null,
    email: c.email || null,
  }));
}

/** The person's columns from a creation body (used name defaults to the birth name). */
function personValues(input: TCreatePersonInput) {
  const text = (value: string | null | undefined) => value || null;
  return {
    ...canonicalCommune(input),
    birthName: input.birthName,
    lastName: input.lastName || input.birthName,
    firstName: input.firstName,
    firstNames: text(input.firstNames) ?? input.firstName,
    sex: input.sex ?? null,
    birthDate: input.birthDate,
    birthPlaceInsee: text(input.birthPlaceInsee),
    birthPlaceName: text(input.birthPlaceName),
    birthCountry: text(input.birthCountry),
    address: text(input.address),
    postalCode: text(input.postalCode),
    phone: text(input.phone),
    email: text(input.email),
    preferredLanguage: input.preferredLanguage ?? null,
    insMatricule: text(input.insMatricule),
    insOid: input.insMatricule ? (input.insOid ?? '1.2.250.1.213.1.4.8') : null,
    identityStatus: input.identityStatus ?? 'provisoire',
    identityDocument: input.identityDocument ?? null,
    gpMemberId: input.gpMemberId ?? null,
  };
}

/**
 * Creates a person inside the caller's transaction, for a caller that has already run the
 * duplicate check (findDuplicates) and had the user decide — the triage of a request for support
 * does. The creator becomes related so they can read the record: its case manager when a
 * coordinator creates it (or `caseManagerId` when the caller names one), otherwise a member of its
 * care team. The guard then confirms the creator reads it, and audits the creation (person.create).
 */
export async function createPersonIn(
  ctx: TContext,
  tx: TDb,
  input: TCreatePersonInput,
  options: { caseManagerId?: string | null } = {},
): Promise<{ id: string; version: number }> {
  const values = personValues(input);
  throwIfProblems(
    await identityProblemsIn(ctx, tx, { ...values, contacts: input.contacts, residence: input }),
  );
  const memberId = ctx.actor.memberId;
  const caseManagerId =
    options.caseManagerId !== undefined
      ? options.caseManagerId
      : ctx.actor.role === 'coordinator'
        ? memberId
        : null;
  const person = await insertPerson(
    tx,
    { ...values, caseManagerId },
    contactValues(input.contacts ?? []),
  );
  if (memberId && caseManagerId !== memberId) {
    await ensureCareTeamMember(tx, person.id, memberId, null);
  }
  await requirePersonAccess(ctx, tx, {
    personId: person.id,
    action: 'read',
    category: 'identity',
    auditAction: 'person.create',
    resourceType: 'person',
    details: {
      identityStatus: values.identityStatus,
      confirmedNotDuplicate: input.confirmNotDuplicate,
    },
  });
  return { id: person.id, version: person.version };
}

/**
 * POST /api/persons: the duplicate check first (committed and audited on its own, so a refusal
 * keeps its trace); with candidates — visible or not — the creation needs confirmNotDuplicate.
 */
export async function createPerson(ctx: TContext, input: TCreatePersonInput) {
  if (!input.confirmNotDuplicate) {
    const found = await withTransaction(ctx.db, (tx) => findDuplicates(ctx, tx, input));
    if (found.candidates.length > 0 || found.followedElsewhere) {
      throw new AppError(
        'conflict',
        'identity.possible_duplicate',
        {},
        { fields: [{ field: 'confirmNotDuplicate', message: 'identity.possible_duplicate' }] },
      );
    }
  }
  return withTransaction(ctx.db, (tx) => createPersonIn(ctx, tx, input));
}
