/** The reward's view of a trace: calls and their requests in order; logged responses are dropped. */
import type { Trace } from "../trace/types.js";
import type { Episode, EpisodeCall, StopKind } from "./episode.js";

export function episodeFromTrace(trace: Pick<Trace, "turns" | "stopReason">): Episode {
  const calls: EpisodeCall[] = [];
  let answered = false;
  for (const turn of trace.turns) {
    // A turn without tool calls is a final answer; anything after it is never credited.
    if (turn.calls.length === 0) answered = true;
    for (const call of turn.calls) {
      const episodeCall: EpisodeCall = {
        tool: call.name ?? "",
        requests: call.requests.map((r) =>
          r.body === undefined
            ? { method: r.method, path: r.path, query: r.query }
            : { method: r.method, path: r.path, query: r.query, body: r.body },
        ),
        afterFinal: answered,
      };
      if (call.parseError !== undefined || call.name === null) {
        episodeCall.rejection = { label: "invalid_json", reason: call.parseError ?? "the call could not be read" };
      } else if (call.rejection) {
        episodeCall.rejection = call.rejection;
      }
      calls.push(episodeCall);
    }
  }
  return { calls, stop: stopKind(trace.stopReason) };
}

function stopKind(reason: Trace["stopReason"]): StopKind {
  if (reason === "final_answer") return "final_answer";
  if (reason === "budget_exhausted" || reason === "token_budget") return "budget";
  return "other";
}
