import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { auditAppendDuration } from '../metrics/metrics.js';
import type { TDb } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { runStatement, statement } from '../../db/statements.js';
import { normaliseText } from '../../server/text.js';

/** What a caller says about an event; sequence, time and hashes are added here. */
export type TAuditEntry = {
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  outcome: 'allowed' | 'denied' | 'success' | 'failure';
  reason?: string | null;
  breakGlass?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown> | null;
};

type TDraft = { entry: TAuditEntry; at: Date };

/** Audit rows held back in each transaction that defers them, written just before it commits. */
const deferred = new WeakMap<object, TDraft[]>();

/**
 * Appends one row to the chain inside the caller's transaction — at once, or at the end of the
 * transaction when it defers its audit (withDeferredAudit): either way the row commits or rolls
 * back with the transaction's other writes.
 */
export function appendAudit(tx: TDb, entry: TAuditEntry): Promise<void> {
  const draft = { entry, at: new Date() };
  const pending = deferred.get(tx);
  if (!pending) return writeAuditRows(tx, [draft]);
  // Held back: no promise of its own to build (a caseload appends forty in a row).
  pending.push(draft);
  return HELD_BACK;
}

const HELD_BACK: Promise<void> = Promise.resolve();

/**
 * Appends rows outside any transaction the caller holds, in one statement (atomic on its own):
 * all of them commit, or none.
 */
export function appendAuditRows(db: TDb, entries: readonly TAuditEntry[]): Promise<void> {
  const at = new Date();
  return writeAuditRows(
    db,
    entries.map((entry) => ({ entry, at })),
  );
}

/**
 * Runs fn, holding back the audit rows it appends on tx, then writes them all at once, just before
 * the transaction commits: a list of N people costs one insert instead of N.
 */
export async function withDeferredAudit<T>(
  tx: TDb,
  fn: () => Promise<T>,
  options: {
    /**
     * An autocommit read's rows (withAuditedRead): written in an insert shared with the other
     * reads of this database handle that finish meanwhile (writeGroupedAuditRows).
     */
    groupedOn?: TDb;
  } = {},
): Promise<T> {
  const pending: TDraft[] = [];
  deferred.set(tx, pending);
  let result: T;
  try {
    result = await fn();
  } finally {
    deferred.delete(tx);
  }
  await (options.groupedOn
    ? writeGroupedAuditRows(options.groupedOn, pending)
    : writeAuditRows(tx, pending));
  return result;
}

/** The audit rows of autocommit reads waiting for an insert, per database handle. */
type TAuditGroup = {
  inFlight: boolean;
  waiting: { drafts: TDraft[]; settle: (failure: Error | null) => void }[];
};
const groups = new WeakMap<object, TAuditGroup>();
/** Reads whose rows one shared insert carries at most (a caseload read brings about forty). */
const READS_PER_INSERT = 64;

/**
 * Writes the rows of an autocommit read (decision 053): at once when no other read's insert is on
 * its way on this database handle; else they wait and go with the rows of every read that
 * finished meanwhile, in the next insert — one statement and one commit for many reads under
 * load, no wait when idle. Resolves once the insert holding them has committed. If a shared
 * insert fails, each of its reads' rows are written again on their own: a read fails (and answers
 * nothing) only when its own rows cannot be written.
 */
function writeGroupedAuditRows(db: TDb, drafts: TDraft[]): Promise<void> {
  if (drafts.length === 0) return Promise.resolve();
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { inFlight: false, waiting: [] }));
  const waitingIn = group;
  return new Promise<void>((resolve, reject) => {
    waitingIn.waiting.push({
      drafts,
      settle: (failure) => (failure ? reject(failure) : resolve()),
    });
    if (!waitingIn.inFlight) sendAuditGroup(db, waitingIn);
  });
}

function sendAuditGroup(db: TDb, group: TAuditGroup): void {
  const reads = group.waiting.splice(0, READS_PER_INSERT);
  group.inFlight = true;
  const failureOf = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
  writeAuditRows(
    db,
    reads.flatMap((read) => read.drafts),
  )
    .then(
      () => reads.forEach((read) => read.settle(null)),
      // A shared insert that failed: each read's rows again on their own, so that one read's
      // failure (a row refused) is not the others'.
      async (error: unknown) => {
        if (reads.length === 1) return reads[0]!.settle(failureOf(error));
        await Promise.all(
          reads.map((read) =>
            writeAuditRows(db, read.drafts).then(
              () => read.settle(null),
              (own: unknown) => read.settle(failureOf(own)),
            ),
          ),
        );
      },
    )
    .finally(() => {
      group.inFlight = false;
      if (group.waiting.length) sendAuditGroup(db, group);
    });
}

/**
 * Printable ASCII: already well-formed and NFC, with no NUL — stored exactly as given, so the
 * normalisation below is skipped (nearly every audit value: ids, roles, actions, reasons).
 */
const PLAIN = /^[\x20-\x7e]*$/;

/** NUL cannot be stored in text or jsonb; in an audit row it is kept visible as U+FFFD. */
const storable = (text: string) =>
  PLAIN.test(text) ? text : normaliseText(text).replaceAll('\u0000', '\uFFFD');
const storableOrNull = (text: string | null | undefined) =>
  text === null || text === undefined ? null : storable(text);
/** PostgreSQL's uuid type gives back lower case whatever it was given. */
const uuidOrNull = (id: string | null | undefined) => (id ? id.toLowerCase() : null);

/** The stored form of any JSON value: what jsonb gives back, strings normalised as above. */
function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storable(key), storableJson(item)]),
    );
  }
  return value;
}

/**
 * The JSON text of an entry's details as jsonb stores them (dates as ISO strings, undefined
 * dropped, NaN as null, strings normalised as above). Text with only printable ASCII and no
 * `\u` escape (a control character, NUL or lone surrogate is written as one) holds nothing
 * to normalise: it is that form already, and is used as it is.
 */
function storedDetails(details: TAuditEntry['details']): string | null {
  if (details === null || details === undefined) return null;
  const json = JSON.stringify(details);
  if (PLAIN.test(json) && !json.includes('\\u')) return json;
  return JSON.stringify(storableJson(JSON.parse(json)));
}

/**
 * The entry in a form the database stores as given: text well-formed and NFC (a lone surrogate
 * would be written as U+FFFD by the driver), NUL made visible (text and jsonb cannot hold it),
 * uuids in lower case, details as jsonb's JSON text (storedDetails). The sealer hashes rows as
 * read back from the database, so what is hashed is what is stored; the request hook normalises
 * input already, this is the defence in depth for text that reaches the log another way.
 */
function storedForm(entry: TAuditEntry): TStoredEntry {
  return {
    actorUserId: uuidOrNull(entry.actorUserId),
    actorRole: storableOrNull(entry.actorRole),
    action: storable(entry.action),
    resourceType: storable(entry.resourceType),
    resourceId: storableOrNull(entry.resourceId),
    personId: uuidOrNull(entry.personId),
    outcome: entry.outcome,
    reason: storableOrNull(entry.reason),
    breakGlass: storableOrNull(entry.breakGlass),
    requestId: storableOrNull(entry.requestId),
    details: storedDetails(entry.details),
  };
}

type TStoredEntry = { [K in keyof Omit<TAuditEntry, 'details'>]-?: string | null } & {
  details: string | null;
};

/**
 * One prepared statement whatever the number of rows (a caseload of 40 audits 40 reads): each
 * column comes as one array literal, unnested into rows (src/db/statements.ts).
 */
const APPEND_AUDIT_ROWS = statement(
  'append_audit_rows',
  `INSERT INTO audit_log (at, actor_user_id, actor_role, action, resource_type, resource_id,
                         person_id, outcome, reason, break_glass, request_id, details)
   SELECT * FROM unnest($1::timestamptz[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                        $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[],
                        $12::jsonb[])`,
);

/**
 * The same for one row — a person read, nearly every audited write — with its values as they are:
 * PostgreSQL then parses no array literals and runs no unnest (about 0.1 ms of its processor time
 * less per audited request, decision 047). The stored row is the same.
 */
const APPEND_AUDIT_ROW = statement(
  'append_audit_row',
  `INSERT INTO audit_log (at, actor_user_id, actor_role, action, resource_type, resource_id,
                         person_id, outcome, reason, break_glass, request_id, details)
   VALUES ($1::timestamptz, $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::uuid, $8::text,
           $9::text, $10::text, $11::text, $12::jsonb)`,
);

const QUOTED = /[\\"]/;

/** A PostgreSQL array literal of text values (NULL for null), quoted so any text survives. */
function arrayLiteral(values: readonly (string | null)[]): string {
  const items = values.map((value) =>
    value === null
      ? 'NULL'
      : QUOTED.test(value)
        ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
        : `"${value}"`,
  );
  return `{${items.join(',')}}`;
}

/**
 * Writes the rows, unsealed, in one statement: no lock, nothing read first, so audited
 * transactions run side by side. The sealer (audit.seal.ts) places them in the chain once they
 * have committed; a transaction that rolls back takes its rows with it.
 */
async function writeAuditRows(tx: TDb, drafts: TDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  const stopTimer = auditAppendDuration.startTimer();
  if (drafts.length === 1) {
    const [{ entry, at }] = drafts as [TDraft];
    const e = storedForm(entry);
    await runStatement(tx, APPEND_AUDIT_ROW, [
      at.toISOString(),
      e.actorUserId,
      e.actorRole,
      e.action,
      e.resourceType,
      e.resourceId,
      e.personId,
      e.outcome,
      e.reason,
      e.breakGlass,
      e.requestId,
      e.details,
    ]);
    stopTimer();
    return;
  }
  const entries = drafts.map(({ entry }) => storedForm(entry));
  const column = (pick: (entry: TStoredEntry) => string | null) => arrayLiteral(entries.map(pick));
  await runStatement(tx, APPEND_AUDIT_ROWS, [
    arrayLiteral(drafts.map(({ at }) => at.toISOString())),
    column((e) => e.actorUserId),
    column((e) => e.actorRole),
    column((e) => e.action),
    column((e) => e.resourceType),
    column((e) => e.resourceId),
    column((e) => e.personId),
    column((e) => e.outcome),
    column((e) => e.reason),
    column((e) => e.breakGlass),
    column((e) => e.requestId),
    column((e) => e.details),
  ]);
  stopTimer();
}

/**
 * The rows of the list reads that listed a person (decision 056), in the expression and predicate
 * of their index (audit_log_listed_idx, migration 0046), so that the planner uses it.
 */
export const listedAbout = (personId: string): SQL =>
  sql`${auditLog.details} ? 'listed' AND jsonb_path_query_array(${auditLog.details}, '$.listed[*].personId') @> ${JSON.stringify([personId.toLowerCase()])}::jsonb`;

/**
 * A person's audit rows, newest first, keyset-paginated by sequence number: the rows about them
 * (person_id) and the rows of the list reads that listed them (decision 056: one row per list,
 * each person's decision in `details.listed`, found through audit_log_listed_idx). Two indexed
 * reads, each of at most `limit` rows, merged. By person only: the actor has no index
 * (decision 047); a read by actor would add one back in its own migration.
 */
export async function listAuditRowsOf(
  db: TDb,
  filter: { personId: string; beforeSeq?: number | undefined; limit: number },
) {
  const personId = filter.personId.toLowerCase();
  const before = filter.beforeSeq ? lt(auditLog.seq, filter.beforeSeq) : undefined;
  const newest = (condition: SQL) =>
    db
      .select()
      .from(auditLog)
      .where(and(condition, before))
      .orderBy(desc(auditLog.seq))
      .limit(filter.limit);
  const about = await newest(eq(auditLog.personId, personId));
  const listing = await newest(listedAbout(personId));
  return [...about, ...listing].sort((a, b) => b.seq - a.seq).slice(0, filter.limit);
}
