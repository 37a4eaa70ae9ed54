/**
 * Properties over arbitrary episodes assembled from real and broken calls: the reward is in
 * [0, 1], deterministic, never throws, reaches 1.0 only with no failure at all, and every
 * deduction is labelled (reward below 1 always comes with a failure).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { createOracle, createPerturbedOracle, PERTURBATIONS } from "../../src/policy/oracle/index.js";
import { episodeFromTrace, scoreEpisode, type EpisodeCall } from "../../src/reward/index.js";
import { generate } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Task } from "../../src/scenarios/types.js";

const tasks: Task[] = [
  generate({ scenario: "jira-create-issue", split: "train", difficulty: 3, seed: 5 }),
  generate({ scenario: "jira-transition-issue", split: "test", difficulty: 2, seed: 8 }),
  generate({ scenario: "labels", split: "train", difficulty: 2, seed: 3 }),
  generate({ scenario: "read-then-write", split: "test", difficulty: 1, seed: 2 }),
];

/** Calls the oracle and every perturbed oracle made on the task, plus junk a model might send. */
async function callPool(task: Task): Promise<EpisodeCall[]> {
  const pool: EpisodeCall[] = [];
  for (const policy of [createOracle(task), ...PERTURBATIONS.map((l) => createPerturbedOracle(task, l))]) {
    if (policy) pool.push(...episodeFromTrace(await runTask(task, policy)).calls);
  }
  pool.push(
    { tool: "x", requests: [{ method: "DELETE", path: "/rest/api/3/issue/NOPE-1" }], afterFinal: false },
    { tool: "x", requests: [{ method: "GET", path: "/rest/api/3/nowhere" }], afterFinal: false },
    {
      tool: "x",
      requests: [{ method: "POST", path: "/wiki/api/v2/pages", body: { spaceId: "1", title: 7, __proto__: { x: 1 } } }],
      afterFinal: false,
    },
    { tool: "x", requests: [{ method: "put", path: "/rest/api/3/issue/%E0%A4%A", body: "not an object" }], afterFinal: false },
    { tool: "x", rejection: { label: "invalid_json", reason: "bad" }, requests: [], afterFinal: false },
  );
  return pool;
}

test("rewards of arbitrary episodes are bounded, deterministic and fully labelled", async () => {
  for (const task of tasks) {
    const pool = await callPool(task);
    fc.assert(
      fc.property(
        fc.array(fc.nat(pool.length - 1), { maxLength: 14 }),
        fc.nat(14),
        fc.constantFrom("final_answer" as const, "budget" as const, "other" as const),
        (picks, answerAt, stop) => {
          const calls = picks.map((i, n) => ({ ...pool[i]!, afterFinal: n >= answerAt }));
          const episode = { calls, stop };
          const result = scoreEpisode(task, episode);
          assert.ok(result.reward >= 0 && result.reward <= 1, `reward ${result.reward}`);
          for (const value of Object.values(result.components)) assert.ok(value >= 0 && value <= 1);
          assert.equal(result.reward === 1, result.failures.length === 0, JSON.stringify(result.failures));
          assert.deepEqual(scoreEpisode(task, episode), result);
        },
      ),
      { numRuns: 120, seed: 20260601 },
    );
  }
});
