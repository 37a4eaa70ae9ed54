/**
 * The tool-surface contract: how LLM function calls become emulator HTTP requests and how
 * responses become tool results. Every surface ends in the same requests, so rewards (which
 * read requests only) never depend on the surface.
 */
import type { EmuResponse, HttpMethod } from "../emulator/http.js";
import type { ToolSpec } from "../policy/types.js";

/** One HTTP request a tool call becomes; the agent loop adds credentials and headers. */
export interface HttpCall {
  method: HttpMethod;
  /** Concrete path without query string, e.g. `/rest/api/3/issue/PROJ-1`. */
  path: string;
  /** Query parameters; repeated keys as arrays. */
  query: Record<string, string | string[]>;
  /** JSON body; absent when the request has none. */
  body?: unknown;
}

/** Why a tool call produced no (further) request; labels follow the failure taxonomy. */
export type RejectionLabel = "invalid_json" | "unknown_tool" | "schema_violation" | "lookup_failed";

export interface Rejection {
  ok: false;
  label: RejectionLabel;
  /** Shown to the model as the tool result. */
  reason: string;
}

/**
 * A request to send, and optionally what to do with its response. Tools that need a lookup
 * first (e.g. a space key to its id) chain steps; a chain stops at the first HTTP error.
 */
export interface CallStep {
  ok: true;
  request: HttpCall;
  then?: (response: EmuResponse) => CallStep | Rejection;
}

export type ToolMapping = CallStep | Rejection;

/** A request that was sent and what came back. */
export interface Exchange {
  request: HttpCall;
  response: EmuResponse;
}

export interface RenderOptions {
  /** Upper bound on the result text, in characters (default 4,000). */
  maxChars?: number;
}

export interface ToolSurface {
  /** `rest`, `mcp`, ... (recorded in traces). */
  readonly name: string;
  /** Every tool name this surface offers with the operations registered now. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** Specs of the named tools (all when omitted); throws on names the surface lacks. */
  tools(names?: readonly string[]): ToolSpec[];
  /** Maps a call with parsed, untrusted arguments; never throws. */
  toRequest(name: string, args: unknown): ToolMapping;
  /** The tool result the model sees for the exchanges of one call. */
  renderResult(exchanges: readonly Exchange[], options?: RenderOptions): string;
}
