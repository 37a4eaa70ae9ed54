/**
 * JQL functions: currentUser(), now(), the calendar functions startOfDay() ... endOfYear() with an optional
 * increment ("-1d", "+2w", "-1M", or a bare number in the function's own unit), and the list functions
 * standardIssueTypes() / subTaskIssueTypes(). Names are case-insensitive.
 */
import { calendarBoundary, isRepresentable, parseIncrement, type CalendarUnit } from "./dates.js";
import { semantic } from "./messages.js";
import type { JqlContext } from "./types.js";

export type FunctionValue =
  { kind: "user"; accountId: string } | { kind: "instant"; instant: number } | { kind: "issueTypes"; ids: string[] };

/** What a clause's field can take from a function. */
export type FunctionTarget = "user" | "date" | "issueType" | "other";

export type FunctionResult = { ok: true; value: FunctionValue } | { ok: false; message: string };

interface FunctionSpec {
  name: string;
  returns: FunctionValue["kind"];
  maxArgs: number;
  evaluate(args: readonly string[], env: FunctionEnvironment): FunctionResult;
}

export interface FunctionEnvironment {
  now: number;
  timeZone: string;
  currentAccountId: string;
  issueTypes: JqlContext["issueTypes"];
}

function isSubtaskType(type: JqlContext["issueTypes"][number]): boolean {
  return type.subtask ?? /^sub[- ]?task$/i.test(type.name);
}

function issueTypeList(name: string, subtasks: boolean): FunctionSpec {
  return {
    name,
    returns: "issueTypes",
    maxArgs: 0,
    evaluate: (_args, env) => ({
      ok: true,
      value: { kind: "issueTypes", ids: env.issueTypes.filter((t) => isSubtaskType(t) === subtasks).map((t) => t.id) },
    }),
  };
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
      const instant = calendarBoundary(env.now, env.timeZone, unit, edge, increment);
      // An increment of thousands of years leaves the calendar: refuse it as a malformed duration.
      if (!isRepresentable(instant)) return { ok: false, message: semantic.badFunctionDuration(name) };
      return { ok: true, value: { kind: "instant", instant } };
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
  issueTypeList("standardIssueTypes", false),
  issueTypeList("subTaskIssueTypes", true),
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name.toLowerCase(), f]));

const ACCEPTS: Record<FunctionTarget, FunctionValue["kind"] | null> = {
  user: "user",
  date: "instant",
  issueType: "issueTypes",
  other: null,
};

/** Whether a function returns a list (so it goes with IN / NOT IN, not with =). */
export function isListFunction(name: string): boolean {
  return BY_NAME.get(name.toLowerCase())?.returns === "issueTypes";
}

/** Evaluates `name(args)` for a clause on `field` (as written), checking the result fits the field. */
export function evaluateFunction(
  name: string,
  args: readonly string[],
  field: string,
  target: FunctionTarget,
  env: FunctionEnvironment,
): FunctionResult {
  const spec = BY_NAME.get(name.toLowerCase());
  if (!spec) return { ok: false, message: semantic.unknownFunction(`${name}(${args.join(", ")})`) };
  if (args.length > spec.maxArgs) return { ok: false, message: semantic.functionArity(spec.name, spec.maxArgs, args.length) };
  if (ACCEPTS[target] !== spec.returns) {
    const message = target === "date" ? semantic.functionNotDate(spec.name, field) : semantic.functionNotForField(spec.name, field);
    return { ok: false, message };
  }
  return spec.evaluate(args, env);
}
