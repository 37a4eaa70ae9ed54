/** Summaries of repeated measurements: the median is the headline, min and max show the noise. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many runs the summary is over. */
  runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: 0 };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Rounds to a few significant digits so results.json stays readable. */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}

export function roundSpread(s: Spread, digits = 4): Spread {
  return { median: round(s.median, digits), min: round(s.min, digits), max: round(s.max, digits), runs: s.runs };
}

/** Slope of log(y) against log(x): 1 means linear growth, 0 constant. */
export function logLogSlope(x0: number, y0: number, x1: number, y1: number): number {
  if (x0 <= 0 || x1 <= 0 || y0 <= 0 || y1 <= 0 || x0 === x1) return Number.NaN;
  return Math.log(y1 / y0) / Math.log(x1 / x0);
}
