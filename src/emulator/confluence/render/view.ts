import { parseStorage } from "../storage/index.js";
import type { StorageElement, StorageNode } from "../storage/types.js";
import { childElements, firstChild, macroParameters, rawText } from "../storage/tree.js";
import { urlTitle } from "./links.js";

/**
 * Storage XHTML rendered to the HTML Confluence serves as the `view` representation, for the
 * elements our worlds use: plain XHTML passes through; macros, task lists, links and mentions
 * become the markup the Confluence renderer produces (simplified: no scripts or styles).
 */

export interface ViewContext {
  /** Display name of an account, for mentions. */
  displayName(accountId: string): string | undefined;
  /** Key of the space the body belongs to (links without a space key point there). */
  spaceKey: string;
}

const INFO_MACROS = new Set(["info", "note", "warning", "tip", "panel"]);
/** The parser already bounds depth; this guard keeps the renderer safe on its own. */
const MAX_DEPTH = 512;

export function storageToView(storage: string, context: ViewContext): string {
  if (storage.trim().length === 0) return "";
  const parsed = parseStorage(storage);
  if (!parsed.ok) return escapeText(storage);
  const out: string[] = [];
  renderChildren(parsed.root, context, out, 0);
  return out.join("");
}

function renderChildren(el: StorageElement, context: ViewContext, out: string[], depth: number): void {
  for (const child of el.children) renderNode(child, context, out, depth + 1);
}

function renderNode(node: StorageNode, context: ViewContext, out: string[], depth: number): void {
  if (node.kind === "text") {
    out.push(escapeText(node.text));
    return;
  }
  if (depth > MAX_DEPTH) return;
  const name = node.name;
  if (name === "ac:structured-macro") return renderMacro(node, context, out, depth);
  if (name === "ac:task-list") return renderTaskList(node, context, out, depth);
  if (name === "ac:link") return renderLink(node, context, out);
  if (name === "ac:emoticon") {
    out.push(`<img class="emoticon" alt="(${escapeAttr(node.attrs.get("ac:name") ?? "")})"/>`);
    return;
  }
  if (name === "ac:image") return;
  if (name.includes(":")) return renderChildren(node, context, out, depth);
  out.push(`<${name}`);
  for (const [attr, value] of node.attrs) if (!attr.includes(":")) out.push(` ${attr}="${escapeAttr(value)}"`);
  if (node.children.length === 0 && VOID_ELEMENTS.has(name)) {
    out.push("/>");
    return;
  }
  out.push(">");
  renderChildren(node, context, out, depth);
  out.push(`</${name}>`);
}

const VOID_ELEMENTS = new Set(["br", "hr", "img", "col", "input"]);

function renderMacro(macro: StorageElement, context: ViewContext, out: string[], depth: number): void {
  const name = macro.attrs.get("ac:name") ?? "";
  if (name === "code" || name === "noformat") {
    const language = macroParameters(macro).get("language");
    const body = firstChild(macro, "ac:plain-text-body");
    const brush = language ? ` data-syntaxhighlighter-params="brush: ${escapeAttr(language)}"` : "";
    out.push(`<div class="code panel pdl conf-macro output-block" data-macro-name="${escapeAttr(name)}"><pre${brush}>`);
    out.push(escapeText(body ? rawText(body) : ""));
    out.push("</pre></div>");
    return;
  }
  const richBody = firstChild(macro, "ac:rich-text-body");
  if (INFO_MACROS.has(name)) {
    out.push(`<div class="confluence-information-macro confluence-information-macro-${escapeAttr(name)} conf-macro output-block" `);
    out.push(`data-macro-name="${escapeAttr(name)}"><div class="confluence-information-macro-body">`);
    if (richBody) renderChildren(richBody, context, out, depth);
    out.push("</div></div>");
    return;
  }
  out.push(`<div class="conf-macro output-block" data-macro-name="${escapeAttr(name)}">`);
  if (richBody) renderChildren(richBody, context, out, depth);
  out.push("</div>");
}

function renderTaskList(list: StorageElement, context: ViewContext, out: string[], depth: number): void {
  out.push('<ul class="inline-task-list">');
  for (const task of childElements(list, "ac:task")) {
    const id = rawText(firstChild(task, "ac:task-id") ?? task).trim();
    const done = rawText(firstChild(task, "ac:task-status") ?? task).trim() === "complete";
    out.push(`<li data-inline-task-id="${escapeAttr(id)}"${done ? ' class="checked"' : ""}>`);
    const body = firstChild(task, "ac:task-body");
    if (body) renderChildren(body, context, out, depth);
    out.push("</li>");
  }
  out.push("</ul>");
}

function renderLink(link: StorageElement, context: ViewContext, out: string[]): void {
  const page = firstChild(link, "ri:page");
  const user = firstChild(link, "ri:user");
  const bodyEl = firstChild(link, "ac:plain-text-link-body") ?? firstChild(link, "ac:link-body");
  const label = bodyEl ? rawText(bodyEl) : undefined;
  if (user) {
    const accountId = user.attrs.get("ri:account-id") ?? "";
    const name = context.displayName(accountId) ?? "Unknown user";
    out.push(
      `<a class="confluence-userlink user-mention" data-account-id="${escapeAttr(accountId)}" href="/wiki/people/${escapeAttr(accountId)}">`,
    );
    out.push(`${escapeText(label ?? name)}</a>`);
    return;
  }
  if (page) {
    const title = page.attrs.get("ri:content-title") ?? "";
    const spaceKey = page.attrs.get("ri:space-key") ?? context.spaceKey;
    out.push(`<a href="/wiki/display/${escapeAttr(encodeURIComponent(spaceKey))}/${escapeAttr(urlTitle(title))}">`);
    out.push(`${escapeText(label ?? title)}</a>`);
    return;
  }
  if (label !== undefined) out.push(escapeText(label));
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}
