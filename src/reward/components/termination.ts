/**
 * Clean termination: the episode ends with a final answer, after every goal write, with no
 * tool calls after it (those are never credited, so claiming success early cannot pay).
 */
import type { ComponentResult, ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";

export function scoreTermination(ctx: ScoringContext): ComponentResult {
  const failures: Failure[] = [];
  const missing = ctx.task.goal.writes.filter((w) => !ctx.assignment.matched.has(w.id)).map((w) => w.id);
  const late = ctx.episode.calls.flatMap((c, i) => (c.afterFinal ? [i] : []));
  if (late.length > 0) failures.push({ label: "call_after_final", call: late[0], detail: `${late.length} call(s) after the final answer` });
  if (ctx.episode.stop === "budget") {
    failures.push({
      label: "budget_exhausted",
      detail: missing.length > 0 ? `budget ran out before: ${missing.join(", ")}` : "no final answer",
    });
  } else if (missing.length > 0) {
    failures.push({ label: "premature_stop", detail: `stopped before: ${missing.join(", ")}` });
  } else if (ctx.episode.stop !== "final_answer") {
    failures.push({ label: "premature_stop", detail: "ended without a final answer" });
  }
  return { score: failures.length === 0 ? 1 : 0, failures };
}
