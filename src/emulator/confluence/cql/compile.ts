/**
 * CQL text -> `CompiledCql`: parse, check fields/operators/values, and build closures for
 * filtering and ordering. Any problem gives Confluence's v1 message, which only echoes the query
 * ("Could not parse cql : ..."), plus a `detail` for logs and tests.
 */
import type { CqlQuery, Expr, SortKey } from "./ast.js";
import { CqlCompileError, compileClause, isNegative, type Predicate } from "./fields.js";
import { CqlSyntaxError } from "./lexer.js";
import { parseCql } from "./parser.js";
import type { CompileCql, CompiledCql, CqlContentView, CqlContext, CqlResult } from "./types.js";

type Comparator = (a: CqlContentView, b: CqlContentView) => number;

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Numeric ids compare by value without BigInt: shorter digit strings are smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const SORT_FIELDS = new Map<string, Comparator>([
  ["created", (a, b) => a.created - b.created],
  ["lastmodified", (a, b) => a.lastModified - b.lastModified],
  ["title", (a, b) => collator.compare(a.title, b.title)],
  ["id", (a, b) => compareIds(a.id, b.id)],
  ["content", (a, b) => compareIds(a.id, b.id)],
  ["type", (a, b) => collator.compare(a.type, b.type)],
  ["space", (a, b) => collator.compare(a.spaceKey, b.spaceKey)],
  ["space.key", (a, b) => collator.compare(a.spaceKey, b.spaceKey)],
]);

/** Without ORDER BY: most recently modified first (Confluence would rank by relevance). */
const DEFAULT_ORDER: SortKey[] = [{ field: "lastmodified", descending: true, pos: 0 }];

function compileExpr(expr: Expr, context: CqlContext): Predicate {
  switch (expr.kind) {
    case "clause":
      return compileClause(expr, context);
    case "not": {
      const operand = compileExpr(expr.operand, context);
      return (v) => !operand(v);
    }
    case "and": {
      const operands = expr.operands.map((e) => compileExpr(e, context));
      return (v) => operands.every((p) => p(v));
    }
    case "or": {
      const operands = expr.operands.map((e) => compileExpr(e, context));
      return (v) => operands.some((p) => p(v));
    }
  }
}

/** Confluence documents that "a negative expression cannot be the first clause". */
function checkFirstClause(where: Expr): void {
  let first: Expr = where;
  while (first.kind === "and" || first.kind === "or") first = first.operands[0] as Expr;
  const negative = first.kind === "not" || (first.kind === "clause" && isNegative(first.op));
  if (negative) throw new CqlCompileError("a negative expression cannot be the first clause", first.pos);
}

function compileOrder(keys: readonly SortKey[]): Comparator {
  const comparators = keys.map((key) => {
    const compare = SORT_FIELDS.get(key.field.toLowerCase());
    if (compare === undefined) throw new CqlCompileError(`cannot order by the field '${key.field}'`, key.pos);
    return key.descending ? (a: CqlContentView, b: CqlContentView) => compare(b, a) : compare;
  });
  return (a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return compareIds(a.id, b.id);
  };
}

function build(query: CqlQuery, context: CqlContext): CqlResult {
  if (query.where !== null) checkFirstClause(query.where);
  const filter = query.where === null ? () => true : compileExpr(query.where, context);
  const compare = compileOrder(query.orderBy.length > 0 ? query.orderBy : DEFAULT_ORDER);
  const compiled: CompiledCql = {
    // Search sees only current content, as Confluence's does (drafts and trash are excluded).
    matches: (view) => view.status === "current" && filter(view),
    compare,
  };
  const spaceKeys = query.where === null ? undefined : spacesOf(query.where);
  if (spaceKeys) compiled.spaceKeys = spaceKeys;
  return { ok: true, query: compiled };
}

const SPACE_FIELDS = new Set(["space", "space.key"]);

/** The spaces an expression restricts content to (`space = X`, `space IN (...)`, ANDed), when it does. */
function spacesOf(expr: Expr): readonly string[] | undefined {
  if (expr.kind === "clause") {
    if (!SPACE_FIELDS.has(expr.field.toLowerCase()) || (expr.op !== "=" && expr.op !== "in")) return undefined;
    const keys: string[] = [];
    for (const value of expr.values) {
      if (value.kind !== "literal") return undefined;
      keys.push(value.text.toLowerCase());
    }
    return keys;
  }
  if (expr.kind !== "and") return undefined;
  let keys: readonly string[] | undefined;
  for (const operand of expr.operands) {
    const own = spacesOf(operand);
    if (own) keys = keys ? keys.filter((k) => own.includes(k)) : own;
  }
  return keys;
}

export const compileCql: CompileCql = (cql, context) => {
  const message = `Could not parse cql : ${cql}`;
  try {
    const query = parseCql(cql);
    if (query.where === null && query.orderBy.length === 0) return { ok: false, message, detail: "the query is empty (at character 1)" };
    return build(query, context);
  } catch (e) {
    if (e instanceof CqlSyntaxError || e instanceof CqlCompileError) {
      return { ok: false, message, detail: `${e.detail} (at character ${e.pos + 1})` };
    }
    throw e;
  }
};
