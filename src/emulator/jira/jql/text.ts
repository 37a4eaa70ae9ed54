/**
 * Jira's text search (`summary ~ "..."`): case-insensitive word matching with light English stemming and
 * stop words, "exact phrases", trailing/inner wildcards (`fix*`, `te?t`), `+`/`-`/NOT, AND and OR.
 * Terms are AND-ed by default, as on Jira Cloud. Issue text is analysed once per view object and cached.
 */

/** Lucene's English stop words, which Jira's index drops. */
const STOP_WORDS = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(
    " ",
  ),
);

const WORD = /[\p{L}\p{N}]+/gu;

function endsWithAny(word: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (word.endsWith(suffix)) return true;
  return false;
}

/** Light, symmetric stemming: plurals, -ed, -ing and a final e, so "updates", "updated", "updating" and "update" meet. */
function computeStem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (endsWithAny(w, ["sses", "xes", "ches", "shes", "zes"])) w = w.slice(0, -2);
  else if (w.endsWith("s") && !endsWithAny(w, ["ss", "us", "is"])) w = w.slice(0, -1);
  let suffixRemoved = false;
  if (w.endsWith("ing") && w.length > 5) {
    w = w.slice(0, -3);
    suffixRemoved = true;
  } else if (w.endsWith("ed") && w.length > 4) {
    w = w.slice(0, -2);
    suffixRemoved = true;
  }
  const last = w[w.length - 1] as string;
  if (suffixRemoved && w.length > 2 && last === w[w.length - 2] && !"lsz".includes(last)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/**
 * The lexicon interns every word seen, with its stem: issue text repeats the same words endlessly, and sharing one
 * string per word keeps analysed documents small (and cheap for the garbage collector) and lookups mostly pointer
 * compares. Bounded and pure, so determinism is unaffected when it is cleared.
 */
interface LexiconEntry {
  word: string;
  stem: string;
  stopWord: boolean;
}

const lexicon = new Map<string, LexiconEntry>();
const internedStems = new Map<string, string>();
const MAX_LEXICON = 100_000;

function lexiconEntry(word: string): LexiconEntry {
  let entry = lexicon.get(word);
  if (entry === undefined) {
    if (lexicon.size >= MAX_LEXICON) {
      lexicon.clear();
      internedStems.clear();
    }
    const computed = computeStem(word);
    let interned = internedStems.get(computed);
    if (interned === undefined) {
      interned = computed;
      internedStems.set(computed, computed);
    }
    entry = { word, stem: interned, stopWord: STOP_WORDS.has(word) };
    lexicon.set(word, entry);
  }
  return entry;
}

export function stem(word: string): string {
  return lexiconEntry(word).stem;
}

/** One analysed field: plain arrays, no per-document Sets (stems are interned by `stem`, so lookups mostly compare pointers). */
export interface AnalyzedText {
  /** Lower-cased words in order, stop words included (for wildcards). */
  words: readonly string[];
  /** Stems in order, stop words removed (for terms and phrases). */
  stems: readonly string[];
  empty: boolean;
}

export function analyze(text: string): AnalyzedText {
  const words: string[] = [];
  const stems: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const entry = lexiconEntry(match[0]);
    words.push(entry.word);
    if (!entry.stopWord) stems.push(entry.stem);
  }
  return { words, stems, empty: text.trim() === "" };
}

/** Analyses a query fragment into stems (stop words removed). */
function queryStems(text: string): string[] {
  const stems: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const entry = lexiconEntry(match[0]);
    if (!entry.stopWord) stems.push(entry.stem);
  }
  return stems;
}

/** Glob match with `*` (any run) and `?` (one character); greedy two-pointer, linear-ish, no regex. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

/** Tests a document made of one or more fields (`text` is four); a phrase must sit within one field. */
type Matcher = (doc: readonly AnalyzedText[]) => boolean;

function hasPhrase(stems: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= stems.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (stems[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

function termMatcher(phrase: string[]): Matcher {
  if (phrase.length === 1) {
    const only = phrase[0] as string;
    return (doc) => {
      for (const field of doc) if (field.stems.includes(only)) return true;
      return false;
    };
  }
  return (doc) => {
    for (const field of doc) if (hasPhrase(field.stems, phrase)) return true;
    return false;
  };
}

function wildcardMatcher(pattern: string): Matcher {
  const prefix = pattern.slice(0, -1);
  const prefixOnly = pattern.indexOf("*") === pattern.length - 1 && !pattern.includes("?");
  const test: (word: string) => boolean = prefixOnly ? (w) => w.startsWith(prefix) : (w) => globMatch(pattern, w);
  return (doc) => {
    for (const field of doc) for (const word of field.words) if (test(word)) return true;
    return false;
  };
}

interface TextClause {
  prohibited: boolean;
  matches: Matcher;
}

export type TextQuery = { ok: true; matches: Matcher } | { ok: false; error: "empty" | "unparsable" | { badStart: string } };

/** A group matches when all its required clauses match and none of its prohibited ones do. */
function groupMatcher(clauses: readonly TextClause[]): Matcher {
  const required = clauses.filter((c) => !c.prohibited).map((c) => c.matches);
  const prohibited = clauses.filter((c) => c.prohibited).map((c) => c.matches);
  if (required.length === 1 && prohibited.length === 0) return required[0] as Matcher;
  return (doc) => {
    for (const m of required) if (!m(doc)) return false;
    for (const m of prohibited) if (m(doc)) return false;
    return true;
  };
}

type RawToken = { kind: "term" | "phrase"; text: string; modifier: "" | "+" | "-" } | { kind: "op"; op: "AND" | "OR" | "NOT" };

/** Splits a text query into terms, phrases and operators; null when it cannot be read (unbalanced quote, dangling +/-). */
function lexTextQuery(query: string): RawToken[] | null {
  const tokens: RawToken[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch) || ch === "(" || ch === ")") {
      i++;
      continue;
    }
    if ((ch === "&" || ch === "|") && query[i + 1] === ch) {
      tokens.push({ kind: "op", op: ch === "&" ? "AND" : "OR" });
      i += 2;
      continue;
    }
    let modifier: "" | "+" | "-" = "";
    if (ch === "+" || ch === "-" || ch === "!") {
      modifier = ch === "+" ? "+" : "-";
      i++;
      if (i >= query.length || /\s/.test(query[i] as string)) return null;
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) return null;
      tokens.push({ kind: "phrase", text: query.slice(i + 1, close), modifier });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < query.length && !/\s/.test(query[j] as string) && query[j] !== '"' && query[j] !== "(" && query[j] !== ")") j++;
    const text = query.slice(i, j);
    i = j;
    if (modifier === "" && (text === "AND" || text === "OR" || text === "NOT")) tokens.push({ kind: "op", op: text });
    else tokens.push({ kind: "term", text, modifier });
  }
  return tokens;
}

/** Compiles the value of a `~` clause. Errors are reported by kind; the caller words them. */
export function compileTextQuery(query: string): TextQuery {
  if (query.trim() === "") return { ok: false, error: "empty" };
  const tokens = lexTextQuery(query);
  if (tokens === null) return { ok: false, error: "unparsable" };
  const groups: TextClause[][] = [[]];
  let pendingNot = false;
  let previousWasOperator = true; // an operator may not open the query
  for (const token of tokens) {
    if (token.kind === "op") {
      if (previousWasOperator && !(token.op === "NOT" && !pendingNot)) return { ok: false, error: "unparsable" };
      if (token.op === "OR") groups.push([]);
      if (token.op === "NOT") pendingNot = true;
      previousWasOperator = true;
      continue;
    }
    previousWasOperator = false;
    const prohibited = pendingNot || token.modifier === "-";
    pendingNot = false;
    let text = token.text;
    let matcher: Matcher | null;
    if (token.kind === "term") {
      text = text.replace(/[~^][0-9.]*$/, "");
      const first = text[0];
      if (first === "*" || first === "?") return { ok: false, error: { badStart: first } };
      if (text.includes("*") || text.includes("?")) matcher = wildcardMatcher(text.toLowerCase());
      else {
        const stems = queryStems(text);
        matcher = stems.length === 0 ? null : termMatcher(stems);
      }
    } else {
      const stems = queryStems(text);
      matcher = stems.length === 0 ? null : termMatcher(stems);
    }
    if (matcher) (groups[groups.length - 1] as TextClause[]).push({ prohibited, matches: matcher });
  }
  if (previousWasOperator && tokens.length > 0) return { ok: false, error: "unparsable" };
  // A group of only prohibited terms matches nothing (as a purely negative Lucene query does).
  const matchers = groups.filter((g) => g.some((c) => !c.prohibited)).map(groupMatcher);
  if (matchers.length === 0) return { ok: true, matches: () => false };
  if (matchers.length === 1) return { ok: true, matches: matchers[0] as Matcher };
  return { ok: true, matches: (doc) => matchers.some((m) => m(doc)) };
}
