/** One tool call of an episode: parse, map through the surface, send, record. */
import type { EmuRequest, EmuResponse } from "../emulator/http.js";
import type { ToolCall, UnparsedCall } from "../policy/types.js";
import { executeMapping } from "../tools/execute.js";
import type { Exchange, HttpCall, Rejection, ToolSurface } from "../tools/types.js";
import type { CallRecord, RequestRecord } from "../trace/types.js";

export interface CallContext {
  surface: ToolSurface;
  /** Tools offered in this episode: others are unknown even if the surface has them. */
  offered: ReadonlySet<string>;
  send: (call: HttpCall) => EmuResponse;
  resultChars: number | undefined;
  clock: () => number;
}

/** `send` for a site: the call as an in-process request with the episode's credentials. */
export function sender(handle: (request: EmuRequest) => EmuResponse, authorization: string): (call: HttpCall) => EmuResponse {
  const plain = { authorization, accept: "application/json" };
  const withBody = { ...plain, "content-type": "application/json" };
  return (call) => {
    const request: EmuRequest = {
      method: call.method,
      path: call.path,
      query: call.query,
      headers: call.body === undefined ? plain : withBody,
    };
    if (call.body !== undefined) request.json = call.body;
    return handle(request);
  };
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Arguments as JSON; an empty string means no arguments (some servers send "" for `{}`). */
export function parseArguments(text: string): Parsed {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function runToolCall(ctx: CallContext, call: ToolCall): CallRecord {
  const started = ctx.clock();
  const base = { id: call.id, name: call.name, argumentsText: call.argumentsText };
  const done = (fields: Partial<CallRecord> & Pick<CallRecord, "requests" | "result">): CallRecord => ({
    ...base,
    ...fields,
    status: lastStatus(fields.requests),
    timing: { durationMs: elapsed(ctx.clock, started) },
  });

  if (!ctx.offered.has(call.name)) {
    const reason = `Unknown tool '${call.name}'. Available tools: ${[...ctx.offered].join(", ")}.`;
    return done({ rejection: { label: "unknown_tool", reason }, requests: [], result: `Error: ${reason}` });
  }
  const parsed = parseArguments(call.argumentsText);
  if (!parsed.ok) {
    const reason = `The arguments of '${call.name}' are not valid JSON: ${parsed.error}`;
    return done({ parseError: parsed.error, rejection: { label: "invalid_json", reason }, requests: [], result: `Error: ${reason}` });
  }
  const executed = executeMapping(ctx.surface, ctx.surface.toRequest(call.name, parsed.value), ctx.send, { maxChars: ctx.resultChars });
  const record = done({ arguments: parsed.value, requests: executed.exchanges.map(toRequestRecord), result: executed.result });
  if (executed.rejection) record.rejection = labelled(executed.rejection);
  return record;
}

/** A tool-call attempt the policy could not read: recorded as `invalid_json`, answered with an error. */
export function unparsedCall(id: string, attempt: UnparsedCall): CallRecord {
  const reason = `Could not parse the tool call: ${attempt.error}`;
  return {
    id,
    name: null,
    argumentsText: attempt.text,
    parseError: attempt.error,
    rejection: { label: "invalid_json", reason },
    requests: [],
    status: null,
    result: `Error: ${reason}`,
    timing: { durationMs: 0 },
  };
}

function labelled(rejection: Rejection): CallRecord["rejection"] {
  return { label: rejection.label, reason: rejection.reason };
}

function toRequestRecord({ request, response }: Exchange): RequestRecord {
  const { method, path, query, body } = request;
  const { status } = response;
  const record: RequestRecord = body === undefined ? { method, path, query, status } : { method, path, query, body, status };
  if (response.body !== undefined) record.responseBody = response.body;
  return record;
}

function lastStatus(requests: readonly RequestRecord[]): number | null {
  return requests.length > 0 ? requests[requests.length - 1]!.status : null;
}

/** Milliseconds since `started`, to the microsecond. */
export function elapsed(clock: () => number, started: number): number {
  return Math.max(0, Math.round((clock() - started) * 1000) / 1000);
}
