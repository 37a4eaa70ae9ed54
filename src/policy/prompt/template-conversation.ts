/**
 * Our `Message`/`ToolSpec` in the shape chat templates expect, exactly as Hugging Face transformers passes them to
 * `apply_chat_template`: tools as `{type: "function", function: {name, description, parameters}}`, assistant calls as
 * `tool_calls` with `arguments` as a JSON object, tool results as role `tool` messages. The Python trainer builds the
 * same structures, so both sides render one prompt; `scripts/render-prompt.ts --print hf` prints this form.
 */
import type { Message, ToolCall, ToolSpec } from "../types.js";

export interface TemplateTool {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface TemplateToolCall {
  type: "function";
  id: string;
  function: { name: string; arguments: unknown };
}

export type TemplateMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; tool_calls?: TemplateToolCall[] }
  | { role: "tool"; tool_call_id: string; name: string; content: string };

export interface TemplateConversation {
  messages: TemplateMessage[];
  tools: TemplateTool[];
}

export function toTemplateConversation(messages: readonly Message[], tools: readonly ToolSpec[]): TemplateConversation {
  return { messages: messages.map(toTemplateMessage), tools: tools.map(toTemplateTool) };
}

export function toTemplateTool(tool: ToolSpec): TemplateTool {
  // Key order is part of the prompt (the template prints `tool | tojson`); it matches transformers' get_json_schema.
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toTemplateMessage(message: Message): TemplateMessage {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant":
      if (!message.toolCalls || message.toolCalls.length === 0) return { role: "assistant", content: message.content };
      return { role: "assistant", content: message.content, tool_calls: message.toolCalls.map(toTemplateToolCall) };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, name: message.name, content: message.content };
  }
}

function toTemplateToolCall(call: ToolCall): TemplateToolCall {
  return { type: "function", id: call.id, function: { name: call.name, arguments: parseArguments(call.argumentsText) } };
}

/**
 * Templates print `arguments | tojson`, so they need the parsed object. Arguments that are not valid JSON stay the
 * raw string (rendered as a quoted JSON string): the history then shows what the model wrote instead of hiding it.
 */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
