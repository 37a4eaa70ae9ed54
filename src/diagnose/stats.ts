/** Statistics diagnose reports: distributions, GRPO group signal and the components behind it. */
import { COMPONENTS, type ComponentName, type Weights } from "../reward/index.js";

export interface Distribution {
  count: number;
  mean: number;
  std: number;
  min: number;
  p10: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  max: number;
  /** Counts in ten equal bins over [0, 1] (the last bin includes 1). */
  histogram: number[];
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? 0 : sorted.reduce((s, v) => s + v, 0) / n;
  const variance = n === 0 ? 0 : sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const q = (p: number) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.max(0, Math.round(p * (n - 1))))]!);
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const v of sorted) histogram[Math.min(9, Math.max(0, Math.floor(v * 10)))]!++;
  return {
    count: n,
    mean,
    std: Math.sqrt(variance),
    min: q(0),
    p10: q(0.1),
    p25: q(0.25),
    median: q(0.5),
    p75: q(0.75),
    p90: q(0.9),
    max: q(1),
    histogram,
  };
}

/** What GRPO can learn from groups (samples of one task): it needs reward differences inside a group. */
export interface GroupSignal {
  /** Groups with at least two samples (the only ones GRPO can use). */
  groups: number;
  samplesPerGroup: { min: number; mean: number; max: number };
  /** Share of groups whose samples all scored the same: zero advantage, no gradient. */
  zeroVariance: number;
  /** Share of groups where every sample scored 1.0 (the task is saturated for this policy). */
  allPerfect: number;
  /** Share of groups where every sample stayed at or below the no-write cap (never made a goal write). */
  allFloor: number;
  /** Mean within-group standard deviation of the reward. */
  meanWithinStd: number;
}

export const EPSILON = 1e-9;

export function groupSignal(groups: ReadonlyArray<readonly number[]>, floor: number): GroupSignal {
  const usable = groups.filter((g) => g.length >= 2);
  const share = (pred: (g: readonly number[]) => boolean) => (usable.length === 0 ? 0 : usable.filter(pred).length / usable.length);
  const sizes = usable.map((g) => g.length);
  return {
    groups: usable.length,
    samplesPerGroup: {
      min: sizes.length ? Math.min(...sizes) : 0,
      mean: sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 0,
      max: sizes.length ? Math.max(...sizes) : 0,
    },
    zeroVariance: share((g) => Math.max(...g) - Math.min(...g) <= EPSILON),
    allPerfect: share((g) => g.every((r) => r >= 1 - EPSILON)),
    allFloor: share((g) => g.every((r) => r <= floor + EPSILON)),
    meanWithinStd: usable.length === 0 ? 0 : usable.reduce((s, g) => s + distribution(g).std, 0) / usable.length,
  };
}

export interface GroupMember {
  reward: number;
  components: Partial<Record<ComponentName, number>>;
}

/**
 * Which components carry the within-group reward variance: for each component c, the pooled
 * within-group covariance of its weighted score (w_c * c / 100) with the reward, as a share of
 * the pooled within-group reward variance. Without caps the reward is the weighted sum, so the
 * shares add up to 1; a cap (no goal write) makes the remainder show up as `other`.
 */
export function varianceByComponent(
  groups: ReadonlyArray<readonly GroupMember[]>,
  weights: Weights,
): Record<ComponentName | "other", number> {
  const cov = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<ComponentName, number>;
  let variance = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    const meanReward = group.reduce((s, m) => s + m.reward, 0) / group.length;
    for (const c of COMPONENTS) {
      const weighted = group.map((m) => ((m.components[c] ?? 0) * weights[c]) / 100);
      const mean = weighted.reduce((s, v) => s + v, 0) / group.length;
      cov[c] += group.reduce((s, m, i) => s + (weighted[i]! - mean) * (m.reward - meanReward), 0);
    }
    variance += group.reduce((s, m) => s + (m.reward - meanReward) ** 2, 0);
  }
  const out = {} as Record<ComponentName | "other", number>;
  let explained = 0;
  for (const c of COMPONENTS) {
    out[c] = variance <= EPSILON ? 0 : cov[c] / variance;
    explained += out[c];
  }
  out.other = variance <= EPSILON ? 0 : 1 - explained;
  return out;
}
