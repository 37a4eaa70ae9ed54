/**
 * `inProcess.callsPerSec`: the representative mix straight through `handle(site, request)` on one core.
 * Each episode forks the start state (as a session would) and runs a few rounds of the six calls.
 */
import { handle, type Site } from "../../src/emulator/index.js";
import { cpuMsSince } from "../lib/cpu.js";
import { spread, type Spread } from "../lib/stats.js";
import { benchStartState } from "../lib/world.js";
import { planMix, type MixPlan } from "../mix/plan.js";
import { toEmuRequest } from "../mix/requests.js";
import { EXPECTED_STATUS, MIX_OPS, mixCall, remember, type EpisodeMemory, type MixOp } from "../mix/steps.js";

export interface InProcessOptions {
  runs: number;
  /** Wall time of one run. */
  runMs: number;
  roundsPerEpisode: number;
}

export interface InProcessResult {
  callsPerSec: Spread;
  /** Calls per second of this process's CPU time: less sensitive to other load on a shared machine. */
  callsPerCpuSec: Spread;
  /** Median microseconds per call of each op (over all runs). */
  opMicros: Record<MixOp, number>;
  /** Microseconds to fork the start state, once per episode. */
  forkMicros: number;
  roundsPerEpisode: number;
  issues: number;
  pages: number;
}

interface RunTotals {
  calls: number;
  ms: number;
  cpuMs: number;
  opMs: Record<MixOp, number>;
  opCalls: number;
  forkMs: number;
  episodes: number;
}

/** One episode; returns false (and throws on the first run) if a call did not succeed. */
function episode(base: Site, plan: MixPlan, index: number, rounds: number, totals: RunTotals, check: boolean): void {
  const t0 = performance.now();
  const site = base.fork();
  totals.forkMs += performance.now() - t0;
  const memory: EpisodeMemory = {};
  for (let round = 0; round < rounds; round++) {
    for (const op of MIX_OPS) {
      const request = toEmuRequest(mixCall(plan, op, index, round, memory));
      const started = performance.now();
      const response = handle(site, request);
      totals.opMs[op] += performance.now() - started;
      if (check && response.status !== EXPECTED_STATUS[op]) {
        throw new Error(`in-process mix: ${op} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
      }
      remember(op, response.body, memory);
    }
  }
  totals.calls += rounds * MIX_OPS.length;
  totals.episodes++;
}

function emptyOps(): Record<MixOp, number> {
  return Object.fromEntries(MIX_OPS.map((op) => [op, 0])) as Record<MixOp, number>;
}

function run(base: Site, plan: MixPlan, options: InProcessOptions, check: boolean): RunTotals {
  const totals: RunTotals = { calls: 0, ms: 0, cpuMs: 0, opMs: emptyOps(), opCalls: 0, forkMs: 0, episodes: 0 };
  const cpu = process.cpuUsage();
  const started = performance.now();
  let index = 0;
  // Bounded: stops at the time limit, or after a generous episode cap.
  while (performance.now() - started < options.runMs && index < 1_000_000) {
    episode(base, plan, index, options.roundsPerEpisode, totals, check && index === 0);
    index++;
  }
  totals.ms = performance.now() - started;
  totals.cpuMs = cpuMsSince(cpu);
  return totals;
}

export async function measureInProcess(options: InProcessOptions): Promise<InProcessResult> {
  const base = benchStartState();
  const plan = planMix(base, options.roundsPerEpisode);
  run(base, plan, { ...options, runMs: Math.min(options.runMs, 500) }, true); // warm-up: JIT, caches
  const runs: RunTotals[] = [];
  for (let i = 0; i < options.runs; i++) runs.push(run(base, plan, options, i === 0));
  const opMicros = emptyOps();
  for (const op of MIX_OPS) {
    const perRun = runs.map((r) => (r.opMs[op] * 1000) / (r.episodes * options.roundsPerEpisode));
    opMicros[op] = spread(perRun).median;
  }
  return {
    callsPerSec: spread(runs.map((r) => (r.calls / r.ms) * 1000)),
    callsPerCpuSec: spread(runs.map((r) => (r.calls / r.cpuMs) * 1000)),
    opMicros,
    forkMicros: spread(runs.map((r) => (r.forkMs * 1000) / r.episodes)).median,
    roundsPerEpisode: options.roundsPerEpisode,
    issues: base.jira.issues.size,
    pages: base.confluence.pages.size,
  };
}
