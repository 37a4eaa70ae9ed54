/**
 * Small constructors for valid ADF, for world generators and tests. Strings passed where inline
 * content is expected become text nodes; empty strings are dropped (ADF forbids empty text).
 */
import type { AdfDoc, AdfNode } from "./types.js";

export type AdfMark = NonNullable<AdfNode["marks"]>[number];
export type Inline = AdfNode | string;

function inlines(parts: readonly Inline[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const p of parts) {
    if (typeof p !== "string") out.push(p);
    else if (p !== "") out.push({ type: "text", text: p });
  }
  return out;
}

export function doc(...blocks: AdfNode[]): AdfDoc {
  return { type: "doc", version: 1, content: blocks };
}

export function text(value: string, ...marks: AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
}

export const strong = (value: string): AdfNode => text(value, { type: "strong" });
export const em = (value: string): AdfNode => text(value, { type: "em" });
export const code = (value: string): AdfNode => text(value, { type: "code" });
export const link = (value: string, href: string): AdfNode => text(value, { type: "link", attrs: { href } });

export function paragraph(...parts: Inline[]): AdfNode {
  return { type: "paragraph", content: inlines(parts) };
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...parts: Inline[]): AdfNode {
  return { type: "heading", attrs: { level }, content: inlines(parts) };
}

/** A list item holding a paragraph, or the given blocks when they are nodes. */
function listItem(item: Inline | AdfNode[]): AdfNode {
  return { type: "listItem", content: Array.isArray(item) ? item : [paragraph(item)] };
}

export function bulletList(...items: Array<Inline | AdfNode[]>): AdfNode {
  return { type: "bulletList", content: items.map(listItem) };
}

export function orderedList(...items: Array<Inline | AdfNode[]>): AdfNode {
  return { type: "orderedList", attrs: { order: 1 }, content: items.map(listItem) };
}

export function codeBlock(source: string, language?: string): AdfNode {
  const node: AdfNode = { type: "codeBlock", content: source === "" ? [] : [{ type: "text", text: source }] };
  if (language !== undefined) node.attrs = { language };
  return node;
}

export function blockquote(...blocks: AdfNode[]): AdfNode {
  return { type: "blockquote", content: blocks };
}

export function rule(): AdfNode {
  return { type: "rule" };
}

export function hardBreak(): AdfNode {
  return { type: "hardBreak" };
}

export function mention(accountId: string, displayName: string): AdfNode {
  return { type: "mention", attrs: { id: accountId, text: `@${displayName}` } };
}

export function panel(panelType: "info" | "note" | "tip" | "warning" | "error" | "success", ...blocks: AdfNode[]): AdfNode {
  return { type: "panel", attrs: { panelType }, content: blocks };
}

/** A table whose first row is a header row; cells are strings or paragraph content. */
export function table(header: readonly Inline[], rows: ReadonlyArray<readonly Inline[]>): AdfNode {
  const row = (cells: readonly Inline[], cellType: "tableHeader" | "tableCell"): AdfNode => ({
    type: "tableRow",
    content: cells.map((c) => ({ type: cellType, content: [paragraph(c)] })),
  });
  return { type: "table", content: [row(header, "tableHeader"), ...rows.map((r) => row(r, "tableCell"))] };
}

export function taskList(localId: string, items: ReadonlyArray<{ localId: string; done: boolean; text: Inline }>): AdfNode {
  return {
    type: "taskList",
    attrs: { localId },
    content: items.map((i) => ({
      type: "taskItem",
      attrs: { localId: i.localId, state: i.done ? "DONE" : "TODO" },
      content: inlines([i.text]),
    })),
  };
}
