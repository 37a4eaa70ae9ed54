/** Shared by the oracle tests: task grids and a fixed clock for byte-identical traces. */
import { generate } from "../../src/scenarios/registry.js";
import { DIFFICULTIES, SPLITS, type Difficulty, type Split, type Task } from "../../src/scenarios/types.js";

export function* cells(): Generator<{ split: Split; difficulty: Difficulty }> {
  for (const split of SPLITS) for (const difficulty of DIFFICULTIES) yield { split, difficulty };
}

export function tasksOf(scenario: string, split: Split, difficulty: Difficulty, count: number, firstSeed = 0): Task[] {
  return Array.from({ length: count }, (_, i) => generate({ scenario, split, difficulty, seed: firstSeed + i }));
}

/** A clock that ticks one millisecond per reading, so traces do not depend on wall time. */
export function fixedClock(): () => number {
  let now = Date.UTC(2026, 5, 1);
  return () => now++;
}
