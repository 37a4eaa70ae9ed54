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
    const first = ctx.replayed.find((r) => r.status < 400 && patternMatches(read.match, r));
    const writeSeqs = read.before.flatMap((id) => {
      const w = ctx.assignment.matched.get(id);
      return w ? [w.seq] : [];
    });
    const firstWrite = writeSeqs.length > 0 ? Math.min(...writeSeqs) : undefined;
    if (first && (firstWrite === undefined || first.seq < firstWrite)) {
      satisfied++;
      continue;
    }
    if (first)
      failures.push({ label: "wrong_endpoint_order", call: first.call, detail: `${read.id}: ${read.description} came after the write` });
    else if (firstWrite !== undefined) failures.push({ label: "missing_read", detail: `${read.id}: ${read.description}` });
  }
  return { score: satisfied / reads.length, failures };
}
