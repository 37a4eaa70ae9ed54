/** Shared shapes and helpers of the per-field clause compilers. */
import type { JqlOperand, JqlOperator } from "../ast.js";
import type { Atom, Ordering } from "../atoms.js";
import type { ContextIndex } from "../context-index.js";
import type { FieldSpec } from "../fields.js";
import { evaluateFunction, type FunctionEnvironment } from "../functions.js";
import { semantic } from "../messages.js";
import type { Literal } from "../resolve.js";
import type { JqlContext } from "../types.js";

export interface ClauseEnvironment {
  context: JqlContext;
  index: ContextIndex;
  functions: FunctionEnvironment;
  report(message: string): void;
}

/** What a positive clause tells about the issues that can match (for narrowing the emulator's scan). */
export interface Narrowing {
  projectKeys?: readonly string[];
  issueKeys?: readonly string[];
}

export interface CompiledClause {
  atom: Atom;
  narrowing?: Narrowing;
}

/** An operand item once lists are flattened. */
export type Item = Exclude<JqlOperand, { kind: "list" }>;

/** A clause that passed the generic checks, ready for its field's compiler. */
export interface ClauseParts {
  spec: FieldSpec;
  /** The field as written, for messages. */
  field: string;
  operator: JqlOperator;
  items: Item[];
  includesEmpty: boolean;
  env: ClauseEnvironment;
}

export function isOrdering(operator: JqlOperator): operator is Ordering {
  return operator === ">" || operator === ">=" || operator === "<" || operator === "<=";
}

/** Values of the non-EMPTY items as literals; functions are reported as not applicable (or unknown). */
export function literalsOnly(parts: ClauseParts): Literal[] | null {
  const literals: Literal[] = [];
  let failed = false;
  for (const item of parts.items) {
    if (item.kind === "value") literals.push(item);
    else if (item.kind === "function") {
      const result = evaluateFunction(item.name, item.args, parts.field, "other", parts.env.functions);
      // Only reached for functions that fit no field of this kind (a result here would be a bug): report, never match.
      parts.env.report(result.ok ? semantic.functionNotForField(item.name, parts.field) : result.message);
      failed = true;
    }
  }
  return failed ? null : literals;
}
