/**
 * Each perturbed oracle scores strictly below 1.0 and carries its failure label wherever its
 * perturbation applies, in every scenario; each applies somewhere in every scenario (a wrong
 * order needs a required read, so only difficulties 2 and 3). Their traces validate against
 * the trace schema.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPerturbedOracle, PERTURBATIONS } from "../../src/policy/oracle/index.js";
import { reward } from "../../src/reward/index.js";
import { SCENARIOS } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import { validateTrace } from "../../src/trace/index.js";
import { cells, fixedClock, tasksOf } from "./support.js";

const TASKS_PER_CELL = 4;

for (const scenario of SCENARIOS) {
  test(`${scenario.name}: every perturbed oracle loses reward and is labelled`, async () => {
    const applied = new Map<string, number>();
    for (const { split, difficulty } of cells()) {
      for (const task of tasksOf(scenario.name, split, difficulty, TASKS_PER_CELL, 500)) {
        for (const label of PERTURBATIONS) {
          const policy = createPerturbedOracle(task, label);
          if (!policy) continue;
          applied.set(label, (applied.get(label) ?? 0) + 1);
          const trace = await runTask(task, policy, { clock: fixedClock() });
          const validation = validateTrace(trace);
          assert.ok(validation.ok, `${task.id} ${label}: ${validation.ok ? "" : validation.errors.join("; ")}`);
          const result = reward(task, trace);
          const labels = result.failures.map((f) => f.label);
          assert.ok(result.reward < 1, `${task.id} perturbed:${label} scored ${result.reward}`);
          assert.ok(labels.includes(label), `${task.id} perturbed:${label} labelled ${labels.join(",")}`);
        }
      }
    }
    for (const label of PERTURBATIONS) assert.ok((applied.get(label) ?? 0) > 0, `${scenario.name}: perturbed:${label} never applied`);
  });
}
