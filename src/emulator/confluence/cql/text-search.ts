/**
 * The `~` (CONTAINS) operator: a light imitation of Confluence's analysed full-text search.
 * Text is split into lower-cased word tokens with light plural stemming; a query matches when
 * every term occurs (terms may use `*` and `?` wildcards), and a value wrapped in double quotes
 * (`text ~ "\"exact phrase\""`) must occur as a phrase within one field (title, body or a label).
 */
import type { CqlContentView } from "./types.js";

/** The tokens of one text field, in order (for phrases) and as a set (for terms). */
interface TokenField {
  list: readonly string[];
  set: ReadonlySet<string>;
}

interface IndexedView {
  title: readonly TokenField[];
  /** Title, body and labels: Confluence's `text` master field. */
  all: readonly TokenField[];
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

/**
 * Views are usually rebuilt for every search, but their title and body strings are the same
 * objects each time (the emulator caches body text), so tokens are also cached by string. The
 * cache is bounded; when full it starts over.
 */
const MAX_CACHED_TEXTS = 5_000;
const byText = new Map<string, TokenField>();
const byView = new WeakMap<CqlContentView, IndexedView>();

function tokenField(text: string): TokenField {
  let field = byText.get(text);
  if (field === undefined) {
    if (byText.size >= MAX_CACHED_TEXTS) byText.clear();
    const list = tokens(text);
    field = { list, set: new Set(list) };
    byText.set(text, field);
  }
  return field;
}

function indexed(view: CqlContentView): IndexedView {
  let entry = byView.get(view);
  if (entry === undefined) {
    const title = tokenField(view.title);
    const all = [title, tokenField(view.bodyText)];
    for (const label of view.labels) all.push(tokenField(label));
    entry = { title: [title], all };
    byView.set(view, entry);
  }
  return entry;
}

/** Whether a term (or phrase) occurs in one field; a query term matches when any field has it. */
type TermTest = (field: TokenField) => boolean;

function wildcardTest(term: string): TermTest {
  const source = term
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  const pattern = new RegExp(`^${source}$`, "u");
  return (field) => field.list.some((t) => pattern.test(t));
}

function phraseTest(words: readonly string[]): TermTest {
  return ({ list, set }) => {
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
        tests.push((field) => field.set.has(term));
      }
    }
  }
  if (tests.length === 0) return () => false;
  return (view) => {
    const entry = indexed(view);
    const fields = scope === "title" ? entry.title : entry.all;
    return tests.every((t) => fields.some(t));
  };
}
