/** Hand-built traces for reward tests: edit an oracle trace turn by turn, as a policy might have acted. */
import type { CallRecord, RequestRecord, StopReason, Trace, TurnRecord } from "../../src/trace/index.js";

export function request(method: string, path: string, body?: unknown, query: Record<string, string> = {}): RequestRecord {
  const record: RequestRecord = { method, path, query, status: 200 };
  if (body !== undefined) record.body = body;
  return record;
}

/** Call ids only need to be unique within a trace. */
let callCount = 0;

export function call(name: string, requests: RequestRecord[], argumentsText = "{}"): CallRecord {
  return {
    id: `c${++callCount}`,
    name,
    argumentsText,
    requests,
    status: requests.at(-1)?.status ?? null,
    result: "",
    timing: { durationMs: 0 },
  };
}

export function turn(calls: CallRecord[], content = ""): TurnRecord {
  return { index: 0, content, calls, timing: { policyMs: 0 } };
}

export const answer = (content = "Done."): TurnRecord => turn([], content);

/** The trace with its turns replaced (indices renumbered) and the given stop reason. */
export function withTurns(base: Trace, turns: TurnRecord[], stopReason: StopReason = "final_answer"): Trace {
  const numbered = turns.map((t, index) => ({ ...t, index }));
  const last = numbered.at(-1);
  return {
    ...base,
    turns: numbered,
    stopReason,
    finalAnswer: last && last.calls.length === 0 ? last.content : null,
    turnCount: numbered.length,
    toolCallCount: numbered.reduce((n, t) => n + t.calls.length, 0),
  };
}

/** Turns of the trace that made requests (without the final answer). */
export function workTurns(trace: Trace): TurnRecord[] {
  return trace.turns.filter((t) => t.calls.length > 0);
}

/** Index of the first turn that made a write (a non-GET request). */
export function firstWriteTurn(trace: Trace): number {
  return trace.turns.findIndex((t) => t.calls.some((c) => c.requests.some((r) => r.method !== "GET")));
}

/** The first write request of the trace and the response the trace logged for it. */
export function firstWrite(trace: Trace): RequestRecord {
  for (const t of trace.turns) for (const c of t.calls) for (const r of c.requests) if (r.method !== "GET") return r;
  throw new Error("trace has no write");
}
