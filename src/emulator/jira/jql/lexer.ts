/**
 * JQL lexer: turns a query string into tokens with positions, or a Jira-worded syntax error.
 * Single pass, no backtracking, no regexes over the whole input: linear in the query length.
 */
import { syntax, type SourcePosition } from "./messages.js";

export type TokenKind =
  | "word" // unquoted string (may be a keyword, a number, a relative date ...)
  | "string" // quoted string
  | "lparen"
  | "rparen"
  | "comma"
  | "lbracket"
  | "rbracket"
  | "op" // = != ~ !~ < <= > >=
  | "and" // && or &
  | "or" // || or |
  | "bang" // ! (NOT)
  | "eof";

export interface Token {
  kind: TokenKind;
  /** Decoded text (escapes resolved, quotes removed). */
  text: string;
  /** Source text as written, for error messages. */
  raw: string;
  position: SourcePosition;
  /** Unquoted integer literal (Jira treats these as ids first). */
  numeric: boolean;
}

export class JqlSyntaxError extends Error {}

/** Characters that end an unquoted word. */
const DELIMITERS = new Set(["(", ")", ",", "=", "!", "<", ">", "~", '"', "'", "[", "]", "&", "|"]);
/** Characters Jira reserves: unquoted, they are a syntax error. */
const RESERVED_CHARACTERS = new Set(["{", "}", "*", "/", "%", "+", "^", "$", "#", "@", "?", ";"]);

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0xa0 || code === 0x3000;
}

/** Control and non-characters must be escaped, even inside strings. */
function isIllegal(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff;
}

function isInteger(text: string): boolean {
  let i = text.startsWith("-") ? 1 : 0;
  if (i >= text.length) return false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

class Lexer {
  private index = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly source: string) {}

  run(): Token[] {
    const src = this.source;
    while (this.index < src.length) {
      const code = src.charCodeAt(this.index);
      if (code === 0x0a) {
        this.index++;
        this.newLine();
        continue;
      }
      if (isWhitespace(code)) {
        this.index++;
        continue;
      }
      const position = this.position();
      const ch = src[this.index] as string;
      if (isIllegal(code)) throw new JqlSyntaxError(syntax.illegalCharacter(code, position));
      if (ch === '"' || ch === "'") {
        this.readString(ch, position);
        continue;
      }
      const two = src.slice(this.index, this.index + 2);
      if (two === "!=" || two === "!~" || two === "<=" || two === ">=") {
        this.push("op", two, two, position);
        this.index += 2;
        continue;
      }
      if (two === "&&" || two === "||") {
        this.push(two === "&&" ? "and" : "or", two, two, position);
        this.index += 2;
        continue;
      }
      const single = this.singleCharKind(ch);
      if (single !== null) {
        this.push(single, ch, ch, position);
        this.index++;
        continue;
      }
      if (RESERVED_CHARACTERS.has(ch)) throw new JqlSyntaxError(syntax.reservedCharacter(ch, position));
      this.readWord(position);
    }
    this.tokens.push({ kind: "eof", text: "", raw: "", position: this.position(), numeric: false });
    return this.tokens;
  }

  private singleCharKind(ch: string): TokenKind | null {
    switch (ch) {
      case "(":
        return "lparen";
      case ")":
        return "rparen";
      case ",":
        return "comma";
      case "[":
        return "lbracket";
      case "]":
        return "rbracket";
      case "=":
      case "~":
      case "<":
      case ">":
        return "op";
      case "&":
        return "and";
      case "|":
        return "or";
      case "!":
        return "bang";
      default:
        return null;
    }
  }

  private position(): SourcePosition {
    return { line: this.line, character: this.index - this.lineStart + 1 };
  }

  private newLine(): void {
    this.line++;
    this.lineStart = this.index;
  }

  private push(kind: TokenKind, text: string, raw: string, position: SourcePosition, numeric = false): void {
    this.tokens.push({ kind, text, raw, position, numeric });
  }

  private readString(quote: string, position: SourcePosition): void {
    const src = this.source;
    const start = this.index;
    this.index++;
    let text = "";
    while (this.index < src.length) {
      const ch = src[this.index] as string;
      const code = src.charCodeAt(this.index);
      if (ch === quote) {
        this.index++;
        this.push("string", text, src.slice(start, this.index), position);
        return;
      }
      if (ch === "\\") {
        text += this.readEscape();
        continue;
      }
      if (isIllegal(code)) throw new JqlSyntaxError(syntax.illegalCharacter(code, this.position()));
      text += ch;
      this.index++;
      if (code === 0x0a) this.newLine();
    }
    throw new JqlSyntaxError(syntax.unfinishedString(text.replace(/\r?\n|\r/g, " "), position));
  }

  private readWord(position: SourcePosition): void {
    const src = this.source;
    const start = this.index;
    let text = "";
    while (this.index < src.length) {
      const ch = src[this.index] as string;
      const code = src.charCodeAt(this.index);
      if (isWhitespace(code) || DELIMITERS.has(ch)) break;
      if (isIllegal(code)) throw new JqlSyntaxError(syntax.illegalCharacter(code, this.position()));
      if (RESERVED_CHARACTERS.has(ch)) throw new JqlSyntaxError(syntax.reservedCharacter(ch, this.position()));
      if (ch === "\\") {
        text += this.readEscape();
        continue;
      }
      text += ch;
      this.index++;
    }
    const raw = src.slice(start, this.index);
    const numeric = raw === text && isInteger(text);
    if (numeric) {
      const value = BigInt(text);
      if (value < LONG_MIN || value > LONG_MAX) throw new JqlSyntaxError(syntax.invalidNumber(text, position));
    }
    this.push("word", text, raw, position, numeric);
  }

  /** Reads one escape sequence starting at a backslash; returns the character it stands for. */
  private readEscape(): string {
    const src = this.source;
    const position = this.position();
    const next = src[this.index + 1];
    if (next === undefined) throw new JqlSyntaxError(syntax.unfinishedEscape(position));
    const simple: Record<string, string> = { "'": "'", '"': '"', t: "\t", n: "\n", r: "\r", "\\": "\\", " ": " " };
    if (Object.hasOwn(simple, next)) {
      this.index += 2;
      return simple[next] as string;
    }
    if (next === "u") {
      let digits = "";
      for (let k = 0; k < 4; k++) {
        const d = src[this.index + 2 + k];
        if (d === undefined || !/^[0-9a-fA-F]$/.test(d)) {
          throw new JqlSyntaxError(syntax.illegalEscape(src.slice(this.index, this.index + 3 + k), position));
        }
        digits += d;
      }
      this.index += 6;
      return String.fromCharCode(parseInt(digits, 16));
    }
    throw new JqlSyntaxError(syntax.illegalEscape(`\\${next}`, position));
  }
}

/** Tokenises `source`; throws `JqlSyntaxError` with Jira's wording on the first lexical error. */
export function tokenize(source: string): Token[] {
  return new Lexer(source).run();
}
