import type { AdfDoc, AdfNode } from "../../adf/types.js";
import type { User } from "../../core/users.js";

/** Small builders for the ADF documents the generator writes (plain objects, no validation needed). */

export function text(value: string, marks?: AdfNode["marks"]): AdfNode {
  return marks ? { type: "text", text: value, marks } : { type: "text", text: value };
}

export function paragraph(...content: AdfNode[]): AdfNode {
  return { type: "paragraph", content };
}

export function heading(level: number, value: string): AdfNode {
  return { type: "heading", attrs: { level }, content: [text(value)] };
}

function listItems(items: readonly string[]): AdfNode[] {
  return items.map((item) => ({ type: "listItem", content: [paragraph(text(item))] }));
}

export function bulletList(items: readonly string[]): AdfNode {
  return { type: "bulletList", content: listItems(items) };
}

export function orderedList(items: readonly string[]): AdfNode {
  return { type: "orderedList", attrs: { order: 1 }, content: listItems(items) };
}

export function codeBlock(language: string, code: string): AdfNode {
  return { type: "codeBlock", attrs: { language }, content: [text(code)] };
}

export function mention(user: User): AdfNode {
  return { type: "mention", attrs: { id: user.accountId, text: `@${user.displayName}`, accessLevel: "" } };
}

export function doc(...content: AdfNode[]): AdfDoc {
  return { type: "doc", version: 1, content };
}
