/**
 * One finished episode as the eval keeps it: where it sits in the plan, and its reward. These
 * are the lines of `episodes.jsonl`; the traces themselves go, unchanged, to `traces.jsonl`,
 * which every trace tool reads (joined on `episodeId`).
 */
import type { ComponentName, FailureLabel } from "../reward/index.js";
import type { Difficulty, Split } from "../scenarios/types.js";
import type { StopReason } from "../trace/types.js";

export interface EpisodeRecord {
  episodeId: string;
  taskId: string;
  scenario: string;
  split: Split;
  difficulty: Difficulty;
  /** Position of the task among its scenario's tasks. */
  taskIndex: number;
  sample: number;
  /** Episode seed. */
  seed: number;
  policyId: string;
  reward: number;
  components: Record<ComponentName, number>;
  /** Failure labels in the order the reward found them (a label repeats when it applies to several calls). */
  failures: Array<{ label: FailureLabel; detail: string; call?: number }>;
  stopReason: StopReason;
  turns: number;
  toolCalls: number;
  durationMs: number;
}

/** A task of the plan the policy could not be run on (a perturbation with nothing to perturb there). */
export interface SkippedTask {
  taskId: string;
  scenario: string;
  split: Split;
  difficulty: Difficulty;
  taskIndex: number;
  reason: string;
}

export function isEpisodeRecord(value: unknown): value is EpisodeRecord {
  if (value === null || typeof value !== "object") return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r["episodeId"] === "string" &&
    typeof r["taskId"] === "string" &&
    typeof r["scenario"] === "string" &&
    typeof r["taskIndex"] === "number" &&
    typeof r["sample"] === "number" &&
    typeof r["reward"] === "number" &&
    Array.isArray(r["failures"])
  );
}
