/** Final-state predicates of the goal that are not tied to one write (e.g. the issue ends in Done). */
import { stateCheckHolds, type ComponentResult, type ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";

export function scoreState(ctx: ScoringContext): ComponentResult {
  const checks = ctx.task.goal.state;
  if (checks.length === 0) return { score: 1, failures: [] };
  const failures: Failure[] = [];
  let passed = 0;
  for (const check of checks) {
    if (stateCheckHolds(ctx, check)) passed++;
    else failures.push({ label: check.failure ?? "wrong_value", detail: `final state: ${check.name}` });
  }
  return { score: passed / checks.length, failures };
}
