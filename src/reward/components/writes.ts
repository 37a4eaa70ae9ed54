/**
 * Per-argument correctness of each expected write, and whether what it created or changed is
 * still right at the end (so creating the right object and then altering or deleting it does
 * not pay). A write never made scores 0; its cause is labelled by `termination`.
 */
import type { ExpectedWrite } from "../../scenarios/types.js";
import { stateCheckHolds, type ComponentResult, type ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";
import { checkArg } from "../patterns.js";
import { viewOf, type Replayed } from "../replay.js";
import { valuesAt } from "../values.js";

export function scoreWrites(ctx: ScoringContext): ComponentResult {
  const writes = ctx.task.goal.writes;
  if (writes.length === 0) return { score: 1, failures: [] };
  const failures: Failure[] = [];
  let total = 0;
  for (const expected of writes) {
    const made = ctx.assignment.matched.get(expected.id);
    if (made) total += scoreWrite(ctx, expected, made, failures);
  }
  return { score: total / writes.length, failures };
}

function scoreWrite(ctx: ScoringContext, expected: ExpectedWrite, made: Replayed, failures: Failure[]): number {
  const view = viewOf(made);
  let passed = 0;
  for (const check of expected.args) {
    const verdict = checkArg(check, view);
    if (verdict.ok) {
      passed++;
      continue;
    }
    const label = !verdict.present
      ? "missing_required_field"
      : check.idLike && verdict.given.some((v) => !ctx.seenBefore(v, made.seq))
        ? "hallucinated_id"
        : "wrong_value";
    failures.push({ label, call: made.call, detail: `${expected.id}: ${check.name}` });
  }
  const effects = expected.effects ?? [];
  const target = effects.length > 0 ? targetOf(expected, made) : undefined;
  for (const effect of effects) {
    if (stateCheckHolds(ctx, effect, target)) passed++;
    else failures.push({ label: effect.failure ?? "wrong_value", call: made.call, detail: `${expected.id}: final state: ${effect.name}` });
  }
  const checks = expected.args.length + effects.length;
  return checks === 0 ? 1 : passed / checks;
}

function targetOf(expected: ExpectedWrite, made: Replayed): string | undefined {
  const source = expected.target;
  if (!source) return undefined;
  const value = "param" in source ? made.params[source.param] : valuesAt(made.body, pointerToPath(source.response))[0];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** `/results/0/id` -> `results.0.id`. */
export function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}
