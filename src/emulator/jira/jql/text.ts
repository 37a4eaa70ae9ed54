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

/** Light, symmetric stemming: plurals, -ed, -ing and a final e, so "updates", "updated", "updating" and "update" meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  let suffixRemoved = false;
  if (w.endsWith("ing") && w.length > 5) {
    w = w.slice(0, -3);
    suffixRemoved = true;
  } else if (w.endsWith("ed") && w.length > 4) {
    w = w.slice(0, -2);
    suffixRemoved = true;
  }
  if (suffixRemoved && w.length > 2 && w[w.length - 1] === w[w.length - 2] && !"lsz".includes(w[w.length - 1] as string))
    w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** One analysed field. */
export interface AnalyzedText {
  /** Lower-cased words in order, stop words included (for wildcards). */
  words: string[];
  /** Stems in order, stop words removed (for phrases). */
  stems: string[];
  stemSet: Set<string>;
  empty: boolean;
}

export function analyze(text: string): AnalyzedText {
  const words = text.toLowerCase().match(WORD) ?? [];
  const stems: string[] = [];
  for (const w of words) if (!STOP_WORDS.has(w)) stems.push(stem(w));
  return { words, stems, stemSet: new Set(stems), empty: text.trim() === "" };
}

/** Analyses a query fragment into stems (stop words removed). */
function queryStems(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).map(stem);
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

type Matcher = (doc: AnalyzedText) => boolean;

function termMatcher(stems: string[]): Matcher {
  if (stems.length === 1) {
    const only = stems[0] as string;
    return (doc) => doc.stemSet.has(only);
  }
  return (doc) => {
    const s = doc.stems;
    outer: for (let i = 0; i + stems.length <= s.length; i++) {
      for (let k = 0; k < stems.length; k++) if (s[i + k] !== stems[k]) continue outer;
      return true;
    }
    return false;
  };
}

function wildcardMatcher(pattern: string): Matcher {
  const star = pattern.indexOf("*");
  if (star === pattern.length - 1 && !pattern.includes("?")) {
    const prefix = pattern.slice(0, -1);
    return (doc) => doc.words.some((w) => w.startsWith(prefix));
  }
  return (doc) => doc.words.some((w) => globMatch(pattern, w));
}

interface TextClause {
  prohibited: boolean;
  matches: Matcher;
}

export type TextQuery =
  { ok: true; matches: (docs: readonly AnalyzedText[]) => boolean } | { ok: false; error: "empty" | "unparsable" | { badStart: string } };

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
  const usable = groups.filter((g) => g.some((c) => !c.prohibited));
  return {
    ok: true,
    matches: (docs) => usable.some((group) => group.every((clause) => docs.some((d) => clause.matches(d)) !== clause.prohibited)),
  };
}
