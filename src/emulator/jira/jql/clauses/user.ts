/** assignee, reporter, creator: account ids, display names, e-mail addresses, currentUser(), EMPTY. */
import { isPositiveOperator, valueMembershipAtom } from "../atoms.js";
import type { FieldId } from "../fields.js";
import { evaluateFunction } from "../functions.js";
import { semantic } from "../messages.js";
import { resolveUser } from "../resolve.js";
import type { JqlIssueView } from "../types.js";
import type { ClauseParts, CompiledClause } from "./parts.js";

const USER_GETTERS: Partial<Record<FieldId, (issue: JqlIssueView) => string | null>> = {
  assignee: (i) => i.assigneeAccountId,
  reporter: (i) => i.reporterAccountId,
  creator: (i) => i.creatorAccountId,
};

export function compileUser(parts: ClauseParts): CompiledClause | null {
  const { spec, field, operator, env } = parts;
  const ids = new Set<string>();
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "empty") continue;
    if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, field, "user", env.functions);
      if (result.ok && result.value.kind === "user") ids.add(result.value.accountId);
      else {
        env.report(result.ok ? semantic.functionNotForField(item.name, field) : result.message);
        failed = true;
      }
      continue;
    }
    const resolved = resolveUser(item, field, env.index);
    if (resolved.ok) for (const id of resolved.ids) ids.add(id);
    else {
      env.report(resolved.message);
      failed = true;
    }
  }
  if (failed) return null;
  const get = USER_GETTERS[spec.id] as (issue: JqlIssueView) => string | null;
  ids.delete(""); // currentUser() of an anonymous caller names nobody
  return { atom: valueMembershipAtom(get, ids, parts.includesEmpty, isPositiveOperator(operator)) };
}
