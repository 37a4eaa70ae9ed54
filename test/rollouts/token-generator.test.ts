/**
 * Token-level rollouts on the real embedded model (SmolLM2-135M, installed by scripts/install-model.sh): the KV reuse
 * (shared prompts, later turns) must give the tokens a fresh evaluation gives, and the JSON-lines worker must answer
 * every request, bad ones with an error line.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { INSTALL_HINT, locateModel } from "../../src/policy/embedded/model-locator.js";
import { assignSequences, commonPrefix, TokenGenerator, type GenerateOptions } from "../../src/rollouts/token-generator.js";
import { runRolloutWorker } from "../../src/rollouts/worker.js";
import { sharedLlama } from "../../src/policy/embedded/llama-runtime.js";

const modelPath = locateModel();
const skip = modelPath === undefined && process.env.CI !== "true" ? `no embedded model installed: ${INSTALL_HINT}` : false;

const IM_END = 2; // SmolLM2's <|im_end|>
const greedy: GenerateOptions = { maxTokens: 24, temperature: 0, topP: 1, topK: 0, seed: 0, stopTokens: [IM_END] };

async function tokenize(text: string): Promise<number[]> {
  const llama = await sharedLlama();
  const model = await llama.loadModel({ modelPath: modelPath!, gpuLayers: 0 });
  try {
    return [...model.tokenize(text, true)];
  } finally {
    await model.dispose();
  }
}

const chat = (question: string): string =>
  `<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n${question}<|im_end|>\n<|im_start|>assistant\n`;

const generators: TokenGenerator[] = [];
async function generator(sequences: number): Promise<TokenGenerator> {
  const created = new TokenGenerator();
  await created.load({ modelPath: modelPath!, sequences, contextSize: 1024, threads: 2 });
  generators.push(created);
  return created;
}
after(async () => {
  for (const g of generators) await g.close();
});

test("commonPrefix and assignSequences pick the sequence with the longest cached prefix", () => {
  assert.equal(commonPrefix([1, 2, 3], [1, 2, 4]), 2);
  assert.equal(commonPrefix([], [1]), 0);
  const a = { name: "a", contextTokens: [1, 2, 3, 4] };
  const b = { name: "b", contextTokens: [9] };
  const c = { name: "c", contextTokens: [1, 2] };
  const picked = assignSequences(
    [
      [9, 9],
      [1, 2, 3, 4, 5],
      [1, 2, 7],
    ],
    [a, b, c],
  );
  assert.deepEqual(
    picked.map((s) => s.name),
    ["b", "a", "c"],
  );
});

test("a group's shared prompt and a later turn give the tokens of a fresh evaluation", { skip }, async () => {
  const prompt = await tokenize(chat("Name three colours."));
  const other = await tokenize(chat("What is 2 + 2?"));
  const alone = (await (await generator(1)).generate([prompt], greedy))[0]!;
  assert.ok(alone.tokens.length > 0);

  const batched = await (await generator(3)).generate([prompt, other, prompt], greedy);
  assert.deepEqual(batched[0], alone, "the first row of the group");
  assert.deepEqual(batched[2], alone, "the row that received the copied prompt state");

  // The next turn extends the first turn; its sequence already holds the prompt and the completion.
  const nextTurn = [
    ...prompt,
    ...alone.tokens,
    ...(await tokenize("\n<|im_start|>user\nAnd three more?<|im_end|>\n<|im_start|>assistant\n")),
  ];
  const reused = await generators[1]!.generate([nextTurn], greedy);
  const fresh = await (await generator(1)).generate([nextTurn], greedy);
  assert.deepEqual(reused, fresh);
});

test("completions end with the stop token or run to the token budget; sampling follows the seed", { skip }, async () => {
  const prompt = await tokenize(chat("Tell me a story about a cat."));
  const g = await generator(2);
  const sampled: GenerateOptions = { ...greedy, temperature: 1, maxTokens: 12, seed: 7 };
  const [first, second] = await g.generate([prompt, prompt], sampled);
  for (const completion of [first!, second!]) {
    if (completion.finishReason === "stop") assert.equal(completion.tokens.at(-1), IM_END);
    else assert.equal(completion.tokens.length, 12);
  }
  const again = await g.generate([prompt, prompt], sampled);
  assert.deepEqual(again, [first, second], "same seed, same tokens");
});

test("the worker answers each JSON line, errors included, and stops on close", { skip }, async () => {
  const input = new PassThrough();
  const lines: unknown[] = [];
  const done = runRolloutWorker(input, (line) => lines.push(JSON.parse(line)));
  const prompt = await tokenize(chat("Hi"));
  const requests = [
    { id: 1, method: "generate", params: { prompts: [prompt], ...greedy } },
    "not json",
    { id: 2, method: "load", params: { modelPath, sequences: 1, contextSize: 512, threads: 2 } },
    { id: 3, method: "generate", params: { prompts: [[-1]], ...greedy } },
    { id: 4, method: "explode" },
    { id: 5, method: "generate", params: { prompts: [prompt], ...greedy, maxTokens: 4 } },
    { id: 6, method: "close" },
  ];
  for (const request of requests) input.write((typeof request === "string" ? request : JSON.stringify(request)) + "\n");
  await done;
  assert.equal(lines.length, 7);
  const [noModel, badJson, loaded, badPrompt, unknown, generated, closed] = lines as Record<string, unknown>[];
  assert.match(String((noModel!.error as { message: string }).message), /no model loaded/);
  assert.deepEqual(badJson, { id: null, error: { message: "request is not valid JSON" } });
  assert.deepEqual(loaded, { id: 2, result: { loaded: modelPath } });
  assert.match(String((badPrompt!.error as { message: string }).message), /prompts must be an array of token id arrays/);
  assert.match(String((unknown!.error as { message: string }).message), /unknown method "explode"/);
  const completions = (generated!.result as { completions: { tokens: number[] }[] }).completions;
  assert.equal(completions.length, 1);
  assert.ok(completions[0]!.tokens.length >= 1 && completions[0]!.tokens.length <= 4);
  assert.deepEqual(closed, { id: 6, result: { closed: true } });
});
