/**
 * CQL tokens: words (field names, unquoted values, keywords, function names), quoted strings,
 * operators, parentheses and commas. Positions are 0-based character offsets.
 */
export type Operator = "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=";

export type Token =
  | { kind: "word"; text: string; pos: number }
  | { kind: "string"; text: string; pos: number }
  | { kind: "op"; text: Operator; pos: number }
  | { kind: "lparen" | "rparen" | "comma" | "eof"; text: string; pos: number };

export class CqlSyntaxError {
  constructor(
    readonly detail: string,
    readonly pos: number,
  ) {}
}

/** Characters that end an unquoted word. */
const SPECIAL = new Set([" ", "\t", "\n", "\r", "\f", '"', "'", "=", "!", "<", ">", "(", ")", "~", ","]);

export function tokenize(cql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < cql.length) {
    const c = cql[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      i++;
      continue;
    }
    const start = i;
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma", text: c, pos: start });
      i++;
    } else if (c === "=" || c === "~") {
      tokens.push({ kind: "op", text: c, pos: start });
      i++;
    } else if (c === "!" || c === "<" || c === ">") {
      const next = cql[i + 1];
      if (c === "!" && next !== "=" && next !== "~") throw new CqlSyntaxError("'!' must be followed by '=' or '~'", start);
      const two = next === "=" || (c === "!" && next === "~");
      tokens.push({ kind: "op", text: (two ? c + next : c) as Operator, pos: start });
      i += two ? 2 : 1;
    } else if (c === '"' || c === "'") {
      const [text, end] = quoted(cql, i);
      tokens.push({ kind: "string", text, pos: start });
      i = end;
    } else {
      while (i < cql.length && !SPECIAL.has(cql[i] as string)) i++;
      tokens.push({ kind: "word", text: cql.slice(start, i), pos: start });
    }
  }
  tokens.push({ kind: "eof", text: "", pos: cql.length });
  return tokens;
}

/** Reads a quoted string starting at `start`; backslash escapes the next character. */
function quoted(cql: string, start: number): [string, number] {
  const quote = cql[start];
  let text = "";
  let i = start + 1;
  while (i < cql.length) {
    const c = cql[i] as string;
    if (c === "\\" && i + 1 < cql.length) {
      text += cql[i + 1];
      i += 2;
    } else if (c === quote) {
      return [text, i + 1];
    } else {
      text += c;
      i++;
    }
  }
  throw new CqlSyntaxError("unterminated quoted string", start);
}
