/**
 * Raw completion on one context sequence: evaluate the exact prompt tokens, sample until an end-of-generation token,
 * a stop token or the token budget. No chat wrapper of node-llama-cpp is involved, so the model sees precisely the
 * text the chat template rendered (the same text the trainer tokenises).
 */
import { LlamaGrammarEvaluationState, type LlamaContextSequence, type LlamaGrammar, type Token } from "node-llama-cpp";

export interface SamplingOptions {
  /** 0 means greedy decoding. */
  temperature: number;
  topP?: number;
  topK?: number;
  seed: number;
  maxTokens: number;
  grammar?: LlamaGrammar;
  /** Tokens that end the reply without being part of it (besides the model's own end-of-generation tokens). */
  stopTokens: ReadonlySet<Token>;
  signal?: AbortSignal;
}

export interface Generation {
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** `stop`: the model ended its turn; `length`: the token budget ran out. */
  finishReason: "stop" | "length";
}

export async function generate(sequence: LlamaContextSequence, prompt: string, options: SamplingOptions): Promise<Generation> {
  const model = sequence.model;
  // `true`: special-token text such as <|im_start|> becomes the special token, as in transformers' tokenizer.
  const promptTokens = model.tokenize(prompt, true);
  const room = sequence.contextSize - promptTokens.length;
  if (room <= 0) throw new Error(`prompt is ${promptTokens.length} tokens, the context holds ${sequence.contextSize}`);
  const maxTokens = Math.min(options.maxTokens, room);

  // Every turn starts from an empty sequence: the output then depends on the prompt only, never on what this
  // sequence evaluated before, which keeps seeded runs repeatable whatever the scheduling of episodes.
  await sequence.clearHistory();
  const grammarEvaluationState = options.grammar ? new LlamaGrammarEvaluationState({ model, grammar: options.grammar }) : undefined;
  const generated: Token[] = [];
  let finishReason: Generation["finishReason"] = "stop";
  const tokens = sequence.evaluate(promptTokens, {
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    seed: options.seed,
    grammarEvaluationState,
  });
  for await (const token of tokens) {
    options.signal?.throwIfAborted();
    if (options.stopTokens.has(token)) break;
    generated.push(token);
    if (generated.length >= maxTokens) {
      finishReason = "length";
      break;
    }
  }
  options.signal?.throwIfAborted();
  return {
    text: model.detokenize(generated, true),
    promptTokens: promptTokens.length,
    completionTokens: generated.length,
    finishReason,
  };
}
