/** The oracle scores exactly 1.0 on every generated task of a scenario, in every split and difficulty. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import { reward } from "../../src/reward/index.js";
import { runTask } from "../../src/scenarios/run.js";
import { validateTrace } from "../../src/trace/index.js";
import { cells, fixedClock, tasksOf } from "./support.js";

export const TASKS_PER_CELL = 200;
/** Every n-th oracle trace is also validated against the trace schema (validation is slow on big traces). */
const VALIDATE_EVERY = 25;

export function oracleSolvesEveryTask(scenario: string): void {
  for (const { split, difficulty } of cells()) {
    test(`${scenario} ${split} d${difficulty}: the oracle scores 1.0 on ${TASKS_PER_CELL} tasks`, async () => {
      for (const [i, task] of tasksOf(scenario, split, difficulty, TASKS_PER_CELL).entries()) {
        const trace = await runTask(task, createOracle(task), { clock: fixedClock() });
        assert.equal(trace.stopReason, "final_answer", task.id);
        if (i % VALIDATE_EVERY === 0) {
          const validation = validateTrace(trace);
          assert.ok(validation.ok, `${task.id}: ${validation.ok ? "" : validation.errors.join("; ")}`);
        }
        const result = reward(task, trace);
        assert.equal(result.reward, 1, `${task.id}: ${JSON.stringify(result.failures)}`);
        assert.deepEqual(result.failures, [], task.id);
      }
    });
  }
}
