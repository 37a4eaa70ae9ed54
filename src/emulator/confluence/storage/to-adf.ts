/**
 * Storage format -> ADF, for `body-format=atlas_doc_format` reads of storage bodies. Covers what
 * the world generator and agents write: headings, paragraphs, inline formatting, links (`<a>` and
 * `<ac:link>` to pages, users and URLs), lists, tables, code/panel/expand/status macros, task
 * lists, `<br/>`, `<hr/>`, emoticons and `<time>`. Unknown elements contribute their content.
 * The result always passes `validateAdf`: content a node may not hold is flattened to paragraphs.
 */
import { adfToText } from "../../adf/text.js";
import { MAX_ADF_DEPTH } from "../../adf/validate.js";
import { NODES } from "../../adf/schema.js";
import type { AdfDoc, AdfNode } from "../../adf/types.js";
import { parseStorage } from "./parse.js";
import { childElements, firstChild, macroParameters, rawText } from "./tree.js";
import type { StorageElement, StorageNode } from "./types.js";

type Mark = NonNullable<AdfNode["marks"]>[number];

export interface StorageToAdfOptions {
  /** URL for an `<ac:link>` to a page; default is Confluence's `viewpage.action?spaceKey=&title=` form. */
  pageLinkUrl?: (title: string, spaceKey: string | null) => string;
  /** Display text (e.g. `@Ana Lima`) for a user mention; default is none (ADF allows that). */
  mentionText?: (accountId: string) => string | undefined;
}

/** Leaves room below MAX_ADF_DEPTH for the nodes a block adds (list -> item -> paragraph -> text). */
const BLOCK_DEPTH_LIMIT = MAX_ADF_DEPTH - 8;

const HEADINGS = new Map([1, 2, 3, 4, 5, 6].map((n) => [`h${n}`, n]));
const CONTAINERS = new Set(["div", "section", "body", "ac:layout", "ac:layout-section", "ac:layout-cell", "ac:rich-text-body", "li"]);
const BLOCK_ELEMENTS = new Set([
  ...HEADINGS.keys(),
  ...CONTAINERS,
  "p",
  "ul",
  "ol",
  "table",
  "blockquote",
  "hr",
  "pre",
  "ac:task-list",
  "ac:structured-macro",
]);
const INLINE_MACROS = new Set(["status"]);
const PANEL_TYPES = new Map([
  ["info", "info"],
  ["note", "note"],
  ["tip", "success"],
  ["warning", "warning"],
  ["panel", "info"],
]);
const STATUS_COLOURS = new Map([
  ["grey", "neutral"],
  ["gray", "neutral"],
  ["red", "red"],
  ["yellow", "yellow"],
  ["green", "green"],
  ["blue", "blue"],
  ["purple", "purple"],
]);
const SIMPLE_MARKS = new Map<string, Mark>([
  ["strong", { type: "strong" }],
  ["b", { type: "strong" }],
  ["em", { type: "em" }],
  ["i", { type: "em" }],
  ["u", { type: "underline" }],
  ["s", { type: "strike" }],
  ["del", { type: "strike" }],
  ["strike", { type: "strike" }],
  ["code", { type: "code" }],
  ["tt", { type: "code" }],
  ["sub", { type: "subsup", attrs: { type: "sub" } }],
  ["sup", { type: "subsup", attrs: { type: "sup" } }],
]);
const COLOR_STYLE = /(?:^|;)\s*color\s*:\s*(#[0-9a-fA-F]{6})\s*(?:;|$)/;

function allowedIn(type: string): ReadonlySet<string> {
  return NODES.get(type)?.children ?? new Set<string>();
}

function isBlockElement(el: StorageElement): boolean {
  if (el.name === "ac:structured-macro") return !INLINE_MACROS.has(el.attrs.get("ac:name") ?? "");
  return BLOCK_ELEMENTS.has(el.name);
}

function paragraph(content: AdfNode[]): AdfNode {
  return { type: "paragraph", content };
}

function defaultPageLinkUrl(title: string, spaceKey: string | null): string {
  const space = spaceKey === null ? "" : `spaceKey=${encodeURIComponent(spaceKey)}&`;
  return `/wiki/pages/viewpage.action?${space}title=${encodeURIComponent(title)}`;
}

/** Adds a mark keeping the set valid ADF: no duplicates, `code` only alongside `link`. */
function withMark(marks: readonly Mark[], mark: Mark): readonly Mark[] {
  if (marks.some((m) => m.type === mark.type)) return marks;
  const hasCode = marks.some((m) => m.type === "code");
  if (hasCode && mark.type !== "link") return marks;
  if (mark.type === "code") return [...marks.filter((m) => m.type === "link"), mark];
  return [...marks, mark];
}

/** Fresh mark objects per text node, so documents never share (or alias our constants). */
function copyMark(mark: Mark): Mark {
  return mark.attrs ? { type: mark.type, attrs: { ...mark.attrs } } : { type: mark.type };
}

function sameMarks(a: AdfNode["marks"], b: AdfNode["marks"]): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * HTML-style white space for inline content: runs collapse to one space, leading and trailing
 * space of the run is dropped, adjacent text with the same marks merges, empty text disappears.
 */
function normaliseInline(nodes: readonly AdfNode[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    if (node.type !== "text") {
      out.push(node);
      continue;
    }
    let text = (node.text ?? "").replace(/[ \t\r\n]+/g, " ");
    const prev = out[out.length - 1];
    const prevEndsInSpace = prev === undefined || prev.type === "hardBreak" || (prev.type === "text" && (prev.text ?? "").endsWith(" "));
    if (prevEndsInSpace && text.startsWith(" ")) text = text.slice(1);
    if (text === "") continue;
    if (prev !== undefined && prev.type === "text" && sameMarks(prev.marks, node.marks)) prev.text = `${prev.text ?? ""}${text}`;
    else out.push(node.marks ? { type: "text", text, marks: node.marks } : { type: "text", text });
  }
  for (let i = out.length - 1; i >= 0; i--) {
    const node = out[i] as AdfNode;
    const next = out[i + 1];
    if (node.type !== "text" || !(next === undefined || next.type === "hardBreak")) continue;
    node.text = (node.text ?? "").replace(/ +$/, "");
    if (node.text === "") out.splice(i, 1);
  }
  return out;
}

export function storageToAdf(xhtml: string, options: StorageToAdfOptions = {}): AdfDoc {
  const parsed = parseStorage(xhtml);
  // Stored bodies are validated on write; for anything else keep the raw text rather than fail.
  if (!parsed.ok) return { type: "doc", version: 1, content: xhtml.trim() === "" ? [] : [paragraph([{ type: "text", text: xhtml }])] };
  return storageTreeToAdf(parsed.root, options);
}

export function storageTreeToAdf(root: StorageElement, options: StorageToAdfOptions = {}): AdfDoc {
  const converter = new ToAdf(options);
  return { type: "doc", version: 1, content: converter.fit(converter.blocks(root.children, 1), "doc") };
}

/** Inline content of a storage subtree as ADF inline nodes (used for task bodies). */
export function storageInlineToAdf(children: readonly StorageNode[], options: StorageToAdfOptions = {}): AdfNode[] {
  return normaliseInline(new ToAdf(options).inline(children, []));
}

class ToAdf {
  private taskLists = 0;
  private tasks = 0;

  constructor(private readonly options: StorageToAdfOptions) {}

  /** Converts a sequence of block and inline content; loose inline runs become paragraphs. */
  blocks(children: readonly StorageNode[], depth: number): AdfNode[] {
    if (depth > BLOCK_DEPTH_LIMIT) {
      const text = children.map(rawText).join("").replace(/\s+/g, " ").trim();
      return text === "" ? [] : [paragraph([{ type: "text", text }])];
    }
    const out: AdfNode[] = [];
    let pending: StorageNode[] = [];
    const flush = (): void => {
      const content = normaliseInline(this.inline(pending, []));
      if (content.length > 0) out.push(paragraph(content));
      pending = [];
    };
    for (const child of children) {
      if (child.kind === "element" && isBlockElement(child)) {
        flush();
        out.push(...this.block(child, depth));
      } else {
        pending.push(child);
      }
    }
    flush();
    return out;
  }

  /** Keeps the blocks a node of `parentType` may hold; flattens the rest into paragraphs. */
  fit(blocks: readonly AdfNode[], parentType: string): AdfNode[] {
    const allowed = allowedIn(parentType);
    const out: AdfNode[] = [];
    for (const b of blocks) {
      if (allowed.has(b.type)) out.push(b);
      else if (b.type === "heading" && allowed.has("paragraph")) out.push(paragraph(b.content ?? []));
      else {
        for (const line of adfToText(b).split("\n")) if (line.trim() !== "") out.push(paragraph([{ type: "text", text: line }]));
      }
    }
    return out;
  }

  private atLeastOne(blocks: AdfNode[]): AdfNode[] {
    return blocks.length > 0 ? blocks : [paragraph([])];
  }

  private block(el: StorageElement, depth: number): AdfNode[] {
    const heading = HEADINGS.get(el.name);
    if (heading !== undefined)
      return [{ type: "heading", attrs: { level: heading }, content: normaliseInline(this.inline(el.children, [])) }];
    if (CONTAINERS.has(el.name)) return this.blocks(el.children, depth);
    switch (el.name) {
      case "p":
        return [paragraph(normaliseInline(this.inline(el.children, [])))];
      case "ul":
      case "ol":
        return this.list(el, depth);
      case "table":
        return this.table(el, depth);
      case "blockquote":
        return [{ type: "blockquote", content: this.atLeastOne(this.fit(this.blocks(el.children, depth + 1), "blockquote")) }];
      case "hr":
        return [{ type: "rule" }];
      case "pre":
        return [codeBlock(rawText(el), null)];
      case "ac:task-list":
        return this.taskList(el);
      case "ac:structured-macro":
        return this.macro(el, depth);
      default:
        return this.blocks(el.children, depth);
    }
  }

  private list(el: StorageElement, depth: number): AdfNode[] {
    const items: AdfNode[] = [];
    for (const child of el.children) {
      if (child.kind === "text") continue;
      const inner = child.name === "li" ? child.children : [child];
      const content = this.atLeastOne(this.fit(this.blocks(inner, depth + 2), "listItem"));
      items.push({ type: "listItem", content });
    }
    if (items.length === 0) return [];
    if (el.name === "ul") return [{ type: "bulletList", content: items }];
    const start = Number(el.attrs.get("start") ?? "1");
    return [{ type: "orderedList", attrs: { order: Number.isInteger(start) && start >= 0 ? start : 1 }, content: items }];
  }

  private table(el: StorageElement, depth: number): AdfNode[] {
    const rows: AdfNode[] = [];
    const rowElements = childElements(el).flatMap((c) =>
      c.name === "tr" ? [c] : ["thead", "tbody", "tfoot"].includes(c.name) ? childElements(c, "tr") : [],
    );
    for (const tr of rowElements) {
      const cells: AdfNode[] = [];
      for (const cell of childElements(tr)) {
        if (cell.name !== "td" && cell.name !== "th") continue;
        const type = cell.name === "th" ? "tableHeader" : "tableCell";
        const node: AdfNode = { type, content: this.atLeastOne(this.fit(this.blocks(cell.children, depth + 3), type)) };
        const attrs: Record<string, unknown> = {};
        for (const span of ["colspan", "rowspan"]) {
          const n = Number(cell.attrs.get(span));
          if (Number.isInteger(n) && n >= 1 && n <= 1000) attrs[span] = n;
        }
        if (Object.keys(attrs).length > 0) node.attrs = attrs;
        cells.push(node);
      }
      if (cells.length > 0) rows.push({ type: "tableRow", content: cells });
    }
    return rows.length > 0 ? [{ type: "table", content: rows }] : [];
  }

  private taskList(el: StorageElement): AdfNode[] {
    const items: AdfNode[] = [];
    for (const child of childElements(el)) {
      if (child.name === "ac:task-list") items.push(...this.taskList(child));
      if (child.name !== "ac:task") continue;
      const idElement = firstChild(child, "ac:task-id") ?? firstChild(child, "ac:task-uuid");
      const id = idElement ? rawText(idElement).trim() : "";
      const status = rawText(firstChild(child, "ac:task-status") ?? child).trim();
      const body = firstChild(child, "ac:task-body");
      items.push({
        type: "taskItem",
        attrs: { localId: id === "" ? `task-${++this.tasks}` : id, state: status === "complete" ? "DONE" : "TODO" },
        content: body ? normaliseInline(this.inline(body.children, [])) : [],
      });
    }
    return items.length > 0 ? [{ type: "taskList", attrs: { localId: `task-list-${++this.taskLists}` }, content: items }] : [];
  }

  private macro(el: StorageElement, depth: number): AdfNode[] {
    const name = el.attrs.get("ac:name") ?? "";
    const params = macroParameters(el);
    const richBody = firstChild(el, "ac:rich-text-body");
    if (name === "code" || name === "noformat") {
      const body = firstChild(el, "ac:plain-text-body");
      return [codeBlock(body ? rawText(body) : "", params.get("language") || null)];
    }
    const panelType = PANEL_TYPES.get(name);
    if (panelType !== undefined) {
      const content = this.fit(richBody ? this.blocks(richBody.children, depth + 1) : [], "panel");
      return [{ type: "panel", attrs: { panelType }, content: this.atLeastOne(content) }];
    }
    if (name === "expand") {
      const content = this.atLeastOne(this.fit(richBody ? this.blocks(richBody.children, depth + 1) : [], "expand"));
      return [{ type: "expand", attrs: { title: params.get("title") ?? "" }, content }];
    }
    return richBody ? this.blocks(richBody.children, depth) : [];
  }

  /** Inline nodes for content under the given marks. Block elements met here contribute their text. */
  inline(children: readonly StorageNode[], marks: readonly Mark[]): AdfNode[] {
    const out: AdfNode[] = [];
    for (const child of children) {
      if (child.kind === "text") {
        if (child.text !== "")
          out.push(marks.length > 0 ? { type: "text", text: child.text, marks: marks.map(copyMark) } : { type: "text", text: child.text });
        continue;
      }
      out.push(...this.inlineElement(child, marks));
    }
    return out;
  }

  private inlineElement(el: StorageElement, marks: readonly Mark[]): AdfNode[] {
    const simple = SIMPLE_MARKS.get(el.name);
    if (simple !== undefined) return this.inline(el.children, withMark(marks, simple));
    switch (el.name) {
      case "a": {
        const href = el.attrs.get("href");
        return this.inline(el.children, href === undefined ? marks : withMark(marks, { type: "link", attrs: { href } }));
      }
      case "span": {
        const color = COLOR_STYLE.exec(el.attrs.get("style") ?? "")?.[1];
        return this.inline(el.children, color === undefined ? marks : withMark(marks, { type: "textColor", attrs: { color } }));
      }
      case "br":
        return [{ type: "hardBreak" }];
      case "ac:link":
        return this.acLink(el, marks);
      case "ac:emoticon": {
        const name = el.attrs.get("ac:emoji-shortname") || `:${el.attrs.get("ac:name") ?? "smile"}:`;
        const fallback = el.attrs.get("ac:emoji-fallback");
        return [{ type: "emoji", attrs: fallback ? { shortName: name, text: fallback } : { shortName: name } }];
      }
      case "time": {
        const ms = Date.parse(el.attrs.get("datetime") ?? "");
        return Number.isFinite(ms) ? [{ type: "date", attrs: { timestamp: String(ms) } }] : this.inline(el.children, marks);
      }
      case "ac:structured-macro":
        return this.statusMacro(el);
      case "ac:placeholder":
      case "ac:image":
      case "ac:parameter":
        return [];
      default:
        // Block content in inline position (e.g. a list inside a task body) keeps its text.
        return this.inline(el.children, marks);
    }
  }

  private statusMacro(el: StorageElement): AdfNode[] {
    const params = macroParameters(el);
    const color = STATUS_COLOURS.get((params.get("colour") ?? "").toLowerCase()) ?? "neutral";
    return [{ type: "status", attrs: { text: params.get("title") ?? "", color } }];
  }

  private acLink(el: StorageElement, marks: readonly Mark[]): AdfNode[] {
    const body = firstChild(el, "ac:plain-text-link-body") ?? firstChild(el, "ac:link-body");
    const label = body ? rawText(body) : "";
    const user = firstChild(el, "ri:user");
    if (user !== undefined) {
      const id = user.attrs.get("ri:account-id") ?? user.attrs.get("ri:userkey") ?? "";
      const text = this.options.mentionText?.(id);
      return [{ type: "mention", attrs: text === undefined ? { id } : { id, text } }];
    }
    const page = firstChild(el, "ri:page") ?? firstChild(el, "ri:blogpost");
    const url = firstChild(el, "ri:url");
    let href: string | undefined;
    let fallback = "";
    if (page !== undefined) {
      const title = page.attrs.get("ri:content-title") ?? "";
      href = (this.options.pageLinkUrl ?? defaultPageLinkUrl)(title, page.attrs.get("ri:space-key") ?? null);
      fallback = title;
    } else if (url !== undefined) {
      href = url.attrs.get("ri:value") ?? "";
      fallback = href;
    }
    const linkMarks = href === undefined ? marks : withMark(marks, { type: "link", attrs: { href } });
    if (body !== undefined && body.name === "ac:link-body") return this.inline(body.children, linkMarks);
    const text = label !== "" ? label : fallback;
    return text === "" ? [] : this.inline([{ kind: "text", text }], linkMarks);
  }
}

function codeBlock(source: string, language: string | null): AdfNode {
  const node: AdfNode = { type: "codeBlock", content: source === "" ? [] : [{ type: "text", text: source }] };
  if (language !== null) node.attrs = { language };
  return node;
}
