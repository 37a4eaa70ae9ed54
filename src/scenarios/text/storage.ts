/**
 * Storage-format page content a task asks for (headings, lists, tables, links), written as
 * requirements the reward checks and as the XHTML the reference plan sends.
 */
import type { Rng } from "../../util/rng.js";
import type { Matcher } from "../types.js";
import { joinWithAnd } from "./template.js";

export type ContentPart =
  | { kind: "heading"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "numbered"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][] }
  | { kind: "link"; href: string; text: string };

const HEADINGS = [
  "Background",
  "Goals",
  "Open Questions",
  "Next Steps",
  "Decisions",
  "Risks",
  "Timeline",
  "Scope",
  "Owners",
  "Success Metrics",
];
const ITEMS = [
  "Confirm the budget",
  "Book the review meeting",
  "Update the runbook",
  "Share the draft with legal",
  "Collect customer feedback",
  "Freeze the scope",
  "Write the migration guide",
  "Pick a rollout date",
  "Archive the old dashboard",
  "Notify the support team",
  "Run the load test",
  "Close the vendor contract",
];
const COLUMNS = [
  ["Owner", "Due date"],
  ["Risk", "Mitigation"],
  ["Milestone", "Date"],
  ["Metric", "Target"],
  ["Question", "Answer"],
];
const LINK_SLUGS = ["handbook", "roadmap", "status", "design-system", "postmortems", "okrs", "runbooks", "release-calendar"];

/** Two to four distinct content requirements. */
export function pickContent(rng: Rng): ContentPart[] {
  const kinds = rng.sample(["heading", "bullets", "numbered", "table", "link"] as const, rng.int(2, 4));
  return kinds.map((kind): ContentPart => {
    switch (kind) {
      case "heading":
        return { kind, text: rng.pick(HEADINGS) };
      case "bullets":
      case "numbered":
        return { kind, items: rng.sample(ITEMS, rng.int(2, 3)) };
      case "table": {
        const columns = rng.pick(COLUMNS);
        return { kind, columns, rows: [] };
      }
      case "link": {
        const slug = rng.pick(LINK_SLUGS);
        return { kind, href: `https://example.com/${slug}`, text: slug.replace(/-/g, " ") };
      }
    }
  });
}

/** How the instruction asks for a part. */
export function describePart(part: ContentPart): string {
  switch (part.kind) {
    case "heading":
      return `a heading "${part.text}"`;
    case "bullets":
      return `a bulleted list with ${joinWithAnd(part.items.map((i) => `"${i}"`))}`;
    case "numbered":
      return `a numbered list with ${joinWithAnd(part.items.map((i) => `"${i}"`))}`;
    case "table":
      return part.rows.length > 0
        ? `a table with the columns ${joinWithAnd(part.columns.map((c) => `"${c}"`))} and one row per item`
        : `a table with the columns ${joinWithAnd(part.columns.map((c) => `"${c}"`))}`;
    case "link":
      return `a link to ${part.href}`;
  }
}

/** What the final storage body must contain for a part. */
export function partMatcher(part: ContentPart): { name: string; is: Matcher } {
  switch (part.kind) {
    case "heading":
      return { name: `heading "${part.text}"`, is: { storageHas: { elements: [{ tag: "h1|h2|h3|h4|h5|h6" }], includes: [part.text] } } };
    case "bullets":
      return {
        name: "bulleted list",
        is: { storageHas: { elements: [{ tag: "ul" }, { tag: "li", min: part.items.length }], includes: part.items } },
      };
    case "numbered":
      return {
        name: "numbered list",
        is: { storageHas: { elements: [{ tag: "ol" }, { tag: "li", min: part.items.length }], includes: part.items } },
      };
    case "table":
      return {
        name: "table",
        is: {
          storageHas: {
            elements: [{ tag: "table" }, { tag: "tr", min: 1 + part.rows.length }],
            includes: [...part.columns, ...part.rows.flat()],
          },
        },
      };
    case "link":
      return { name: `link to ${part.href}`, is: { storageHas: { elements: [{ tag: "a" }], includes: [part.href] } } };
  }
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function partXhtml(part: ContentPart): string {
  switch (part.kind) {
    case "heading":
      return `<h2>${escape(part.text)}</h2>`;
    case "bullets":
      return `<ul>${part.items.map((i) => `<li>${escape(i)}</li>`).join("")}</ul>`;
    case "numbered":
      return `<ol>${part.items.map((i) => `<li>${escape(i)}</li>`).join("")}</ol>`;
    case "table": {
      const head = `<tr>${part.columns.map((c) => `<th>${escape(c)}</th>`).join("")}</tr>`;
      const rows = part.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`).join("");
      return `<table><tbody>${head}${rows}</tbody></table>`;
    }
    case "link":
      return `<p><a href="${escape(part.href)}">${escape(part.text)}</a></p>`;
  }
}
