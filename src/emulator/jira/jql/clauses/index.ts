/**
 * Compiles one `field operator operand` clause: checks it as Jira does (operator usage, operator support, EMPTY
 * support), then hands it to its field family's compiler, which checks the values and builds the predicate pair.
 * Errors are reported, in Jira's words, through `env.report`.
 */
import type { JqlOperand, JqlOperator } from "../ast.js";
import { lookupField } from "../fields.js";
import { isListFunction } from "../functions.js";
import { semantic } from "../messages.js";
import { displayOperand } from "../print.js";
import { compileDate } from "./date.js";
import { compileEntity } from "./entity.js";
import { compileIssue } from "./issue.js";
import { compileLabels } from "./labels.js";
import { isOrdering, type ClauseEnvironment, type ClauseParts, type CompiledClause, type Item } from "./parts.js";
import { compileText } from "./text-field.js";
import { compileUnset } from "./unset.js";
import { compileUser } from "./user.js";

export type { ClauseEnvironment, CompiledClause, Narrowing } from "./parts.js";

function flatten(operand: JqlOperand, into: Item[]): Item[] {
  if (operand.kind === "list") for (const item of operand.items) flatten(item, into);
  else into.push(operand);
  return into;
}

/** Jira's operator-usage rules, checked before anything field-specific. */
function operatorUsageError(field: string, operator: JqlOperator, operand: JqlOperand): string | null {
  const listOperator = operator === "in" || operator === "not in";
  const listOperand = operand.kind === "list" || (operand.kind === "function" && isListFunction(operand.name));
  if (operand.kind === "empty" && (listOperator || isOrdering(operator))) return semantic.emptyOperandNotSupported(field, operator);
  if (listOperator && !listOperand) return semantic.listRequired(field, operator, displayOperand(operand));
  if (!listOperator && listOperand) return semantic.listNotSupported(field, operator, displayOperand(operand));
  if ((operator === "is" || operator === "is not") && operand.kind !== "empty") return semantic.isRequiresEmpty(field, operator);
  return null;
}

export function compileClause(
  fieldName: string,
  operator: JqlOperator,
  operand: JqlOperand,
  env: ClauseEnvironment,
): CompiledClause | null {
  const spec = lookupField(fieldName);
  if (!spec) {
    env.report(semantic.unknownField(fieldName));
    return null;
  }
  const usage = operatorUsageError(fieldName, operator, operand);
  if (usage) {
    env.report(usage);
    return null;
  }
  if (!spec.operators.has(operator)) {
    env.report(semantic.unsupportedOperator(fieldName, operator));
    return null;
  }
  const items = flatten(operand, []);
  const includesEmpty = items.some((i) => i.kind === "empty");
  if (includesEmpty && !spec.emptySearchable) {
    env.report(semantic.emptyNotSupported(fieldName));
    return null;
  }
  const parts: ClauseParts = { spec, field: fieldName, operator, items, includesEmpty, env };
  switch (spec.kind) {
    case "entity":
      return compileEntity(parts);
    case "user":
      return compileUser(parts);
    case "issue":
      return compileIssue(parts);
    case "labels":
      return compileLabels(parts);
    case "text":
      return compileText(parts);
    case "date":
      return compileDate(parts);
    case "unset":
      return compileUnset(parts);
  }
}
