/**
 * Required reads before the writes they inform (and, where the goal says so, after the writes
 * that change what they show): a lookup made outside that window is in the wrong order; a write
 * made with no lookup at all skipped a read. A read whose writes were never made is only checked
 * for having happened in its window (the missing writes carry the blame).
 */
import type { ComponentResult, ScoringContext } from "../context.js";
import type { Failure } from "../labels.js";
import { patternMatches } from "../patterns.js";

export function scoreReads(ctx: ScoringContext): ComponentResult {
  const reads = ctx.task.goal.reads;
  if (reads.length === 0) return { score: 1, failures: [] };
  const failures: Failure[] = [];
  let satisfied = 0;
  for (const read of reads) {
    const before = seqsOf(ctx, read.before);
    const after = seqsOf(ctx, read.after ?? []);
    const until = before.length > 0 ? Math.min(...before) : Infinity;
    const from = after.length > 0 ? Math.max(...after) : -1;
    const matching = ctx.replayed.filter((r) => r.status < 400 && patternMatches(read.match, r));
    if (matching.some((r) => r.seq > from && r.seq < until)) {
      satisfied++;
      continue;
    }
    const outside = matching[0];
    if (outside) {
      failures.push({
        label: "wrong_endpoint_order",
        call: outside.call,
        detail: `${read.id}: ${read.description} came at the wrong point`,
      });
    } else if (before.length > 0) {
      failures.push({ label: "missing_read", detail: `${read.id}: ${read.description}` });
    }
  }
  return { score: satisfied / reads.length, failures };
}

/** Positions of the requests that fulfilled these expected writes (those made). */
function seqsOf(ctx: ScoringContext, ids: readonly string[]): number[] {
  return ids.flatMap((id) => {
    const write = ctx.assignment.matched.get(id);
    return write ? [write.seq] : [];
  });
}
