/** No invented tools, fields or ids: 1 / (1 + number of calls with such a failure). */
import type { Failure, FailureLabel } from "../labels.js";

const HALLUCINATIONS: ReadonlySet<FailureLabel> = new Set(["unknown_tool", "schema_violation", "hallucinated_id"]);

/** Scores from the failures the other components found (it adds none of its own). */
export function scoreGrounding(failures: readonly Failure[]): number {
  const calls = new Set<string>();
  for (const f of failures) if (HALLUCINATIONS.has(f.label)) calls.add(f.call === undefined ? `?${f.detail}` : String(f.call));
  return 1 / (1 + calls.size);
}
