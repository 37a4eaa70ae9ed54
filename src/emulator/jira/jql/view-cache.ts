/**
 * Per-issue-view caches of derived data (analysed text, lower-cased labels), computed lazily on first use.
 * Keyed weakly on the view object: views are immutable snapshots, so a changed issue gets a new view and a fresh entry.
 */
import { analyze, type AnalyzedText } from "./text.js";
import type { JqlIssueView } from "./types.js";

export type TextSource = "summary" | "description" | "environment" | "comment";

interface ViewCache {
  summary?: AnalyzedText;
  description?: AnalyzedText;
  environment?: AnalyzedText;
  comment?: AnalyzedText;
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

export function analyzedText(issue: JqlIssueView, source: TextSource): AnalyzedText {
  const cache = cacheOf(issue);
  let analysed = cache[source];
  if (!analysed) {
    analysed = analyze(rawText(issue, source));
    cache[source] = analysed;
  }
  return analysed;
}

export function lowerCaseLabels(issue: JqlIssueView): readonly string[] {
  const cache = cacheOf(issue);
  if (!cache.labels) cache.labels = issue.labels.map((l) => l.toLowerCase());
  return cache.labels;
}
