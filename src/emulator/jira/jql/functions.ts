/**
 * JQL functions: currentUser(), now(), and the calendar functions startOfDay() ... endOfYear() with an optional
 * increment ("-1d", "+2w", "-1M", or a bare number in the function's own unit). Names are case-insensitive.
 */
import { calendarBoundary, parseIncrement, type CalendarUnit } from "./dates.js";
import type { FieldKind } from "./fields.js";
import { semantic } from "./messages.js";

export type FunctionValue = { kind: "user"; accountId: string } | { kind: "instant"; instant: number };

export type FunctionResult = { ok: true; value: FunctionValue } | { ok: false; message: string };

interface FunctionSpec {
  name: string;
  returns: "user" | "instant";
  maxArgs: number;
  evaluate(args: readonly string[], env: FunctionEnvironment): FunctionResult;
}

export interface FunctionEnvironment {
  now: number;
  timeZone: string;
  currentAccountId: string;
}

function calendar(name: string, unit: CalendarUnit, edge: "start" | "end"): FunctionSpec {
  return {
    name,
    returns: "instant",
    maxArgs: 1,
    evaluate(args, env) {
      let increment = null;
      if (args.length === 1) {
        increment = parseIncrement(args[0] as string, unit);
        if (!increment) return { ok: false, message: semantic.badFunctionDuration(name) };
      }
      return { ok: true, value: { kind: "instant", instant: calendarBoundary(env.now, env.timeZone, unit, edge, increment) } };
    },
  };
}

const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "currentUser",
    returns: "user",
    maxArgs: 0,
    evaluate: (_args, env) => ({ ok: true, value: { kind: "user", accountId: env.currentAccountId } }),
  },
  { name: "now", returns: "instant", maxArgs: 0, evaluate: (_args, env) => ({ ok: true, value: { kind: "instant", instant: env.now } }) },
  calendar("startOfDay", "day", "start"),
  calendar("endOfDay", "day", "end"),
  calendar("startOfWeek", "week", "start"),
  calendar("endOfWeek", "week", "end"),
  calendar("startOfMonth", "month", "start"),
  calendar("endOfMonth", "month", "end"),
  calendar("startOfYear", "year", "start"),
  calendar("endOfYear", "year", "end"),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

/** Evaluates `name(args)` for a clause on `field` (as written) of kind `fieldKind`, checking it applies there. */
export function evaluateFunction(
  name: string,
  args: readonly string[],
  field: string,
  fieldKind: FieldKind,
  env: FunctionEnvironment,
): FunctionResult {
  const spec = BY_NAME.get(name.toLowerCase());
  if (!spec) return { ok: false, message: semantic.unknownFunction(`${name}(${args.join(", ")})`) };
  if (args.length > spec.maxArgs) return { ok: false, message: semantic.functionArity(spec.name, spec.maxArgs, args.length) };
  const fits = (spec.returns === "user" && fieldKind === "user") || (spec.returns === "instant" && fieldKind === "date");
  if (!fits) {
    const message = fieldKind === "date" ? semantic.functionNotDate(spec.name, field) : semantic.functionNotForField(spec.name, field);
    return { ok: false, message };
  }
  return spec.evaluate(args, env);
}
