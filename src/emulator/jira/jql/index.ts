/**
 * The JQL engine. `compileJql(jql, context)` parses, checks and compiles a query once; the result filters
 * (`matches`), sorts (`compare`), says whether the query is bounded, and may narrow the scan (`narrowing`).
 *
 * Pipeline: lexer.ts (tokens, positions) -> parser.ts (syntax tree, ast.ts; nesting bounded) -> compile.ts and
 * clauses/ (Jira's checks, then closures per clause) + order.ts (ORDER BY). Every message is in messages.ts.
 *
 * Semantics, as on Jira Cloud:
 * - Precedence: comparison, NOT, AND, OR. `&&`, `||`, `&`, `|` and `!` are accepted. Keywords, field names and
 *   function names are case-insensitive; values of projects, types, statuses, priorities, resolutions, users and
 *   labels match case-insensitively. An unquoted number is tried as an id first, anything else as a name first.
 * - Negation is pushed into operators (NOT a = b is a != b), and negative operators (!=, NOT IN, !~, IS NOT)
 *   never match an issue whose field is EMPTY: `assignee != x` skips unassigned issues, as Jira does.
 * - `~` is word search: case-insensitive, light English stemming, stop words, "phrases", `fix*` / `te?t`
 *   wildcards, `+`/`-`/NOT/AND/OR; several words must all match. `text` searches summary, description,
 *   environment and comments.
 * - Dates: 'yyyy-MM-dd', 'yyyy/MM/dd' (optionally ' HH:mm') in the caller's time zone, periods ('-7d', '4w 2d';
 *   m = minutes), epoch milliseconds, now(), startOf/endOf Day|Week|Month|Year with an increment. Weeks start on
 *   Sunday. `=` on a date-time field is an exact instant; the due date compares by calendar day.
 * - Without ORDER BY, issues come newest key first (see order.ts).
 * - `bounded` is false for an empty query or one with only ORDER BY; /search/jql then answers
 *   UNBOUNDED_QUERY_MESSAGE.
 *
 * Knowingly left out: history (WAS, CHANGED; answered "operator not supported"), custom fields (cf[n]),
 * versions and components (present but never set), sprints and boards, issue links and linkedIssues(), groups
 * and membersOf(), watchers/votes, and relevance ordering of text searches.
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
