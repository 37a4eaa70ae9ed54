/**
 * Recursive-descent parser for CQL:
 *
 *   query    := [or] [ORDER BY sortKey {, sortKey}] EOF
 *   or       := and {OR and}
 *   and      := not {AND not}
 *   not      := NOT not | '(' or ')' | clause
 *   clause   := field op value | field [NOT] IN '(' value {, value} ')'
 *   value    := word | string | function
 *   function := word '(' [arg {, arg}] ')'
 *   sortKey  := field [ASC | DESC]
 *
 * Keywords are case-insensitive. Nesting is bounded so hostile input cannot overflow the stack.
 */
import type { Clause, ClauseOperator, CqlQuery, CqlValue, Expr, SortKey } from "./ast.js";
import { CqlSyntaxError, tokenize, type Token } from "./lexer.js";

/** Parentheses / NOT nesting beyond this is rejected. */
export const MAX_CQL_NESTING = 64;

/** Words that must be quoted to be used as values. */
const RESERVED = new Set(["and", "or", "not", "in", "order", "by", "is", "null", "empty"]);

export function parseCql(cql: string): CqlQuery {
  return new Parser(tokenize(cql)).query();
}

function keyword(token: Token, word: string): boolean {
  return token.kind === "word" && token.text.toLowerCase() === word;
}

function describe(token: Token): string {
  return token.kind === "eof" ? "the end of the query" : `'${token.text}'`;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== "eof") this.i++;
    return t;
  }

  private fail(expected: string, token: Token = this.peek()): never {
    throw new CqlSyntaxError(`expected ${expected} but found ${describe(token)}`, token.pos);
  }

  query(): CqlQuery {
    let where: Expr | null = null;
    if (this.peek().kind !== "eof" && !keyword(this.peek(), "order")) where = this.or();
    const orderBy = keyword(this.peek(), "order") ? this.orderBy() : [];
    if (this.peek().kind !== "eof") this.fail(where === null ? "a clause" : "AND, OR or ORDER BY");
    return { where, orderBy };
  }

  private or(): Expr {
    const pos = this.peek().pos;
    const operands = [this.and()];
    while (keyword(this.peek(), "or")) {
      this.next();
      operands.push(this.and());
    }
    return operands.length === 1 ? (operands[0] as Expr) : { kind: "or", operands, pos };
  }

  private and(): Expr {
    const pos = this.peek().pos;
    const operands = [this.not()];
    while (keyword(this.peek(), "and")) {
      this.next();
      operands.push(this.not());
    }
    return operands.length === 1 ? (operands[0] as Expr) : { kind: "and", operands, pos };
  }

  private not(): Expr {
    if (++this.depth > MAX_CQL_NESTING) throw new CqlSyntaxError("the query is nested too deeply", this.peek().pos);
    try {
      const t = this.peek();
      if (keyword(t, "not")) {
        this.next();
        return { kind: "not", operand: this.not(), pos: t.pos };
      }
      if (t.kind === "lparen") {
        this.next();
        const inner = this.or();
        if (this.peek().kind !== "rparen") this.fail("')'");
        this.next();
        return inner;
      }
      return this.clause();
    } finally {
      this.depth--;
    }
  }

  private fieldName(what: string): Token {
    const t = this.peek();
    if (t.kind !== "word" || RESERVED.has(t.text.toLowerCase())) this.fail(what);
    return this.next();
  }

  private clause(): Clause {
    const field = this.fieldName("a field name");
    const opToken = this.peek();
    let op: ClauseOperator;
    if (opToken.kind === "op") {
      op = opToken.text;
      this.next();
    } else if (keyword(opToken, "in")) {
      op = "in";
      this.next();
    } else if (keyword(opToken, "not") && keyword(this.peek(1), "in")) {
      op = "not in";
      this.next();
      this.next();
    } else {
      this.fail("an operator");
    }
    const values = op === "in" || op === "not in" ? this.valueList() : [this.value()];
    return { kind: "clause", field: field.text, op, values, pos: field.pos };
  }

  private valueList(): CqlValue[] {
    if (this.peek().kind !== "lparen") this.fail("'('");
    this.next();
    const values = [this.value()];
    while (this.peek().kind === "comma") {
      this.next();
      values.push(this.value());
    }
    if (this.peek().kind !== "rparen") this.fail("',' or ')'");
    this.next();
    return values;
  }

  private value(): CqlValue {
    const t = this.peek();
    if (t.kind === "string") {
      this.next();
      return { kind: "literal", text: t.text };
    }
    if (t.kind !== "word" || RESERVED.has(t.text.toLowerCase())) this.fail("a value");
    this.next();
    if (this.peek().kind !== "lparen") return { kind: "literal", text: t.text };
    this.next();
    const args: string[] = [];
    if (this.peek().kind !== "rparen") {
      args.push(this.argument());
      while (this.peek().kind === "comma") {
        this.next();
        args.push(this.argument());
      }
    }
    if (this.peek().kind !== "rparen") this.fail("',' or ')'");
    this.next();
    return { kind: "function", name: t.text, args, pos: t.pos };
  }

  private argument(): string {
    const t = this.peek();
    if (t.kind !== "string" && t.kind !== "word") this.fail("a function argument");
    this.next();
    return t.text;
  }

  private orderBy(): SortKey[] {
    this.next();
    if (!keyword(this.peek(), "by")) this.fail("BY");
    this.next();
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) this.next();
      const field = this.fieldName("a field to order by");
      let descending = false;
      if (keyword(this.peek(), "asc") || keyword(this.peek(), "desc")) descending = this.next().text.toLowerCase() === "desc";
      keys.push({ field: field.text, descending, pos: field.pos });
    } while (this.peek().kind === "comma");
    return keys;
  }
}
