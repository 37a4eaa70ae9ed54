/** Each scenario yields at least 1,000 distinct train tasks and 200 distinct test tasks from seeds. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { SCENARIOS } from "../../src/scenarios/registry.js";
import type { Split } from "../../src/scenarios/types.js";

const WANTED: Record<Split, number> = { train: 1000, test: 200 };

for (const scenario of SCENARIOS) {
  test(`${scenario.name}: ${WANTED.train} distinct train and ${WANTED.test} distinct test tasks`, () => {
    for (const split of ["train", "test"] as const) {
      const distinct = new Set<string>();
      // A few percent more seeds than needed: two seeds may draw the same task.
      for (let seed = 0; seed < Math.ceil(WANTED[split] * 1.05); seed++) {
        const task = scenario.generate({ scenario: scenario.name, split, difficulty: (1 + (seed % 3)) as 1 | 2 | 3, seed });
        distinct.add(JSON.stringify([task.worldSeed, task.setup, task.instruction, task.goal]));
      }
      assert.ok(distinct.size >= WANTED[split], `${scenario.name} ${split}: only ${distinct.size} distinct tasks`);
    }
  });
}
