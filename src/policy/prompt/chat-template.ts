/**
 * Renders conversations with `assets/chat_template.jinja` (TRL's Qwen2.5 tool-calling template, kept byte for byte so
 * TRL recognises it) through @huggingface/jinja, which follows transformers' rendering rules (trim_blocks,
 * lstrip_blocks, a `tojson` with `", "`/`": "` separators and no ASCII escaping).
 */
import { readFileSync } from "node:fs";
import { Template } from "@huggingface/jinja";
import { projectPath } from "../project-root.js";
import type { Message, ToolSpec } from "../types.js";
import { toTemplateConversation, type TemplateConversation } from "./template-conversation.js";

export const CHAT_TEMPLATE_PATH = projectPath("assets", "chat_template.jinja");

export interface RenderOptions {
  /** Ends the prompt with `<|im_start|>assistant\n` so the model writes the next turn. Default true. */
  addGenerationPrompt?: boolean;
}

export class ChatTemplate {
  private constructor(
    readonly source: string,
    private readonly compiled: Template,
  ) {}

  static fromSource(source: string): ChatTemplate {
    return new ChatTemplate(source, new Template(source));
  }

  static fromFile(path: string): ChatTemplate {
    return ChatTemplate.fromSource(readFileSync(path, "utf8"));
  }

  render(conversation: TemplateConversation, options: RenderOptions = {}): string {
    return this.compiled.render({
      messages: conversation.messages,
      // transformers passes `tools=None` when there are none; the template then prints no tools section.
      tools: conversation.tools.length > 0 ? conversation.tools : undefined,
      add_generation_prompt: options.addGenerationPrompt ?? true,
    });
  }
}

let shared: ChatTemplate | undefined;

/** The project's template, read and compiled once per process. */
export function defaultChatTemplate(): ChatTemplate {
  shared ??= ChatTemplate.fromFile(CHAT_TEMPLATE_PATH);
  return shared;
}

/** The exact prompt text the embedded model sees (and the trainer tokenises) for these messages and tools. */
export function renderPrompt(messages: readonly Message[], tools: readonly ToolSpec[], options: RenderOptions = {}): string {
  return defaultChatTemplate().render(toTemplateConversation(messages, tools), options);
}
