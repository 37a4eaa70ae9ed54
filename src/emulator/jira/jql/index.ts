/**
 * The JQL engine: `compileJql(jql, context)` parses, checks and compiles a query once; the result filters
 * (`matches`), sorts (`compare`), says whether the query is bounded, and may narrow the scan (`narrowing`).
 */
import { compileQuery } from "./compile.js";
import { parseJql } from "./parser.js";
import type { CompileJql, JqlContext, JqlResult } from "./types.js";

export type { JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlQuery, JqlSortTerm } from "./ast.js";
export type { CompileJql, CompiledJql, JqlContext, JqlIssueView, JqlResult, JqlUser } from "./types.js";
export { UNBOUNDED_QUERY_MESSAGE } from "./messages.js";
export { parseJql, type ParseResult } from "./parser.js";
export { printJql } from "./print.js";

export const compileJql: CompileJql = (jql: string, context: JqlContext): JqlResult => {
  const parsed = parseJql(typeof jql === "string" ? jql : "");
  if (!parsed.ok) return parsed;
  return compileQuery(parsed.query, context);
};
