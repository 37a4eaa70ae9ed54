/**
 * Redundant calls (a request identical to an earlier one with no successful write in between,
 * so its answer could not have changed; repeated writes are counted by side-effects.ts) and
 * the goal's call budget.
 */
import type { ComponentResult, ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";

export const REDUNDANT_CALL_COST = 0.25;

export function scoreEfficiency(ctx: ScoringContext): ComponentResult {
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const redundantCalls = new Set<number>();
  for (const r of ctx.replayed) {
    const key = `${r.epoch}|${r.fingerprint}`;
    if (seen.has(key) && !r.wrote) {
      if (!redundantCalls.has(r.call))
        failures.push({ label: "redundant_call", call: r.call, detail: `${r.request.method} ${r.request.path}` });
      redundantCalls.add(r.call);
    }
    seen.add(key);
  }
  const repeatedWrites = ctx.assignment.extra.filter((e) => e.kind === "repeat").length;
  const credited = ctx.episode.calls.filter((c) => !c.afterFinal).length;
  const overBudget = credited > ctx.task.goal.maxCalls;
  if (overBudget) failures.push({ label: "budget_exhausted", detail: `${credited} calls, budget ${ctx.task.goal.maxCalls}` });
  const score = overBudget ? 0 : Math.max(0, 1 - REDUNDANT_CALL_COST * (redundantCalls.size + repeatedWrites));
  return { score, failures };
}
