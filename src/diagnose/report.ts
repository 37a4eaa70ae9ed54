/** The diagnose report: per scenario, is there anything for GRPO to learn from, and where is it? */
import { NO_WRITE_CAP, type ComponentName, type FailureLabel } from "../reward/index.js";
import { resolveWeights } from "../reward/weights.js";
import { getScenario } from "../scenarios/registry.js";
import type { ScoredSample } from "./samples.js";
import { distribution, groupSignal, varianceByComponent, type Distribution, type GroupSignal } from "./stats.js";

export interface ScenarioDiagnosis {
  scenario: string;
  episodes: number;
  tasks: number;
  reward: Distribution;
  /** Share of episodes scoring exactly 1.0 (saturation) and at or below the no-write cap (floor). */
  perfect: number;
  floor: number;
  signal: GroupSignal;
  /** Share of the within-group reward variance each component carries (see stats.ts). */
  varianceShare: Record<ComponentName | "other", number>;
  /** Mean of each component over episodes. */
  componentMeans: Partial<Record<ComponentName, number>>;
  /** Episodes carrying each failure label. */
  failures: Partial<Record<FailureLabel, number>>;
  /** Plain-language warnings (saturated, no signal, ...). */
  warnings: string[];
}

export interface DiagnoseReport {
  episodes: number;
  scenarios: ScenarioDiagnosis[];
}

/** Thresholds for the warnings; a scenario is flagged when a share exceeds them. */
export const WARN = { zeroVariance: 0.5, saturated: 0.8, floor: 0.8 } as const;

/** What makes a group: the samples of one task by one policy (what one GRPO step compares), or of one task by any policy. */
export type GroupBy = "policy-and-task" | "task";

export function diagnoseSamples(samples: readonly ScoredSample[], groupBy: GroupBy = "policy-and-task"): DiagnoseReport {
  const byScenario = new Map<string, ScoredSample[]>();
  for (const s of samples) byScenario.set(s.scenario, [...(byScenario.get(s.scenario) ?? []), s]);
  const scenarios = [...byScenario.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => diagnoseScenario(name, list, groupBy));
  return { episodes: samples.length, scenarios };
}

function diagnoseScenario(scenario: string, samples: readonly ScoredSample[], groupBy: GroupBy): ScenarioDiagnosis {
  const groups = new Map<string, ScoredSample[]>();
  for (const s of samples) {
    const key = groupBy === "task" ? s.taskId : `${s.policyId}|${s.taskId}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const rewards = samples.map((s) => s.reward);
  const signal = groupSignal(
    [...groups.values()].map((g) => g.map((s) => s.reward)),
    NO_WRITE_CAP,
  );
  const componentMeans: Partial<Record<ComponentName, number>> = {};
  for (const s of samples)
    for (const [c, v] of Object.entries(s.components) as Array<[ComponentName, number]>)
      componentMeans[c] = (componentMeans[c] ?? 0) + v / samples.length;
  const failures: Partial<Record<FailureLabel, number>> = {};
  for (const s of samples) for (const label of new Set(s.failures)) failures[label] = (failures[label] ?? 0) + 1;
  const perfect = samples.filter((s) => s.reward >= 1).length / samples.length;
  const floor = samples.filter((s) => s.reward <= NO_WRITE_CAP).length / samples.length;
  const diagnosis: ScenarioDiagnosis = {
    scenario,
    episodes: samples.length,
    tasks: new Set(samples.map((s) => s.taskId)).size,
    reward: distribution(rewards),
    perfect,
    floor,
    signal,
    varianceShare: varianceByComponent([...groups.values()], weightsOf(scenario)),
    componentMeans,
    failures,
    warnings: [],
  };
  diagnosis.warnings = warningsFor(diagnosis);
  return diagnosis;
}

function weightsOf(scenario: string) {
  try {
    return resolveWeights(getScenario(scenario).weights);
  } catch {
    return resolveWeights();
  }
}

function warningsFor(d: ScenarioDiagnosis): string[] {
  const out: string[] = [];
  if (d.signal.groups === 0) out.push("no task has two or more samples: GRPO groups cannot be judged (sample k >= 2 per task)");
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (d.signal.groups > 0 && d.signal.zeroVariance > WARN.zeroVariance)
    out.push(`${pct(d.signal.zeroVariance)} of groups have zero reward variance (no GRPO signal)`);
  if (d.signal.allPerfect > WARN.saturated)
    out.push(`saturated: ${pct(d.signal.allPerfect)} of groups score 1.0 on every sample; use harder tasks`);
  if (d.signal.allFloor > WARN.floor)
    out.push(`floored: ${pct(d.signal.allFloor)} of groups never make a goal write; use easier tasks or a stronger policy`);
  return out;
}
