/**
 * Token-level rollout generation with llama.cpp for trainers: prompts arrive as token ids (already rendered by the
 * trainer's tokenizer), completions go back as token ids. Text never crosses the boundary, so the trainer scores
 * exactly the tokens that were sampled.
 *
 * Two reuses keep the CPU cost down, both exact (the KV cache holds the same values a fresh prefill would):
 * - a request goes to the sequence whose cached tokens share the longest prefix with its prompt, so a rollout's
 *   next turn (prompt + its completion + tool results) only evaluates the new tokens;
 * - requests with the same prompt (the G rollouts of a GRPO group) evaluate it once and copy that sequence's state
 *   to the others.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LlamaContext, LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { sharedLlama } from "../policy/embedded/llama-runtime.js";

export interface LoadOptions {
  modelPath: string;
  /** Requests generated at the same time; more wait for a free sequence. */
  sequences: number;
  /** Tokens per sequence (prompt + completion). */
  contextSize: number;
  threads: number;
}

export interface GenerateOptions {
  maxTokens: number;
  /** 0: greedy. */
  temperature: number;
  topP: number;
  /** 0: no top-k cut. */
  topK: number;
  /** Request i samples with seed + i. */
  seed: number;
  /** Ids that end a completion (included in it), besides the model's own end-of-generation tokens. */
  stopTokens: readonly number[];
}

export interface Completion {
  tokens: number[];
  finishReason: "stop" | "length";
}

interface Loaded {
  options: LoadOptions;
  model: LlamaModel;
  context: LlamaContext;
  sequences: LlamaContextSequence[];
}

export class TokenGenerator {
  private loaded?: Loaded;
  private stateDir?: string;

  /** Loads a model, replacing the current one (the trainer calls this after each weight update). */
  async load(options: LoadOptions): Promise<void> {
    await this.unload();
    const llama = await sharedLlama();
    const model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: 0 });
    try {
      const context = await model.createContext({
        sequences: options.sequences,
        contextSize: options.contextSize,
        threads: options.threads,
      });
      const sequences = Array.from({ length: options.sequences }, () => context.getSequence());
      this.loaded = { options, model, context, sequences };
    } catch (error) {
      await model.dispose();
      throw error;
    }
  }

  async unload(): Promise<void> {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return;
    await loaded.context.dispose();
    await loaded.model.dispose();
  }

  async close(): Promise<void> {
    await this.unload();
    if (this.stateDir) await rm(this.stateDir, { recursive: true, force: true });
  }

  /** One completion per prompt, in order. */
  async generate(prompts: readonly (readonly number[])[], options: GenerateOptions): Promise<Completion[]> {
    const loaded = this.loaded;
    if (!loaded) throw new Error("no model loaded: call load first");
    for (const [i, prompt] of prompts.entries()) {
      if (prompt.length === 0) throw new Error(`prompt ${i} is empty`);
      if (prompt.length >= loaded.options.contextSize) {
        throw new Error(`prompt ${i} has ${prompt.length} tokens; the context holds ${loaded.options.contextSize}`);
      }
    }
    const results: Completion[] = new Array<Completion>(prompts.length);
    // Waves of at most `sequences` requests; inside a wave, all sample concurrently (llama.cpp batches them).
    for (let start = 0; start < prompts.length; start += loaded.sequences.length) {
      const wave = prompts.slice(start, start + loaded.sequences.length).map((prompt, offset) => ({ prompt, index: start + offset }));
      const assigned = assignSequences(
        wave.map((request) => request.prompt),
        loaded.sequences,
      );
      await this.prefill(wave, assigned);
      await Promise.all(
        wave.map(async (request, i) => {
          results[request.index] = await sample(assigned[i]!, request.prompt, options, options.seed + request.index, loaded);
        }),
      );
    }
    return results;
  }

  /** Brings every assigned sequence to its prompt minus the last token (which `sample` evaluates). */
  private async prefill(wave: { prompt: readonly number[] }[], assigned: LlamaContextSequence[]): Promise<void> {
    const groups = new Map<string, number[]>();
    wave.forEach((request, i) => {
      const key = request.prompt.join(",");
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    await Promise.all(
      [...groups.values()].map(async (members, group) => {
        const target = wave[members[0]!]!.prompt.slice(0, -1) as Token[];
        const [first, ...rest] = members.map((i) => assigned[i]!);
        await advanceTo(first!, target);
        // A sequence that already holds the whole target only drops what follows it; the others get a copy.
        const holding = rest.filter((sequence) => commonPrefix(sequence.contextTokens, target) === target.length);
        for (const sequence of holding) await advanceTo(sequence, target);
        const needCopy = rest.filter((sequence) => !holding.includes(sequence));
        if (needCopy.length === 0) return;
        const file = join(await this.stateDirectory(), `group-${group}.bin`);
        await first!.saveStateToFile(file);
        for (const sequence of needCopy) {
          await sequence.clearHistory();
          await sequence.loadStateFromFile(file, { acceptRisk: true });
        }
      }),
    );
  }

  private async stateDirectory(): Promise<string> {
    this.stateDir ??= await mkdtemp(join(tmpdir(), "atlasgym-rollouts-"));
    return this.stateDir;
  }
}

/** Greedy: each prompt takes the free sequence with the longest cached prefix in common with it. */
export function assignSequences<S extends { contextTokens: readonly number[] }>(
  prompts: readonly (readonly number[])[],
  sequences: readonly S[],
): S[] {
  const free = new Set(sequences);
  return prompts.map((prompt) => {
    let best: S | undefined;
    let bestLength = -1;
    for (const sequence of free) {
      const length = commonPrefix(sequence.contextTokens, prompt);
      if (length > bestLength) [best, bestLength] = [sequence, length];
    }
    free.delete(best!);
    return best!;
  });
}

export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const limit = Math.min(a.length, b.length);
  let n = 0;
  while (n < limit && a[n] === b[n]) n += 1;
  return n;
}

/** Keep the longest cached prefix of `target`, drop the rest of the cache, evaluate what is missing. */
async function advanceTo(sequence: LlamaContextSequence, target: Token[]): Promise<void> {
  const keep = commonPrefix(sequence.contextTokens, target);
  if (keep === 0) await sequence.clearHistory();
  else if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  if (keep < target.length) await sequence.evaluateWithoutGeneratingNewTokens(target.slice(keep));
}

async function sample(
  sequence: LlamaContextSequence,
  prompt: readonly number[],
  options: GenerateOptions,
  seed: number,
  loaded: Loaded,
): Promise<Completion> {
  // `prefill` left the sequence holding the prompt minus its last token.
  const room = loaded.options.contextSize - prompt.length;
  const maxTokens = Math.min(options.maxTokens, room);
  const stop = new Set(options.stopTokens);
  const tokens: number[] = [];
  if (maxTokens <= 0) return { tokens, finishReason: "length" };
  const generator = sequence.evaluate([prompt[prompt.length - 1]!] as Token[], {
    temperature: options.temperature,
    topP: options.topP,
    topK: options.topK,
    seed,
    yieldEogToken: true, // the end-of-turn token belongs to the completion the trainer scores
  });
  for await (const token of generator) {
    tokens.push(token);
    if (stop.has(token) || loaded.model.isEogToken(token)) return { tokens, finishReason: "stop" };
    if (tokens.length >= maxTokens) break;
  }
  return { tokens, finishReason: "length" };
}
