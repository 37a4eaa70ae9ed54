/**
 * The embedded policy: a GGUF model (SmolLM2-135M-Instruct by default) run in-process on the CPU by node-llama-cpp.
 * Each turn renders messages + tools with the shared chat template, generates from that exact text, and reads tool
 * calls back from the generated text. The model is loaded once per process and shared; each policy owns a context
 * whose sequences serve concurrent episodes.
 */
import { availableParallelism } from "node:os";
import type { LlamaContext, LlamaGrammar, LlamaModel, Token } from "node-llama-cpp";
import { renderPrompt } from "../prompt/chat-template.js";
import { parseToolCalls } from "../text-calls/tool-call-parser.js";
import type { AssistantTurn, Policy, PolicyRequest } from "../types.js";
import { generate } from "./generate.js";
import { acquireModel, releaseModel, sharedLlama } from "./llama-runtime.js";
import { resolveModelPath } from "./model-locator.js";
import { SequencePool } from "./sequence-pool.js";
import { toolCallGrammar } from "./tool-call-grammar.js";

export interface EmbeddedPolicyOptions {
  /** Any GGUF file; by default the installed SmolLM2 (see model-locator.ts). */
  modelPath?: string;
  /** Recorded in traces; defaults to `embedded:<file name without .gguf>`. */
  id?: string;
  /** Tokens per sequence (prompt + reply). Default 8192, SmolLM2's training context. */
  contextSize?: number;
  /** Episodes that can generate at the same time. Default 2. */
  sequences?: number;
  /** CPU threads. Default: all cores but one (at least one); spinning threads on a busy small machine cost more than they give. */
  threads?: number;
  /** Default 0 (greedy). */
  temperature?: number;
  topP?: number;
  topK?: number;
  /** Sampling seed when a request gives none. Default 0. */
  seed?: number;
  /** Reply budget when a request gives none. Default 256. */
  maxTokens?: number;
  /** Force replies to be a plain answer or well-formed `<tool_call>`s naming offered tools. Default false. */
  constrainToolCalls?: boolean;
  /**
   * `required`: with tools offered, every reply must be one or more well-formed tool calls (a grammar, as OpenAI's
   * `tool_choice: "required"`; implies `constrainToolCalls`). Default `auto`.
   */
  toolChoice?: "auto" | "required";
}

export class EmbeddedPolicy implements Policy {
  readonly id: string;
  /** Grammars are compiled once per set of tool names. */
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  private constructor(
    private readonly modelPath: string,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly pool: SequencePool,
    private readonly stopTokens: ReadonlySet<Token>,
    private readonly options: EmbeddedPolicyOptions,
  ) {
    this.id = options.id ?? `embedded:${modelName(modelPath)}`;
  }

  static async create(options: EmbeddedPolicyOptions = {}): Promise<EmbeddedPolicy> {
    const modelPath = resolveModelPath(options.modelPath);
    const model = await acquireModel(modelPath);
    try {
      const context = await model.createContext({
        contextSize: options.contextSize ?? 8192,
        sequences: options.sequences ?? 2,
        threads: options.threads ?? Math.max(1, availableParallelism() - 1),
      });
      return new EmbeddedPolicy(modelPath, model, context, new SequencePool(context), chatStopTokens(model), options);
    } catch (error) {
      await releaseModel(modelPath);
      throw error;
    }
  }

  async next(request: PolicyRequest): Promise<AssistantTurn> {
    const prompt = renderPrompt(request.messages, request.tools);
    const grammar = await this.grammarFor(request.tools.map((tool) => tool.name));
    const generation = await this.pool.use((sequence) =>
      generate(sequence, prompt, {
        temperature: request.temperature ?? this.options.temperature ?? 0,
        topP: this.options.topP,
        topK: this.options.topK,
        seed: request.seed ?? this.options.seed ?? 0,
        maxTokens: request.maxTokens ?? this.options.maxTokens ?? 256,
        grammar,
        stopTokens: this.stopTokens,
        signal: request.signal,
      }),
    );
    // Ids are unique within an episode and identical on a re-run: `call_<assistant turn>_<n>`.
    const turn = request.messages.filter((message) => message.role === "assistant").length;
    const parsed = parseToolCalls(generation.text, { idPrefix: `call_${turn}_` });
    const finishReason = generation.finishReason === "stop" && parsed.toolCalls.length > 0 ? "tool_calls" : generation.finishReason;
    return {
      ...parsed,
      raw: generation.text,
      usage: { promptTokens: generation.promptTokens, completionTokens: generation.completionTokens },
      finishReason,
    };
  }

  async close(): Promise<void> {
    if (this.context.disposed) return;
    await this.context.dispose();
    await releaseModel(this.modelPath);
  }

  /** The prompt this policy would generate from; for inspection and for comparing with the trainer. */
  renderPrompt(request: Pick<PolicyRequest, "messages" | "tools">): string {
    return renderPrompt(request.messages, request.tools);
  }

  /** The decoding grammar for this turn, or undefined when decoding is free (the default, or no tools offered). */
  private grammarFor(toolNames: readonly string[]): Promise<LlamaGrammar | undefined> {
    const requireToolCall = this.options.toolChoice === "required";
    if (toolNames.length === 0 || !(this.options.constrainToolCalls || requireToolCall)) return Promise.resolve(undefined);
    const key = JSON.stringify([...toolNames].sort());
    let grammar = this.grammars.get(key);
    if (!grammar) {
      const text = toolCallGrammar(toolNames, { requireToolCall });
      grammar = sharedLlama().then((llama) => llama.createGrammar({ grammar: text }));
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  /** Exposed for tests and benchmarks: the loaded model's tokenizer. */
  tokenize(text: string): Token[] {
    return this.model.tokenize(text, true);
  }
}

/** ChatML turns end at <|im_end|> (the model's end-of-generation token); a stray <|im_start|> also ends the reply. */
function chatStopTokens(model: LlamaModel): Set<Token> {
  const stops = new Set<Token>();
  for (const marker of ["<|im_end|>", "<|im_start|>"]) {
    const tokens = model.tokenize(marker, true);
    if (tokens.length === 1 && tokens[0] !== undefined) stops.add(tokens[0]);
  }
  return stops;
}

function modelName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  return file.replace(/\.gguf$/i, "");
}
