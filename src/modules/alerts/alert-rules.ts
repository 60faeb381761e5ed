/**
 * The pathway-break alert rules (decision 024). Each rule is one entry of ALERT_RULES: a query
 * that returns, for everyone (sweep) or for one person (after a write), the sources whose
 * condition holds now. alerts.sweep.ts raises an alert for each new one, keeps the standing ones
 * current and clears those whose condition ended. To add a rule: add an entry here (its kind is
 * the key) and its labels under `alerts.kinds` in the web app's fr.json and en.json.
 */
import type { TDb } from '../../db/client.js';
import { runStatement, statement, type TStatement } from '../../db/statements.js';
import type { TLevelSettings } from '../assessments/level-settings.js';
import { LATEST_LEVEL_SQL } from '../pathway/pathway.repository.js';
import type { TPathwayEventKind } from '../pathway/pathway-events.js';
import { listOverdueReferrals } from '../referrals/referrals.repository.js';
import type { TNoContactDays } from './alert-settings.js';

/** The pathway events that count as a contact with the person or their team. */
export const CONTACT_KINDS = [
  'logbook.entry_posted',
  'hospital.admitted',
  'hospital.discharged',
  'assessment.completed',
  'plan.version_saved',
  'care_team.joined',
  'appointment.done',
] as const satisfies readonly TPathwayEventKind[];

/** What a rule is given: the time it decides at, the person (null: everyone), the settings. */
export type TRuleInput = {
  now: Date;
  personId: string | null;
  noContactDays: TNoContactDays;
  reassessmentDays: TLevelSettings['reassessmentDays'];
  caseloadCap: number;
};

/** One source whose condition holds now. */
export type TAlertCandidate = {
  personId: string | null;
  sourceTable: string;
  sourceId: string;
  /** One occurrence of the condition: a resolved alert is not raised again for the same one. */
  episode: string;
  /** Who answers for it; null: the coordination team. */
  ownerUserId: string | null;
  dueAt: Date | null;
  data: Record<string, string | number | boolean | null>;
};

export type TAlertRule = {
  /** person: recomputed for one person after a write and by the sweep; network: by the sweep. */
  scope: 'person' | 'network';
  candidates: (db: TDb, input: TRuleInput) => Promise<TAlertCandidate[]>;
};

const DAY_MS = 86_400_000;
/** A follow-up call or visit within 48 hours of a discharge (issue 15). */
export const FOLLOW_UP_MS = 48 * 3600_000;

/**
 * Who answers for the person: the case manager's account, else the referent's (liaison level);
 * null when neither has an active account: the coordination team then owns the alert.
 */
const OWNER_SQL = `COALESCE(
  (SELECT u.id FROM users u WHERE u.member_id = p.case_manager_id AND u.status = 'active' LIMIT 1),
  (SELECT u.id FROM users u WHERE u.member_id = pw.referent_member_id AND u.status = 'active' LIMIT 1)
) AS owner_user_id`;

/** Followed (not merged away), the pathway not closed, and the one person asked for, if any. */
const FOLLOWED_SQL = `p.merged_into_id IS NULL AND (pw.state IS NULL OR pw.state <> 'closed')
  AND ($2::uuid IS NULL OR p.id = $2::uuid)`;

const iso = (value: Date | string) => new Date(value).toISOString();

type TOwned = { person_id: string; owner_user_id: string | null };

/** Active pathways whose last contact (or the start of the active state) is N days old. */
const NO_CONTACT = statement(
  'alert_rule_no_contact',
  `SELECT * FROM (
     SELECT p.id AS person_id, ${OWNER_SQL},
            COALESCE(lv.level, pw.level, 'coordination') AS level,
            GREATEST(lc.at, pw.state_since) AS since
       FROM persons p
       JOIN pathways pw ON pw.person_id = p.id AND pw.state = 'active'
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
       LEFT JOIN LATERAL (SELECT max(e.at) AS at FROM pathway_events e
                           WHERE e.person_id = p.id AND e.kind = ANY($3::text[])) lc ON true
      WHERE ${FOLLOWED_SQL}) c
    WHERE c.since + make_interval(days => CASE c.level WHEN 'liaison' THEN $4::int
            WHEN 'integration' THEN $6::int ELSE $5::int END) <= $1::timestamptz`,
);

/** Unplanned admissions whose stay is still open. */
const UNPLANNED_STAY = statement(
  'alert_rule_unplanned_stay',
  `SELECT s.id, s.person_id, s.admitted_at, ${OWNER_SQL}
     FROM hospital_stays s JOIN persons p ON p.id = s.person_id
     LEFT JOIN pathways pw ON pw.person_id = p.id
    WHERE s.discharged_at IS NULL AND NOT s.admission_planned AND s.admitted_at <= $1::timestamptz
      AND ${FOLLOWED_SQL}`,
);

/** Each person's latest stay once discharged (not when they died): follow-up until resolved. */
const DISCHARGE_FOLLOW_UP = statement(
  'alert_rule_discharge_follow_up',
  `SELECT s.id, s.person_id, s.discharged_at, ${OWNER_SQL}
     FROM hospital_stays s JOIN persons p ON p.id = s.person_id
     LEFT JOIN pathways pw ON pw.person_id = p.id
    WHERE s.discharged_at IS NOT NULL AND s.discharged_at <= $1::timestamptz
      AND s.discharge_destination <> 'died'
      AND NOT EXISTS (SELECT 1 FROM hospital_stays n
                       WHERE n.person_id = s.person_id AND n.admitted_at > s.admitted_at)
      AND ${FOLLOWED_SQL}`,
);

/** Active pathways whose plan's last review plus the level's delay is past (as plans.service). */
const PLAN_REVIEW_OVERDUE = statement(
  'alert_rule_plan_review_overdue',
  `SELECT * FROM (
     SELECT cp.id, p.id AS person_id, ${OWNER_SQL}, cp.last_reviewed_at,
            cp.last_reviewed_at + make_interval(days => CASE COALESCE(lv.level, 'coordination')
              WHEN 'liaison' THEN $3::int WHEN 'integration' THEN $5::int ELSE $4::int END) AS due
       FROM care_plans cp JOIN persons p ON p.id = cp.person_id
       JOIN pathways pw ON pw.person_id = p.id AND pw.state = 'active'
       LEFT JOIN LATERAL (${LATEST_LEVEL_SQL('p.id')}) lv ON true
      WHERE ${FOLLOWED_SQL}) c
    WHERE c.due <= $1::timestamptz`,
);

/** How long a missed visit stays an alert unless resolved (a month: the next visits tell). */
export const MISSED_WINDOW_DAYS = 30;

/** Visits or appointments about a person marked missed in the last MISSED_WINDOW_DAYS. */
const APPOINTMENT_MISSED = statement(
  'alert_rule_appointment_missed',
  `SELECT a.id, a.person_id, a.kind, a.starts_at, ${OWNER_SQL}
     FROM appointments a JOIN persons p ON p.id = a.person_id
     LEFT JOIN pathways pw ON pw.person_id = p.id
    WHERE a.status = 'missed' AND a.starts_at <= $1::timestamptz
      AND a.starts_at > $1::timestamptz - make_interval(days => $3::int)
      AND ${FOLLOWED_SQL}`,
);

/** Case managers who follow more people than their cap (their own, else the network's). */
const CASELOAD_OVER_CAP = statement(
  'alert_rule_caseload_over_cap',
  `SELECT p.case_manager_id AS member_id, count(*)::int AS count,
          COALESCE(cc.cap, $1::int) AS cap
     FROM persons p LEFT JOIN pathways pw ON pw.person_id = p.id
     LEFT JOIN caseload_caps cc ON cc.member_id = p.case_manager_id
    WHERE p.case_manager_id IS NOT NULL AND p.merged_into_id IS NULL
      AND (pw.state IS NULL OR pw.state <> 'closed')
    GROUP BY p.case_manager_id, cc.cap
   HAVING count(*) > COALESCE(cc.cap, $1::int)`,
);

const run = <TRow>(db: TDb, query: TStatement, values: unknown[]) =>
  runStatement<TRow>(db, query, values);

/** The rule registry: one entry a kind. */
export const ALERT_RULES = {
  no_contact: {
    scope: 'person',
    candidates: async (db, input) => {
      const { liaison, coordination, integration } = input.noContactDays;
      const rows = await run<TOwned & { level: string; since: Date }>(db, NO_CONTACT, [
        input.now,
        input.personId,
        [...CONTACT_KINDS],
        liaison,
        coordination,
        integration,
      ]);
      return rows.map((row) => ({
        personId: row.person_id,
        sourceTable: 'persons',
        sourceId: row.person_id,
        episode: iso(row.since),
        ownerUserId: row.owner_user_id,
        dueAt: null,
        data: {
          level: row.level,
          since: iso(row.since),
          days: Math.floor((input.now.getTime() - new Date(row.since).getTime()) / DAY_MS),
        },
      }));
    },
  },
  unplanned_stay: {
    scope: 'person',
    candidates: async (db, input) => {
      const rows = await run<TOwned & { id: string; admitted_at: Date }>(db, UNPLANNED_STAY, [
        input.now,
        input.personId,
      ]);
      return rows.map((row) => ({
        personId: row.person_id,
        sourceTable: 'hospital_stays',
        sourceId: row.id,
        episode: row.id,
        ownerUserId: row.owner_user_id,
        dueAt: null,
        data: { admittedAt: iso(row.admitted_at) },
      }));
    },
  },
  discharge_follow_up: {
    scope: 'person',
    candidates: async (db, input) => {
      const rows = await run<TOwned & { id: string; discharged_at: Date }>(
        db,
        DISCHARGE_FOLLOW_UP,
        [input.now, input.personId],
      );
      return rows.map((row) => ({
        personId: row.person_id,
        sourceTable: 'hospital_stays',
        sourceId: row.id,
        episode: row.id,
        ownerUserId: row.owner_user_id,
        dueAt: new Date(new Date(row.discharged_at).getTime() + FOLLOW_UP_MS),
        data: { dischargedAt: iso(row.discharged_at) },
      }));
    },
  },
  plan_review_overdue: {
    scope: 'person',
    candidates: async (db, input) => {
      const { liaison, coordination, integration } = input.reassessmentDays;
      const rows = await run<TOwned & { id: string; last_reviewed_at: Date; due: Date }>(
        db,
        PLAN_REVIEW_OVERDUE,
        [input.now, input.personId, liaison, coordination, integration],
      );
      return rows.map((row) => ({
        personId: row.person_id,
        sourceTable: 'care_plans',
        sourceId: row.id,
        episode: iso(row.last_reviewed_at),
        ownerUserId: row.owner_user_id,
        dueAt: new Date(row.due),
        data: { lastReviewedAt: iso(row.last_reviewed_at) },
      }));
    },
  },
  // Closed-loop referrals nobody accepted within their urgency's delay (decision 023); owned by
  // whoever sent the referral: they close the loop (call the services, send it elsewhere).
  referral_unanswered: {
    scope: 'person',
    candidates: async (db, input) => {
      const overdue = await listOverdueReferrals(db, input.now);
      return overdue
        .filter((row) => input.personId === null || row.personId === input.personId)
        .map((row) => ({
          personId: row.personId,
          sourceTable: 'referrals',
          sourceId: row.referralId,
          episode: row.referralId,
          ownerUserId: row.requesterUserId,
          dueAt: null,
          data: {
            urgency: row.urgency,
            sentAt: iso(row.sentAt),
            lateHours: Math.floor(row.lateByMs / 3600_000),
          },
        }));
    },
  },
  // A missed visit is a pathway break (issue 16): the case manager finds out why (decision 029).
  appointment_missed: {
    scope: 'person',
    candidates: async (db, input) => {
      const rows = await run<TOwned & { id: string; kind: string; starts_at: Date }>(
        db,
        APPOINTMENT_MISSED,
        [input.now, input.personId, MISSED_WINDOW_DAYS],
      );
      return rows.map((row) => ({
        personId: row.person_id,
        sourceTable: 'appointments',
        sourceId: row.id,
        episode: row.id,
        ownerUserId: row.owner_user_id,
        dueAt: null,
        data: { kind: row.kind, startsAt: iso(row.starts_at) },
      }));
    },
  },
  caseload_over_cap: {
    scope: 'network',
    candidates: async (db, input) => {
      const rows = await run<{ member_id: string; count: number; cap: number }>(
        db,
        CASELOAD_OVER_CAP,
        [input.caseloadCap],
      );
      return rows.map((row) => ({
        personId: null,
        sourceTable: 'members',
        sourceId: row.member_id,
        episode: `${String(row.count)}/${String(row.cap)}`,
        ownerUserId: null,
        dueAt: null,
        data: { memberId: row.member_id, count: row.count, cap: row.cap },
      }));
    },
  },
} as const satisfies Record<string, TAlertRule>;

export type TAlertKind = keyof typeof ALERT_RULES;
export const ALERT_KINDS = Object.keys(ALERT_RULES) as [TAlertKind, ...TAlertKind[]];
