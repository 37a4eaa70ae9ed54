/** Runs one planned episode: the task's start state, toolset and budget, then its reward. */
import type { Policy } from "../policy/types.js";
import { reward } from "../reward/index.js";
import { runTask } from "../scenarios/run.js";
import type { Task } from "../scenarios/types.js";
import type { SurfaceName } from "../tools/index.js";
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
  const trace = await runTask(task, policy, {
    surface: settings.surface,
    seed: job.seed,
    episodeId: job.episodeId,
    ...(settings.temperature !== undefined ? { temperature: settings.temperature } : {}),
    ...(settings.maxTurns !== undefined ? { maxTurns: settings.maxTurns } : {}),
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
