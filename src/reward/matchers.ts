import type { Json, Matcher } from "../scenarios/types.js";
import { deepEqual, normalizeText } from "./values.js";

/** Whether `value` (undefined when absent) satisfies the matcher. Pure and total: any input is fine. */
export function matches(matcher: Matcher, value: unknown): boolean {
  if ("equals" in matcher) return deepEqual(value, matcher.equals);
  if ("oneOf" in matcher) return matcher.oneOf.some((option) => deepEqual(value, option));
  if ("sameText" in matcher) return typeof value === "string" && normalizeText(value) === normalizedPhrase(matcher.sameText);
  if ("textIncludes" in matcher) return typeof value === "string" && includesAll(normalizeText(value), matcher.textIncludes);
  if ("adfIncludes" in matcher) return isAdfDoc(value) && includesAll(adfHaystack(value), matcher.adfIncludes);
  if ("storageHas" in matcher) return typeof value === "string" && storageHas(value, matcher.storageHas);
  if ("includesAll" in matcher) return Array.isArray(value) && matcher.includesAll.every((item) => value.some((v) => deepEqual(v, item)));
  if ("setEquals" in matcher) return Array.isArray(value) && sameSet(value, matcher.setEquals);
  return value === undefined || value === null;
}

const normalizedPhrases = new Map<string, string>();

/** Goal phrases recur across traces: normalise each once. */
function normalizedPhrase(phrase: string): string {
  let normalized = normalizedPhrases.get(phrase);
  if (normalized === undefined) {
    normalized = normalizeText(phrase);
    if (normalizedPhrases.size < 50_000) normalizedPhrases.set(phrase, normalized);
  }
  return normalized;
}

function includesAll(haystack: string, phrases: readonly string[]): boolean {
  return phrases.every((phrase) => haystack.includes(normalizedPhrase(phrase)));
}

function sameSet(actual: readonly unknown[], expected: readonly Json[]): boolean {
  if (actual.length !== expected.length) return false;
  return (
    expected.every((item) => actual.some((v) => deepEqual(v, item))) && actual.every((v) => expected.some((item) => deepEqual(v, item)))
  );
}

interface AdfLike {
  type?: unknown;
  text?: unknown;
  attrs?: unknown;
  marks?: unknown;
  content?: unknown;
}

function isAdfDoc(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const doc = value as AdfLike & { version?: unknown };
  return doc.type === "doc" && doc.version === 1 && Array.isArray(doc.content);
}

/** The text of an ADF document plus its link targets, normalised for `includes` checks. */
export function adfHaystack(doc: unknown): string {
  const parts: string[] = [];
  const stack: unknown[] = [doc];
  let visited = 0;
  // Iterative and bounded: hostile documents cannot blow the stack or the time budget.
  while (stack.length > 0 && visited++ < 100_000) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || Array.isArray(node)) continue;
    const n = node as AdfLike;
    if (typeof n.text === "string") parts.push(n.text);
    collectUrls(n.attrs, parts);
    if (Array.isArray(n.marks))
      for (const mark of n.marks) if (mark && typeof mark === "object") collectUrls((mark as AdfLike).attrs, parts);
    if (Array.isArray(n.content)) for (let i = n.content.length - 1; i >= 0; i--) stack.push(n.content[i]);
  }
  return normalizeText(parts.join(" "));
}

function collectUrls(attrs: unknown, into: string[]): void {
  if (attrs === null || typeof attrs !== "object") return;
  const a = attrs as Record<string, unknown>;
  for (const key of ["href", "url", "text"]) if (typeof a[key] === "string") into.push(a[key]);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const tagPatterns = new Map<string, RegExp>();

function tagPattern(name: string): RegExp {
  let pattern = tagPatterns.get(name);
  if (!pattern) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = new RegExp(`<${escaped}(?=[\\s>/])`, "gi");
    tagPatterns.set(name, pattern);
  }
  return pattern;
}

/** Number of opening (or self-closing) tags with this name (or any of `h1|h2` alternatives) in storage-format XHTML. */
export function countTags(xhtml: string, tag: string): number {
  let count = 0;
  for (const name of tag.split("|")) count += (xhtml.match(tagPattern(name)) ?? []).length;
  return count;
}

/** The last body read: state checks of one page ask about the same body several times in a row. */
let lastStorage: { xhtml: string; haystack: string } | undefined;

/** Text content plus attribute values (link targets) of storage-format XHTML, normalised. */
export function storageHaystack(xhtml: string): string {
  if (lastStorage?.xhtml === xhtml) return lastStorage.haystack;
  const attributes = [...xhtml.matchAll(/\s[\w:-]+\s*=\s*"([^"]*)"/g)].map((m) => m[1] ?? "");
  const text = xhtml.replace(/<[^>]*>/g, " ");
  const haystack = normalizeText(decodeEntities(`${text} ${attributes.join(" ")}`));
  lastStorage = { xhtml, haystack };
  return haystack;
}

function storageHas(xhtml: string, spec: { elements?: Array<{ tag: string; min?: number }>; includes?: string[] }): boolean {
  for (const { tag, min = 1 } of spec.elements ?? []) if (countTags(xhtml, tag) < min) return false;
  return spec.includes === undefined || includesAll(storageHaystack(xhtml), spec.includes);
}
