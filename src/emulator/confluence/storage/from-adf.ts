/**
 * ADF -> storage format, for `atlas_doc_format` bodies stored as storage and for storage reads of
 * them. The output is always well-formed (text is escaped, characters XML forbids are dropped)
 * and converts back with `storageToAdf` to the same structure for the nodes the generators use.
 * Media nodes have no storage form without attachments and are omitted.
 */
import { MAX_ADF_DEPTH } from "../../adf/validate.js";
import type { AdfNode } from "../../adf/types.js";

/** Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NON_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeStorageText(text: string): string {
  return text.replace(NON_XML_CHARS, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeStorageAttr(text: string): string {
  return escapeStorageText(text).replace(/"/g, "&quot;");
}

/** CDATA cannot contain `]]>`: split it across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(NON_XML_CHARS, "").replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

const PANEL_MACROS = new Map([
  ["info", "info"],
  ["note", "note"],
  ["tip", "tip"],
  ["success", "tip"],
  ["warning", "warning"],
  ["error", "warning"],
]);
const STATUS_COLOURS = new Map([
  ["neutral", "Grey"],
  ["red", "Red"],
  ["yellow", "Yellow"],
  ["green", "Green"],
  ["blue", "Blue"],
  ["purple", "Purple"],
]);
/** Inner-to-outer order of simple mark tags; link and colour wrap outside these. */
const MARK_TAGS: ReadonlyArray<[string, (m: Mark) => string]> = [
  ["code", () => "code"],
  ["subsup", (m) => (attr(m.attrs, "type") === "sub" ? "sub" : "sup")],
  ["strike", () => "s"],
  ["underline", () => "u"],
  ["em", () => "em"],
  ["strong", () => "strong"],
];

type Mark = NonNullable<AdfNode["marks"]>[number];

function attr(attrs: Record<string, unknown> | undefined, name: string): string {
  const v = attrs !== undefined && Object.hasOwn(attrs, name) ? attrs[name] : undefined;
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

function children(node: AdfNode): readonly AdfNode[] {
  return Array.isArray(node.content) ? node.content : [];
}

function parameter(name: string, value: string): string {
  return `<ac:parameter ac:name="${name}">${escapeStorageText(value)}</ac:parameter>`;
}

function macro(name: string, inner: string): string {
  return `<ac:structured-macro ac:name="${name}" ac:schema-version="1">${inner}</ac:structured-macro>`;
}

export function adfToStorage(doc: AdfNode): string {
  return blocks(children(doc), 1);
}

function blocks(nodes: readonly AdfNode[], depth: number): string {
  let out = "";
  for (const n of nodes) out += block(n, depth);
  return out;
}

function block(node: AdfNode, depth: number): string {
  if (depth > MAX_ADF_DEPTH) return "";
  const inner = (): string => blocks(children(node), depth + 1);
  switch (node.type) {
    case "paragraph":
      return `<p>${inlines(children(node))}</p>`;
    case "heading": {
      const level = Number(node.attrs?.["level"]);
      const tag = `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1}`;
      return `<${tag}>${inlines(children(node))}</${tag}>`;
    }
    case "bulletList":
    case "decisionList":
      return `<ul>${listItems(node, depth)}</ul>`;
    case "orderedList": {
      const order = Number(node.attrs?.["order"] ?? 1);
      const start = Number.isInteger(order) && order !== 1 && order >= 0 ? ` start="${order}"` : "";
      return `<ol${start}>${listItems(node, depth)}</ol>`;
    }
    case "listItem":
    case "decisionItem":
      return `<li>${node.type === "decisionItem" ? inlines(children(node)) : inner()}</li>`;
    case "codeBlock": {
      const language = attr(node.attrs, "language");
      const source = children(node)
        .map((t) => (typeof t.text === "string" ? t.text : ""))
        .join("");
      return macro(
        "code",
        `${language === "" ? "" : parameter("language", language)}<ac:plain-text-body>${cdata(source)}</ac:plain-text-body>`,
      );
    }
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "rule":
      return "<hr />";
    case "panel":
      return macro(PANEL_MACROS.get(attr(node.attrs, "panelType")) ?? "info", `<ac:rich-text-body>${inner()}</ac:rich-text-body>`);
    case "expand":
    case "nestedExpand":
      return macro("expand", `${parameter("title", attr(node.attrs, "title"))}<ac:rich-text-body>${inner()}</ac:rich-text-body>`);
    case "table":
      return `<table><tbody>${inner()}</tbody></table>`;
    case "tableRow":
      return `<tr>${inner()}</tr>`;
    case "tableHeader":
    case "tableCell": {
      const tag = node.type === "tableHeader" ? "th" : "td";
      let spans = "";
      for (const span of ["colspan", "rowspan"]) {
        const n = Number(node.attrs?.[span]);
        if (Number.isInteger(n) && n > 1) spans += ` ${span}="${n}"`;
      }
      return `<${tag}${spans}>${inner()}</${tag}>`;
    }
    case "taskList":
      return `<ac:task-list>${inner()}</ac:task-list>`;
    case "taskItem": {
      const status = attr(node.attrs, "state") === "DONE" ? "complete" : "incomplete";
      const id = escapeStorageText(attr(node.attrs, "localId"));
      return `<ac:task><ac:task-id>${id}</ac:task-id><ac:task-status>${status}</ac:task-status><ac:task-body>${inlines(children(node))}</ac:task-body></ac:task>`;
    }
    case "blockCard": {
      const url = attr(node.attrs, "url");
      return url === "" ? "" : `<p><a href="${escapeStorageAttr(url)}">${escapeStorageText(url)}</a></p>`;
    }
    case "mediaSingle":
    case "mediaGroup":
      return "";
    default:
      // An inline node where a block belongs (not valid ADF, but never lose text).
      return `<p>${inlines([node])}</p>`;
  }
}

function listItems(list: AdfNode, depth: number): string {
  return blocks(children(list), depth + 1);
}

function inlines(nodes: readonly AdfNode[]): string {
  let out = "";
  for (const n of nodes) out += inline(n);
  return out;
}

function inline(node: AdfNode): string {
  switch (node.type) {
    case "text":
      return wrapMarks(escapeStorageText(typeof node.text === "string" ? node.text : ""), node.marks ?? []);
    case "hardBreak":
      return "<br />";
    case "mention":
      return `<ac:link><ri:user ri:account-id="${escapeStorageAttr(attr(node.attrs, "id"))}" /></ac:link>`;
    case "emoji": {
      const shortName = attr(node.attrs, "shortName");
      const fallback = attr(node.attrs, "text");
      const fallbackAttr = fallback === "" ? "" : ` ac:emoji-fallback="${escapeStorageAttr(fallback)}"`;
      return `<ac:emoticon ac:name="blue-star" ac:emoji-shortname="${escapeStorageAttr(shortName)}"${fallbackAttr} />`;
    }
    case "inlineCard": {
      const url = escapeStorageAttr(attr(node.attrs, "url"));
      return `<a href="${url}">${url}</a>`;
    }
    case "date": {
      const ms = Number(attr(node.attrs, "timestamp"));
      return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? `<time datetime="${new Date(ms).toISOString().slice(0, 10)}" />` : "";
    }
    case "status": {
      const colour = STATUS_COLOURS.get(attr(node.attrs, "color")) ?? "Grey";
      return macro("status", `${parameter("colour", colour)}${parameter("title", attr(node.attrs, "text"))}`);
    }
    default:
      return "";
  }
}

function wrapMarks(html: string, marks: readonly Mark[]): string {
  const has = (type: string): Mark | undefined => marks.find((m) => m.type === type);
  let out = html;
  for (const [type, tag] of MARK_TAGS) {
    const mark = has(type);
    if (mark !== undefined) out = `<${tag(mark)}>${out}</${tag(mark)}>`;
  }
  const color = has("textColor");
  if (color !== undefined) out = `<span style="color: ${escapeStorageAttr(attr(color.attrs, "color"))};">${out}</span>`;
  const link = has("link");
  if (link !== undefined) out = `<a href="${escapeStorageAttr(attr(link.attrs, "href"))}">${out}</a>`;
  return out;
}
