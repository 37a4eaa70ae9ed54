/**
 * Writes outside the goal: each halves the component. A repeat of an earlier successful write
 * is labelled `redundant_call`; it counts as a side effect only when it is a POST (which makes
 * a new object: a duplicate), since repeating a PUT or DELETE changes nothing more.
 */
import type { ComponentResult, ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";

export function scoreSideEffects(ctx: ScoringContext): ComponentResult {
  const failures: Failure[] = [];
  let count = 0;
  for (const { write, kind } of ctx.assignment.extra) {
    const what = `${write.request.method} ${write.request.path}`;
    if (kind === "outside_goal") {
      count++;
      failures.push({ label: "side_effect", call: write.call, detail: what });
    } else {
      if (write.request.method.toUpperCase() === "POST") count++;
      failures.push({ label: "redundant_call", call: write.call, detail: `repeated write ${what}` });
    }
  }
  return { score: 0.5 ** count, failures };
}
