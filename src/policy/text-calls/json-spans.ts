/**
 * A strict JSON (RFC 8259) reader that remembers where every value starts and ends in the source text.
 * The tool-call parser needs the spans to keep a call's `arguments` text verbatim (as the model wrote it)
 * and to find JSON embedded in prose, where `JSON.parse` only accepts a whole string.
 */

export type JsonNode =
  | { kind: "object"; start: number; end: number; entries: JsonEntry[] }
  | { kind: "array"; start: number; end: number; items: JsonNode[] }
  | { kind: "string"; start: number; end: number; value: string }
  | { kind: "number" | "boolean" | "null"; start: number; end: number };

export type JsonStringNode = Extract<JsonNode, { kind: "string" }>;

export interface JsonEntry {
  key: string;
  value: JsonNode;
}

export type JsonScan =
  | { ok: true; node: JsonNode }
  /** `truncated` is true when the text ended before the value did (a generation cut short). */
  | { ok: false; error: string; position: number; truncated: boolean };

/** Deep enough for any real tool call, shallow enough that hostile input cannot exhaust the stack. */
const MAX_DEPTH = 256;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const SIMPLE_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** Reads one JSON value starting at `start` (leading whitespace allowed); text after the value is left alone. */
export function scanJsonValue(text: string, start = 0): JsonScan {
  const reader = new Reader(text);
  try {
    return { ok: true, node: reader.value(start, 0) };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const truncated = error.position >= text.length;
    const message = truncated ? `${error.message} (text ended inside the JSON value)` : error.message;
    return { ok: false, error: message, position: error.position, truncated };
  }
}

/** Index of the first non-whitespace character at or after `from`. */
export function skipJsonWhitespace(text: string, from: number): number {
  WHITESPACE.lastIndex = from;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}

class Reader {
  constructor(private readonly text: string) {}

  value(from: number, depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`JSON nested deeper than ${MAX_DEPTH} levels`, from);
    const at = skipJsonWhitespace(this.text, from);
    const char = this.text[at];
    if (char === undefined) throw new JsonSyntaxError("expected a JSON value", at);
    if (char === "{") return this.object(at, depth);
    if (char === "[") return this.array(at, depth);
    if (char === '"') return this.string(at);
    if (char === "-" || (char >= "0" && char <= "9")) return this.number(at);
    for (const [word, kind] of [
      ["true", "boolean"],
      ["false", "boolean"],
      ["null", "null"],
    ] as const) {
      if (this.text.startsWith(word, at)) return { kind, start: at, end: at + word.length };
      // A prefix of the literal at the very end of the text is a truncation, not a typo.
      const rest = this.text.slice(at);
      if (rest.length < word.length && word.startsWith(rest)) throw new JsonSyntaxError(`incomplete literal ${word}`, this.text.length);
    }
    throw new JsonSyntaxError(`unexpected character ${JSON.stringify(char)}`, at);
  }

  private object(start: number, depth: number): JsonNode {
    const entries: JsonEntry[] = [];
    let at = skipJsonWhitespace(this.text, start + 1);
    if (this.text[at] === "}") return { kind: "object", start, end: at + 1, entries };
    for (;;) {
      if (this.text[at] !== '"') throw this.expected("a quoted property name", at);
      const key = this.string(at);
      at = skipJsonWhitespace(this.text, key.end);
      if (this.text[at] !== ":") throw this.expected('":"', at);
      const value = this.value(at + 1, depth + 1);
      entries.push({ key: key.value, value });
      at = skipJsonWhitespace(this.text, value.end);
      const next = this.text[at];
      if (next === "}") return { kind: "object", start, end: at + 1, entries };
      if (next !== ",") throw this.expected('"," or "}"', at);
      at = skipJsonWhitespace(this.text, at + 1);
    }
  }

  private array(start: number, depth: number): JsonNode {
    const items: JsonNode[] = [];
    let at = skipJsonWhitespace(this.text, start + 1);
    if (this.text[at] === "]") return { kind: "array", start, end: at + 1, items };
    for (;;) {
      const item = this.value(at, depth + 1);
      items.push(item);
      at = skipJsonWhitespace(this.text, item.end);
      const next = this.text[at];
      if (next === "]") return { kind: "array", start, end: at + 1, items };
      if (next !== ",") throw this.expected('"," or "]"', at);
      at += 1;
    }
  }

  private string(start: number): JsonStringNode {
    let at = start + 1;
    for (;;) {
      const char = this.text[at];
      if (char === undefined) throw new JsonSyntaxError("unterminated string", at);
      if (char === '"') break;
      if (char.charCodeAt(0) < 0x20) throw new JsonSyntaxError("unescaped control character in string", at);
      if (char === "\\") {
        const escape = this.text[at + 1];
        if (escape === undefined) throw new JsonSyntaxError("unterminated string", at + 1);
        if (escape === "u") {
          const hex = this.text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]*$/.test(hex)) throw new JsonSyntaxError("invalid \\u escape", at);
          if (hex.length < 4) throw new JsonSyntaxError("unterminated string", this.text.length);
          at += 6;
          continue;
        }
        if (!SIMPLE_ESCAPES.has(escape)) throw new JsonSyntaxError(`invalid escape \\${escape}`, at);
        at += 2;
        continue;
      }
      at += 1;
    }
    const end = at + 1;
    return { kind: "string", start, end, value: JSON.parse(this.text.slice(start, end)) as string };
  }

  private number(start: number): JsonNode {
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    const end = match ? start + match[0].length : start;
    // "-", "1." or "1e" at the very end of the text: the number was cut off.
    if (/^(?:-|-?\d+\.|-?\d+(?:\.\d+)?[eE][+-]?)$/.test(this.text.slice(start))) {
      throw new JsonSyntaxError("incomplete number", this.text.length);
    }
    if (!match) throw new JsonSyntaxError("invalid number", start);
    return { kind: "number", start, end };
  }

  private expected(what: string, at: number): JsonSyntaxError {
    const found = this.text[at];
    return new JsonSyntaxError(found === undefined ? `expected ${what}` : `expected ${what} but found ${JSON.stringify(found)}`, at);
  }
}
