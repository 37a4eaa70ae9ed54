/** created, updated, resolutiondate (instants) and duedate (a calendar day, compared in the caller's zone). */
import { isPositiveOperator, membershipAtom, rangeAtom, type Predicate } from "../atoms.js";
import { dayNumberOfInstant, dayNumberOfIsoDate, parseDateLiteral } from "../dates.js";
import type { FieldId } from "../fields.js";
import { evaluateFunction } from "../functions.js";
import { semantic } from "../messages.js";
import type { JqlIssueView } from "../types.js";
import { isOrdering, type ClauseParts, type CompiledClause } from "./parts.js";

/** Date-times read as epoch ms; the due date (a calendar date) as a day number. */
function dateGetter(id: FieldId): (issue: JqlIssueView) => number | null {
  switch (id) {
    case "created":
      return (i) => i.created;
    case "updated":
      return (i) => i.updated;
    case "resolutiondate":
      return (i) => i.resolutiondate;
    default:
      return (i) => (i.duedate === null ? null : dayNumberOfIsoDate(i.duedate));
  }
}

export function compileDate(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const { now, timeZone } = env.functions;
  const dateOnly = spec.id === "duedate";
  const readings: number[] = [];
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "empty") continue;
    let instant: number | null = null;
    if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "date", env.functions);
      if (result.ok && result.value.kind === "instant") instant = result.value.instant;
      else env.report(result.ok ? semantic.functionNotDate(item.name, field) : result.message);
    } else {
      instant = parseDateLiteral(item.value, item.numeric, now, timeZone);
      if (instant === null) env.report(semantic.invalidDate(field, item.value));
    }
    if (instant === null) failed = true;
    else readings.push(dateOnly ? dayNumberOfInstant(instant, timeZone) : instant);
  }
  if (failed) return null;
  const get = dateGetter(spec.id);
  if (isOrdering(operator)) return { atom: rangeAtom(get, operator, readings[0] as number) };
  const wanted = new Set(readings);
  const isEmpty: Predicate = (i) => get(i) === null;
  const has: Predicate = (i) => wanted.has(get(i) as number);
  return { atom: membershipAtom(isEmpty, has, parts.includesEmpty, isPositiveOperator(operator)) };
}
