/**
 * Which successful write of the episode fulfils which expected write. Writes are taken in the
 * order they were made and each goes to the still-open expected write it fits best; the first
 * fitting attempt counts, so spraying variants in hope of a hit never improves the match.
 */
import type { ExpectedWrite, Goal } from "../scenarios/types.js";
import { argScore, patternMatches } from "./patterns.js";
import { viewOf, type Replayed } from "./replay.js";

export type ExtraWriteKind =
  /** Identical to an earlier successful write: a repeat. */
  | "repeat"
  /** Anything else outside the goal. */
  | "outside_goal";

export interface Assignment {
  /** Expected write id -> the write that fulfils it. */
  matched: Map<string, Replayed>;
  /** Successful writes that fulfil nothing and are not allowed: side effects or repeats. */
  extra: Array<{ write: Replayed; kind: ExtraWriteKind }>;
}

export function assignWrites(goal: Goal, replayed: readonly Replayed[]): Assignment {
  const matched = new Map<string, Replayed>();
  const extra: Assignment["extra"] = [];
  const successfulWrites: Replayed[] = [];
  for (const write of replayed) {
    if (!write.wrote) continue;
    const repeat = successfulWrites.some((w) => w.fingerprint === write.fingerprint);
    successfulWrites.push(write);
    const expected = bestOpenWrite(goal.writes, matched, write);
    if (expected && !repeat) {
      matched.set(expected.id, write);
      continue;
    }
    if (!repeat && (goal.allowedWrites ?? []).some((p) => patternMatches(p, write))) continue;
    extra.push({ write, kind: repeat ? "repeat" : "outside_goal" });
  }
  return { matched, extra };
}

function bestOpenWrite(
  writes: readonly ExpectedWrite[],
  matched: ReadonlyMap<string, Replayed>,
  write: Replayed,
): ExpectedWrite | undefined {
  let best: ExpectedWrite | undefined;
  let bestScore = -1;
  const view = viewOf(write);
  for (const expected of writes) {
    if (matched.has(expected.id)) continue;
    if ((expected.after ?? []).some((id) => !matched.has(id))) continue;
    if (!patternMatches(expected.match, write)) continue;
    const score = argScore(expected.args, view);
    if (score > bestScore) {
      best = expected;
      bestScore = score;
    }
  }
  return best;
}
