/** Helpers for the validated query arguments (`ctx.args`) Jira operations share. */

/** `expand=names,transitions.fields` as a lower-case set. */
export function expandSet(value: unknown): Set<string> {
  const out = new Set<string>();
  const parts = Array.isArray(value) ? value : [value];
  for (const part of parts) {
    if (typeof part !== "string") continue;
    for (const item of part.split(",")) {
      const trimmed = item.trim().toLowerCase();
      if (trimmed.length > 0) out.add(trimmed);
    }
  }
  return out;
}

/** A comma-separated or repeated list parameter, split and trimmed. */
export function listArg(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== "string") continue;
    for (const item of part.split(",")) {
      const trimmed = item.trim();
      if (trimmed.length > 0) out.push(trimmed);
    }
  }
  return out;
}

export function intArg(value: unknown, fallback: number): number {
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return fallback;
}

/** Offset pagination as Jira's `PageBean` endpoints do it. */
export function page<T>(items: readonly T[], startAt: number, maxResults: number): { values: T[]; isLast: boolean } {
  const start = Math.max(0, startAt);
  const size = Math.max(0, maxResults);
  const values = items.slice(start, start + size);
  return { values, isLast: start + values.length >= items.length };
}
