/**
 * Which episodes a run consists of. Every seed derives from the run's `--seed`, so a plan is
 * reproducible, and task i of a scenario does not depend on how many tasks were asked for:
 * a run with more tasks or samples extends a smaller one instead of replacing it.
 */
import { taskId, type Difficulty, type Split, type TaskRef } from "../scenarios/types.js";
import { Rng } from "../util/rng.js";
import type { EvalConfig } from "./config.js";

export interface PlannedTask {
  ref: TaskRef;
  id: string;
  /** Position among the scenario's tasks (0-based). */
  index: number;
}

/** One episode to run: a task and which of its samples. */
export interface EpisodeJob {
  task: PlannedTask;
  /** 0-based sample number. */
  sample: number;
  /** Episode seed, passed to the policy for sampling. */
  seed: number;
  /** Unique within a run; the key `--resume` skips finished work by. */
  episodeId: string;
}

const SEED_RANGE = 2 ** 31 - 1;

/** A seed in [0, 2^31 - 1) derived from a label (stable across machines). */
export function deriveSeed(label: string): number {
  return new Rng(`atlasgym-eval|${label}`).int(0, SEED_RANGE - 1);
}

export function episodeIdOf(task: Pick<PlannedTask, "id">, sample: number): string {
  return `${task.id}/s${sample}`;
}

/**
 * The tasks of one scenario. Task i takes the (split, difficulty) combination i modulo their
 * number, so every combination is covered evenly, and a seed drawn for index i (redrawn in the
 * rare case it repeats an earlier task's seed).
 */
export function planScenarioTasks(config: Pick<EvalConfig, "seed" | "tasks" | "splits" | "difficulties">, scenario: string): PlannedTask[] {
  const combos: Array<{ split: Split; difficulty: Difficulty }> = config.splits.flatMap((split) =>
    config.difficulties.map((difficulty) => ({ split, difficulty })),
  );
  const used = new Set<number>();
  const tasks: PlannedTask[] = [];
  for (let index = 0; index < config.tasks; index++) {
    const combo = combos[index % combos.length]!;
    let seed = deriveSeed(`${config.seed}|${scenario}|task|${index}`);
    for (let retry = 1; used.has(seed); retry++) seed = deriveSeed(`${config.seed}|${scenario}|task|${index}|${retry}`);
    used.add(seed);
    const ref: TaskRef = { scenario, split: combo.split, difficulty: combo.difficulty, seed };
    tasks.push({ ref, id: taskId(ref), index });
  }
  return tasks;
}

/**
 * Every episode of a run. Scenarios are interleaved task by task (task 0 of each, then task 1
 * of each, ...) so a run stopped early still covers every scenario evenly.
 */
export function planEpisodes(
  config: Pick<EvalConfig, "seed" | "tasks" | "samples" | "splits" | "difficulties" | "scenarios">,
): EpisodeJob[] {
  const perScenario = config.scenarios.map((scenario) => planScenarioTasks(config, scenario));
  const jobs: EpisodeJob[] = [];
  for (let index = 0; index < config.tasks; index++) {
    for (const tasks of perScenario) {
      const task = tasks[index]!;
      for (let sample = 0; sample < config.samples; sample++) {
        jobs.push({ task, sample, seed: deriveSeed(`${config.seed}|${task.id}|sample|${sample}`), episodeId: episodeIdOf(task, sample) });
      }
    }
  }
  return jobs;
}
