/** A table rendered as aligned plain text (terminals) or as GitHub Markdown (report files). */

export type Align = "left" | "right";

export interface Table {
  headers: string[];
  rows: string[][];
  /** Per column; left when absent. */
  align?: Align[];
  /** Row indices preceded by a rule in text form (e.g. before the overall row). */
  rulesBefore?: number[];
}

function pad(text: string, width: number, align: Align): string {
  return align === "right" ? text.padStart(width) : text.padEnd(width);
}

export function renderTextTable(table: Table): string {
  const widths = table.headers.map((h, c) => Math.max(h.length, ...table.rows.map((row) => (row[c] ?? "").length)));
  const alignOf = (c: number): Align => table.align?.[c] ?? "left";
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => pad(cell, widths[c]!, alignOf(c)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("──");
  const out = [line(table.headers), rule];
  table.rows.forEach((row, i) => {
    if (table.rulesBefore?.includes(i)) out.push(rule);
    out.push(line(row));
  });
  return out.join("\n") + "\n";
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdownTable(table: Table): string {
  const row = (cells: string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const separator = table.headers.map((_, c) => (table.align?.[c] === "right" ? "---:" : ":---"));
  return [row(table.headers), `|${separator.join("|")}|`, ...table.rows.map(row)].join("\n") + "\n";
}
