/**
 * The reward's view of an episode: the tool calls in order, the HTTP requests each became,
 * and how the episode ended. Built from a trace (src/trace) by `episodeFromTrace`; logged
 * responses are deliberately absent, because the reward recomputes every response itself.
 */

/** Why a tool call made no request (or stopped early), as the tool surface recorded it. */
export type CallRejection = "invalid_json" | "unknown_tool" | "schema_violation" | "lookup_failed";

export interface EpisodeRequest {
  method: string;
  path: string;
  query?: Readonly<Record<string, string | readonly string[]>>;
  /** Parsed JSON body, when the request had one. */
  body?: unknown;
}

export interface EpisodeCall {
  tool: string;
  rejection?: { label: CallRejection; reason: string };
  requests: EpisodeRequest[];
  /** The call came after the episode's final answer: it is never credited. */
  afterFinal: boolean;
}

/** How an episode ended. */
export type StopKind = "final_answer" | "budget" | "other";

export interface Episode {
  calls: EpisodeCall[];
  stop: StopKind;
}
