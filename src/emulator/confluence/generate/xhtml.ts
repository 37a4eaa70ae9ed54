/**
 * Builders for storage-format XHTML. Every piece of text goes through `esc`, so generated bodies
 * are always well-formed whatever the word pools contain.
 */

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Inline content: already-built XHTML fragments. */
export type Inline = string;

export const text = (s: string): Inline => esc(s);
export const strong = (s: string): Inline => `<strong>${esc(s)}</strong>`;
export const em = (s: string): Inline => `<em>${esc(s)}</em>`;
export const code = (s: string): Inline => `<code>${esc(s)}</code>`;

export function h(level: 1 | 2 | 3, s: string): string {
  return `<h${level}>${esc(s)}</h${level}>`;
}

export function p(...parts: Inline[]): string {
  return `<p>${parts.join("")}</p>`;
}

export function ul(items: readonly Inline[]): string {
  return `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
}

export function ol(items: readonly Inline[]): string {
  return `<ol>${items.map((i) => `<li>${i}</li>`).join("")}</ol>`;
}

export function table(headers: readonly string[], rows: readonly (readonly Inline[])[]): string {
  const head = `<tr>${headers.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("");
  return `<table><tbody>${head}${body}</tbody></table>`;
}

/** A code macro; CDATA cannot contain `]]>`, so that sequence is split across two sections. */
export function codeMacro(language: string, source: string): string {
  const cdata = source.replace(/]]>/g, "]]]]><![CDATA[>");
  return (
    `<ac:structured-macro ac:name="code" ac:schema-version="1">` +
    `<ac:parameter ac:name="language">${esc(language)}</ac:parameter>` +
    `<ac:plain-text-body><![CDATA[${cdata}]]></ac:plain-text-body></ac:structured-macro>`
  );
}

export function panelMacro(kind: "info" | "note" | "warning" | "tip", body: string): string {
  return `<ac:structured-macro ac:name="${kind}" ac:schema-version="1"><ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`;
}

export function childrenMacro(): string {
  return `<ac:structured-macro ac:name="children" ac:schema-version="2"><ac:parameter ac:name="all">true</ac:parameter></ac:structured-macro>`;
}

export function tocMacro(): string {
  return `<ac:structured-macro ac:name="toc" ac:schema-version="1"><ac:parameter ac:name="maxLevel">2</ac:parameter></ac:structured-macro>`;
}

export function pageLink(title: string, spaceKey?: string): Inline {
  const space = spaceKey ? ` ri:space-key="${esc(spaceKey)}"` : "";
  return `<ac:link><ri:page ri:content-title="${esc(title)}"${space}/></ac:link>`;
}

export function mention(accountId: string): Inline {
  return `<ac:link><ri:user ri:account-id="${esc(accountId)}"/></ac:link>`;
}

export function externalLink(href: string, label: string): Inline {
  return `<a href="${esc(href)}">${esc(label)}</a>`;
}

/** `yyyy-mm-dd` of an epoch-ms instant. */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function date(ms: number): Inline {
  return `<time datetime="${day(ms)}"/>`;
}

export interface Task {
  id: number;
  done: boolean;
  body: Inline;
}

export function taskList(tasks: readonly Task[]): string {
  const items = tasks
    .map(
      (t) =>
        `<ac:task><ac:task-id>${t.id}</ac:task-id><ac:task-status>${t.done ? "complete" : "incomplete"}</ac:task-status>` +
        `<ac:task-body>${t.body}</ac:task-body></ac:task>`,
    )
    .join("");
  return `<ac:task-list>${items}</ac:task-list>`;
}
