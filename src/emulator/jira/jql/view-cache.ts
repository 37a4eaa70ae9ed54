/**
 * Per-issue-view caches of derived data (analysed text, lower-cased labels), computed lazily on first use.
 * Keyed weakly on the view object: views are immutable snapshots, so a changed issue gets a new view and a fresh entry.
 * (The cache only pays off if the emulator reuses a record's view across requests rather than rebuilding it.)
 */
import { analyze, type AnalyzedText } from "./text.js";
import type { JqlIssueView } from "./types.js";

export type TextSource = "summary" | "description" | "environment" | "comment";
/** A text field, or `text`: summary, description, environment and comments together. */
export type TextDocument = TextSource | "text";

interface ViewCache {
  summary?: readonly AnalyzedText[];
  description?: readonly AnalyzedText[];
  environment?: readonly AnalyzedText[];
  comment?: readonly AnalyzedText[];
  text?: readonly AnalyzedText[];
  labels?: readonly string[];
}

const caches = new WeakMap<JqlIssueView, ViewCache>();

function cacheOf(issue: JqlIssueView): ViewCache {
  let cache = caches.get(issue);
  if (!cache) {
    cache = {};
    caches.set(issue, cache);
  }
  return cache;
}

function rawText(issue: JqlIssueView, source: TextSource): string {
  switch (source) {
    case "summary":
      return issue.summary;
    case "description":
      return issue.descriptionText;
    case "environment":
      return issue.environmentText;
    case "comment":
      return issue.commentText;
  }
}

/** The analysed fields making up a text document (one field, or four for `text`). */
export function textDocument(issue: JqlIssueView, document: TextDocument): readonly AnalyzedText[] {
  const cache = cacheOf(issue);
  let analysed = cache[document];
  if (!analysed) {
    analysed =
      document === "text"
        ? [
            ...textDocument(issue, "summary"),
            ...textDocument(issue, "description"),
            ...textDocument(issue, "environment"),
            ...textDocument(issue, "comment"),
          ]
        : [analyze(rawText(issue, document))];
    cache[document] = analysed;
  }
  return analysed;
}

export function isEmptyDocument(document: readonly AnalyzedText[]): boolean {
  for (const field of document) if (!field.empty) return false;
  return true;
}

export function lowerCaseLabels(issue: JqlIssueView): readonly string[] {
  const cache = cacheOf(issue);
  if (!cache.labels) cache.labels = issue.labels.map((l) => l.toLowerCase());
  return cache.labels;
}
