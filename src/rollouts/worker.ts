/**
 * `atlasgym rollout-worker`: the TokenGenerator behind a JSON-lines protocol on stdin/stdout, for trainers written in
 * other languages (the Python GRPO trainer starts one per training process).
 *
 * Each request is one line `{"id", "method", "params"}` with method `load`, `generate` or `close`; each answer is one
 * line `{"id", "result"}` or `{"id", "error": {"message"}}`. Requests are handled one at a time, in order. Nothing
 * else is written to stdout.
 */
import { createInterface } from "node:readline";
import { TokenGenerator, type GenerateOptions, type LoadOptions } from "./token-generator.js";

interface Request {
  id: unknown;
  method: unknown;
  params?: unknown;
}

export async function runRolloutWorker(input: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  const generator = new TokenGenerator();
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === "") continue;
      let request: Request;
      try {
        request = JSON.parse(line) as Request;
      } catch {
        write(JSON.stringify({ id: null, error: { message: "request is not valid JSON" } }));
        continue;
      }
      try {
        const result = await handle(generator, request);
        write(JSON.stringify({ id: request.id, result }));
        if (request.method === "close") return;
      } catch (error) {
        write(JSON.stringify({ id: request.id, error: { message: error instanceof Error ? error.message : String(error) } }));
      }
    }
  } finally {
    await generator.close();
  }
}

async function handle(generator: TokenGenerator, request: Request): Promise<unknown> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  switch (request.method) {
    case "load":
      await generator.load({
        modelPath: requireString(params, "modelPath"),
        sequences: requireInteger(params, "sequences", 1),
        contextSize: requireInteger(params, "contextSize", 16),
        threads: requireInteger(params, "threads", 1),
      } satisfies LoadOptions);
      return { loaded: params.modelPath };
    case "generate": {
      const prompts = params.prompts;
      if (!Array.isArray(prompts) || !prompts.every((p) => Array.isArray(p) && p.every((t) => Number.isInteger(t) && t >= 0))) {
        throw new Error("params.prompts must be an array of token id arrays");
      }
      const options: GenerateOptions = {
        maxTokens: requireInteger(params, "maxTokens", 1),
        temperature: requireNumber(params, "temperature"),
        topP: requireNumber(params, "topP"),
        topK: requireInteger(params, "topK", 0),
        seed: requireInteger(params, "seed", 0),
        stopTokens: requireTokenList(params, "stopTokens"),
      };
      return { completions: await generator.generate(prompts as number[][], options) };
    }
    case "close":
      await generator.close();
      return { closed: true };
    default:
      throw new Error(`unknown method ${JSON.stringify(request.method)}: use load, generate or close`);
  }
}

function requireString(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== "string" || value === "") throw new Error(`params.${key} must be a non-empty string`);
  return value;
}

function requireNumber(params: Record<string, unknown>, key: string): number {
  const value = params[key];
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`params.${key} must be a number >= 0`);
  return value;
}

function requireInteger(params: Record<string, unknown>, key: string, min: number): number {
  const value = params[key];
  if (!Number.isInteger(value) || (value as number) < min) throw new Error(`params.${key} must be an integer >= ${min}`);
  return value as number;
}

function requireTokenList(params: Record<string, unknown>, key: string): number[] {
  const value = params[key];
  if (!Array.isArray(value) || !value.every((t) => Number.isInteger(t) && t >= 0))
    throw new Error(`params.${key} must be an array of token ids`);
  return value as number[];
}
