/**
 * The trace: one JSON object per episode, the only thing rewards, reports, the trainer and
 * external tools read. Stable and versioned; published as JSON Schema in
 * `schemas/trace.schema.json`. Every wall-clock measurement lives in a field named `timing`,
 * so determinism checks and rewards drop those and compare the rest byte for byte.
 */
import type { Message } from "../policy/types.js";
import type { RejectionLabel } from "../tools/types.js";

export const TRACE_VERSION = 1;

export type StopReason =
  /** A turn without tool calls: its text is the final answer. */
  | "final_answer"
  /** The turn budget ran out while the model was still calling tools. */
  | "budget_exhausted"
  /** The completion-token budget ran out. */
  | "token_budget"
  /** The policy failed (threw); `error` says why. */
  | "policy_error"
  /** The caller aborted the episode. */
  | "aborted";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** One HTTP request a tool call became, and the emulator's answer. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** JSON body as sent; absent when the request had none. */
  body?: unknown;
  status: number;
  /** Response body as the emulator returned it (untrimmed); absent for empty responses. */
  responseBody?: unknown;
}

export interface CallRecord {
  /** Tool call id as in the messages (synthesised for unparsed attempts). */
  id: string;
  /** Tool name as the model wrote it; null when the call could not be parsed at all. */
  name: string | null;
  /** Arguments exactly as the model wrote them (for unparsed attempts, the raw text). */
  argumentsText: string;
  /** The parsed arguments, when `argumentsText` was valid JSON. */
  arguments?: unknown;
  /** Why `argumentsText` is not JSON (or the call could not be read at all). */
  parseError?: string;
  /** Why the call made no request, or stopped before its last one. */
  rejection?: { label: RejectionLabel; reason: string };
  /** The requests the call became, in order (lookups first). */
  requests: RequestRecord[];
  /** Status of the last request, or null when none was sent. */
  status: number | null;
  /** The tool result the model saw. */
  result: string;
  timing: { durationMs: number };
}

export interface TurnRecord {
  /** 0-based position among the episode's assistant turns. */
  index: number;
  /** Visible text of the assistant message. */
  content: string;
  /** Exact generated text, when the policy sees it. */
  raw?: string;
  finishReason?: string;
  usage?: TokenUsage;
  calls: CallRecord[];
  timing: { policyMs: number };
}

export interface Trace {
  traceVersion: typeof TRACE_VERSION;
  episodeId: string;
  taskId: string;
  scenario: string;
  seed: number;
  policyId: string;
  /** Tool surface name, e.g. `rest` or `mcp`. */
  surface: string;
  /** Names of the tools offered to the model. */
  tools: string[];
  /** The whole conversation: system, user, assistant and tool messages, in order. */
  messages: Message[];
  turns: TurnRecord[];
  /** Text of the final turn when the episode ended with an answer, else null. */
  finalAnswer: string | null;
  stopReason: StopReason;
  /** The policy's error message when `stopReason` is `policy_error`. */
  error?: string;
  /** Sums over turns that reported usage. */
  usage: TokenUsage;
  turnCount: number;
  toolCallCount: number;
  timing: { startedAt: string; durationMs: number };
}
