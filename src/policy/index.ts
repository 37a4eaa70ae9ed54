/**
 * Policies: messages + tools -> the next assistant message.
 * The embedded policy is loaded lazily: node-llama-cpp takes about a second to import, and most users of this module
 * (agent loop, eval, trace tools) never need it.
 */
import type { EmbeddedPolicy, EmbeddedPolicyOptions } from "./embedded/embedded-policy.js";
import { OpenAIPolicy, type OpenAIPolicyOptions } from "./openai/openai-policy.js";
import type { Policy } from "./types.js";

export type * from "./types.js";
export { PolicyError } from "./errors.js";
export { parseToolCalls, type ParsedText, type ParseOptions } from "./text-calls/tool-call-parser.js";
export { ChatTemplate, CHAT_TEMPLATE_PATH, defaultChatTemplate, renderPrompt, type RenderOptions } from "./prompt/chat-template.js";
export {
  toTemplateConversation,
  type TemplateConversation,
  type TemplateMessage,
  type TemplateTool,
} from "./prompt/template-conversation.js";
export { OpenAIPolicy, type OpenAIPolicyOptions, type RetryEvent } from "./openai/openai-policy.js";
export { locateModel, MODEL_PATH_ENV, ModelNotFoundError, resolveModelPath } from "./embedded/model-locator.js";
export type { EmbeddedPolicy, EmbeddedPolicyOptions } from "./embedded/embedded-policy.js";

export async function createEmbeddedPolicy(options: EmbeddedPolicyOptions = {}): Promise<EmbeddedPolicy> {
  const { EmbeddedPolicy } = await import("./embedded/embedded-policy.js");
  return EmbeddedPolicy.create(options);
}

export type PolicyConfig = ({ kind: "openai" } & OpenAIPolicyOptions) | ({ kind: "embedded" } & EmbeddedPolicyOptions);

/** One entry point for the CLI and eval; the oracle policies live in ./oracle. */
export async function createPolicy(config: PolicyConfig): Promise<Policy> {
  if (config.kind === "openai") {
    const { kind: _kind, ...options } = config;
    return new OpenAIPolicy(options);
  }
  const { kind: _kind, ...options } = config;
  return createEmbeddedPolicy(options);
}
