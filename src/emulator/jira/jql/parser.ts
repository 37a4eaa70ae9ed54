/**
 * Recursive-descent JQL parser with Jira's precedence (tightest first): comparison, NOT, AND, OR.
 *
 *   query    := [or] [ORDER BY sort (',' sort)*] EOF
 *   or       := and ((OR | '||' | '|') and)*
 *   and      := not ((AND | '&&' | '&') not)*
 *   not      := (NOT | '!') not | '(' or ')' | terminal
 *   terminal := field operator operand
 *   operand  := EMPTY | NULL | value | name '(' [arg (',' arg)*] ')' | '(' operand (',' operand)* ')'
 *
 * Nesting (parentheses, NOT, lists) is bounded by MAX_DEPTH so hostile input gives an error, not a stack overflow.
 */
import type { JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlQuery, JqlSortTerm } from "./ast.js";
import { JqlSyntaxError, tokenize, type Token } from "./lexer.js";
import { semantic, syntax } from "./messages.js";
import { isKeyword, isReserved } from "./words.js";

export const MAX_DEPTH = 100;

export type ParseResult = { ok: true; query: JqlQuery } | { ok: false; errorMessages: string[] };

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parseQuery(): JqlQuery {
    let where: JqlClause | null = null;
    if (this.peek().kind !== "eof" && !this.isWord(this.peek(), "order")) where = this.parseOr(0);
    let orderBy: JqlSortTerm[] | null = null;
    const next = this.peek();
    if (this.isWord(next, "order")) orderBy = this.parseOrderBy();
    else if (next.kind !== "eof") throw new JqlSyntaxError(syntax.expectingLogical(next.raw, next.position));
    return { where, orderBy };
  }

  private peek(offset = 0): Token {
    const tokens = this.tokens;
    return tokens[Math.min(this.index + offset, tokens.length - 1)] as Token;
  }

  private advance(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }

  private isWord(token: Token, lowerWord: string): boolean {
    return token.kind === "word" && token.text.toLowerCase() === lowerWord && token.raw.toLowerCase() === lowerWord;
  }

  private checkDepth(depth: number, token: Token): void {
    if (depth >= MAX_DEPTH) throw new JqlSyntaxError(syntax.tooDeep(token.position));
  }

  private parseOr(depth: number): JqlClause {
    const clauses = [this.parseAnd(depth)];
    while (this.peek().kind === "or" || this.isWord(this.peek(), "or")) {
      this.advance();
      clauses.push(this.parseAnd(depth));
    }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: "or", clauses };
  }

  private parseAnd(depth: number): JqlClause {
    const clauses = [this.parseNot(depth)];
    while (this.peek().kind === "and" || this.isWord(this.peek(), "and")) {
      this.advance();
      clauses.push(this.parseNot(depth));
    }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: "and", clauses };
  }

  private parseNot(depth: number): JqlClause {
    const token = this.peek();
    if (token.kind === "bang" || this.isWord(token, "not")) {
      this.checkDepth(depth, token);
      this.advance();
      return { kind: "not", clause: this.parseNot(depth + 1) };
    }
    if (token.kind === "lparen") {
      this.checkDepth(depth, token);
      this.advance();
      const inner = this.parseOr(depth + 1);
      const close = this.peek();
      if (close.kind === "rparen") {
        this.advance();
        return inner;
      }
      if (close.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("')'"));
      throw new JqlSyntaxError(syntax.expectingLogical(close.raw, close.position));
    }
    return this.parseTerminal(depth);
  }

  private parseTerminal(depth: number): JqlClause {
    const field = this.parseField();
    const operator = this.parseOperator(field);
    const operand = this.parseOperand(depth);
    return { kind: "terminal", field, operator, operand };
  }

  private parseField(): JqlFieldRef {
    const token = this.peek();
    switch (token.kind) {
      case "eof":
        throw new JqlSyntaxError(syntax.expectingFieldAtEnd());
      case "lbracket":
        throw new JqlSyntaxError(syntax.expectingFieldNotBracket(token.position));
      case "string":
        if (token.text === "") throw new JqlSyntaxError(syntax.emptyFieldName(token.position));
        this.advance();
        return { name: token.text, quoted: true };
      case "word": {
        if (isReserved(token.raw)) throw new JqlSyntaxError(syntax.reservedWord(token.raw, token.position));
        if (isKeyword(token.raw)) throw new JqlSyntaxError(syntax.expectingField(token.raw, token.position));
        this.advance();
        if (token.text.toLowerCase() === "cf" && token.raw.toLowerCase() === "cf") return this.parseCustomField(token);
        return { name: token.text, quoted: false };
      }
      default:
        throw new JqlSyntaxError(syntax.expectingField(token.raw, token.position));
    }
  }

  /** `cf[12345]`: parsed so that it gets Jira's "does not exist" answer rather than a syntax error. */
  private parseCustomField(cf: Token): JqlFieldRef {
    const open = this.peek();
    if (open.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("'['"));
    if (open.kind !== "lbracket") throw new JqlSyntaxError(syntax.expecting("'['", open.raw, open.position));
    this.advance();
    const id = this.peek();
    if (id.kind === "eof") throw new JqlSyntaxError(syntax.expectingCustomFieldIdAtEnd());
    if (id.kind !== "word" || !id.numeric || id.text.startsWith("-")) {
      throw new JqlSyntaxError(syntax.expectingCustomFieldId(id.raw, id.position));
    }
    this.advance();
    const close = this.peek();
    if (close.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("']'"));
    if (close.kind !== "rbracket") throw new JqlSyntaxError(syntax.expecting("']'", close.raw, close.position));
    this.advance();
    return { name: `${cf.raw}[${id.text}]`, quoted: false };
  }

  private parseOperator(field: JqlFieldRef): JqlOperator {
    const token = this.peek();
    if (token.kind === "op") {
      this.advance();
      return token.text as JqlOperator;
    }
    if (token.kind === "eof") throw new JqlSyntaxError(syntax.expectingOperatorAtEnd());
    if (this.isWord(token, "in")) {
      this.advance();
      return "in";
    }
    if (this.isWord(token, "not")) {
      this.advance();
      const next = this.peek();
      if (next.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("'IN'"));
      if (!this.isWord(next, "in")) throw new JqlSyntaxError(syntax.expecting("'IN'", next.raw, next.position));
      this.advance();
      return "not in";
    }
    if (this.isWord(token, "is")) {
      this.advance();
      const next = this.peek();
      if (this.isWord(next, "not")) {
        this.advance();
        return "is not";
      }
      if (next.kind === "bang") throw new JqlSyntaxError(syntax.expecting("'NOT'", next.raw, next.position));
      return "is";
    }
    if (this.isWord(token, "was") || this.isWord(token, "changed")) {
      // History searches need the change log, which the emulator does not keep: answer as Jira does for fields without history.
      throw new JqlSyntaxError(semantic.unsupportedOperator(field.name, token.text.toLowerCase()));
    }
    throw new JqlSyntaxError(syntax.expectingOperator(token.raw, token.position));
  }

  private parseOperand(depth: number): JqlOperand {
    const token = this.peek();
    switch (token.kind) {
      case "eof":
        throw new JqlSyntaxError(syntax.expectingOperandAtEnd());
      case "lparen":
        return this.parseList(depth);
      case "string":
        this.advance();
        if (this.peek().kind === "lparen") {
          if (token.text === "") throw new JqlSyntaxError(syntax.emptyFunctionName(token.position));
          return this.parseFunction(token.text);
        }
        return { kind: "value", value: token.text, quoted: true, numeric: false };
      case "word": {
        const lower = token.raw.toLowerCase();
        if (lower === "empty" || lower === "null") {
          this.advance();
          return { kind: "empty", text: token.raw };
        }
        if (isReserved(token.raw)) throw new JqlSyntaxError(syntax.reservedWord(token.raw, token.position));
        if (isKeyword(token.raw)) throw new JqlSyntaxError(syntax.expectingOperand(token.raw, token.position));
        this.advance();
        if (this.peek().kind === "lparen") return this.parseFunction(token.text);
        return { kind: "value", value: token.text, quoted: false, numeric: token.numeric };
      }
      default:
        throw new JqlSyntaxError(syntax.expectingOperand(token.raw, token.position));
    }
  }

  private parseList(depth: number): JqlOperand {
    const open = this.advance();
    this.checkDepth(depth, open);
    const items = [this.parseOperand(depth + 1)];
    while (this.peek().kind === "comma") {
      this.advance();
      items.push(this.parseOperand(depth + 1));
    }
    const close = this.peek();
    if (close.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("')'"));
    if (close.kind !== "rparen") throw new JqlSyntaxError(syntax.expecting("')'", close.raw, close.position));
    this.advance();
    return { kind: "list", items };
  }

  /** Called with the name consumed and '(' next. */
  private parseFunction(name: string): JqlOperand {
    this.advance();
    const args: string[] = [];
    let token = this.peek();
    if (token.kind === "rparen") {
      this.advance();
      return { kind: "function", name, args };
    }
    for (;;) {
      if (token.kind === "eof")
        throw new JqlSyntaxError(args.length === 0 ? syntax.expectingAtEnd("')'") : syntax.expectingArgumentAtEnd());
      if (token.kind === "comma" && args.length === 0) throw new JqlSyntaxError(syntax.expecting("')'", token.raw, token.position));
      if (token.kind === "rparen" || token.kind === "comma") throw new JqlSyntaxError(syntax.emptyArgument(token.position));
      if (token.kind !== "word" && token.kind !== "string") throw new JqlSyntaxError(syntax.expectingArgument(token.raw, token.position));
      args.push(token.text);
      this.advance();
      const next = this.peek();
      if (next.kind === "rparen") {
        this.advance();
        return { kind: "function", name, args };
      }
      if (next.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("')'"));
      if (next.kind !== "comma") throw new JqlSyntaxError(syntax.expecting("')' or ','", next.raw, next.position));
      this.advance();
      token = this.peek();
    }
  }

  private parseOrderBy(): JqlSortTerm[] {
    this.advance();
    const by = this.peek();
    if (by.kind === "eof") throw new JqlSyntaxError(syntax.expectingAtEnd("'by'"));
    if (!this.isWord(by, "by")) throw new JqlSyntaxError(syntax.expecting("'by'", by.raw, by.position));
    this.advance();
    const terms: JqlSortTerm[] = [];
    for (;;) {
      const field = this.parseField();
      let direction: JqlSortTerm["direction"] = null;
      const next = this.peek();
      if (this.isWord(next, "asc") || this.isWord(next, "desc")) {
        direction = next.text.toLowerCase() as "asc" | "desc";
        this.advance();
      }
      terms.push({ field, direction });
      const after = this.peek();
      if (after.kind === "eof") return terms;
      if (after.kind !== "comma") {
        throw new JqlSyntaxError(
          direction === null ? syntax.expectingDirection(after.raw, after.position) : syntax.expecting("','", after.raw, after.position),
        );
      }
      this.advance();
    }
  }
}

/** Parses JQL into a syntax tree, or Jira's syntax error message. Never throws. */
export function parseJql(jql: string): ParseResult {
  try {
    return { ok: true, query: new Parser(tokenize(jql)).parseQuery() };
  } catch (error) {
    if (error instanceof JqlSyntaxError) return { ok: false, errorMessages: [error.message] };
    throw error;
  }
}
