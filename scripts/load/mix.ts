/**
 * The mix: every virtual user loops over its persona's weighted steps with think time until the
 * phase ends; each phase records its own requests and step counts. The run swaps the phase the
 * users record into (warm-up → measured) without stopping them.
 */
import { setMaxListeners } from 'node:events';
import { startCpuMeter, type TCpuUse } from './cpu.js';
import { pickStep, type TPersona } from './personas.js';
import { createRecorder, summariseRecorder, type TPhaseReport, type TRecorder } from './stats.js';
import type { TStep } from './steps.js';
import { pauseUnlessStopped, type TVirtualUser } from './virtual-user.js';

export type TStepReport = { persona: string; step: string; runs: number; failed: number };
export type TMixReport = TPhaseReport & {
  thinkMs: number;
  cpu: TCpuUse;
  steps: TStepReport[];
  warmup: TPhaseReport | null;
};

export type TPhase = { recorder: TRecorder; steps: Map<string, TStepReport> };
/** A virtual user, its persona and the steps it still has to play once (playEveryStepFirst). */
export type TTeamMember = { user: TVirtualUser; persona: TPersona; tour: TStep[] };
/** What the virtual users read as they go: the phase to record into, the pace, the stop signal. */
export type TRunState = {
  phase: TPhase;
  thinkMs: number;
  controller: AbortController;
  /** Set when the run must end (server gone, interrupted): no phase runs any more. */
  isStopped: boolean;
};

export const createPhase = (): TPhase => ({ recorder: createRecorder(), steps: new Map() });
/** Problems noted at most (a broken step would otherwise fill the report). */
const MAX_NOTES = 20;

/** One virtual user playing its persona until the phase's signal stops it. */
async function drive(member: TTeamMember, state: TRunState, problems: string[]): Promise<void> {
  const { user, persona, tour } = member;
  const signal = state.controller.signal;
  await pauseUnlessStopped(user.random() * state.thinkMs, signal); // spread the first steps
  while (!signal.aborted) {
    const step = tour.length
      ? tour.splice(Math.floor(user.random() * tour.length), 1)[0]!
      : pickStep(persona.steps, user.random);
    const phase = state.phase;
    user.hasFailed = false;
    try {
      await step.run(user);
    } catch (error) {
      user.hasFailed = true;
      if (problems.length < MAX_NOTES) {
        problems.push(`step "${persona.name} / ${step.name}" threw: ${(error as Error).message}`);
      }
    }
    const key = `${persona.name}\u0000${step.name}`;
    const tally = phase.steps.get(key) ?? {
      persona: persona.name,
      step: step.name,
      runs: 0,
      failed: 0,
    };
    tally.runs++;
    if (user.hasFailed) tally.failed++;
    phase.steps.set(key, tally);
    await user.pause();
  }
}

/** Every step of the personas played, with its runs in the phase (0 when never drawn). */
function stepReports(phase: TPhase, personas: readonly TPersona[]): TStepReport[] {
  return personas.flatMap((persona) =>
    persona.steps.map(
      (step) =>
        phase.steps.get(`${persona.name}\u0000${step.name}`) ?? {
          persona: persona.name,
          step: step.name,
          runs: 0,
          failed: 0,
        },
    ),
  );
}

/** Warm-up (not counted), then the measured time, with every virtual user looping. */
export async function runMix(
  team: TTeamMember[],
  state: TRunState,
  options: { warmupMs: number; durationMs: number; thinkMs: number },
  context: { personas: readonly TPersona[]; serverPid: number | undefined; withPostgres: boolean },
  problems: string[],
): Promise<TMixReport> {
  state.thinkMs = options.thinkMs;
  state.controller = new AbortController();
  setMaxListeners(0, state.controller.signal); // every virtual user's pause listens to it
  if (state.isStopped) state.controller.abort();
  const { signal } = state.controller;
  const warmup = createPhase();
  const measured = createPhase();
  state.phase = options.warmupMs > 0 ? warmup : measured;
  const loops = team.map((member) => drive(member, state, problems));
  const warmupStarted = performance.now();
  if (options.warmupMs > 0) {
    await pauseUnlessStopped(options.warmupMs, signal);
    state.phase = measured;
  }
  const warmupMs = performance.now() - warmupStarted;
  const meter = startCpuMeter(context.serverPid, context.withPostgres);
  const started = performance.now();
  await pauseUnlessStopped(options.durationMs, signal);
  state.controller.abort();
  await Promise.all(loops); // steps under way finish (their pauses end at once)
  const elapsed = performance.now() - started;
  return {
    ...summariseRecorder(measured.recorder, elapsed),
    thinkMs: options.thinkMs,
    cpu: meter(),
    steps: stepReports(measured, context.personas),
    warmup: options.warmupMs > 0 ? summariseRecorder(warmup.recorder, warmupMs) : null,
  };
}
