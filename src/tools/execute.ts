import type { EmuResponse } from "../emulator/http.js";
import type { Exchange, HttpCall, Rejection, RenderOptions, ToolMapping, ToolSurface } from "./types.js";

/** Longest chain of requests one tool call may make (lookups plus the call itself). */
const MAX_CHAIN = 8;

export interface ExecutedCall {
  exchanges: Exchange[];
  /** Why the call made no request, or stopped before its last one. */
  rejection?: Rejection;
  /** The tool result the model sees. */
  result: string;
}

/**
 * Runs a mapped tool call: sends each request in order through `send`, stopping at the first
 * HTTP error (which reaches the model in the API's own words) or a failed lookup.
 */
export function executeMapping(
  surface: ToolSurface,
  mapping: ToolMapping,
  send: (call: HttpCall) => EmuResponse,
  options: RenderOptions = {},
): ExecutedCall {
  const exchanges: Exchange[] = [];
  let next: ToolMapping | undefined = mapping;
  while (next) {
    if (!next.ok) return finish(surface, exchanges, next, options);
    if (exchanges.length >= MAX_CHAIN) break;
    const response = send(next.request);
    exchanges.push({ request: next.request, response });
    if (response.status >= 400 || !next.then) break;
    next = continueWith(next.then, response);
  }
  return finish(surface, exchanges, undefined, options);
}

function continueWith(then: (response: EmuResponse) => ToolMapping, response: EmuResponse): ToolMapping {
  try {
    return then(response);
  } catch (error) {
    // A continuation reads API output; an unexpected shape must fail the call, not the episode.
    return {
      ok: false,
      label: "lookup_failed",
      reason: `Could not read the response: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function finish(surface: ToolSurface, exchanges: Exchange[], rejection: Rejection | undefined, options: RenderOptions): ExecutedCall {
  const rendered = exchanges.length > 0 ? surface.renderResult(exchanges, options) : "";
  if (!rejection) return { exchanges, result: rendered };
  const error = `Error: ${rejection.reason}`;
  return { exchanges, rejection, result: rendered ? `${rendered}\n${error}` : error };
}
