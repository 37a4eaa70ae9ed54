/**
 * Reads a chat-completions response body into an AssistantTurn. Native `tool_calls` (and the legacy
 * `function_call`) are taken as they are; a call without a usable name becomes `unparsed`, never dropped. When the
 * reply has no native calls, its text is searched for text-format calls (servers without a tool parser, text mode).
 */
import { PolicyError } from "../errors.js";
import { parseToolCalls } from "../text-calls/tool-call-parser.js";
import type { AssistantTurn, ToolCall, UnparsedCall } from "../types.js";

export interface ReadOptions {
  /** Prefix for ids of calls found in text (and native calls that came without an id). */
  idPrefix: string;
}

export function readCompletion(body: unknown, options: ReadOptions): AssistantTurn {
  const choice = firstChoice(body);
  const message = asRecord(choice.message);
  if (!message) throw malformed("choices[0].message is missing");
  const content = typeof message.content === "string" ? message.content : "";
  const finish = typeof choice.finish_reason === "string" ? choice.finish_reason : undefined;
  const usage = readUsage(asRecord(body)?.usage);

  const native = readNativeCalls(message, options.idPrefix);
  if (native.toolCalls.length > 0 || native.unparsed.length > 0) {
    return { content, toolCalls: native.toolCalls, unparsed: native.unparsed, usage, finishReason: finish };
  }
  const parsed = parseToolCalls(content, { idPrefix: options.idPrefix });
  // A server that does not parse calls reports "stop"; say "tool_calls" like one that does.
  const finishReason = finish === "stop" && parsed.toolCalls.length > 0 ? "tool_calls" : finish;
  return { ...parsed, raw: content, usage, finishReason };
}

function firstChoice(body: unknown): Record<string, unknown> {
  const choices = asRecord(body)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw malformed("no choices");
  const choice = asRecord(choices[0]);
  if (!choice) throw malformed("choices[0] is not an object");
  return choice;
}

function readNativeCalls(message: Record<string, unknown>, idPrefix: string): { toolCalls: ToolCall[]; unparsed: UnparsedCall[] } {
  const toolCalls: ToolCall[] = [];
  const unparsed: UnparsedCall[] = [];
  const entries = Array.isArray(message.tool_calls)
    ? message.tool_calls
    : message.function_call
      ? [{ function: message.function_call }]
      : [];
  for (const entry of entries) {
    const call = asRecord(entry);
    const fn = asRecord(call?.function);
    const name = fn?.name;
    if (!fn || typeof name !== "string" || name.trim() === "") {
      unparsed.push({ text: JSON.stringify(entry), error: "tool call without a function name" });
      continue;
    }
    const id = typeof call?.id === "string" && call.id !== "" ? call.id : `${idPrefix}${toolCalls.length}`;
    toolCalls.push({ id, name, argumentsText: argumentsText(fn.arguments) });
  }
  return { toolCalls, unparsed };
}

/** The spec says a string; some servers (Ollama) send an object. Either way keep what came. */
function argumentsText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "{}";
  return JSON.stringify(value);
}

function readUsage(value: unknown): AssistantTurn["usage"] {
  const usage = asRecord(value);
  if (!usage || typeof usage.prompt_tokens !== "number" || typeof usage.completion_tokens !== "number") return undefined;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function malformed(detail: string): PolicyError {
  return new PolicyError(`malformed chat-completions response: ${detail}`, { retryable: false });
}
