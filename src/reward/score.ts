/**
 * `(task, episode) -> {reward, components, failures}`: pure and deterministic. The episode's
 * requests are re-played on a fresh fork of the task's start state; the goal, which is data,
 * decides everything else through the shared components below.
 */
import type { Site } from "../emulator/index.js";
import { startState, startStateKey } from "../scenarios/world.js";
import type { Task } from "../scenarios/types.js";
import { getScenario } from "../scenarios/registry.js";
import { assignWrites } from "./assign.js";
import { scoreCalls } from "./components/calls.js";
import { scoreEfficiency } from "./components/efficiency.js";
import { scoreGrounding } from "./components/grounding.js";
import { scoreReads } from "./components/reads.js";
import { scoreSideEffects } from "./components/side-effects.js";
import { scoreState } from "./components/state.js";
import { scoreTermination } from "./components/termination.js";
import { scoreWrites } from "./components/writes.js";
import { createProvenance, type ScoringContext } from "./context.js";
import type { Episode } from "./episode.js";
import type { Failure } from "./labels.js";
import { replay } from "./replay.js";
import { COMPONENTS, PRE_WRITE_COMPONENTS, resolveWeights, type ComponentName, type Weights } from "./weights.js";

/** Most reward an episode can earn without making any of the goal's writes. */
export const NO_WRITE_CAP = 0.1;

export interface RewardResult {
  reward: number;
  components: Record<ComponentName, number>;
  weights: Weights;
  failures: Failure[];
  /** Why a cap applied: no credited call at all (reward 0), or no goal write (at most 0.1). */
  cap?: "no_calls" | "no_goal_write";
}

export function scoreEpisode(task: Task, episode: Episode, weights: Weights = weightsFor(task)): RewardResult {
  const start = startOf(task);
  const stateKey = start.key;
  const { requests: replayed, history, finalState } = replay(() => start.site.fork(), episode, stateKey);
  const ctx: ScoringContext = {
    task,
    episode,
    replayed,
    assignment: assignWrites(task.goal, replayed),
    finalState,
    finalStateKey: `${stateKey}|${history}`,
    seenBefore: createProvenance(task.instruction, replayed),
  };
  const calls = scoreCalls(ctx);
  const writes = scoreWrites(ctx);
  const state = scoreState(ctx);
  const reads = scoreReads(ctx);
  const sideEffects = scoreSideEffects(ctx);
  const efficiency = scoreEfficiency(ctx);
  const termination = scoreTermination(ctx);
  const failures = dedupe([
    ...calls.failures,
    ...writes.failures,
    ...state.failures,
    ...reads.failures,
    ...sideEffects.failures,
    ...efficiency.failures,
    ...termination.failures,
  ]);
  const components: Record<ComponentName, number> = {
    calls: calls.score,
    writes: writes.score,
    state: state.score,
    reads: reads.score,
    grounding: scoreGrounding(failures),
    side_effects: sideEffects.score,
    efficiency: efficiency.score,
    termination: termination.score,
  };

  const credited = episode.calls.some((c) => !c.afterFinal);
  if (!credited) return { reward: 0, components, weights, failures, cap: "no_calls" };
  if (ctx.assignment.matched.size === 0 && task.goal.writes.length > 0) {
    const share = weightedShare(components, weights, PRE_WRITE_COMPONENTS);
    return { reward: NO_WRITE_CAP * share, components, weights, failures, cap: "no_goal_write" };
  }
  return { reward: weightedShare(components, weights, COMPONENTS), components, weights, failures };
}

interface Start {
  /** What the entry was made from: a task whose setup or world changed is looked up again. */
  setup: Task["setup"];
  worldSeed: number;
  key: string;
  /** The start state, frozen: each replay forks it. */
  site: Site;
}

/**
 * Start states per task object: a GRPO group's samples (and any re-scoring) share one task, and its key and frozen
 * start state are the same every time, so they are worked out once (not re-serialised per trace).
 */
const starts = new WeakMap<Task, Start>();

function startOf(task: Task): Start {
  const cached = starts.get(task);
  if (cached && cached.setup === task.setup && cached.worldSeed === task.worldSeed) return cached;
  const start: Start = { setup: task.setup, worldSeed: task.worldSeed, key: startStateKey(task), site: startState(task).freeze() };
  starts.set(task, start);
  return start;
}

const scenarioWeights = new Map<string, Weights>();

export function weightsFor(task: Task): Weights {
  let weights = scenarioWeights.get(task.scenario);
  if (!weights) {
    weights = resolveWeights(getScenario(task.scenario).weights);
    scenarioWeights.set(task.scenario, weights);
  }
  return weights;
}

/** Weighted mean over `names`; integer weights keep a perfect score at exactly 1. */
function weightedShare(components: Record<ComponentName, number>, weights: Weights, names: readonly ComponentName[]): number {
  let sum = 0;
  let total = 0;
  for (const name of names) {
    sum += weights[name] * components[name];
    total += weights[name];
  }
  return total === 0 ? 0 : Math.min(1, Math.max(0, sum / total));
}

function dedupe(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.label}|${f.call ?? ""}|${f.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
