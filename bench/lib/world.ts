/** The one task whose world every throughput measurement uses, so in-process and HTTP numbers compare. */
import type { Site } from "../../src/emulator/index.js";
import { generate } from "../../src/scenarios/registry.js";
import type { Task } from "../../src/scenarios/types.js";
import { startState } from "../../src/scenarios/world.js";

export const BENCH_SESSION_SPEC = { scenario: "jira-transition-issue", split: "train", difficulty: 1, seed: 0 } as const;

export function benchTask(): Task {
  return generate(BENCH_SESSION_SPEC);
}

/** The task's start state, frozen: every episode of a measurement forks it. */
export function benchStartState(): Site {
  return startState(benchTask()).freeze();
}
