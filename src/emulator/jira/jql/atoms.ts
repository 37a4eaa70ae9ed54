/**
 * Compiled clause predicates. Every clause compiles to a pair: `pos` (the clause) and `neg` (the clause with
 * NOT pushed into its operator, as Jira does: NOT a = b  ->  a != b). Like Jira, a negative operator never matches
 * an issue whose field is EMPTY, so `x != v` and `NOT x = v` both skip issues without a value for x.
 */
import type { JqlIssueView } from "./types.js";

export type Predicate = (issue: JqlIssueView) => boolean;

export interface Atom {
  pos: Predicate;
  neg: Predicate;
}

/** Operators that assert a value (=, in, is, ~); their negated forms are !=, not in, is not, !~. */
export function isPositiveOperator(operator: string): boolean {
  return operator === "=" || operator === "in" || operator === "is" || operator === "~";
}

/**
 * Membership: `field = v`, `field in (...)`, `field is EMPTY` and their negations.
 * eq: empty -> whether EMPTY was listed; otherwise whether a value is listed.
 * ne: empty -> false (Jira); otherwise whether no value is listed.
 */
export function membershipAtom(isEmpty: Predicate, has: Predicate, includesEmpty: boolean, positive: boolean): Atom {
  const eq: Predicate = (issue) => (isEmpty(issue) ? includesEmpty : has(issue));
  const ne: Predicate = (issue) => !isEmpty(issue) && !has(issue);
  return positive ? { pos: eq, neg: ne } : { pos: ne, neg: eq };
}

/** Membership of one single-valued string field, specialised for speed. */
export function valueMembershipAtom(
  get: (issue: JqlIssueView) => string | null,
  values: ReadonlySet<string>,
  includesEmpty: boolean,
  positive: boolean,
): Atom {
  const eq: Predicate = (issue) => {
    const v = get(issue);
    return v === null ? includesEmpty : values.has(v);
  };
  const ne: Predicate = (issue) => {
    const v = get(issue);
    return v !== null && !values.has(v);
  };
  return positive ? { pos: eq, neg: ne } : { pos: ne, neg: eq };
}

export type Ordering = ">" | ">=" | "<" | "<=";

const FLIP: Record<Ordering, Ordering> = { ">": "<=", ">=": "<", "<": ">=", "<=": ">" };

function comparison(operator: Ordering, bound: number): (value: number) => boolean {
  switch (operator) {
    case ">":
      return (v) => v > bound;
    case ">=":
      return (v) => v >= bound;
    case "<":
      return (v) => v < bound;
    case "<=":
      return (v) => v <= bound;
  }
}

/** `field > bound` and friends over a numeric reading; an EMPTY field matches neither the clause nor its negation. */
export function rangeAtom(get: (issue: JqlIssueView) => number | null, operator: Ordering, bound: number): Atom {
  const test = comparison(operator, bound);
  const flipped = comparison(FLIP[operator], bound);
  return {
    pos: (issue) => {
      const v = get(issue);
      return v !== null && test(v);
    },
    neg: (issue) => {
      const v = get(issue);
      return v !== null && flipped(v);
    },
  };
}

export const NEVER: Predicate = () => false;
export const ALWAYS: Predicate = () => true;
