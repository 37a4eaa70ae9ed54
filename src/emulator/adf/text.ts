/**
 * Plain-text views of ADF: `adfToText` for search and display (one line per block), `textToAdf`
 * for building documents from plain strings (one paragraph per line, so the two round-trip).
 */
import { INLINE_TYPES } from "./schema.js";
import type { AdfDoc, AdfNode } from "./types.js";
import { MAX_ADF_DEPTH } from "./validate.js";

export function adfToText(doc: AdfNode): string {
  const lines: string[] = [];
  blockLines(doc, lines, 0);
  return lines.join("\n");
}

/** Appends the lines of a block (or container of blocks) to `lines`. */
function blockLines(node: AdfNode, lines: string[], depth: number): void {
  if (depth > MAX_ADF_DEPTH) return;
  const content = Array.isArray(node.content) ? node.content : [];
  switch (node.type) {
    case "paragraph":
    case "heading":
    case "codeBlock":
    case "taskItem":
    case "decisionItem":
      lines.push(inlineText(content));
      return;
    case "tableRow":
      lines.push(content.map((cell) => cellText(cell, depth + 1)).join("\t"));
      return;
    case "rule":
      return;
    default:
      if (INLINE_TYPES.has(node.type)) {
        lines.push(inlineText([node]));
        return;
      }
      for (const child of content) blockLines(child, lines, depth + 1);
  }
}

function cellText(cell: AdfNode, depth: number): string {
  const lines: string[] = [];
  blockLines(cell, lines, depth);
  return lines.join(" ");
}

function inlineText(nodes: readonly AdfNode[]): string {
  let out = "";
  for (const n of nodes) out += inlineNodeText(n);
  return out;
}

function inlineNodeText(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  const attr = (name: string): string => (Object.hasOwn(attrs, name) && typeof attrs[name] === "string" ? attrs[name] : "");
  switch (node.type) {
    case "text":
      return typeof node.text === "string" ? node.text : "";
    case "hardBreak":
      return "\n";
    case "mention":
      return attr("text") || `@${attr("id")}`;
    case "emoji":
      return attr("text") || attr("shortName");
    case "inlineCard":
      return attr("url");
    case "status":
      return attr("text");
    case "date":
      return dateText(attr("timestamp"));
    default:
      return "";
  }
}

/** ADF dates are epoch-millisecond strings; show them as YYYY-MM-DD (UTC). */
function dateText(timestamp: string): string {
  const ms = Number(timestamp);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return timestamp;
  return new Date(ms).toISOString().slice(0, 10);
}

export function textToAdf(text: string): AdfDoc {
  if (text === "") return { type: "doc", version: 1, content: [] };
  return {
    type: "doc",
    version: 1,
    content: text
      .split(/\r\n|\r|\n/)
      .map((line) => (line === "" ? { type: "paragraph", content: [] } : { type: "paragraph", content: [{ type: "text", text: line }] })),
  };
}
