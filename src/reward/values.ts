/** Reading values out of requests and responses by dotted path, and canonical JSON for comparisons. */

/**
 * All values found at a dotted path (`fields.labels.0`, `update.comment.*.add.body`).
 * `*` fans out over array elements (or object values); a missing step yields nothing.
 */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segmentsOf(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== "object") continue;
      if (segment === "*") {
        next.push(...(Array.isArray(value) ? value : Object.values(value)));
        continue;
      }
      if (Array.isArray(value)) {
        const index = Number(segment);
        if (Number.isInteger(index) && index >= 0 && index < value.length) next.push(value[index]);
        continue;
      }
      // Own properties only: `__proto__` or `constructor` in a path never reach the prototype.
      if (Object.prototype.hasOwnProperty.call(value, segment)) next.push((value as Record<string, unknown>)[segment]);
    }
    current = next;
  }
  return current.filter((v) => v !== undefined);
}

const segmentCache = new Map<string, readonly string[]>();

/** Goals reuse a handful of paths: split each once. */
function segmentsOf(path: string): readonly string[] {
  let segments = segmentCache.get(path);
  if (!segments) {
    segments = path.length === 0 ? [] : path.split(".");
    if (segmentCache.size < 10_000) segmentCache.set(path, segments);
  }
  return segments;
}

/** JSON text with object keys sorted, so equal values give equal text (no intermediate copies). */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "undefined";
  return canonical(value);
}

// One string built by concatenation (V8 joins the pieces lazily), keys sorted only when they are not already.
function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    const items = value as unknown[];
    let out = "[";
    for (let i = 0; i < items.length; i++) {
      // Holes are skipped, as `forEach` does; `undefined` items read as null, as in JSON.
      if (!(i in items)) continue;
      if (i > 0) out += ",";
      const item = items[i];
      out += item === undefined ? "null" : canonical(item);
    }
    return out + "]";
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort();
      break;
    }
  }
  let out = "{";
  let first = true;
  for (const key of keys) {
    const child = record[key];
    if (child === undefined) continue;
    if (!first) out += ",";
    first = false;
    out += JSON.stringify(key) + ":" + canonical(child);
  }
  return out + "}";
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** Trims, collapses whitespace and lower-cases text for lenient comparisons. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}
