/**
 * Scored samples from whatever the user has: traces (scored here with the reward) or eval
 * episode records (already scored). A sample is one episode; samples of one task form a group.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { reward, type ComponentName, type FailureLabel } from "../reward/index.js";
import { taskById } from "../scenarios/registry.js";
import { readTraceLines } from "../trace/jsonl.js";
import { validateTrace } from "../trace/validate.js";

export interface ScoredSample {
  taskId: string;
  scenario: string;
  policyId: string;
  reward: number;
  components: Partial<Record<ComponentName, number>>;
  failures: FailureLabel[];
}

export interface ReadResult {
  samples: ScoredSample[];
  /** Lines that were neither a trace nor an episode record, with why. */
  skipped: Array<{ where: string; reason: string }>;
}

/** Files to read: a directory means its `episodes.jsonl` (or else its `traces.jsonl`). */
export function inputFiles(paths: readonly string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path).isDirectory()) return [path];
    const names = readdirSync(path);
    const pick = names.includes("episodes.jsonl") ? "episodes.jsonl" : names.includes("traces.jsonl") ? "traces.jsonl" : undefined;
    if (!pick) throw new Error(`${path}: no episodes.jsonl or traces.jsonl in this directory`);
    return [join(path, pick)];
  });
}

export async function readSamples(paths: readonly string[]): Promise<ReadResult> {
  const samples: ScoredSample[] = [];
  const skipped: ReadResult["skipped"] = [];
  for (const file of inputFiles(paths)) {
    for await (const entry of readTraceLines(file)) {
      const where = `${file}:${entry.line}`;
      if ("error" in entry) {
        skipped.push({ where, reason: `not JSON: ${entry.error}` });
        continue;
      }
      const sample = toSample(entry.value);
      if (typeof sample === "string") skipped.push({ where, reason: sample });
      else samples.push(sample);
    }
  }
  return { samples, skipped };
}

/** One line as a scored sample, or why it is not one. */
export function toSample(value: unknown): ScoredSample | string {
  if (value === null || typeof value !== "object") return "not an object";
  const record = value as Record<string, unknown>;
  if (typeof record["reward"] === "number" && typeof record["taskId"] === "string") return fromRecord(record);
  if (Array.isArray(record["turns"])) return fromTrace(value);
  return "neither a trace nor a scored episode record";
}

function fromRecord(record: Record<string, unknown>): ScoredSample {
  const failures = Array.isArray(record["failures"]) ? record["failures"] : [];
  return {
    taskId: String(record["taskId"]),
    scenario: String(record["scenario"] ?? String(record["taskId"]).split(":")[0]),
    policyId: String(record["policyId"] ?? "unknown"),
    reward: record["reward"] as number,
    components: (record["components"] ?? {}) as Partial<Record<ComponentName, number>>,
    failures: failures.map((f) => (typeof f === "string" ? f : String((f as { label?: unknown }).label))) as FailureLabel[],
  };
}

function fromTrace(value: unknown): ScoredSample | string {
  const checked = validateTrace(value);
  if (!checked.ok) return `invalid trace: ${checked.errors.slice(0, 3).join("; ")}`;
  const trace = checked.trace;
  let task;
  try {
    task = taskById(trace.taskId);
  } catch (error) {
    return `no task for ${trace.taskId}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const result = reward(task, trace);
  return {
    taskId: trace.taskId,
    scenario: task.scenario,
    policyId: trace.policyId,
    reward: result.reward,
    components: result.components,
    failures: result.failures.map((f) => f.label),
  };
}
