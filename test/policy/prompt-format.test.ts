import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { CHAT_TEMPLATE_PATH, renderPrompt } from "../../src/policy/prompt/chat-template.js";
import { splitChatML } from "../../src/policy/prompt/chatml.js";
import { toTemplateConversation } from "../../src/policy/prompt/template-conversation.js";
import type { Message, ToolSpec } from "../../src/policy/types.js";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const conversation = JSON.parse(readFileSync(fixture("conversation.json"), "utf8")) as { messages: Message[]; tools: ToolSpec[] };
const expectedPrompt = readFileSync(fixture("conversation.prompt.txt"), "utf8");

/** sha256 of trl/chat_templates/qwen2_5.jinja in TRL 1.13.0: TRL only recognises the template byte for byte. */
const TRL_QWEN2_5_TEMPLATE_SHA256 = "cd8e9439f0570856fd70470bf8889ebd8b5d1107207f67a5efb46e342330527f";

test("the chat template is TRL's Qwen2.5 template, byte for byte", () => {
  const digest = createHash("sha256").update(readFileSync(CHAT_TEMPLATE_PATH)).digest("hex");
  assert.equal(digest, TRL_QWEN2_5_TEMPLATE_SHA256);
});

test("a fixed conversation with tools renders to the exact expected prompt (checked against Jinja2 with transformers' settings)", () => {
  assert.equal(renderPrompt(conversation.messages, conversation.tools), expectedPrompt);
});

test("the prompt's framing: tools in the system turn, calls as <tool_call>, consecutive tool results in one user turn", () => {
  const turns = splitChatML(renderPrompt(conversation.messages, conversation.tools, { addGenerationPrompt: false }));
  assert.deepEqual(
    turns.map((turn) => turn.role),
    ["system", "user", "assistant", "user", "assistant", "user"],
  );
  assert.match(turns[0]?.content ?? "", /^You are an agent[\s\S]*<tools>\n\{"type": "function", "function": \{"name": "jira_create_issue"/);
  assert.equal(
    turns[2]?.content,
    '<tool_call>\n{"name": "confluence_get_page", "arguments": {"id": 42, "body-format": "storage"}}\n</tool_call>\n<tool_call>\n{"name": "jira_create_issue", "arguments": {"fields": {"project": {"key": "OPS"}, "issuetype": {"id": "10004"}, "summary": "Café login fails ✗", "labels": ["auth", "p1"]}}}\n</tool_call>',
  );
  assert.equal((turns[3]?.content.match(/<tool_response>/g) ?? []).length, 2);
});

test("the generation prompt is appended only when asked for", () => {
  const messages: Message[] = [
    { role: "system", content: "S" },
    { role: "user", content: "U" },
  ];
  assert.equal(renderPrompt(messages, []), "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n");
  assert.equal(
    renderPrompt(messages, [], { addGenerationPrompt: false }),
    "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n",
  );
});

test("without a system message the template supplies its default one (the agent loop always sends its own)", () => {
  assert.match(renderPrompt([{ role: "user", content: "hi" }], []), /^<\|im_start\|>system\nYou are Qwen, created by Alibaba Cloud\./);
});

test("call arguments that are not valid JSON are rendered as a JSON string instead of being lost", () => {
  const messages: Message[] = [
    { role: "system", content: "S" },
    { role: "user", content: "U" },
    { role: "assistant", content: "", toolCalls: [{ id: "c", name: "f", argumentsText: '{"broken' }] },
  ];
  assert.match(renderPrompt(messages, [], { addGenerationPrompt: false }), /\{"name": "f", "arguments": "\{\\"broken"\}/);
});

test("the conversation handed to the template has transformers' shape", () => {
  const hf = toTemplateConversation(conversation.messages.slice(2, 4), conversation.tools.slice(1));
  assert.deepEqual(hf.tools, [
    {
      type: "function",
      function: { name: "confluence_get_page", description: "Get a Confluence page by id.", parameters: conversation.tools[1]?.parameters },
    },
  ]);
  assert.deepEqual(hf.messages[0], {
    role: "assistant",
    content: "",
    tool_calls: [
      { type: "function", id: "call_0", function: { name: "confluence_get_page", arguments: { id: 42, "body-format": "storage" } } },
      {
        type: "function",
        id: "call_1",
        function: {
          name: "jira_create_issue",
          arguments: {
            fields: { project: { key: "OPS" }, issuetype: { id: "10004" }, summary: "Café login fails ✗", labels: ["auth", "p1"] },
          },
        },
      },
    ],
  });
  assert.deepEqual(hf.messages[1], {
    role: "tool",
    tool_call_id: "call_0",
    name: "confluence_get_page",
    content: '{"status":200,"body":{"id":"42","title":"Runbook"}}',
  });
});

test("splitChatML rejects text outside turns", () => {
  assert.throws(() => splitChatML("junk<|im_start|>user\nhi<|im_end|>\n"), /outside ChatML turns/);
  assert.deepEqual(splitChatML("<|im_start|>user\nhi\nthere<|im_end|>\n"), [{ role: "user", content: "hi\nthere" }]);
});

function runScript(args: string[], input?: string): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/render-prompt.ts", ...args], { encoding: "utf8", input });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test("scripts/render-prompt.ts prints the same prompt, its JSON form, and the transformers-format conversation", () => {
  const file = "test/policy/fixtures/conversation.json";
  assert.equal(runScript([file]), expectedPrompt);
  assert.equal(JSON.parse(runScript(["--print", "json", file])), expectedPrompt);
  const hf = runScript(["--print", "hf", file]);
  assert.equal(runScript(["--input", "hf", "-"], hf), expectedPrompt);
  assert.equal(runScript(["--no-generation-prompt", file]), expectedPrompt.slice(0, -"<|im_start|>assistant\n".length));
});
