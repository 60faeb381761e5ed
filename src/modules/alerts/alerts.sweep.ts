/**
 * Keeps the alerts current (decision 024): the person rules are recomputed for one person in the
 * transaction of a write that matters (a stay recorded), and every rule for everyone by a
 * periodic sweep. Safe on several instances on one PostgreSQL: only one sweep runs at a time
 * (the others skip, by a try-lock), and a sweep waits for the person recomputes in flight (they
 * hold the same advisory lock shared), so neither clears what the other has just raised; a
 * standing alert is unique by (kind, source) in the database, so a race raises it once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { TDb } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { describeForLog } from '../../server/errors.handler.js';
import { withTransaction } from '../../server/transaction.js';
import { getLevelSettings } from '../assessments/level-settings.repository.js';
import { getCaseloadCap } from '../pathway/caseload.repository.js';
import { getNoContactDays } from './alert-settings.js';
import {
  ALERT_KINDS,
  ALERT_RULES,
  type TAlertCandidate,
  type TAlertKind,
  type TAlertRule,
  type TRuleInput,
} from './alert-rules.js';

/** Advisory lock keys: the alerts' writers (shared by person recomputes) and the one sweep. */
const ALERTS_LOCK = 7_428_024;
const SWEEP_LOCK = 7_428_025;

const LOCK_SHARED = statement(
  'alerts_lock_shared',
  'SELECT pg_advisory_xact_lock_shared($1::bigint)::text AS ok',
);
const LOCK_ALL = statement(
  'alerts_lock_all',
  'SELECT pg_advisory_xact_lock($1::bigint)::text AS ok',
);
const TRY_SWEEP_LOCK = statement(
  'alerts_sweep_try_lock',
  'SELECT pg_try_advisory_xact_lock($1::bigint) AS ok',
);

export type TSweepReport = { skipped: boolean; raised: number; cleared: number; updated: number };

const STANDING = statement(
  'alerts_standing',
  `SELECT id, source_table, source_id, owner_user_id, due_at, data
     FROM alerts
    WHERE kind = $1 AND state IN ('open', 'acknowledged')
      AND ($2::uuid IS NULL OR person_id = $2::uuid)`,
);

const CLEAR = statement(
  'alerts_clear',
  `UPDATE alerts SET state = 'cleared', cleared_at = $2::timestamptz
    WHERE id = ANY($1::uuid[]) AND state IN ('open', 'acknowledged')`,
);

const REFRESH = statement(
  'alerts_refresh',
  `UPDATE alerts SET owner_user_id = $2::uuid, due_at = $3::timestamptz, data = $4::jsonb
    WHERE id = $1::uuid`,
);

/**
 * Raises the new candidates in one statement: not when a standing alert holds the slot (the
 * partial unique index, also against a concurrent writer) nor when this occurrence was resolved.
 */
const RAISE = statement(
  'alerts_raise',
  `INSERT INTO alerts (person_id, kind, owner_user_id, source_table, source_id, episode,
                       raised_at, due_at, state, data)
   SELECT c.person_id, $1, c.owner_user_id, c.source_table, c.source_id, c.episode,
          $2::timestamptz, c.due_at, 'open', c.data::jsonb
     FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                 $9::text[])
          AS c(person_id, owner_user_id, source_table, source_id, episode, due_at, data)
    WHERE NOT EXISTS (SELECT 1 FROM alerts a
                       WHERE a.kind = $1 AND a.source_table = c.source_table
                         AND a.source_id = c.source_id AND a.episode = c.episode
                         AND a.state = 'resolved')
   ON CONFLICT DO NOTHING
   RETURNING id`,
);

type TStandingRow = {
  id: string;
  source_table: string;
  source_id: string;
  owner_user_id: string | null;
  due_at: Date | null;
  data: Record<string, unknown>;
};

const keyOf = (table: string, id: string) => `${table}\u0000${id}`;
/** JSON with sorted keys: jsonb hands keys back in its own order. */
const stable = (value: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));
const sameTime = (a: Date | null, b: Date | null) =>
  (a === null ? null : new Date(a).getTime()) === (b === null ? null : b.getTime());

/** Applies one rule's candidates: clears, refreshes and raises; returns the counts. */
async function applyRule(
  tx: TDb,
  kind: TAlertKind,
  candidates: TAlertCandidate[],
  personId: string | null,
  now: Date,
): Promise<Omit<TSweepReport, 'skipped'>> {
  const standing = await runStatement<TStandingRow>(tx, STANDING, [kind, personId]);
  const wanted = new Map(candidates.map((c) => [keyOf(c.sourceTable, c.sourceId), c]));
  const ended = standing.filter((row) => !wanted.has(keyOf(row.source_table, row.source_id)));
  if (ended.length) await runStatement(tx, CLEAR, [ended.map((row) => row.id), now]);
  let updated = 0;
  const held = new Set<string>();
  for (const row of standing) {
    const candidate = wanted.get(keyOf(row.source_table, row.source_id));
    if (!candidate) continue;
    held.add(keyOf(row.source_table, row.source_id));
    if (
      row.owner_user_id !== candidate.ownerUserId ||
      !sameTime(row.due_at, candidate.dueAt) ||
      stable(row.data) !== stable(candidate.data)
    ) {
      await runStatement(tx, REFRESH, [
        row.id,
        candidate.ownerUserId,
        candidate.dueAt,
        JSON.stringify(candidate.data),
      ]);
      updated++;
    }
  }
  const fresh = candidates.filter((c) => !held.has(keyOf(c.sourceTable, c.sourceId)));
  const raised = fresh.length
    ? await runStatement<{ id: string }>(tx, RAISE, [
        kind,
        now,
        fresh.map((c) => c.personId),
        fresh.map((c) => c.ownerUserId),
        fresh.map((c) => c.sourceTable),
        fresh.map((c) => c.sourceId),
        fresh.map((c) => c.episode),
        fresh.map((c) => c.dueAt),
        fresh.map((c) => JSON.stringify(c.data)),
      ])
    : [];
  return { raised: raised.length, cleared: ended.length, updated };
}

async function ruleInput(tx: TDb, now: Date, personId: string | null): Promise<TRuleInput> {
  return {
    now,
    personId,
    noContactDays: await getNoContactDays(tx),
    reassessmentDays: (await getLevelSettings(tx)).reassessmentDays,
    caseloadCap: await getCaseloadCap(tx),
  };
}

/**
 * Recomputes the person rules for one person, in the caller's transaction (call it after a
 * write that may start or end a condition, so the alert commits or rolls back with it).
 */
export async function recomputePersonAlerts(
  tx: TDb,
  personId: string,
  now: Date = new Date(),
): Promise<Omit<TSweepReport, 'skipped'>> {
  await runStatement(tx, LOCK_SHARED, [ALERTS_LOCK]);
  const input = await ruleInput(tx, now, personId);
  const total = { raised: 0, cleared: 0, updated: 0 };
  for (const kind of ALERT_KINDS) {
    const rule: TAlertRule = ALERT_RULES[kind];
    if (rule.scope !== 'person') continue;
    const counts = await applyRule(tx, kind, await rule.candidates(tx, input), personId, now);
    total.raised += counts.raised;
    total.cleared += counts.cleared;
    total.updated += counts.updated;
  }
  return total;
}

/** Every rule for everyone, in one transaction; skipped when another sweep is running. */
export function runAlertSweep(db: TDb, now: Date = new Date()): Promise<TSweepReport> {
  return withTransaction(db, async (tx) => {
    const [got] = await runStatement<{ ok: boolean }>(tx, TRY_SWEEP_LOCK, [SWEEP_LOCK]);
    if (!got?.ok) return { skipped: true, raised: 0, cleared: 0, updated: 0 };
    await runStatement(tx, LOCK_ALL, [ALERTS_LOCK]);
    const input = await ruleInput(tx, now, null);
    const report = { skipped: false, raised: 0, cleared: 0, updated: 0 };
    for (const kind of ALERT_KINDS) {
      const counts = await applyRule(
        tx,
        kind,
        await ALERT_RULES[kind].candidates(tx, input),
        null,
        now,
      );
      report.raised += counts.raised;
      report.cleared += counts.cleared;
      report.updated += counts.updated;
    }
    return report;
  });
}

/** Sweeps shortly after start, then every quarter of an hour; returns a stop function. */
export function startAlertSweep(
  db: TDb,
  log: FastifyBaseLogger,
  timing: { firstAfterMs: number; everyMs: number } = {
    firstAfterMs: 10_000,
    everyMs: 15 * 60_000,
  },
): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    const started = performance.now();
    runAlertSweep(db)
      .then((report) => {
        log.info({ ...report, ms: Math.round(performance.now() - started) }, 'alert sweep done');
      })
      .catch((error: unknown) => log.error({ err: describeForLog(error) }, 'alert sweep failed'))
      .finally(() => {
        running = false;
      });
  };
  let interval: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    run();
    interval = setInterval(run, timing.everyMs);
    interval.unref();
  }, timing.firstAfterMs);
  first.unref();
  return () => {
    clearTimeout(first);
    clearInterval(interval);
  };
}
