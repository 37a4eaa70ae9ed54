/** The JQL syntax tree produced by `parseJql`. Plain data: comparable with deepEqual, printable with `printJql`. */

export type JqlOperator = "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=" | "in" | "not in" | "is" | "is not";

export type JqlOperand =
  /** `EMPTY` or `NULL` (`text` keeps the spelling). */
  | { kind: "empty"; text: string }
  /** A single value; `quoted` when written in quotes; `numeric` for unquoted integers (ids first, as in Jira). */
  | { kind: "value"; value: string; quoted: boolean; numeric: boolean }
  | { kind: "function"; name: string; args: string[] }
  | { kind: "list"; items: JqlOperand[] };

export interface JqlFieldRef {
  /** As written (aliases and case preserved: Jira quotes the field as the user wrote it in messages). */
  name: string;
  quoted: boolean;
}

export type JqlClause =
  | { kind: "and"; clauses: JqlClause[] }
  | { kind: "or"; clauses: JqlClause[] }
  | { kind: "not"; clause: JqlClause }
  | { kind: "terminal"; field: JqlFieldRef; operator: JqlOperator; operand: JqlOperand };

export interface JqlSortTerm {
  field: JqlFieldRef;
  /** Null when not written: the field's default direction applies. */
  direction: "asc" | "desc" | null;
}

export interface JqlQuery {
  /** Null for an empty query or one with only ORDER BY. */
  where: JqlClause | null;
  /** Null when there is no ORDER BY. */
  orderBy: JqlSortTerm[] | null;
}
