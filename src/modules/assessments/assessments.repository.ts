import { aliasedTable, and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { assessmentAnswers, assessments, users } from '../../db/schema/index.js';
import type { TAnswerValue } from './instruments/instrument.types.js';

/** The row proposed for insertion, in an upsert's update. */
const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

const starter = aliasedTable(users, 'starter');
const completer = aliasedTable(users, 'completer');

const assessmentColumns = {
  id: assessments.id,
  personId: assessments.personId,
  instrumentId: assessments.instrumentId,
  instrumentVersion: assessments.instrumentVersion,
  state: assessments.state,
  startedBy: starter.displayName,
  startedAt: assessments.startedAt,
  completedBy: completer.displayName,
  completedAt: assessments.completedAt,
  result: assessments.result,
};
export type TAssessmentRow = {
  id: string;
  personId: string;
  instrumentId: string;
  instrumentVersion: number;
  state: 'draft' | 'completed' | 'superseded';
  startedBy: string;
  startedAt: Date;
  completedBy: string | null;
  completedAt: Date | null;
  result: unknown;
};

/** A person's assessments, newest first (or one of them). */
export async function findAssessments(
  tx: TDb,
  personId: string,
  assessmentId?: string,
): Promise<TAssessmentRow[]> {
  return tx
    .select(assessmentColumns)
    .from(assessments)
    .innerJoin(starter, eq(starter.id, assessments.startedBy))
    .leftJoin(completer, eq(completer.id, assessments.completedBy))
    .where(
      and(
        eq(assessments.personId, personId),
        assessmentId ? eq(assessments.id, assessmentId) : undefined,
      ),
    )
    .orderBy(desc(assessments.startedAt), desc(assessments.id));
}

/** Locks one assessment of this person for a change (answers, completion). */
export async function lockAssessment(tx: TDb, personId: string, assessmentId: string) {
  const [row] = await tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.personId, personId)))
    .for('update');
  return row;
}

export async function insertAssessment(
  tx: TDb,
  values: { personId: string; instrumentId: string; instrumentVersion: number; startedBy: string },
) {
  const [row] = await tx
    .insert(assessments)
    .values({ ...values, state: 'draft' })
    .onConflictDoNothing()
    .returning({ id: assessments.id });
  return row;
}

export async function findAnswers(tx: TDb, assessmentId: string) {
  return tx
    .select({
      itemId: assessmentAnswers.itemId,
      value: assessmentAnswers.value,
      answeredBy: users.displayName,
      answeredAt: assessmentAnswers.answeredAt,
    })
    .from(assessmentAnswers)
    .innerJoin(users, eq(users.id, assessmentAnswers.answeredBy))
    .where(eq(assessmentAnswers.assessmentId, assessmentId));
}

/** Sets (or, for null, clears) answers of a draft, each with who and when. */
export async function saveAnswers(
  tx: TDb,
  assessmentId: string,
  answers: [itemId: string, value: TAnswerValue | null][],
  userId: string,
) {
  const cleared = answers.filter(([, value]) => value === null).map(([itemId]) => itemId);
  if (cleared.length) {
    await tx
      .delete(assessmentAnswers)
      .where(
        and(
          eq(assessmentAnswers.assessmentId, assessmentId),
          inArray(assessmentAnswers.itemId, cleared),
        ),
      );
  }
  const set = answers.flatMap(([itemId, value]) =>
    value === null
      ? []
      : [{ assessmentId, itemId, value, answeredBy: userId, answeredAt: new Date() }],
  );
  if (set.length) {
    await tx
      .insert(assessmentAnswers)
      .values(set)
      .onConflictDoUpdate({
        target: [assessmentAnswers.assessmentId, assessmentAnswers.itemId],
        set: {
          value: sqlExcluded('value'),
          answeredBy: sqlExcluded('answered_by'),
          answeredAt: sqlExcluded('answered_at'),
        },
      });
  }
}

/** Completes a draft with its result and supersedes the previous completed one of the instrument. */
export async function completeAssessment(
  tx: TDb,
  row: { id: string; personId: string; instrumentId: string },
  values: { result: unknown; userId: string },
) {
  await tx
    .update(assessments)
    .set({ state: 'superseded', supersededBy: row.id })
    .where(
      and(
        eq(assessments.personId, row.personId),
        eq(assessments.instrumentId, row.instrumentId),
        eq(assessments.state, 'completed'),
      ),
    );
  await tx
    .update(assessments)
    .set({
      state: 'completed',
      result: values.result,
      completedBy: values.userId,
      completedAt: new Date(),
    })
    .where(eq(assessments.id, row.id));
}

/** The latest completed assessment of each instrument for this person. */
export async function findLatestCompleted(tx: TDb, personId: string) {
  return tx
    .select({
      id: assessments.id,
      instrumentId: assessments.instrumentId,
      completedAt: assessments.completedAt,
      result: assessments.result,
    })
    .from(assessments)
    .where(and(eq(assessments.personId, personId), eq(assessments.state, 'completed')));
}
