/**
 * Structural trimming of JSON for tool results: arrays keep their first items, long strings
 * their start, deep objects collapse, each with a marker saying what was cut, so the model
 * still reads valid, meaningful JSON and knows it saw only part of it.
 */

interface Limits {
  items: number;
  chars: number;
  depth: number;
}

/** From generous to strict; the first level whose output fits is used. */
const LEVELS: readonly Limits[] = [
  { items: 50, chars: 2000, depth: 14 },
  { items: 20, chars: 500, depth: 10 },
  { items: 10, chars: 200, depth: 8 },
  { items: 5, chars: 100, depth: 6 },
  { items: 3, chars: 60, depth: 5 },
  { items: 2, chars: 40, depth: 4 },
  { items: 1, chars: 20, depth: 3 },
];

export interface Trimmed {
  text: string;
  trimmed: boolean;
}

/** Compact JSON of `value` in at most `maxChars` characters. */
export function trimJson(value: unknown, maxChars: number): Trimmed {
  const full = JSON.stringify(value) ?? "null";
  if (full.length <= maxChars) return { text: full, trimmed: false };
  for (const limits of LEVELS) {
    const text = JSON.stringify(shrink(value, limits, 0)) ?? "null";
    if (text.length <= maxChars) return { text, trimmed: true };
  }
  return { text: cut(full, maxChars), trimmed: true };
}

/** Cuts plain text to `maxChars`, saying how much was left out. */
export function cut(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = `…[+${text.length} chars]`;
  const keep = Math.max(0, maxChars - marker.length);
  return `${text.slice(0, keep)}…[+${text.length - keep} chars]`.slice(0, Math.max(maxChars, 0));
}

function shrink(value: unknown, limits: Limits, depth: number): unknown {
  if (typeof value === "string") {
    return value.length > limits.chars ? `${value.slice(0, limits.chars)}…[+${value.length - limits.chars} chars]` : value;
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    if (depth >= limits.depth) return `[…${value.length} items]`;
    const kept = value.slice(0, limits.items).map((v) => shrink(v, limits, depth + 1));
    if (value.length > limits.items) kept.push(`…[+${value.length - limits.items} more items]`);
    return kept;
  }
  const entries = Object.entries(value);
  if (depth >= limits.depth) return `{…${entries.length} keys}`;
  const maxKeys = limits.items * 2;
  const kept: Array<[string, unknown]> = entries.slice(0, maxKeys).map(([k, v]) => [k, shrink(v, limits, depth + 1)]);
  if (entries.length > maxKeys) kept.push(["…", `+${entries.length - maxKeys} more keys`]);
  // fromEntries defines own properties, so a `__proto__` key stays data, never a prototype.
  return Object.fromEntries(kept);
}
