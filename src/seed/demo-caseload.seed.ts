/**
 * The demo's caseloads (decision 016): four case managers — Sophie Martin exactly at the cap of
 * 40, Julien Moreau, Léa Caron and Mehdi Bensaïd between 25 and 40 — with people at the three
 * integration levels, pathways in every state (a few suspended for a hospital stay, a few closed,
 * some still being assessed) and three people waiting for a case manager on the workload board.
 * Inserted in batches: it adds well under a second to the first start.
 */
import { and, eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  careTeamMembers,
  integrationLevelOverrides,
  members,
  pathwayEvents,
  pathwayHistory,
  pathways,
  persons,
  users,
} from '../db/schema/index.js';
import type { TLevel } from '../modules/assessments/integration-level.js';
import { findLevelsInForce } from '../modules/pathway/pathway.repository.js';
import type { TPathwayState } from '../modules/pathway/pathway.states.js';
import { DEMO_COMMUNES } from './demo-directory.data.js';

const DAY = 86_400_000;
const FIRST = ['Marie', 'Louis', 'Hélène', 'Pierre', 'Madeleine', 'René', 'Thérèse', 'Marcel'];
const LAST = ['Bernard', 'Petit', 'Durand', 'Leroy', 'Girard', 'Bonnet', 'Lambert', 'Fournier'];
/** How many more people each manager gets, and how many of those are closed (outside the cap). */
const NEW_PEOPLE: [name: [string, string], open: number, closed: number][] = [
  [['Sophie', 'Martin'], 5, 1],
  [['Julien', 'Moreau'], 2, 2],
  [['Léa', 'Caron'], 32, 1],
  [['Mehdi', 'Bensaïd'], 28, 0],
];
const LEVEL_CYCLE: TLevel[] = ['coordination', 'liaison', 'integration', 'coordination'];
/** The open states, most people active. */
const STATE_CYCLE: TPathwayState[] = [
  'active',
  'active',
  'active',
  'active',
  'assessing',
  'active',
  'active',
  'suspended',
  'active',
  'active',
  'active',
  'requested',
];

/** Adds the caseloads and pathways; returns how many people it added and pathways it opened. */
export async function seedDemoCaseloads(
  tx: TDb,
  ids: { memberIds: Map<string, string> },
): Promise<{ persons: number; pathways: number }> {
  const managers = await Promise.all(
    NEW_PEOPLE.map(async ([[firstName, lastName]]) => {
      const [row] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.firstName, firstName), eq(members.lastName, lastName)));
      return row!.id;
    }),
  );
  const [coordinator] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinatrice@reseau-demo.fr'));
  const gp = ids.memberIds.get('gp2')!;
  const nurse = ids.memberIds.get('nurse')!;

  // New people: for each manager, `open` followed and `closed` whose pathway ended; then three
  // people with an open pathway and nobody answering for them yet.
  const planned: { caseManagerId: string | null; closed: boolean }[] = [];
  NEW_PEOPLE.forEach(([, open, closed], index) => {
    for (let i = 0; i < open + closed; i++) {
      planned.push({ caseManagerId: managers[index]!, closed: i >= open });
    }
  });
  for (let i = 0; i < 3; i++) planned.push({ caseManagerId: null, closed: false });
  const added = await tx
    .insert(persons)
    .values(
      planned.map((plan, i) => ({
        firstName: FIRST[i % FIRST.length]!,
        lastName: LAST[(i * 3 + Math.floor(i / FIRST.length)) % LAST.length]!,
        birthDate: `${String(1928 + (i % 37))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`,
        commune: DEMO_COMMUNES[i % DEMO_COMMUNES.length]!,
        caseManagerId: plan.caseManagerId,
        gpMemberId: gp,
      })),
    )
    .returning({ id: persons.id });
  await tx.insert(careTeamMembers).values(
    added.flatMap(({ id }) => [
      { personId: id, memberId: gp, roleTitle: 'Médecin traitant' },
      { personId: id, memberId: nurse, roleTitle: 'Soins infirmiers à domicile' },
    ]),
  );

  // Every followed person without a pathway gets one; the state and level cycle, the level set
  // at a date spread over the past year (so that some reassessments are overdue).
  const everyone = await tx
    .select({ id: persons.id, caseManagerId: persons.caseManagerId })
    .from(persons);
  const closedIds = new Set(added.filter((_, i) => planned[i]!.closed).map((r) => r.id));
  const withPathway = new Set(
    (await tx.select({ personId: pathways.personId }).from(pathways)).map((r) => r.personId),
  );
  const levels = await findLevelsInForce(
    tx,
    everyone.map((p) => p.id),
  );
  const now = Date.now();
  const rows = everyone
    .filter((p) => !withPathway.has(p.id))
    .map((p, i) => {
      const state: TPathwayState = closedIds.has(p.id)
        ? 'closed'
        : p.caseManagerId
          ? STATE_CYCLE[i % STATE_CYCLE.length]!
          : 'assessing';
      const level = levels.get(p.id)?.level ?? LEVEL_CYCLE[i % LEVEL_CYCLE.length]!;
      const levelAt = new Date(now - ((i * 37) % 400) * DAY - DAY);
      return { person: p, state, level, levelAt, known: levels.has(p.id), i };
    });
  if (rows.length === 0) return { persons: added.length, pathways: 0 };
  const inserted = await tx
    .insert(pathways)
    .values(
      rows.map((r) => ({
        personId: r.person.id,
        state: r.state,
        openedAt: new Date(r.levelAt.getTime() - 20 * DAY),
        openedByUserId: coordinator!.id,
        stateSince: new Date(r.levelAt.getTime() + DAY),
        stateByUserId: coordinator!.id,
        stateReason: reasonOf(r.state),
        expectedEnd:
          r.state === 'suspended' ? new Date(now + 21 * DAY).toISOString().slice(0, 10) : null,
        closeReason: closeReasonOf(r),
        level: r.state === 'active' ? r.level : null,
      })),
    )
    .returning({ id: pathways.id });
  // Each pathway's opening starts the person's timeline, as triage writes it.
  await tx.insert(pathwayEvents).values(
    rows.map((r, i) => ({
      personId: r.person.id,
      kind: 'pathway.opened',
      actorUserId: coordinator!.id,
      category: 'administrative' as const,
      sourceTable: 'pathways',
      sourceId: inserted[i]!.id,
      data: { state: r.state === 'requested' ? 'requested' : 'assessing' },
      at: new Date(r.levelAt.getTime() - 20 * DAY),
    })),
  );
  // The level each person holds: taken over from the paper records when the network moved to
  // Maillon, as the case manager's override with its justification (and its event), which the
  // level read and the lists both follow.
  const unknown = rows.filter((r) => !r.known && r.state !== 'requested');
  if (unknown.length) {
    const overrides = await tx
      .insert(integrationLevelOverrides)
      .values(
        unknown.map((r) => ({
          personId: r.person.id,
          level: r.level,
          justification: 'Niveau repris du dossier papier à la mise en service de Maillon',
          createdBy: coordinator!.id,
          createdAt: r.levelAt,
        })),
      )
      .returning({ id: integrationLevelOverrides.id });
    await tx.insert(pathwayEvents).values(
      unknown.map((r, i) => ({
        personId: r.person.id,
        kind: 'level.overridden',
        actorUserId: coordinator!.id,
        category: 'social' as const,
        sourceTable: 'integration_level_overrides',
        sourceId: overrides[i]!.id,
        data: { level: r.level, computedLevel: null, previousLevel: null },
        at: r.levelAt,
      })),
    );
  }
  // Who moved the pathway there and why, for the states past assessing.
  const moved = rows.filter((r) => r.state !== 'assessing' && r.state !== 'requested');
  if (moved.length) {
    const history = await tx
      .insert(pathwayHistory)
      .values(
        moved.map((r) => ({
          personId: r.person.id,
          kind: 'transition' as const,
          fromState: r.state === 'active' ? ('assessing' as const) : ('active' as const),
          toState: r.state,
          reason: reasonOf(r.state),
          closeReason: closeReasonOf(r),
          level: r.state === 'active' ? r.level : null,
          byUserId: coordinator!.id,
          at: new Date(r.levelAt.getTime() + DAY),
        })),
      )
      .returning({ id: pathwayHistory.id, personId: pathwayHistory.personId });
    const byPerson = new Map(moved.map((r) => [r.person.id, r]));
    await tx.insert(pathwayEvents).values(
      history.map((h) => {
        const r = byPerson.get(h.personId)!;
        return {
          personId: h.personId,
          kind: 'pathway.transition',
          actorUserId: coordinator!.id,
          category: 'administrative' as const,
          sourceTable: 'pathway_history',
          sourceId: h.id,
          data: { from: r.state === 'active' ? 'assessing' : 'active', to: r.state },
          at: new Date(r.levelAt.getTime() + DAY),
        };
      }),
    );
  }
  const referred = await seedDemoReferents(tx, {
    gp: ids.memberIds.get('professional')!,
    coordinatorUserId: coordinator!.id,
  });
  return { persons: added.length + referred, pathways: inserted.length + referred };
}

/**
 * Two people at home with the demo GP (medecin@) as referent instead of a case manager (decision
 * 027): Lucien Marchand at the liaison level, and Odette Vidal whose level has just risen to
 * coordination, so the workload board and her pathway ask for a case manager. Returns how many.
 */
async function seedDemoReferents(
  tx: TDb,
  ids: { gp: string; coordinatorUserId: string },
): Promise<number> {
  const now = Date.now();
  const people = [
    { firstName: 'Lucien', lastName: 'Marchand', birthDate: '1941-05-17', rose: false },
    { firstName: 'Odette', lastName: 'Vidal', birthDate: '1936-11-02', rose: true },
  ];
  const added = await tx
    .insert(persons)
    .values(
      people.map((p, i) => ({
        firstName: p.firstName,
        lastName: p.lastName,
        birthDate: p.birthDate,
        commune: DEMO_COMMUNES[i]!,
        gpMemberId: ids.gp,
      })),
    )
    .returning({ id: persons.id });
  await tx.insert(careTeamMembers).values(
    added.map(({ id }) => ({
      personId: id,
      memberId: ids.gp,
      role: 'gp',
      roleTitle: 'Médecin traitant',
      since: new Date(now - 200 * DAY),
    })),
  );
  const opened = new Date(now - 120 * DAY);
  const rows = await tx
    .insert(pathways)
    .values(
      added.map(({ id }) => ({
        personId: id,
        state: 'active' as const,
        openedAt: opened,
        openedByUserId: ids.coordinatorUserId,
        stateSince: new Date(now - 100 * DAY),
        stateByUserId: ids.coordinatorUserId,
        stateReason: 'Suivi par son médecin traitant, référent du parcours',
        level: 'liaison' as const,
        referentMemberId: ids.gp,
      })),
    )
    .returning({ id: pathways.id });
  // The level each holds (as the other demo people: taken over, with its event); the second one
  // rose to coordination three days ago.
  const levels = added.flatMap(({ id }, i) => [
    { personId: id, level: 'liaison' as const, at: new Date(now - 110 * DAY) },
    ...(people[i]!.rose
      ? [{ personId: id, level: 'coordination' as const, at: new Date(now - 3 * DAY) }]
      : []),
  ]);
  const overrides = await tx
    .insert(integrationLevelOverrides)
    .values(
      levels.map((l) => ({
        personId: l.personId,
        level: l.level,
        justification:
          l.level === 'liaison'
            ? 'Niveau repris du dossier papier à la mise en service de Maillon'
            : 'Chutes répétées et aidante épuisée : coordination nécessaire',
        createdBy: ids.coordinatorUserId,
        createdAt: l.at,
      })),
    )
    .returning({ id: integrationLevelOverrides.id });
  await tx.insert(pathwayEvents).values([
    ...added.map(({ id }, i) => ({
      personId: id,
      kind: 'pathway.opened',
      actorUserId: ids.coordinatorUserId,
      category: 'administrative' as const,
      sourceTable: 'pathways',
      sourceId: rows[i]!.id,
      data: { state: 'assessing' },
      at: opened,
    })),
    ...levels.map((l, i) => ({
      personId: l.personId,
      kind: 'level.overridden',
      actorUserId: ids.coordinatorUserId,
      category: 'social' as const,
      sourceTable: 'integration_level_overrides',
      sourceId: overrides[i]!.id,
      data: { level: l.level, computedLevel: null, previousLevel: null },
      at: l.at,
    })),
  ]);
  return added.length;
}

/** The demo's closures alternate between a move away and goals met. */
function closeReasonOf(r: { state: TPathwayState; i: number }) {
  if (r.state !== 'closed') return null;
  return r.i % 2 ? ('moved_away' as const) : ('goals_met' as const);
}

function reasonOf(state: TPathwayState): string | null {
  switch (state) {
    case 'active':
      return 'Évaluation terminée, plan à construire avec la personne';
    case 'suspended':
      return 'Hospitalisation en soins de suite';
    case 'closed':
      return 'Fin de l’accompagnement';
    case 'assessing':
    case 'requested':
      return null;
  }
}
