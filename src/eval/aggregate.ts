/**
 * Finished episodes -> the numbers of a report, per scenario, per split and difficulty, and
 * overall. Every group is summarised the same way (GroupStats); the method is in docs/eval.md.
 */
import { COMPONENTS, type ComponentName } from "../reward/index.js";
import { DIFFICULTIES, SPLITS } from "../scenarios/types.js";
import type { EpisodeRecord } from "./records.js";
import { mean, passAtK, passHatK, tInterval, type Interval } from "./stats.js";

export interface GroupStats {
  /** Tasks with at least one finished episode. */
  n: number;
  /** Samples per task the run asked for: the k of passAtK and passHatK. */
  samples: number;
  /** Finished episodes. */
  episodes: number;
  /** Tasks with all `samples` episodes finished (the ones pass@k and pass^k are computed over). */
  tasksComplete: number;
  /** Mean over tasks of each task's mean reward; null without episodes. */
  meanReward: number | null;
  /** 95% Student t-interval of `meanReward` over per-task means, clipped to [0, 1]; null with fewer than 2 tasks. */
  ci95: Interval | null;
  /** Mean over tasks of each task's success rate (unbiased pass@1). */
  passAt1: number | null;
  /** Unbiased pass@k, k = samples, averaged over complete tasks. */
  passAtK: number | null;
  /** pass^k (all k samples succeed), k = samples, averaged over complete tasks. */
  passHatK: number | null;
  /** Episodes in which each failure label occurred at least once, most frequent first. */
  failures: Record<string, number>;
  /** Episodes per stop reason. */
  stopReasons: Record<string, number>;
  /** Mean of each reward component over episodes. */
  components: Record<ComponentName, number> | null;
}

export interface AggregateOptions {
  samples: number;
  successThreshold: number;
}

/** Rewards are sums of weighted components: allow for float rounding when comparing with the threshold. */
const ROUNDING = 1e-9;

export function isSuccess(reward: number, threshold: number): boolean {
  return reward >= threshold - ROUNDING;
}

/** Records in plan order, so sums (and so every number) do not depend on the order episodes finished in. */
export function inPlanOrder(records: readonly EpisodeRecord[]): EpisodeRecord[] {
  return [...records].sort(
    (a, b) => a.scenario.localeCompare(b.scenario) || a.taskIndex - b.taskIndex || a.taskId.localeCompare(b.taskId) || a.sample - b.sample,
  );
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function countBy(keys: Iterable<string>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export function groupStats(records: readonly EpisodeRecord[], options: AggregateOptions): GroupStats {
  const ordered = inPlanOrder(records);
  const tasks = [...groupBy(ordered, (r) => r.taskId).values()];
  const k = options.samples;
  const taskMeans = tasks.map((episodes) => mean(episodes.map((e) => e.reward)));
  const successes = tasks.map((episodes) => episodes.filter((e) => isSuccess(e.reward, options.successThreshold)).length);
  const complete = tasks.map((episodes, i) => ({ n: episodes.length, c: successes[i]! })).filter((t) => t.n >= k);
  const orNull = (values: number[]): number | null => (values.length > 0 ? mean(values) : null);
  return {
    n: tasks.length,
    samples: k,
    episodes: ordered.length,
    tasksComplete: complete.length,
    meanReward: orNull(taskMeans),
    ci95: tInterval(taskMeans, 0.95, [0, 1]),
    passAt1: orNull(tasks.map((episodes, i) => passAtK(episodes.length, successes[i]!, 1))),
    passAtK: orNull(complete.map((t) => passAtK(t.n, t.c, k))),
    passHatK: orNull(complete.map((t) => passHatK(t.n, t.c, k))),
    failures: countBy(ordered.flatMap((e) => [...new Set(e.failures.map((f) => f.label))])),
    stopReasons: countBy(ordered.map((e) => e.stopReason)),
    components:
      ordered.length === 0
        ? null
        : (Object.fromEntries(COMPONENTS.map((c) => [c, mean(ordered.map((e) => e.components[c] ?? 0))])) as Record<ComponentName, number>),
  };
}

/** The label most episodes failed with, or undefined when none failed. */
export function topFailure(stats: Pick<GroupStats, "failures">): { label: string; episodes: number } | undefined {
  const [first] = Object.entries(stats.failures);
  return first ? { label: first[0], episodes: first[1] } : undefined;
}

export interface Breakdown {
  bySplit: Record<string, GroupStats>;
  byDifficulty: Record<string, GroupStats>;
}

export function breakdown(records: readonly EpisodeRecord[], options: AggregateOptions): Breakdown {
  const group = (key: (r: EpisodeRecord) => string, order: readonly string[]): Record<string, GroupStats> => {
    const groups = groupBy(records, key);
    return Object.fromEntries(order.filter((k) => groups.has(k)).map((k) => [k, groupStats(groups.get(k)!, options)]));
  };
  return {
    bySplit: group((r) => r.split, SPLITS),
    byDifficulty: group((r) => String(r.difficulty), DIFFICULTIES.map(String)),
  };
}
