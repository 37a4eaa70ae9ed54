/**
 * The Markdown subset MCP-style tools accept for rich text (headings, paragraphs, bullet and
 * numbered lists, quotes, rules, fenced code; bold, italic, inline code, links), converted to
 * ADF for Jira and to storage-format XHTML for Confluence, as the MCP server does.
 */
import {
  doc,
  paragraph,
  heading,
  bulletList,
  orderedList,
  codeBlock,
  blockquote,
  rule,
  hardBreak,
  text,
} from "../../emulator/adf/index.js";
import type { AdfDoc, AdfMark, AdfNode } from "../../emulator/adf/index.js";

type MarkName = "strong" | "em" | "code";

interface Span {
  text: string;
  marks: readonly MarkName[];
  href?: string;
}

/** A line break inside a paragraph or list item. */
type Inline = Span | "break";

type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; inlines: Inline[] }
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "quote"; inlines: Inline[] }
  | { kind: "code"; language: string | undefined; source: string }
  | { kind: "rule" };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```\s*([\w+-]*)\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) body.push(lines[i]!);
      i++;
      blocks.push({ kind: "code", language: fence[1] || undefined, source: body.join("\n") });
      continue;
    }
    const head = HEADING.exec(line);
    if (head) {
      blocks.push({ kind: "heading", level: head[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, inlines: parseInline(head[2]!.trim()) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: "rule" });
      i++;
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listPattern) {
      const items: Inline[][] = [];
      for (let m = listPattern.exec(lines[i] ?? ""); m && i < lines.length; m = listPattern.exec(lines[++i] ?? "")) {
        items.push(parseInline(m[1]!.trim()));
      }
      blocks.push({ kind: "list", ordered: listPattern === NUMBERED, items });
      continue;
    }
    const quoted: string[] = [];
    for (let m = QUOTE.exec(line); m && i < lines.length; m = QUOTE.exec(lines[++i] ?? "")) quoted.push(m[1]!);
    if (quoted.length > 0) {
      blocks.push({ kind: "quote", inlines: joinLines(quoted) });
      continue;
    }
    const paragraphLines: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !startsBlock(lines[i]!)) paragraphLines.push(lines[i++]!);
    blocks.push({ kind: "paragraph", inlines: joinLines(paragraphLines) });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line);
}

function joinLines(lines: readonly string[]): Inline[] {
  return lines.flatMap((line, n) => [...(n > 0 ? (["break"] as const) : []), ...parseInline(line.trim())]);
}

/** `**bold**`, `*em*` / `_em_`, `` `code` ``, `[text](url)`; everything else is literal text. */
const INLINE = /\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*(?!\s)(.+?)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)_(?!\w)/g;

export function parseInline(source: string): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const m of source.matchAll(INLINE)) {
    if (m.index > last) spans.push({ text: source.slice(last, m.index), marks: [] });
    if (m[1] !== undefined || m[2] !== undefined) spans.push({ text: (m[1] ?? m[2])!, marks: ["strong"] });
    else if (m[3] !== undefined) spans.push({ text: m[3], marks: ["code"] });
    else if (m[4] !== undefined) spans.push({ text: m[4], marks: [], href: m[5]! });
    else spans.push({ text: (m[6] ?? m[7])!, marks: ["em"] });
    last = m.index + m[0].length;
  }
  if (last < source.length) spans.push({ text: source.slice(last), marks: [] });
  return spans.filter((s) => s.text !== "");
}

// ---- ADF ----

export function markdownToAdf(source: string): AdfDoc {
  return doc(...parseMarkdown(source).map(blockToAdf));
}

function blockToAdf(block: Block): AdfNode {
  switch (block.kind) {
    case "heading":
      return heading(block.level, ...inlinesToAdf(block.inlines));
    case "paragraph":
      return paragraph(...inlinesToAdf(block.inlines));
    case "list": {
      const items = block.items.map((item) => [paragraph(...inlinesToAdf(item))]);
      return block.ordered ? orderedList(...items) : bulletList(...items);
    }
    case "quote":
      return blockquote(paragraph(...inlinesToAdf(block.inlines)));
    case "code":
      return codeBlock(block.source, block.language);
    case "rule":
      return rule();
  }
}

function inlinesToAdf(inlines: readonly Inline[]): AdfNode[] {
  return inlines.map((inline) => {
    if (inline === "break") return hardBreak();
    const marks: AdfMark[] = inline.marks.map((type) => ({ type }));
    if (inline.href !== undefined) marks.push({ type: "link", attrs: { href: inline.href } });
    return text(inline.text, ...marks);
  });
}

// ---- Confluence storage format ----

export function markdownToStorage(source: string): string {
  return parseMarkdown(source).map(blockToStorage).join("");
}

function blockToStorage(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${inlinesToStorage(block.inlines)}</h${block.level}>`;
    case "paragraph":
      return `<p>${inlinesToStorage(block.inlines)}</p>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      return `<${tag}>${block.items.map((item) => `<li>${inlinesToStorage(item)}</li>`).join("")}</${tag}>`;
    }
    case "quote":
      return `<blockquote><p>${inlinesToStorage(block.inlines)}</p></blockquote>`;
    case "code": {
      const language = block.language ? `<ac:parameter ac:name="language">${escapeXml(block.language)}</ac:parameter>` : "";
      // "]]>" cannot appear inside CDATA: split it across two sections.
      const cdata = block.source.replace(/]]>/g, "]]]]><![CDATA[>");
      return `<ac:structured-macro ac:name="code">${language}<ac:plain-text-body><![CDATA[${cdata}]]></ac:plain-text-body></ac:structured-macro>`;
    }
    case "rule":
      return "<hr />";
  }
}

function inlinesToStorage(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      if (inline === "break") return "<br />";
      let html = escapeXml(inline.text);
      for (const mark of inline.marks) html = `<${mark}>${html}</${mark}>`;
      return inline.href !== undefined ? `<a href="${escapeXml(inline.href)}">${html}</a>` : html;
    })
    .join("");
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
