/**
 * The policy contract: messages + tools -> the next assistant message.
 * Shared by the agent loop (src/agent), every policy (src/policy) and the trace (src/trace).
 */

/** A tool offered to the model, OpenAI function-calling style. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** A tool call as the model wrote it. `argumentsText` is kept verbatim, even when it does not parse. */
export interface ToolCall {
  id: string;
  name: string;
  argumentsText: string;
}

export type Message =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string };

/** Text the model produced that looked like a tool call but could not be read as one. */
export interface UnparsedCall {
  /** The raw text of the attempted call. */
  text: string;
  error: string;
}

export interface AssistantTurn {
  /** Visible text (tool-call markup removed). */
  content: string;
  toolCalls: ToolCall[];
  /** Tool-call attempts that failed to parse: recorded in the trace as `invalid_json`, never dropped. */
  unparsed: UnparsedCall[];
  /** The exact text the model generated, when the policy sees it (text-format tool calls). */
  raw?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** Why generation stopped: `stop`, `length`, `tool_calls`, ... */
  finishReason?: string;
}

export interface PolicyRequest {
  messages: readonly Message[];
  tools: readonly ToolSpec[];
  /** Per-request sampling overrides. */
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface Policy {
  /** Stable id recorded in traces, e.g. `openai:qwen3-1.7b`, `embedded:smollm2-135m`, `oracle`. */
  readonly id: string;
  next(request: PolicyRequest): Promise<AssistantTurn>;
  /** Releases models, sockets, workers. */
  close?(): Promise<void>;
}
