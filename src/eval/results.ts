/** `results.json`: the run's numbers, its exact configuration and the atlasgym version that produced them. */
import { readFileSync, writeFileSync } from "node:fs";
import { projectPath } from "../policy/project-root.js";
import { breakdown, groupBy, groupStats, type Breakdown, type GroupStats } from "./aggregate.js";
import type { EvalConfig } from "./config.js";
import type { EpisodeRecord, SkippedTask } from "./records.js";

export interface SectionResults extends GroupStats, Breakdown {
  /** Planned tasks the policy could not run on (see SkippedTask). */
  skipped: number;
}

export interface RunInfo {
  /** When the run was first started. */
  createdAt: string;
  /** When these results were written. */
  writtenAt: string;
  /** Wall time of the last invocation (a resumed run counts only its own part). */
  durationMs: number;
  /** Episodes in flight at once in the last invocation (speed only, never results). */
  concurrency: number;
  /** Episodes the last invocation ran. */
  episodesThisInvocation: number;
  /** The last invocation was stopped (Ctrl-C) before finishing. */
  interrupted: boolean;
}

export interface EvalResults {
  atlasgymVersion: string;
  /** Every planned episode has finished. */
  complete: boolean;
  config: EvalConfig;
  /** How the numbers are computed, in words (docs/eval.md has the details). */
  method: Record<string, string>;
  overall: SectionResults;
  /** Per scenario, in the order of the configuration. */
  scenarios: Record<string, SectionResults>;
  skipped: SkippedTask[];
  run: RunInfo;
}

export function atlasgymVersion(): string {
  const pkg = JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version?: unknown };
  return typeof pkg.version === "string" ? pkg.version : "unknown";
}

export function methodNotes(config: Pick<EvalConfig, "samples" | "successThreshold">): Record<string, string> {
  const k = config.samples;
  return {
    unit: "tasks: per-task means over their samples, then means over tasks",
    success: `an episode succeeds when its reward is >= ${config.successThreshold}`,
    meanReward: "mean over tasks of each task's mean reward",
    ci95: "two-sided 95% Student t-interval over per-task mean rewards (n - 1 degrees of freedom), clipped to [0, 1]; null for n < 2",
    passAt1: "mean over tasks of c/n (n samples, c successes)",
    passAtK: `unbiased pass@k with k = ${k}: mean over complete tasks of 1 - C(n-c,k)/C(n,k) (Chen et al. 2021)`,
    passHatK: `pass^k with k = ${k}: mean over complete tasks of C(c,k)/C(n,k), all k samples succeed (Yao et al. 2024)`,
    failures: "episodes in which each failure label occurred at least once",
  };
}

function section(records: readonly EpisodeRecord[], skipped: number, config: EvalConfig): SectionResults {
  const options = { samples: config.samples, successThreshold: config.successThreshold };
  return { ...groupStats(records, options), ...breakdown(records, options), skipped };
}

export interface BuildInput {
  config: EvalConfig;
  records: readonly EpisodeRecord[];
  skipped: readonly SkippedTask[];
  /** Episodes the plan has (skipped tasks excluded). */
  plannedEpisodes: number;
  run: RunInfo;
}

export function buildResults(input: BuildInput): EvalResults {
  const { config, records, skipped } = input;
  const recordsByScenario = groupBy(records, (r) => r.scenario);
  const skippedByScenario = groupBy(skipped, (s) => s.scenario);
  const scenarios = Object.fromEntries(
    config.scenarios.map((name) => [name, section(recordsByScenario.get(name) ?? [], skippedByScenario.get(name)?.length ?? 0, config)]),
  );
  return {
    atlasgymVersion: atlasgymVersion(),
    complete: records.length >= input.plannedEpisodes,
    config,
    method: methodNotes(config),
    overall: section(records, skipped.length, config),
    scenarios,
    skipped: [...skipped],
    run: input.run,
  };
}

export function writeResults(path: string, results: EvalResults): void {
  writeFileSync(path, JSON.stringify(results, null, 2) + "\n");
}

export function readResults(path: string): EvalResults {
  const value = JSON.parse(readFileSync(path, "utf8")) as Partial<EvalResults>;
  if (!value || typeof value !== "object" || !value.overall || !value.scenarios || !value.config) {
    throw new Error(`${path} is not an atlasgym results.json`);
  }
  return value as EvalResults;
}
