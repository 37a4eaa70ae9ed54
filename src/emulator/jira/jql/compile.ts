/**
 * Compiles a parsed query into closures, once: matching an issue runs no AST walk and no lookups by name.
 * NOT is pushed down into the clauses (each clause compiles to a positive and a negated predicate), which gives
 * Jira's semantics for negation over EMPTY fields.
 */
import type { JqlClause, JqlQuery } from "./ast.js";
import { ALWAYS, type Atom, type Predicate } from "./atoms.js";
import { compileClause, type ClauseEnvironment, type Narrowing } from "./clauses/index.js";
import { indexContext } from "./context-index.js";
import { compileOrder } from "./order.js";
import type { CompiledJql, JqlContext, JqlResult } from "./types.js";

function all(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0] as Predicate;
  if (predicates.length === 2) {
    const [p, q] = predicates as [Predicate, Predicate];
    return (issue) => p(issue) && q(issue);
  }
  return (issue) => {
    for (const p of predicates) if (!p(issue)) return false;
    return true;
  };
}

function any(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0] as Predicate;
  if (predicates.length === 2) {
    const [p, q] = predicates as [Predicate, Predicate];
    return (issue) => p(issue) || q(issue);
  }
  return (issue) => {
    for (const p of predicates) if (p(issue)) return true;
    return false;
  };
}

interface Compiled {
  atom: Atom;
  narrowing?: Narrowing;
}

/** Compiles a clause tree (depth is bounded by the parser). Returns null when a clause had an error (reported). */
function compileTree(clause: JqlClause, env: ClauseEnvironment): Compiled | null {
  switch (clause.kind) {
    case "terminal":
      return compileClause(clause.field.name, clause.operator, clause.operand, env);
    case "not": {
      const inner = compileTree(clause.clause, env);
      return inner && { atom: { pos: inner.atom.neg, neg: inner.atom.pos } };
    }
    case "and":
    case "or": {
      // Compile every child even after an error, so that all of the query's errors are reported together.
      const children = clause.clauses.map((c) => compileTree(c, env));
      if (children.some((c) => c === null)) return null;
      const atoms = (children as Compiled[]).map((c) => c.atom);
      const positives = atoms.map((a) => a.pos);
      const negatives = atoms.map((a) => a.neg);
      if (clause.kind === "or") return { atom: { pos: any(positives), neg: all(negatives) } };
      return { atom: { pos: all(positives), neg: any(negatives) }, narrowing: intersectNarrowings(children as Compiled[]) };
    }
  }
}

function intersect(a: readonly string[] | undefined, b: readonly string[] | undefined): readonly string[] | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const keep = new Set(b);
  return a.filter((x) => keep.has(x));
}

/** A conjunction can only match issues every restricting child allows. */
function intersectNarrowings(children: readonly Compiled[]): Narrowing | undefined {
  let projectKeys: readonly string[] | undefined;
  let issueKeys: readonly string[] | undefined;
  for (const child of children) {
    projectKeys = intersect(projectKeys, child.narrowing?.projectKeys);
    issueKeys = intersect(issueKeys, child.narrowing?.issueKeys);
  }
  if (projectKeys === undefined && issueKeys === undefined) return undefined;
  const narrowing: Narrowing = {};
  if (projectKeys !== undefined) narrowing.projectKeys = projectKeys;
  if (issueKeys !== undefined) narrowing.issueKeys = issueKeys;
  return narrowing;
}

export function compileQuery(query: JqlQuery, context: JqlContext): JqlResult {
  const errors: string[] = [];
  const seen = new Set<string>();
  const report = (message: string): void => {
    if (!seen.has(message)) errors.push(message);
    seen.add(message);
  };
  const env: ClauseEnvironment = {
    context,
    index: indexContext(context),
    functions: {
      // Read only by clauses that need it, so a context can tell whether a query depends on the clock.
      get now() {
        return context.now;
      },
      timeZone: context.timeZone,
      currentAccountId: context.currentAccountId,
      issueTypes: context.issueTypes,
    },
    report,
  };
  const compiled = query.where ? compileTree(query.where, env) : null;
  const compare = compileOrder(query.orderBy, env.index, report);
  if (errors.length > 0) return { ok: false, errorMessages: errors };
  const result: CompiledJql = {
    matches: compiled ? compiled.atom.pos : ALWAYS,
    compare,
    bounded: query.where !== null,
  };
  if (compiled?.narrowing) result.narrowing = compiled.narrowing;
  return { ok: true, query: result };
}
