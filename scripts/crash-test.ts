/**
 * npm run test:crash — a server acknowledges committed writes while it is killed with SIGKILL at
 * random moments (CRASH_CYCLES times, default 20), restarted each time. Five writers at once: the
 * network staff create directory entries; the demo coordinator saves coordination-plan versions
 * (on the version she read), moves a pathway between assessing and suspended, and adds and ends a
 * member's place in a care team, and posts logbook entries. At the end every acknowledged write must be in the database,
 * whole (plan versions contiguous and valid, each transition and membership with its pathway event
 * and notification), and the audit chain must verify. Runs on PGlite, and on PostgreSQL when
 * DATABASE_URL is set. Exits 1 on any lost or half-written write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import pg from 'pg';
import { openPglite, openPostgres, type TDatabase } from '../src/db/client.js';
import {
  carePlans,
  carePlanVersions,
  careTeamMembers,
  logbookEntries,
  notifications,
  organisations,
  pathwayEvents,
  pathwayHistory,
} from '../src/db/schema/index.js';
import { ZPlanContent } from '../src/modules/plans/plans.schemas.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { spawnServer, waitHealthy, type TServerProcess } from '../test/helpers/server-process.js';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 20);
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);

type TAgent = { cookie: string; csrf: string; memberId: string | null };

async function login(url: string, email: string): Promise<TAgent> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Maillon-demo-2026!' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
  const { session } = (await response.json()) as {
    session: { csrfToken: string; user: { memberId: string | null } };
  };
  return { cookie, csrf: session.csrfToken, memberId: session.user.memberId };
}

/** What the server acknowledged, by writer; checked against the database at the end. */
type TLedger = {
  names: string[];
  /** Plan versions saved (200): the version number the server gave and the text written in it. */
  plans: { version: number; marker: string }[];
  /** Pathway transitions done (200), known by their reason. */
  transitions: string[];
  /** Care-team joins and leaves acknowledged (204). */
  joins: number;
  leaves: number;
  /** Logbook entries posted (201), known by their text. */
  logbook: string[];
};

/** The writers with nothing acknowledged yet. */
const silentWriters = (ledger: TLedger) =>
  Object.entries({
    directory: ledger.names.length,
    plan: ledger.plans.length,
    pathway: ledger.transitions.length,
    careTeam: ledger.joins,
    logbook: ledger.logbook.length,
  })
    .filter(([, count]) => count === 0)
    .map(([writer]) => writer);

/** The people and the member the pathway writers work on, chosen once from the demo caseload. */
type TTargets = { planPerson: string; pathwayPerson: string; teamPerson: string; member: string };

const marker = (prefix: string) => `${prefix} ${randomBytes(6).toString('hex')}`;

/** One writer: sets itself up from what the server holds, then writes one step at a time. */
type TWriter = (
  call: (agent: TAgent, method: string, path: string, body?: unknown) => Promise<Response>,
) => Promise<() => Promise<void>>;

function writers(ledger: TLedger, targets: TTargets, admin: TAgent, coordinator: TAgent) {
  const expect = async (response: Response, status: number) => {
    if (response.status !== status) {
      throw new Error(`unexpected ${response.status}: ${await response.text()}`);
    }
    return status === 204 ? undefined : await response.json();
  };
  // Directory entries, a plan saved version after version, a pathway moved back and forth
  // between assessing and suspended, a member joining and leaving the care team.
  const directory: TWriter = async (call) => async () => {
    const name = marker('Crash');
    const body = { name, type: 'msp', commune: 'Lavergne' };
    await expect(await call(admin, 'POST', '/api/directory/organisations', body), 201);
    ledger.names.push(name);
  };
  const plan: TWriter = async (call) => {
    const path = `/api/persons/${targets.planPerson}/plan`;
    let { version } = (await expect(await call(coordinator, 'GET', path), 200)) as {
      version: number;
    };
    return async () => {
      const situation = marker('Plan');
      const body = { baseVersion: version, content: { situation } };
      ({ version } = (await expect(await call(coordinator, 'PUT', path, body), 200)) as {
        version: number;
      });
      ledger.plans.push({ version, marker: situation });
    };
  };
  const pathway: TWriter = async (call) => {
    const path = `/api/persons/${targets.pathwayPerson}/pathway`;
    type TView = { pathway: { version: number; state: string } };
    let { pathway: current } = (await expect(await call(coordinator, 'GET', path), 200)) as TView;
    return async () => {
      const reason = marker('Transition');
      const to = current.state === 'suspended' ? 'assessing' : 'suspended';
      const body = { version: current.version, to, reason, expectedEnd: '2027-06-01' };
      ({ pathway: current } = (await expect(
        await call(coordinator, 'POST', `${path}/transitions`, body),
        200,
      )) as TView);
      ledger.transitions.push(reason);
    };
  };
  const careTeam: TWriter = async (call) => {
    const path = `/api/persons/${targets.teamPerson}/care-team`;
    const { items } = (await expect(await call(coordinator, 'GET', path), 200)) as {
      items: { memberId: string; active: boolean }[];
    };
    let inTeam = items.some((item) => item.active && item.memberId === targets.member);
    return async () => {
      if (inTeam) {
        await expect(await call(coordinator, 'DELETE', `${path}/${targets.member}`), 204);
        ledger.leaves++;
      } else {
        const body = { memberId: targets.member, role: 'other' };
        await expect(await call(coordinator, 'POST', path, body), 204);
        ledger.joins++;
      }
      inTeam = !inTeam;
    };
  };
  // Logbook entries (decision 021) posted on the plan's person, each with its file-less text.
  const logbook: TWriter = async (call) => async () => {
    const text = marker('Transmission');
    const path = `/api/persons/${targets.planPerson}/logbook`;
    await expect(await call(coordinator, 'POST', path, { category: 'social', text }), 201);
    ledger.logbook.push(text);
  };
  return [directory, plan, pathway, careTeam, logbook];
}

/** The demo coordinator's people whose pathway may be suspended, and the social worker's member id. */
async function chooseTargets(url: string, coordinator: TAgent): Promise<TTargets> {
  const response = await fetch(`${url}/api/caseload`, { headers: { cookie: coordinator.cookie } });
  const { items } = (await response.json()) as { items: { id: string; state: string | null }[] };
  const people = items.filter((item) => ['assessing', 'active', 'suspended'].includes(item.state!));
  if (people.length < 3) throw new Error(`the demo caseload has ${people.length} people to use`);
  const social = await login(url, 'social@reseau-demo.fr');
  return {
    planPerson: people[0]!.id,
    pathwayPerson: people[1]!.id,
    teamPerson: people[2]!.id,
    member: social.memberId!,
  };
}

/** Writes until the server dies, recording in the ledger what was acknowledged. */
async function writeUntilKilled(
  server: TServerProcess,
  killAfterMs: number,
  ledger: TLedger,
  state: { targets?: TTargets },
) {
  const [admin, coordinator] = await Promise.all([
    login(server.url, 'admin@reseau-demo.fr'),
    login(server.url, 'coordinatrice@reseau-demo.fr'),
  ]);
  state.targets ??= await chooseTargets(server.url, coordinator);
  let alive = true;
  void server.exited.then(() => (alive = false));
  const call = (agent: TAgent, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // Each writer reads where it stands (the plan's version, the pathway's state, the team), then
  // the kill is set: it falls among the writes.
  const steps = await Promise.all(
    writers(ledger, state.targets, admin, coordinator).map((writer) => writer(call)),
  );
  // The kill waits (at most 10 s more) until each writer has had a write acknowledged in the run,
  // so that a short run (CRASH_CYCLES=3, PGlite's slow start) still says something of each.
  const deadline = Date.now() + killAfterMs + 10_000;
  const kill = () => {
    if (silentWriters(ledger).length && Date.now() < deadline) killer = setTimeout(kill, 50);
    else server.child.kill('SIGKILL');
  };
  let killer = setTimeout(kill, killAfterMs);
  const loop = async (step: () => Promise<void>) => {
    try {
      while (alive) await step();
    } catch (error) {
      // A connection cut (or an answer lost) by the kill: wait for the exit to be sure it was the kill.
      const died = await Promise.race([
        server.exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (!died) throw error;
    }
  };
  await Promise.all(steps.map(loop));
  clearTimeout(killer);
  await server.exited;
}

/**
 * What the pathway writers left: every acknowledged plan version with its text, versions 1…current
 * with no gap and each a whole plan; every acknowledged transition in the history with its pathway
 * event; every care-team membership of the run with its joined event and notification (and its
 * left event once ended), at least as many as acknowledged. Returns the problems found.
 */
async function checkPathwayWrites(
  db: TDatabase['db'],
  ledger: TLedger,
  targets: TTargets,
  startedAt: Date,
): Promise<string[]> {
  const problems: string[] = [];
  const [plan] = await db
    .select()
    .from(carePlans)
    .where(eq(carePlans.personId, targets.planPerson));
  const versions = plan
    ? await db
        .select()
        .from(carePlanVersions)
        .where(eq(carePlanVersions.planId, plan.id))
        .orderBy(asc(carePlanVersions.version))
    : [];
  versions.forEach((row, index) => {
    if (row.version !== index + 1) problems.push(`plan version ${index + 1} missing`);
    if (!ZPlanContent.safeParse(row.content).success) problems.push(`plan v${row.version} broken`);
  });
  if (versions.length !== (plan?.currentVersion ?? 0)) {
    problems.push(`plan at version ${plan?.currentVersion} with ${versions.length} versions`);
  }
  for (const { version, marker: text } of ledger.plans) {
    const row = versions[version - 1] as { content: { situation?: string } } | undefined;
    if (row?.content.situation !== text) problems.push(`plan version ${version} lost`);
  }

  const moves = await db
    .select({ id: pathwayHistory.id, reason: pathwayHistory.reason })
    .from(pathwayHistory)
    .where(
      and(
        eq(pathwayHistory.personId, targets.pathwayPerson),
        eq(pathwayHistory.kind, 'transition'),
      ),
    );
  const reasons = new Set(moves.map((move) => move.reason));
  const lostMoves = ledger.transitions.filter((reason) => !reasons.has(reason));
  if (lostMoves.length) problems.push(`${lostMoves.length} transitions lost`);
  await eventsFor(db, 'pathway_history', 'pathway.transition', moves, problems);

  const memberships = await db
    .select()
    .from(careTeamMembers)
    .where(
      and(
        eq(careTeamMembers.personId, targets.teamPerson),
        eq(careTeamMembers.memberId, targets.member),
        gte(careTeamMembers.since, startedAt),
      ),
    );
  if (memberships.length < ledger.joins) {
    problems.push(`${ledger.joins} joins acknowledged, ${memberships.length} memberships`);
  }
  const ended = memberships.filter((row) => row.until);
  if (ended.length < ledger.leaves) {
    problems.push(`${ledger.leaves} leaves acknowledged, ${ended.length} ended`);
  }
  await eventsFor(db, 'care_team_members', 'care_team.joined', memberships, problems);
  await eventsFor(db, 'care_team_members', 'care_team.left', ended, problems);
  const told = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.personId, targets.teamPerson),
        eq(notifications.kind, 'care_team.joined'),
        gte(notifications.createdAt, startedAt),
      ),
    );
  if (told.length !== memberships.length) {
    problems.push(`${memberships.length} memberships, ${told.length} notifications`);
  }

  const entries = await db
    .select({ id: logbookEntries.id, text: logbookEntries.text })
    .from(logbookEntries)
    .where(
      and(
        eq(logbookEntries.personId, targets.planPerson),
        gte(logbookEntries.createdAt, startedAt),
      ),
    );
  const texts = new Set(entries.map((entry) => entry.text));
  const lostEntries = ledger.logbook.filter((text) => !texts.has(text));
  if (lostEntries.length) problems.push(`${lostEntries.length} logbook entries lost`);
  await eventsFor(db, 'logbook_entries', 'logbook.entry_posted', entries, problems);
  return problems;
}

/** Each source row has exactly one pathway event of this kind (none half-written). */
async function eventsFor(
  db: TDatabase['db'],
  table: string,
  kind: string,
  rows: { id: string }[],
  problems: string[],
) {
  if (rows.length === 0) return;
  const events = await db
    .select({ sourceId: pathwayEvents.sourceId })
    .from(pathwayEvents)
    .where(and(eq(pathwayEvents.sourceTable, table), eq(pathwayEvents.kind, kind)));
  const count = new Map<string, number>();
  events.forEach((event) => count.set(event.sourceId, (count.get(event.sourceId) ?? 0) + 1));
  const wrong = rows.filter((row) => count.get(row.id) !== 1);
  if (wrong.length) problems.push(`${wrong.length} ${table} rows without their ${kind} event`);
}

async function run(label: string, env: Record<string, string>, open: () => Promise<TDatabase>) {
  const ledger: TLedger = {
    names: [],
    plans: [],
    transitions: [],
    joins: 0,
    leaves: 0,
    logbook: [],
  };
  const state: { targets?: TTargets } = {};
  const startedAt = new Date(Date.now() - 1000);
  let server = await spawnServer({ ...env, SEED_DEMO: 'true', LOG_LEVEL: 'error' });
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    await waitHealthy(server);
    await writeUntilKilled(server, 200 + Math.floor(random() * 1300), ledger, state);
    server = await spawnServer({ ...env, SEED_DEMO: 'true', LOG_LEVEL: 'error' });
  }
  await waitHealthy(server);
  server.child.kill('SIGTERM');
  await server.exited;
  const database = await open();
  try {
    const acknowledged = ledger.names;
    const found = new Set<string>();
    for (let i = 0; i < acknowledged.length; i += 1000) {
      const rows = await database.db
        .select({ name: organisations.name })
        .from(organisations)
        .where(inArray(organisations.name, acknowledged.slice(i, i + 1000)));
      rows.forEach((r) => found.add(r.name));
    }
    const lost = acknowledged.filter((name) => !found.has(name));
    const problems = await checkPathwayWrites(database.db, ledger, state.targets!, startedAt);
    const chain = await verifyAuditChain(database.db);
    const writes =
      acknowledged.length +
      ledger.plans.length +
      ledger.transitions.length +
      ledger.logbook.length +
      ledger.joins +
      ledger.leaves;
    process.stdout.write(
      `${label}: ${CYCLES} SIGKILLs, ${writes} acknowledged writes (${acknowledged.length} directory entries, ${ledger.plans.length} plan versions, ${ledger.transitions.length} pathway transitions, ${ledger.joins} care-team joins, ${ledger.leaves} leaves, ${ledger.logbook.length} logbook entries), ${lost.length} directory entries lost, ${problems.length ? `PATHWAY PROBLEMS: ${problems.join('; ')}` : 'pathway writes all found and whole'}; audit chain ${chain.ok ? `verifies (${chain.checked} rows, ${chain.unsealed} left unsealed after the clean restart)` : `BROKEN: ${chain.problems.join('; ')}`}\n`,
    );
    // A writer with nothing acknowledged would make "0 lost" say nothing about it.
    const silent = silentWriters(ledger);
    if (silent.length) {
      process.stdout.write(`${label}: nothing acknowledged for ${silent.join(', ')}\n`);
    }
    return (
      lost.length === 0 &&
      problems.length === 0 &&
      chain.ok &&
      chain.unsealed === 0 &&
      silent.length === 0
    );
  } finally {
    await database.close();
  }
}

let ok = true;
const dataDir = mkdtempSync(join(tmpdir(), 'maillon-crash-'));
try {
  ok = (await run('PGlite', { DATA_DIR: dataDir }, () => openPglite(dataDir))) && ok;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const name = `maillon_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  admin.on('error', () => undefined); // the server's own connections die with it; this one may be told
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    ok =
      (await run(
        'PostgreSQL',
        {
          DATABASE_URL: url.toString(),
          DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-crash-pg-')),
        },
        () => openPostgres(url.toString(), 2),
      )) && ok;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
process.exit(ok ? 0 : 1);
