/**
 * A strict, hand-written XML well-formedness parser for Confluence storage format.
 *
 * Confluence parses a body as if it were wrapped in a root element `<xml>` that declares the
 * `ac:`, `ri:` and `at:` prefixes and the XHTML entities; errors are worded as its parser
 * (Woodstox) words them. `message` is everything Confluence returns after "Error parsing xhtml: ",
 * e.g. "Unexpected close tag </p>; expected </strong>.\n at [row,col {unknown-source}]: [1,25]".
 * Rows and columns are 1-based and count from the start of the body.
 *
 * The parser is iterative (an explicit element stack) and bounds nesting depth, so no input can
 * overflow the call stack.
 */
import { NAMED_ENTITIES } from "./entities.js";
import type { StorageElement, StorageParse } from "./types.js";

/** Deeper element nesting is rejected (bodies nest a few dozen levels at most). */
export const MAX_STORAGE_DEPTH = 256;

/** The name Confluence's wrapper element has; it appears in errors about unclosed elements. */
const WRAPPER = "xml";
const PREDECLARED_PREFIXES = ["ac", "ri", "at", "xml", "xmlns"];

class ParseProblem {
  constructor(
    readonly text: string,
    readonly offset: number,
  ) {}
}

export function parseStorage(xhtml: string): StorageParse {
  const parser = new Parser(xhtml);
  try {
    return { ok: true, root: parser.parse() };
  } catch (e) {
    if (e instanceof ParseProblem) return { ok: false, message: `${e.text}\n at [row,col {unknown-source}]: [${rowCol(xhtml, e.offset)}]` };
    throw e;
  }
}

/** `row,col` (1-based) of a UTF-16 offset; CRLF and lone CR count as one line break. */
function rowCol(src: string, offset: number): string {
  let row = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || (c === 13 && src.charCodeAt(i + 1) !== 10)) {
      row++;
      lineStart = i + 1;
    }
  }
  return `${row},${offset - lineStart + 1}`;
}

/** Woodstox's way of quoting a character in messages: `'x' (code 120)`. */
function describeChar(src: string, at: number): string {
  if (at >= src.length) return "EOF";
  const code = src.codePointAt(at) ?? 0;
  return `'${String.fromCodePoint(code)}' (code ${code})`;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 48 && c <= 57) || (hex && ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** XML 1.0 Char production, for character references and raw content. */
function isXmlChar(code: number): boolean {
  return (
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

interface OpenElement {
  element: StorageElement;
  /** Prefixes declared by `xmlns:p` on this element. */
  declared: readonly string[] | null;
}

class Parser {
  private pos = 0;
  private readonly root: StorageElement = { kind: "element", name: "#document", attrs: new Map(), children: [] };
  private readonly open: OpenElement[] = [];
  /** Count of live declarations per prefix (so nested redeclarations unwind correctly). */
  private readonly prefixes = new Map<string, number>(PREDECLARED_PREFIXES.map((p) => [p, 1]));
  private text = "";

  constructor(private readonly src: string) {}

  parse(): StorageElement {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 60 /* < */) {
        this.markup();
      } else if (c === 38 /* & */) {
        this.text += this.reference();
      } else {
        this.charData();
      }
    }
    const top = this.open[this.open.length - 1];
    if (top !== undefined) throw new ParseProblem(`Unexpected close tag </${WRAPPER}>; expected </${top.element.name}>.`, this.pos);
    this.flushText();
    return this.root;
  }

  private current(): StorageElement {
    return this.open[this.open.length - 1]?.element ?? this.root;
  }

  private flushText(): void {
    if (this.text === "") return;
    const children = this.current().children;
    const last = children[children.length - 1];
    if (last !== undefined && last.kind === "text") last.text += this.text;
    else children.push({ kind: "text", text: this.text });
    this.text = "";
  }

  private fail(message: string, offset = this.pos): never {
    throw new ParseProblem(message, offset);
  }

  private charData(): void {
    const src = this.src;
    const start = this.pos;
    let i = start;
    while (i < src.length) {
      const c = src.charCodeAt(i);
      if (c === 60 || c === 38) break;
      if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
        this.fail(`Illegal character ((CTRL-CHAR, code ${c})): only regular white space (\\r, \\n, \\t) is allowed between tokens`, i);
      }
      if (c === 62 && i >= start + 2 && src.charCodeAt(i - 1) === 93 && src.charCodeAt(i - 2) === 93) {
        this.fail("String ']]>' not allowed in textual content, except as the end marker of CDATA section", i - 2);
      }
      if (c === 0xfffe || c === 0xffff) this.fail(`Illegal character (code 0x${c.toString(16)}): not valid in any content`, i);
      i++;
    }
    this.text += src.slice(start, i);
    this.pos = i;
  }

  private markup(): void {
    const src = this.src;
    if (src.startsWith("<!--", this.pos)) return this.comment();
    if (src.startsWith("<![CDATA[", this.pos)) return this.cdata();
    if (src.startsWith("<!", this.pos))
      this.fail("Unexpected DOCTYPE or declaration in content: only comments and CDATA sections are allowed");
    if (src.startsWith("<?", this.pos)) return this.processingInstruction();
    if (src.startsWith("</", this.pos)) return this.closeTag();
    this.openTag();
  }

  private comment(): void {
    const end = this.src.indexOf("--", this.pos + 4);
    if (end < 0) this.fail("Unexpected EOF in comment", this.src.length);
    if (this.src.charCodeAt(end + 2) !== 62) this.fail("String '--' not allowed in comment (missing '>'?)", end);
    this.pos = end + 3;
  }

  private cdata(): void {
    const start = this.pos + 9;
    const end = this.src.indexOf("]]>", start);
    if (end < 0) this.fail("Unexpected EOF in CDATA section", this.src.length);
    this.text += this.src.slice(start, end);
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const nameStart = this.pos + 2;
    const target = this.name(nameStart, "processing instruction");
    if (target.toLowerCase() === "xml") {
      this.fail(`Illegal processing instruction target ("${target}"); 'xml' (case insensitive) is reserved by the specs.`, nameStart);
    }
    const end = this.src.indexOf("?>", this.pos);
    if (end < 0) this.fail("Unexpected EOF in processing instruction", this.src.length);
    this.pos = end + 2;
  }

  /** Reads a name starting at `at`, leaving `pos` after it. */
  private name(at: number, context: string): string {
    const src = this.src;
    if (at >= src.length) this.fail(`Unexpected EOF in ${context}`, at);
    if (!isNameStart(src.charCodeAt(at))) {
      this.fail(`Unexpected character ${describeChar(src, at)} in ${context} (malformed start element?).`, at);
    }
    let i = at + 1;
    while (i < src.length && isNameChar(src.charCodeAt(i))) i++;
    this.pos = i;
    return src.slice(at, i);
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && isSpace(this.src.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private closeTag(): void {
    const nameAt = this.pos + 2;
    const name = this.name(nameAt, "end tag");
    this.skipSpace();
    if (this.pos >= this.src.length) this.fail(`Unexpected EOF in end tag </${name}>`, this.pos);
    if (this.src.charCodeAt(this.pos) !== 62)
      this.fail(`Unexpected character ${describeChar(this.src, this.pos)}; expected '>' to close end tag </${name}>`);
    const top = this.open[this.open.length - 1];
    const expected = top?.element.name ?? WRAPPER;
    if (name !== expected) this.fail(`Unexpected close tag </${name}>; expected </${expected}>.`, nameAt);
    this.pos++;
    this.flushText();
    this.open.pop();
    if (top?.declared) for (const p of top.declared) this.prefixes.set(p, (this.prefixes.get(p) ?? 1) - 1);
  }

  private openTag(): void {
    const nameAt = this.pos + 1;
    const name = this.name(nameAt, "content after '<'");
    const attrs = new Map<string, string>();
    let declared: string[] | null = null;
    let selfClosing = false;
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = this.src.charCodeAt(this.pos);
      if (this.pos >= this.src.length) this.fail(`Unexpected EOF in start tag <${name}>`);
      if (c === 62) {
        this.pos++;
        break;
      }
      if (c === 47 && this.src.charCodeAt(this.pos + 1) === 62) {
        this.pos += 2;
        selfClosing = true;
        break;
      }
      if (!hadSpace || !isNameStart(c))
        this.fail(`Unexpected character ${describeChar(this.src, this.pos)} excepted space, or '>' or "/>"`);
      const attrAt = this.pos;
      const attrName = this.name(attrAt, "attribute name");
      this.skipSpace();
      if (this.src.charCodeAt(this.pos) !== 61) this.fail(`Unexpected character ${describeChar(this.src, this.pos)} expected '='`);
      this.pos++;
      this.skipSpace();
      const value = this.attributeValue(attrName);
      if (attrs.has(attrName)) this.fail(`Duplicate attribute '${attrName}'.`, attrAt);
      attrs.set(attrName, value);
      if (attrName.startsWith("xmlns:")) (declared ??= []).push(attrName.slice(6));
    }
    if (declared) for (const p of declared) this.prefixes.set(p, (this.prefixes.get(p) ?? 0) + 1);
    this.checkPrefix(name, nameAt, null);
    for (const attrName of attrs.keys()) this.checkPrefix(attrName, nameAt, name);
    this.flushText();
    const element: StorageElement = { kind: "element", name, attrs, children: [] };
    this.current().children.push(element);
    if (selfClosing) {
      if (declared) for (const p of declared) this.prefixes.set(p, (this.prefixes.get(p) ?? 1) - 1);
      return;
    }
    if (this.open.length >= MAX_STORAGE_DEPTH) this.fail(`Maximum Element Depth limit (${MAX_STORAGE_DEPTH}) Exceeded`, nameAt);
    this.open.push({ element, declared });
  }

  private checkPrefix(qualifiedName: string, at: number, ofElement: string | null): void {
    const colon = qualifiedName.indexOf(":");
    if (colon < 0) return;
    const prefix = qualifiedName.slice(0, colon);
    if ((this.prefixes.get(prefix) ?? 0) > 0) return;
    const where = ofElement === null ? "" : ` (for attribute "${qualifiedName.slice(colon + 1)}")`;
    this.fail(`Undeclared namespace prefix "${prefix}"${where}`, at);
  }

  private attributeValue(attrName: string): string {
    const src = this.src;
    const quote = src.charCodeAt(this.pos);
    if (quote !== 34 && quote !== 39) {
      this.fail(`Unexpected character ${describeChar(src, this.pos)} expected a quote character enclosing value for '${attrName}'`);
    }
    this.pos++;
    let value = "";
    for (;;) {
      if (this.pos >= src.length) this.fail("Unexpected EOF in attribute value");
      const c = src.charCodeAt(this.pos);
      if (c === quote) {
        this.pos++;
        return value;
      }
      if (c === 60) this.fail("Unexpected '<' character in attribute value");
      if (c === 38) {
        value += this.reference();
        continue;
      }
      if (c < 32 && c !== 9 && c !== 10 && c !== 13) {
        this.fail(`Illegal character ((CTRL-CHAR, code ${c})): only regular white space (\\r, \\n, \\t) is allowed between tokens`);
      }
      // XML attribute-value normalisation: literal white space becomes a space.
      value += c === 9 || c === 10 || c === 13 ? " " : src[this.pos];
      this.pos++;
    }
  }

  /** Reads `&name;`, `&#NN;` or `&#xHH;` at `pos` and returns the text it stands for. */
  private reference(): string {
    const src = this.src;
    const start = this.pos;
    let i = start + 1;
    if (src.charCodeAt(i) === 35 /* # */) {
      const hex = src.charCodeAt(i + 1) === 120; /* x */
      i += hex ? 2 : 1;
      const digitsAt = i;
      while (i < src.length && isDigit(src.charCodeAt(i), hex)) i++;
      if (i === digitsAt || src.charCodeAt(i) !== 59) {
        this.fail(
          `Unexpected character ${describeChar(src, i)}; expected a ${hex ? "hex" : "decimal"} digit or ';' in character entity`,
          i,
        );
      }
      const digits = src.slice(digitsAt, i);
      const code = digits.length > 8 ? -1 : parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(code)) {
        this.fail(
          `Illegal character entity: expansion character (code 0x${Math.max(code, 0).toString(16)}) not a valid XML character`,
          start,
        );
      }
      this.pos = i + 1;
      return String.fromCodePoint(code);
    }
    if (i >= src.length || !isNameStart(src.charCodeAt(i))) {
      this.fail(`Unexpected character ${describeChar(src, i)} in content after '&' (malformed entity reference?)`, i);
    }
    while (i < src.length && isNameChar(src.charCodeAt(i))) i++;
    const name = src.slice(start + 1, i);
    if (src.charCodeAt(i) !== 59)
      this.fail(`Unexpected character ${describeChar(src, i)}; expected a semi-colon after the reference for entity '${name}'`, i);
    const expansion = NAMED_ENTITIES.get(name);
    if (expansion === undefined) this.fail(`Undeclared general entity "${name}"`, start);
    this.pos = i + 1;
    return expansion;
  }
}
