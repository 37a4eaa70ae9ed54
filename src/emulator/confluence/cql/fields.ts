/**
 * The CQL fields atlasgym supports, the operators each accepts (as in Confluence's CQL field
 * reference) and how a clause on each becomes a predicate over `CqlContentView`.
 */
import type { Clause, ClauseOperator, CqlValue } from "./ast.js";
import { evaluateDateFunction, isDateFunction, parseDateLiteral, type CqlInstant } from "./dates.js";
import { compileContains } from "./text-search.js";
import type { CqlContentView, CqlContext } from "./types.js";

export type Predicate = (view: CqlContentView) => boolean;

/** A clause that parses but cannot be evaluated (unknown field, operator or value). */
export class CqlCompileError {
  constructor(
    readonly detail: string,
    readonly pos: number,
  ) {}
}

interface FieldSpec {
  operators: ReadonlySet<ClauseOperator>;
  compile(clause: Clause, context: CqlContext): Predicate;
}

const EQUALITY: ClauseOperator[] = ["=", "!=", "in", "not in"];
const CONTAINS: ClauseOperator[] = ["~", "!~"];
const RANGE: ClauseOperator[] = ["=", "!=", ">", ">=", "<", "<="];
const DAY_MS = 86_400_000;

const lower = (s: string): string => s.toLowerCase();
const same = (s: string): string => s;

function isNegative(op: ClauseOperator): boolean {
  return op === "!=" || op === "!~" || op === "not in";
}

function literals(clause: Clause): string[] {
  return clause.values.map((v) => {
    if (v.kind === "function")
      throw new CqlCompileError(`the function '${v.name}()' is not supported by the field '${clause.field}'`, v.pos);
    return v.text;
  });
}

/** `field = v`, `field IN (...)` and their negations over a single-valued property. */
function oneOf(
  read: (v: CqlContentView) => string | null,
  normalise: (s: string) => string,
  values: (c: Clause, ctx: CqlContext) => string[],
): FieldSpec {
  return {
    operators: new Set(EQUALITY),
    compile(clause, context) {
      const wanted = new Set(values(clause, context).map(normalise));
      const test: Predicate = (view) => {
        const value = read(view);
        return value !== null && wanted.has(normalise(value));
      };
      return isNegative(clause.op) ? (view) => !test(view) : test;
    },
  };
}

/** As `oneOf`, for multi-valued properties (labels, ancestors): true when any value is wanted. */
function anyOf(
  read: (v: CqlContentView) => readonly string[],
  normalise: (s: string) => string,
  values: (c: Clause, ctx: CqlContext) => string[],
): FieldSpec {
  return {
    operators: new Set(EQUALITY),
    compile(clause, context) {
      const wanted = new Set(values(clause, context).map(normalise));
      const test: Predicate = (view) => read(view).some((x) => wanted.has(normalise(x)));
      return isNegative(clause.op) ? (view) => !test(view) : test;
    },
  };
}

function userValues(clause: Clause, context: CqlContext): string[] {
  return clause.values.map((v: CqlValue) => {
    if (v.kind === "literal") return v.text;
    if (v.name.toLowerCase() === "currentuser" && v.args.length === 0) return context.currentAccountId;
    throw new CqlCompileError(`the function '${v.name}()' is not supported by the field '${clause.field}'`, v.pos);
  });
}

function contains(scope: "title" | "all"): FieldSpec {
  return {
    operators: new Set(CONTAINS),
    compile(clause) {
      const [value] = literals(clause);
      const test = compileContains(value ?? "", scope);
      return clause.op === "!~" ? (view) => !test(view) : test;
    },
  };
}

function instant(clause: Clause, context: CqlContext): CqlInstant {
  const value = clause.values[0] as CqlValue;
  if (value.kind === "literal") {
    const parsed = parseDateLiteral(value.text);
    if (parsed === null) {
      throw new CqlCompileError(
        `'${value.text}' is not a valid date for '${clause.field}' (use "yyyy-MM-dd", "yyyy/MM/dd" or with " HH:mm")`,
        clause.pos,
      );
    }
    return parsed;
  }
  if (!isDateFunction(value.name))
    throw new CqlCompileError(`the function '${value.name}()' is not supported by the field '${clause.field}'`, value.pos);
  const result = evaluateDateFunction(value.name, value.args, context.now);
  if (typeof result === "string") throw new CqlCompileError(result, value.pos);
  return result;
}

function date(read: (v: CqlContentView) => number): FieldSpec {
  return {
    operators: new Set(RANGE),
    compile(clause, context) {
      const { ms, day } = instant(clause, context);
      // A date-only literal names a whole day for `=`/`!=`; otherwise compare instants.
      const end = day ? ms + DAY_MS : ms + 1;
      switch (clause.op) {
        case "=":
          return (v) => read(v) >= ms && read(v) < end;
        case "!=":
          return (v) => !(read(v) >= ms && read(v) < end);
        case ">":
          return (v) => read(v) > ms;
        case ">=":
          return (v) => read(v) >= ms;
        case "<":
          return (v) => read(v) < ms;
        default:
          return (v) => read(v) <= ms;
      }
    },
  };
}

/**
 * Title supports both exact (=, IN) and text (~) matching. Confluence's docs write exact titles
 * as `title = "\"Advanced Searching\""`, so one pair of inner quotes is ignored.
 */
const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);
const titleExact = oneOf(
  (v) => v.title,
  lower,
  (clause) => literals(clause).map(unquote),
);
const titleContains = contains("title");
const title: FieldSpec = {
  operators: new Set([...EQUALITY, ...CONTAINS]),
  compile: (clause, context) => (clause.op === "~" || clause.op === "!~" ? titleContains : titleExact).compile(clause, context),
};

const space = oneOf((v) => v.spaceKey, lower, literals);

const FIELDS = new Map<string, FieldSpec>([
  ["type", oneOf((v) => v.type, lower, literals)],
  ["space", space],
  ["space.key", space],
  ["space.id", oneOf((v) => v.spaceId, same, literals)],
  ["title", title],
  ["text", contains("all")],
  ["label", anyOf((v) => v.labels, lower, literals)],
  ["id", oneOf((v) => v.id, same, literals)],
  ["content", oneOf((v) => v.id, same, literals)],
  ["parent", oneOf((v) => v.parentId, same, literals)],
  ["ancestor", anyOf((v) => v.ancestorIds, same, literals)],
  ["creator", oneOf((v) => v.creatorAccountId, same, userValues)],
  ["contributor", anyOf((v) => [v.creatorAccountId, v.lastModifierAccountId], same, userValues)],
  ["created", date((v) => v.created)],
  ["lastmodified", date((v) => v.lastModified)],
]);

export function compileClause(clause: Clause, context: CqlContext): Predicate {
  const spec = FIELDS.get(clause.field.toLowerCase());
  if (spec === undefined) throw new CqlCompileError(`the field '${clause.field}' does not exist`, clause.pos);
  if (!spec.operators.has(clause.op)) {
    throw new CqlCompileError(`the operator '${clause.op.toUpperCase()}' is not supported by the field '${clause.field}'`, clause.pos);
  }
  return spec.compile(clause, context);
}

export { isNegative };
