/** Runs one planned episode: the task's start state, toolset and budget, then its reward. */
import { runEpisode } from "../agent/index.js";
import type { Policy } from "../policy/types.js";
import { reward } from "../reward/index.js";
import { toolNamesFor } from "../scenarios/toolset.js";
import type { Task } from "../scenarios/types.js";
import { startState } from "../scenarios/world.js";
import { getSurface, type SurfaceName } from "../tools/index.js";
import type { Trace } from "../trace/types.js";
import type { EpisodeJob } from "./plan.js";
import type { EpisodeRecord } from "./records.js";

export interface EpisodeSettings {
  surface: SurfaceName;
  maxTurns?: number;
  temperature?: number;
  signal?: AbortSignal;
  /** Injected clock for byte-identical traces in tests. */
  clock?: () => number;
}

export interface FinishedEpisode {
  trace: Trace;
  record: EpisodeRecord;
}

export async function runPlannedEpisode(job: EpisodeJob, task: Task, policy: Policy, settings: EpisodeSettings): Promise<FinishedEpisode> {
  const surface = getSurface(settings.surface);
  const sampling = { seed: job.seed, ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}) };
  const trace = await runEpisode({
    site: startState(task),
    surface,
    toolNames: toolNamesFor(task, surface.name),
    instruction: task.instruction,
    policy,
    maxTurns: settings.maxTurns ?? task.turnBudget,
    seed: job.seed,
    taskId: task.id,
    scenario: task.scenario,
    episodeId: job.episodeId,
    sampling,
    ...(settings.signal ? { signal: settings.signal } : {}),
    ...(settings.clock ? { clock: settings.clock } : {}),
  });
  const result = reward(task, trace);
  const record: EpisodeRecord = {
    episodeId: job.episodeId,
    taskId: task.id,
    scenario: task.scenario,
    split: task.split,
    difficulty: task.difficulty,
    taskIndex: job.task.index,
    sample: job.sample,
    seed: job.seed,
    policyId: trace.policyId,
    reward: result.reward,
    components: result.components,
    failures: result.failures.map((f) => ({ label: f.label, detail: f.detail, ...(f.call !== undefined ? { call: f.call } : {}) })),
    stopReason: trace.stopReason,
    turns: trace.turnCount,
    toolCalls: trace.toolCallCount,
    durationMs: trace.timing.durationMs,
  };
  return { trace, record };
}
