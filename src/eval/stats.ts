/**
 * The statistics of a report. Samples of one task are correlated, so tasks are the unit:
 * a mean reward is the mean over tasks of each task's mean over its samples, and its
 * confidence interval is a Student t-interval over those per-task means.
 */
import { studentTQuantile } from "./student-t.js";

/**
 * Unbiased pass@k from n samples of which c succeeded (Chen et al. 2021, "Evaluating Large
 * Language Models Trained on Code"): 1 - C(n-c, k) / C(n, k), the chance that at least one of
 * k samples drawn without replacement succeeds. Computed as a product to stay exact for large n.
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/**
 * pass^k (Yao et al. 2024, tau-bench): the chance that all k samples drawn without replacement
 * succeed, estimated without bias as C(c, k) / C(n, k).
 */
export function passHatK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (c < k) return 0;
  let allSucceed = 1;
  for (let i = 0; i < k; i++) allSucceed *= (c - i) / (n - i);
  return allSucceed;
}

function checkCounts(n: number, c: number, k: number): void {
  if (![n, c, k].every(Number.isInteger) || c < 0 || c > n || k < 1 || k > n) {
    throw new Error(`pass@k needs integers 0 <= c <= n and 1 <= k <= n, got n=${n} c=${c} k=${k}`);
  }
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error("mean of no values");
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n - 1 in the denominator). */
export function sampleStdDev(values: readonly number[]): number {
  if (values.length < 2) throw new Error("a sample standard deviation needs at least two values");
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

export type Interval = [number, number];

/**
 * Two-sided Student t confidence interval of the mean: mean ± t(1 - α/2, n - 1) · s / √n.
 * Null with fewer than two values (no spread to estimate). `bounds` clips the interval to the
 * range the values can take (rewards lie in [0, 1]).
 */
export function tInterval(values: readonly number[], confidence = 0.95, bounds?: Interval): Interval | null {
  if (values.length < 2) return null;
  const m = mean(values);
  const half = studentTQuantile(1 - (1 - confidence) / 2, values.length - 1) * (sampleStdDev(values) / Math.sqrt(values.length));
  const interval: Interval = [m - half, m + half];
  return bounds ? [Math.max(bounds[0], interval[0]), Math.min(bounds[1], interval[1])] : interval;
}
