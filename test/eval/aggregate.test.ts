import { test } from "node:test";
import assert from "node:assert/strict";
import { breakdown, groupStats, isSuccess, topFailure } from "../../src/eval/aggregate.js";
import type { EpisodeRecord } from "../../src/eval/records.js";
import { COMPONENTS, type ComponentName, type FailureLabel } from "../../src/reward/index.js";
import type { Difficulty, Split } from "../../src/scenarios/types.js";

const close = (actual: number | null, expected: number, tolerance = 1e-9): void =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

function record(
  task: string,
  sample: number,
  reward: number,
  labels: FailureLabel[] = [],
  extra: Partial<EpisodeRecord> = {},
): EpisodeRecord {
  const components = Object.fromEntries(COMPONENTS.map((c) => [c, reward])) as Record<ComponentName, number>;
  return {
    episodeId: `${task}/s${sample}`,
    taskId: task,
    scenario: "demo",
    split: "test" as Split,
    difficulty: 1 as Difficulty,
    taskIndex: Number(task.replace(/\D/g, "")),
    sample,
    seed: sample,
    policyId: "p",
    reward,
    components,
    failures: labels.map((label) => ({ label, detail: "" })),
    stopReason: "final_answer",
    turns: 1,
    toolCalls: 1,
    durationMs: 1,
    ...extra,
  };
}

// Task 1: rewards 1, 0.5, 1 (2 successes); task 2: 0, 0, 1 (1 success).
const records = [
  record("t1", 0, 1),
  record("t1", 1, 0.5, ["wrong_value", "wrong_value"]),
  record("t1", 2, 1),
  record("t2", 0, 0, ["premature_stop", "wrong_value"], { stopReason: "budget_exhausted" }),
  record("t2", 1, 0, ["premature_stop"]),
  record("t2", 2, 1),
];

test("group statistics use tasks as the unit, with hand-computed values", () => {
  const stats = groupStats(records, { samples: 3, successThreshold: 1 });
  assert.equal(stats.n, 2);
  assert.equal(stats.samples, 3);
  assert.equal(stats.episodes, 6);
  assert.equal(stats.tasksComplete, 2);
  close(stats.meanReward, (5 / 6 + 1 / 3) / 2);
  close(stats.passAt1, (2 / 3 + 1 / 3) / 2);
  close(stats.passAtK, 1); // each task has a success among its 3 samples
  close(stats.passHatK, 0); // neither task succeeded 3 times out of 3
  // Two per-task means 5/6 and 1/3: mean 7/12 ± t(0.975, 1) · s / √2, clipped to [0, 1].
  assert.deepEqual(stats.ci95, [0, 1]);
  // Labels count episodes, once each, most frequent first.
  assert.deepEqual(stats.failures, { premature_stop: 2, wrong_value: 2 });
  assert.deepEqual(Object.keys(stats.failures), ["premature_stop", "wrong_value"]);
  assert.deepEqual(stats.stopReasons, { final_answer: 5, budget_exhausted: 1 });
  close(stats.components!.writes, 3.5 / 6);
  assert.deepEqual(topFailure(stats), { label: "premature_stop", episodes: 2 });
});

test("a narrower interval when tasks agree: two tasks with means 0.8 and 0.9", () => {
  const stats = groupStats([record("t1", 0, 0.8), record("t2", 0, 0.9)], { samples: 1, successThreshold: 1 });
  const half = (12.7062047 * Math.sqrt(0.005)) / Math.sqrt(2); // s = 0.0707..., n = 2
  close(stats.ci95![0], Math.max(0, 0.85 - half), 1e-6);
  close(stats.ci95![1], Math.min(1, 0.85 + half), 1e-6);
  close(stats.passAt1, 0);
  assert.equal(topFailure(stats), undefined);
});

test("the success threshold is an option, and float rounding of a perfect reward still counts", () => {
  const lenient = groupStats(records, { samples: 3, successThreshold: 0.5 });
  close(lenient.passAt1, (3 / 3 + 1 / 3) / 2);
  close(lenient.passHatK, 0.5); // task 1 now succeeds 3 times out of 3
  assert.ok(isSuccess(0.1 + 0.2 + 0.7 - 1e-12, 1));
  assert.ok(!isSuccess(0.999, 1));
});

test("unfinished tasks count for the mean and pass@1 but not for pass@k", () => {
  const partial = [...records, record("t3", 0, 1)];
  const stats = groupStats(partial, { samples: 3, successThreshold: 1 });
  assert.equal(stats.n, 3);
  assert.equal(stats.tasksComplete, 2);
  close(stats.passAt1, (2 / 3 + 1 / 3 + 1) / 3);
  close(stats.passAtK, 1);
  close(stats.meanReward, (5 / 6 + 1 / 3 + 1) / 3);
});

test("no episodes gives nulls, not zeros", () => {
  const stats = groupStats([], { samples: 2, successThreshold: 1 });
  assert.equal(stats.n, 0);
  assert.equal(stats.meanReward, null);
  assert.equal(stats.ci95, null);
  assert.equal(stats.passAt1, null);
  assert.equal(stats.passAtK, null);
  assert.equal(stats.components, null);
});

test("statistics do not depend on the order episodes finished in", () => {
  const a = groupStats(records, { samples: 3, successThreshold: 1 });
  const b = groupStats([...records].reverse(), { samples: 3, successThreshold: 1 });
  assert.deepEqual(a, b);
});

test("breakdowns group by split and difficulty in their natural order", () => {
  const mixed = [
    record("t1", 0, 1, [], { difficulty: 3, split: "train" }),
    record("t2", 0, 0, [], { difficulty: 1, split: "test" }),
    record("t3", 0, 0.5, [], { difficulty: 1, split: "train" }),
  ];
  const { bySplit, byDifficulty } = breakdown(mixed, { samples: 1, successThreshold: 1 });
  assert.deepEqual(Object.keys(bySplit), ["train", "test"]);
  assert.deepEqual(Object.keys(byDifficulty), ["1", "3"]);
  close(bySplit["train"]!.meanReward, 0.75);
  close(byDifficulty["1"]!.meanReward, 0.25);
  assert.equal(byDifficulty["3"]!.n, 1);
});
