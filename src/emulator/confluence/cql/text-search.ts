/**
 * The `~` (CONTAINS) operator: a light imitation of Confluence's analysed full-text search.
 * Text is split into lower-cased word tokens with light plural stemming; a query matches when
 * every term occurs (terms may use `*` and `?` wildcards), and a value wrapped in double quotes
 * (`text ~ "\"exact phrase\""`) must occur as a phrase. Token lists are cached per content view.
 */
import type { CqlContentView } from "./types.js";

interface IndexedView {
  title: readonly string[];
  titleSet: ReadonlySet<string>;
  /** Title, body and labels: Confluence's `text` master field. */
  all: readonly string[];
  allSet: ReadonlySet<string>;
}

const WORD = /[\p{L}\p{N}]+/gu;
const WILD_WORD = /[\p{L}\p{N}*?]+/gu;

/** Light stemming shared by index and query, so `pages` finds `page` and vice versa. */
function stem(token: string): string {
  if (token.length > 4 && token.endsWith("ies")) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith("s") && !token.endsWith("ss") && !token.endsWith("us")) return token.slice(0, -1);
  return token;
}

export function tokens(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map(stem);
}

const index = new WeakMap<CqlContentView, IndexedView>();

function indexed(view: CqlContentView): IndexedView {
  let entry = index.get(view);
  if (entry === undefined) {
    const title = tokens(view.title);
    const all = [...title, ...tokens(view.bodyText), ...view.labels.flatMap(tokens)];
    entry = { title, titleSet: new Set(title), all, allSet: new Set(all) };
    index.set(view, entry);
  }
  return entry;
}

type TermTest = (list: readonly string[], set: ReadonlySet<string>) => boolean;

function wildcardTest(term: string): TermTest {
  const source = term
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  const pattern = new RegExp(`^${source}$`, "u");
  return (list) => list.some((t) => pattern.test(t));
}

function phraseTest(words: readonly string[]): TermTest {
  return (list, set) => {
    if (!words.every((w) => set.has(w))) return false;
    for (let i = 0; i + words.length <= list.length; i++) {
      let j = 0;
      while (j < words.length && list[i + j] === words[j]) j++;
      if (j === words.length) return true;
    }
    return false;
  };
}

/** Compiles a `~` value into a test over a view's title (`title ~`) or all text (`text ~`). */
export function compileContains(value: string, scope: "title" | "all"): (view: CqlContentView) => boolean {
  const trimmed = value.trim();
  const tests: TermTest[] = [];
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    const words = tokens(trimmed.slice(1, -1));
    if (words.length > 0) tests.push(phraseTest(words));
  } else {
    for (const raw of trimmed.toLowerCase().match(WILD_WORD) ?? []) {
      if (/[*?]/.test(raw)) {
        // A bare `*` would match everything; Lucene refuses it, so it matches nothing here.
        if (/[\p{L}\p{N}]/u.test(raw)) tests.push(wildcardTest(raw));
        else tests.push(() => false);
      } else {
        const term = stem(raw);
        tests.push((_list, set) => set.has(term));
      }
    }
  }
  if (tests.length === 0) return () => false;
  return (view) => {
    const entry = indexed(view);
    const list = scope === "title" ? entry.title : entry.all;
    const set = scope === "title" ? entry.titleSet : entry.allSet;
    return tests.every((t) => t(list, set));
  };
}
