/** Evaluating a goal's request patterns and argument checks against re-played requests. */
import type { ArgCheck, ArgOption, RequestPattern } from "../scenarios/types.js";
import { matches } from "./matchers.js";
import { viewOf, type Replayed, type RequestView } from "./replay.js";
import { valuesAt } from "./values.js";

/** Whether one option holds: some value at its path satisfies the matcher (or, for `absent`, none is there). */
export function optionHolds(option: ArgOption, root: unknown): boolean {
  const values = valuesAt(root, option.at);
  if ("absent" in option.is) return values.every((v) => matches(option.is, v));
  return values.some((v) => matches(option.is, v));
}

/** The parts of a request a pattern looks at. */
export type PatternSubject = Pick<Replayed, "operation" | "params" | "request">;

export function patternMatches(pattern: RequestPattern, r: PatternSubject): boolean {
  if (!r.operation || !pattern.operations.includes(r.operation.id)) return false;
  for (const [name, accepted] of Object.entries(pattern.params ?? {})) {
    const actual = r.params[name];
    if (actual === undefined || !accepted.some((a) => a.toLowerCase() === actual.toLowerCase())) return false;
  }
  const view = viewOf(r);
  return (pattern.where ?? []).every((option) => optionHolds(option, view));
}

export type ArgVerdict = { ok: true } | { ok: false; present: boolean; given: unknown[] };

/** Checks one scored argument: right when any option holds; otherwise says whether anything was given. */
export function checkArg(check: ArgCheck, view: RequestView): ArgVerdict {
  if (check.anyOf.some((option) => optionHolds(option, view))) return { ok: true };
  const given = check.anyOf.flatMap((option) => valuesAt(view, option.at)).filter((v) => v !== null);
  return { ok: false, present: given.length > 0, given };
}

/** Share of a write's argument checks that pass (1 when it has none). */
export function argScore(checks: readonly ArgCheck[], view: RequestView): number {
  if (checks.length === 0) return 1;
  return checks.filter((c) => checkArg(c, view).ok).length / checks.length;
}
