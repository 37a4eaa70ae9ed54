/**
 * Text mode, for servers without tool support: the tools, earlier calls and tool results are written into plain
 * system/user/assistant messages by the same chat template the embedded model uses (Hermes/Qwen `<tools>`,
 * `<tool_call>`, `<tool_response>`), and the reply's calls are parsed from its text.
 */
import { defaultChatTemplate } from "../prompt/chat-template.js";
import { splitChatML } from "../prompt/chatml.js";
import { toTemplateConversation } from "../prompt/template-conversation.js";
import type { Message, ToolSpec } from "../types.js";
import type { WireMessage } from "./wire.js";

export function toTextModeMessages(messages: readonly Message[], tools: readonly ToolSpec[]): WireMessage[] {
  const rendered = defaultChatTemplate().render(toTemplateConversation(messages, tools), { addGenerationPrompt: false });
  return splitChatML(rendered).map((turn): WireMessage => {
    if (turn.role === "system" || turn.role === "user") return { role: turn.role, content: turn.content };
    if (turn.role === "assistant") return { role: "assistant", content: turn.content };
    throw new Error(`the chat template produced an unexpected role: ${turn.role}`);
  });
}
