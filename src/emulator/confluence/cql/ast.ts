/** The parsed form of a CQL query. */
import type { Operator } from "./lexer.js";

export type ClauseOperator = Operator | "in" | "not in";

export type CqlValue = { kind: "literal"; text: string } | { kind: "function"; name: string; args: readonly string[]; pos: number };

export interface Clause {
  kind: "clause";
  /** Field name as written (lookups lower-case it). */
  field: string;
  op: ClauseOperator;
  values: readonly CqlValue[];
  pos: number;
}

/** AND/OR chains are n-ary, so only parentheses and NOT add depth (and the parser bounds those). */
export type Expr = Clause | { kind: "and" | "or"; operands: readonly Expr[]; pos: number } | { kind: "not"; operand: Expr; pos: number };

export interface SortKey {
  field: string;
  descending: boolean;
  pos: number;
}

export interface CqlQuery {
  where: Expr | null;
  orderBy: readonly SortKey[];
}
