/**
 * Call validity: each credited tool call must parse, name a real tool, and have every request
 * it made succeed. Failed calls are labelled by cause (see classify.ts), refined by the goal:
 * a failed write whose id argument was never shown anywhere is a hallucinated id.
 */
import { classifyFailure } from "../classify.js";
import type { ComponentResult, ScoringContext } from "../context.js";
import { inventedFields } from "../invented.js";
import type { Failure, FailureLabel } from "../labels.js";
import { checkArg, patternMatches } from "../patterns.js";
import { viewOf, type Replayed } from "../replay.js";

const REJECTION_LABELS: Record<string, FailureLabel> = {
  invalid_json: "invalid_json",
  unknown_tool: "unknown_tool",
  schema_violation: "schema_violation",
  // A tool's own lookup (a space key, a project name) found nothing: the name was made up.
  lookup_failed: "hallucinated_id",
};

export function scoreCalls(ctx: ScoringContext): ComponentResult {
  const failures: Failure[] = [];
  let credited = 0;
  let valid = 0;
  const requestsByCall = new Map<number, Replayed[]>();
  for (const r of ctx.replayed) requestsByCall.set(r.call, [...(requestsByCall.get(r.call) ?? []), r]);

  ctx.episode.calls.forEach((call, index) => {
    if (call.afterFinal) return;
    credited++;
    const failedRequest = (requestsByCall.get(index) ?? []).find((r) => r.status >= 400);
    if (call.rejection && !failedRequest) {
      failures.push({ label: REJECTION_LABELS[call.rejection.label] ?? "schema_violation", call: index, detail: call.rejection.reason });
    } else if (failedRequest) {
      const label = refine(ctx, failedRequest, classifyFailure(failedRequest));
      failures.push({
        label,
        call: index,
        detail: `${failedRequest.request.method} ${failedRequest.request.path} -> ${failedRequest.status}`,
      });
    } else if (call.requests.length === 0) {
      failures.push({ label: "schema_violation", call: index, detail: `call to '${call.tool}' made no request` });
    } else {
      valid++;
    }
  });

  // Invented fields the API silently accepted still count against grounding (no effect on validity).
  for (const r of ctx.replayed) {
    if (r.status >= 400 || !r.operation?.body) continue;
    const invented = inventedFields(r.operation.body, r.request.body);
    if (invented.length > 0)
      failures.push({ label: "schema_violation", call: r.call, detail: `undeclared fields: ${invented.join(", ")}` });
  }
  return { score: credited === 0 ? 1 : valid / credited, failures };
}

/** A 400 for a bad value is a hallucinated id when the request attempted an expected write with an id never shown. */
function refine(ctx: ScoringContext, r: Replayed, label: FailureLabel): FailureLabel {
  if (label !== "wrong_value") return label;
  const view = viewOf(r);
  for (const expected of ctx.task.goal.writes) {
    if (!patternMatches({ operations: expected.match.operations }, r)) continue;
    for (const check of expected.args) {
      if (!check.idLike) continue;
      const verdict = checkArg(check, view);
      if (!verdict.ok && verdict.given.some((v) => !ctx.seenBefore(v, r.seq))) return "hallucinated_id";
    }
  }
  return label;
}
