/** How numbers appear in tables and charts: fixed decimals, and a dash for "no value". */
import type { Interval } from "./stats.js";

export const NONE = "–";

export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? NONE : value.toFixed(digits);
}

export function interval(value: Interval | null | undefined, digits = 3): string {
  return value ? `[${value[0].toFixed(digits)}, ${value[1].toFixed(digits)}]` : NONE;
}

/** A signed difference, e.g. `+0.125`; a dash when either side is missing. */
export function delta(after: number | null | undefined, before: number | null | undefined, digits = 3): string {
  if (after === null || after === undefined || before === null || before === undefined) return NONE;
  const d = after - before;
  const text = Math.abs(d).toFixed(digits);
  if (Number(text) === 0) return `±${text}`;
  return `${d > 0 ? "+" : "−"}${text}`;
}
