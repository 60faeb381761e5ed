/** The shape of a plan's content this merge needs (the server's ZPlanContent fits it). */
type TPlanLike = {
  needs: readonly { id: string }[];
  goals: readonly { id: string }[];
  actions: readonly { id: string }[];
};

type TItem = { id: string };
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One item re-applied: each field I changed from the base wins, the others keep theirs. */
function mergeItem<T extends TItem>(base: T, mine: T, theirs: T): T {
  const merged: Record<string, unknown> = { ...theirs };
  for (const key of Object.keys(mine)) {
    const field = key as keyof T;
    if (!same(mine[field], base[field])) merged[key] = mine[field];
  }
  return merged as T;
}

/** A list re-applied by id: my additions appended, my removals removed, my changes field by field. */
function mergeList<T extends TItem>(base: readonly T[], mine: readonly T[], theirs: readonly T[]) {
  const baseById = new Map(base.map((item) => [item.id, item]));
  const mineById = new Map(mine.map((item) => [item.id, item]));
  const result: T[] = [];
  for (const item of theirs) {
    const before = baseById.get(item.id);
    const edited = mineById.get(item.id);
    if (before && !edited) continue; // I removed it
    result.push(before && edited ? mergeItem(before, edited, item) : item);
  }
  const theirIds = new Set(theirs.map((item) => item.id));
  for (const item of mine) {
    if (!baseById.has(item.id) && !theirIds.has(item.id)) result.push(item); // I added it
  }
  return result;
}

/**
 * My edits (from `base` to `mine`) re-applied on the version someone saved meanwhile (`theirs`):
 * the editor shows the result for a check before saving it on the new version.
 */
export function reapplyEdits<T extends TPlanLike>(base: T, mine: T, theirs: T): T {
  const withId = (value: T) => ({ ...value, id: '' });
  const fields: Record<string, unknown> = mergeItem(withId(base), withId(mine), withId(theirs));
  delete fields.id;
  return {
    ...fields,
    needs: mergeList(base.needs, mine.needs, theirs.needs),
    goals: mergeList(base.goals, mine.goals, theirs.goals),
    actions: mergeList(base.actions, mine.actions, theirs.actions),
  } as unknown as T;
}
