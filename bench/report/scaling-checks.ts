/**
 * The scaling requirements of issue 8, checked on the site-size curve (fastest batch of each op at each size):
 * - lookups by key or id (and single writes) stay constant-time: cost at the largest site within
 *   CONSTANT_TOLERANCE times the cost at the smallest (a linear scan would grow with the site, 100x);
 * - searches grow no worse than linearly in the items they match: cost growth within
 *   LINEAR_TOLERANCE times the growth of the match count (a search matching the same 5 items at every
 *   size must then cost about the same at every size).
 */
import type { SiteScalePoint } from "../measure/site-scale.js";
import { logLogSlope, round } from "../lib/stats.js";

export const CONSTANT_TOLERANCE = 2;
export const LINEAR_TOLERANCE = 2;

export interface OpGrowth {
  op: string;
  kind: "lookup" | "write" | "search";
  /** Cost at the largest site over cost at the smallest. */
  costGrowth: number;
  /** Matches at the largest site over matches at the smallest (searches). */
  matchGrowth?: number;
  /** Exponent of cost against site size (0 constant, 1 linear). */
  exponentInSiteSize: number;
  /** Share of the op's time spent in GC on the largest site (a big heap slows every call, whatever it does). */
  gcShareAtLargest: number;
  ok: boolean;
}

export interface ScalingChecks {
  siteGrowth: number;
  lookupsConstant: boolean;
  searchesLinearInMatches: boolean;
  ops: OpGrowth[];
}

export function checkScaling(points: readonly SiteScalePoint[]): ScalingChecks {
  const sorted = [...points].sort((a, b) => a.scale - b.scale);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const sizeOf = (p: SiteScalePoint) => p.issues + p.pages;
  const siteGrowth = sizeOf(last) / sizeOf(first);
  const ops: OpGrowth[] = Object.entries(first.ops).map(([op, a]) => {
    const b = last.ops[op]!;
    // The fastest batch at each size: other load on a shared machine only ever adds time.
    const costGrowth = b.bestMicros / a.bestMicros;
    const exponentInSiteSize = round(logLogSlope(sizeOf(first), a.bestMicros, sizeOf(last), b.bestMicros), 3);
    const gcShareAtLargest = round(b.gcShare, 3);
    if (a.kind !== "search") {
      return {
        op,
        kind: a.kind,
        costGrowth: round(costGrowth, 3),
        exponentInSiteSize,
        gcShareAtLargest,
        ok: costGrowth <= CONSTANT_TOLERANCE,
      };
    }
    const matchGrowth = Math.max(1, b.matches ?? 1) / Math.max(1, a.matches ?? 1);
    return {
      op,
      kind: a.kind,
      costGrowth: round(costGrowth, 3),
      matchGrowth: round(matchGrowth, 3),
      exponentInSiteSize,
      gcShareAtLargest,
      ok: costGrowth <= LINEAR_TOLERANCE * Math.max(1, matchGrowth),
    };
  });
  return {
    siteGrowth: round(siteGrowth, 3),
    lookupsConstant: ops.filter((o) => o.kind !== "search").every((o) => o.ok),
    searchesLinearInMatches: ops.filter((o) => o.kind === "search").every((o) => o.ok),
    ops,
  };
}
