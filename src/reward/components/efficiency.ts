/**
 * Redundant calls and the goal's call budget. A call is redundant when it repeats an earlier
 * request with no successful write in between (its answer could not have changed), or repeats
 * a write that already succeeded (successful repeats are found by assign.ts, failed ones here).
 */
import type { ComponentResult, ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";

export const REDUNDANT_CALL_COST = 0.25;

export function scoreEfficiency(ctx: ScoringContext): ComponentResult {
  const failures: Failure[] = [];
  const seen = new Set<string>();
  const written = new Set<string>();
  const redundantCalls = new Set<number>();
  for (const r of ctx.replayed) {
    const key = `${r.epoch}|${r.fingerprint}`;
    if (!r.wrote && (seen.has(key) || written.has(r.fingerprint)) && !redundantCalls.has(r.call)) {
      failures.push({ label: "redundant_call", call: r.call, detail: `${r.request.method} ${r.request.path}` });
      redundantCalls.add(r.call);
    }
    seen.add(key);
    if (r.wrote) written.add(r.fingerprint);
  }
  const repeatedWrites = ctx.assignment.extra.filter((e) => e.kind === "repeat").length;
  const credited = ctx.episode.calls.filter((c) => !c.afterFinal).length;
  const overBudget = credited > ctx.task.goal.maxCalls;
  if (overBudget) failures.push({ label: "budget_exhausted", detail: `${credited} calls, budget ${ctx.task.goal.maxCalls}` });
  const score = overBudget ? 0 : Math.max(0, 1 - REDUNDANT_CALL_COST * (redundantCalls.size + repeatedWrites));
  return { score, failures };
}
