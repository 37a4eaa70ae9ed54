/** project, issuetype, status, statusCategory, priority, resolution: values resolved to ids (or category keys). */
import { isPositiveOperator, rangeAtom, valueMembershipAtom, NEVER } from "../atoms.js";
import type { FieldId } from "../fields.js";
import { evaluateFunction } from "../functions.js";
import { semantic } from "../messages.js";
import { resolveEntity, type Literal } from "../resolve.js";
import type { JqlIssueView } from "../types.js";
import { isOrdering, literalsOnly, type ClauseParts, type CompiledClause } from "./parts.js";

const ENTITY_GETTERS: Partial<Record<FieldId, (issue: JqlIssueView) => string | null>> = {
  project: (i) => i.projectId,
  issuetype: (i) => i.issueTypeId,
  status: (i) => i.statusId,
  statusCategory: (i) => i.statusCategoryKey,
  priority: (i) => i.priorityId,
  resolution: (i) => i.resolutionId,
};

/**
 * Issue types also come from the list functions `standardIssueTypes()` / `subTaskIssueTypes()`: their ids go into
 * `ids`, and the literal values are returned for resolving by name. Null (reported) when another function is used.
 */
function issueTypeLiterals(parts: ClauseParts, ids: Set<string>): Literal[] | null {
  const literals: Literal[] = [];
  let ok = true;
  for (const item of parts.items) {
    if (item.kind === "value") literals.push(item);
    if (item.kind !== "function") continue;
    const result = evaluateFunction(item.name, item.args, parts.field, "issueType", parts.env.functions);
    if (result.ok && result.value.kind === "issueTypes") for (const id of result.value.ids) ids.add(id);
    else {
      parts.env.report(result.ok ? semantic.functionNotForField(item.name, parts.field) : result.message);
      ok = false;
    }
  }
  return ok ? literals : null;
}

export function compileEntity(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const get = ENTITY_GETTERS[spec.id] as (issue: JqlIssueView) => string | null;
  const ids = new Set<string>();
  const literals = spec.id === "issuetype" ? issueTypeLiterals(parts, ids) : literalsOnly(parts);
  if (!literals) return null;
  let includesEmpty = parts.includesEmpty;
  let failed = false;
  for (const literal of literals) {
    if (spec.id === "resolution" && literal.value.toLowerCase() === "unresolved") {
      includesEmpty = true;
      continue;
    }
    const resolved = resolveEntity(spec.id, literal, field, env.index);
    if (resolved.ok) for (const id of resolved.ids) ids.add(id);
    else {
      env.report(resolved.message);
      failed = true;
    }
  }
  if (failed) return null;
  if (isOrdering(operator)) {
    const order = spec.id === "priority" ? env.index.priorities.order : env.index.resolutions.order;
    // Priorities are listed most important first, and `priority > Medium` means "more important than Medium".
    const rank = (id: string | null): number | null => {
      const position = id === null ? undefined : order.get(id);
      return position === undefined ? null : spec.id === "priority" ? -position : position;
    };
    const bound = rank([...ids][0] ?? null);
    if (bound === null) return { atom: { pos: NEVER, neg: NEVER } };
    return { atom: rangeAtom((i) => rank(get(i)), operator, bound) };
  }
  const atom = valueMembershipAtom(get, ids, includesEmpty, isPositiveOperator(operator));
  if (spec.id === "project" && isPositiveOperator(operator) && !includesEmpty) {
    const keys = [...ids].map((id) => env.index.projects.keyById.get(id)).filter((k): k is string => k !== undefined);
    return { atom, narrowing: { projectKeys: keys } };
  }
  return { atom };
}
