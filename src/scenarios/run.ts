/** Runs one episode of a task with a policy: the task's start state, toolset, instruction and budget. */
import { runEpisode } from "../agent/index.js";
import type { Policy } from "../policy/types.js";
import { getSurface, type SurfaceName } from "../tools/index.js";
import type { Trace } from "../trace/types.js";
import { toolNamesFor } from "./toolset.js";
import type { Task } from "./types.js";
import { startState } from "./world.js";

export interface RunTaskOptions {
  surface?: SurfaceName;
  /** Episode seed (sampling); defaults to the task seed. */
  seed?: number;
  /** Sampling temperature passed to the policy on every turn (the policy's default when absent). */
  temperature?: number;
  /** Overrides the task's turn budget. */
  maxTurns?: number;
  /** Defaults to `<taskId>#<seed>`. */
  episodeId?: string;
  signal?: AbortSignal;
  /** Injected clock for byte-identical traces. */
  clock?: () => number;
}

export function runTask(task: Task, policy: Policy, options: RunTaskOptions = {}): Promise<Trace> {
  const surface = getSurface(options.surface ?? "rest");
  const seed = options.seed ?? task.seed;
  return runEpisode({
    site: startState(task),
    surface,
    toolNames: toolNamesFor(task, surface.name),
    instruction: task.instruction,
    policy,
    maxTurns: options.maxTurns ?? task.turnBudget,
    seed,
    taskId: task.id,
    scenario: task.scenario,
    sampling: { seed, ...(options.temperature !== undefined ? { temperature: options.temperature } : {}) },
    ...(options.episodeId !== undefined ? { episodeId: options.episodeId } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
