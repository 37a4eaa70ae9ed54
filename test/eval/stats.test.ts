import { test } from "node:test";
import assert from "node:assert/strict";
import { mean, passAtK, passHatK, sampleStdDev, tInterval } from "../../src/eval/stats.js";
import { regularizedBeta, studentTCdf, studentTQuantile } from "../../src/eval/student-t.js";

const close = (actual: number, expected: number, tolerance = 1e-9): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

/** Exact C(n, k) with big integers. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let out = 1n;
  for (let i = 1; i <= k; i++) out = (out * BigInt(n - k + i)) / BigInt(i);
  return out;
}

/** Share of the k-subsets of n samples (c of them successes) in which `keep` holds, by enumerating subsets. */
function enumerate(n: number, c: number, k: number, keep: (successes: number) => boolean): number {
  let kept = 0;
  let all = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let size = 0;
    let successes = 0;
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) {
        size++;
        if (i < c) successes++;
      }
    }
    if (size !== k) continue;
    all++;
    if (keep(successes)) kept++;
  }
  return kept / all;
}

test("pass@k matches hand-computed values", () => {
  close(passAtK(5, 2, 1), 2 / 5);
  close(passAtK(5, 2, 2), 1 - 3 / 10); // 1 - C(3,2)/C(5,2)
  close(passAtK(10, 3, 5), 1 - 21 / 252); // 1 - C(7,5)/C(10,5)
  close(passAtK(5, 0, 3), 0);
  close(passAtK(5, 4, 2), 1); // fewer failures than k: a success is certain
  close(passAtK(1, 1, 1), 1);
});

test("pass^k matches hand-computed values", () => {
  close(passHatK(5, 3, 2), 3 / 10); // C(3,2)/C(5,2)
  close(passHatK(10, 7, 3), 35 / 120); // C(7,3)/C(10,3)
  close(passHatK(4, 4, 4), 1);
  close(passHatK(4, 3, 4), 0);
  close(passHatK(6, 1, 2), 0);
});

test("pass@k and pass^k agree with exact binomial ratios and with enumerating every subset", () => {
  for (let n = 1; n <= 9; n++) {
    for (let c = 0; c <= n; c++) {
      for (let k = 1; k <= n; k++) {
        const at = 1 - Number(choose(n - c, k)) / Number(choose(n, k));
        const hat = Number(choose(c, k)) / Number(choose(n, k));
        close(passAtK(n, c, k), at, 1e-12);
        close(passHatK(n, c, k), hat, 1e-12);
        close(
          passAtK(n, c, k),
          enumerate(n, c, k, (s) => s > 0),
          1e-12,
        );
        close(
          passHatK(n, c, k),
          enumerate(n, c, k, (s) => s === k),
          1e-12,
        );
      }
    }
  }
});

test("pass@k stays accurate where the binomials overflow doubles", () => {
  // C(2000, 1000) is far beyond 1e308; the product form never builds it.
  const value = passAtK(2000, 1, 1000);
  close(value, 0.5, 1e-12); // one success among n: it is in a k-subset with probability k/n
  close(passHatK(2000, 1999, 1000), 1000 / 2000, 1e-12); // the one failure is left out with probability (n-k)/n
});

test("pass@k rejects impossible counts", () => {
  assert.throws(() => passAtK(3, 4, 1));
  assert.throws(() => passAtK(3, 1, 4));
  assert.throws(() => passHatK(3, 1, 0));
  assert.throws(() => passAtK(2.5, 1, 1));
});

test("Student t quantiles match published tables", () => {
  const table: Array<[number, number]> = [
    [1, 12.7062047],
    [2, 4.30265273],
    [3, 3.18244631],
    [5, 2.57058184],
    [10, 2.22813885],
    [30, 2.04227246],
    [1000, 1.96233908],
  ];
  for (const [df, t] of table) close(studentTQuantile(0.975, df), t, 1e-6);
  close(studentTQuantile(0.95, 4), 2.13184679, 1e-6);
  close(studentTQuantile(0.025, 5), -2.57058184, 1e-6);
  close(studentTCdf(0, 7), 0.5, 1e-12);
  close(studentTCdf(2.22813885, 10), 0.975, 1e-7);
  // I_x(1, 1) is x; I_x(2, 1) is x^2.
  close(regularizedBeta(0.3, 1, 1), 0.3, 1e-12);
  close(regularizedBeta(0.3, 2, 1), 0.09, 1e-12);
});

test("mean, standard deviation and t-intervals match hand computation", () => {
  close(mean([0.2, 0.4, 0.6]), 0.4);
  close(sampleStdDev([0.2, 0.4, 0.6]), 0.2, 1e-12);
  // 0.4 ± t(0.975, 2) · 0.2 / √3
  const half = (4.30265273 * 0.2) / Math.sqrt(3);
  const [lo, hi] = tInterval([0.2, 0.4, 0.6])!;
  close(lo, 0.4 - half, 1e-7);
  close(hi, 0.4 + half, 1e-7);
  // Clipped to the reward range.
  const [clippedLo, clippedHi] = tInterval([0.2, 0.4, 0.6], 0.95, [0, 1])!;
  close(clippedLo, 0);
  close(clippedHi, 0.4 + half, 1e-7);
  assert.deepEqual(tInterval([1, 1, 1, 1], 0.95, [0, 1]), [1, 1]);
  assert.equal(tInterval([0.5]), null);
  assert.throws(() => mean([]));
});
