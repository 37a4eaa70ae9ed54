/** The oracle scores exactly 1.0 on every generated task of a scenario, in every split and difficulty. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import { reward } from "../../src/reward/index.js";
import { runTask } from "../../src/scenarios/run.js";
import { cells, fixedClock, tasksOf } from "./support.js";

export const TASKS_PER_CELL = 200;

export function oracleSolvesEveryTask(scenario: string): void {
  for (const { split, difficulty } of cells()) {
    test(`${scenario} ${split} d${difficulty}: the oracle scores 1.0 on ${TASKS_PER_CELL} tasks`, async () => {
      for (const task of tasksOf(scenario, split, difficulty, TASKS_PER_CELL)) {
        const trace = await runTask(task, createOracle(task), { clock: fixedClock() });
        assert.equal(trace.stopReason, "final_answer", task.id);
        const result = reward(task, trace);
        assert.equal(result.reward, 1, `${task.id}: ${JSON.stringify(result.failures)}`);
        assert.deepEqual(result.failures, [], task.id);
      }
    });
  }
}
