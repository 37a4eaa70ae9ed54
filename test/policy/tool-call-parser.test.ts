import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseToolCalls } from "../../src/policy/text-calls/tool-call-parser.js";

const calls = (text: string) => parseToolCalls(text).toolCalls.map(({ name, argumentsText }) => ({ name, argumentsText }));

test("a Hermes/Qwen <tool_call> tag parses, keeping the arguments text verbatim and removing the markup", () => {
  const text =
    'Let me look.\n<tool_call>\n{"name": "jira_get_issue", "arguments": {"issueIdOrKey":  "OPS-1", "fields": ["summary"]}}\n</tool_call>';
  const parsed = parseToolCalls(text);
  assert.deepEqual(parsed.toolCalls, [
    { id: "call_0", name: "jira_get_issue", argumentsText: '{"issueIdOrKey":  "OPS-1", "fields": ["summary"]}' },
  ]);
  assert.equal(parsed.content, "Let me look.");
  assert.deepEqual(parsed.unparsed, []);
});

test("a JSON list inside one tag and several tags give all calls in order", () => {
  const text =
    '<tool_call>[{"name": "a", "arguments": {"x": 1}}, {"name": "b", "arguments": {}}]</tool_call>\n<tool_call>{"name": "c", "arguments": {"y": [true, null]}}</tool_call>';
  assert.deepEqual(calls(text), [
    { name: "a", argumentsText: '{"x": 1}' },
    { name: "b", argumentsText: "{}" },
    { name: "c", argumentsText: '{"y": [true, null]}' },
  ]);
  assert.deepEqual(
    parseToolCalls(text).toolCalls.map((call) => call.id),
    ["call_0", "call_1", "call_2"],
  );
});

test("arguments given as a JSON string are kept as the string's text", () => {
  assert.deepEqual(calls('<tool_call>{"name": "a", "arguments": "{\\"key\\": \\"OPS\\"}"}</tool_call>'), [
    { name: "a", argumentsText: '{"key": "OPS"}' },
  ]);
  // Even when that string is not valid JSON: the agent loop records it as invalid_json, with the text intact.
  assert.deepEqual(calls('<tool_call>{"name": "a", "arguments": "{key: OPS"}</tool_call>'), [{ name: "a", argumentsText: "{key: OPS" }]);
});

test("inside tags a call without arguments is a no-argument call; OpenAI's function wrapper is read too", () => {
  assert.deepEqual(calls('<tool_call>{"name": "get_myself"}</tool_call>'), [{ name: "get_myself", argumentsText: "{}" }]);
  assert.deepEqual(calls('<tool_call>{"type": "function", "function": {"name": "f", "arguments": {"a": 1}}}</tool_call>'), [
    { name: "f", argumentsText: '{"a": 1}' },
  ]);
  assert.deepEqual(calls('<tool_call>{"name": "f", "parameters": {"p": "q"}}</tool_call>'), [{ name: "f", argumentsText: '{"p": "q"}' }]);
});

test("several JSON values in one tag, and a fenced body inside a tag, parse", () => {
  assert.deepEqual(calls('<tool_call>\n{"name": "a", "arguments": {}}\n{"name": "b", "arguments": {}}\n</tool_call>'), [
    { name: "a", argumentsText: "{}" },
    { name: "b", argumentsText: "{}" },
  ]);
  assert.deepEqual(calls('<tool_call>\n```json\n{"name": "a", "arguments": {"k": 2}}\n```\n</tool_call>'), [
    { name: "a", argumentsText: '{"k": 2}' },
  ]);
});

test("a complete call whose closing tag never came is still a call", () => {
  assert.deepEqual(calls('<tool_call>\n{"name": "a", "arguments": {"k": 2}}'), [{ name: "a", argumentsText: '{"k": 2}' }]);
});

test("fenced JSON blocks holding a call or a list parse; other fences stay in the content", () => {
  const text =
    'I will create it:\n```json\n{"name": "create", "arguments": {"fields": {"summary": "x"}}}\n```\nThen:\n```\n[{"name": "b", "parameters": {}}]\n```';
  const parsed = parseToolCalls(text);
  assert.deepEqual(
    parsed.toolCalls.map((call) => call.name),
    ["create", "b"],
  );
  assert.equal(parsed.toolCalls[0]?.argumentsText, '{"fields": {"summary": "x"}}');
  assert.equal(parsed.content, "I will create it:\n\nThen:");

  const data =
    'The issue:\n```json\n{"key": "OPS-1", "name": "Alice"}\n```\nAnd code:\n```python\nclient.call({"name": "x", "arguments": {})\n```';
  const plain = parseToolCalls(data);
  assert.deepEqual(plain.toolCalls, []);
  assert.deepEqual(plain.unparsed, []);
  assert.equal(plain.content, data);
});

test("bare JSON objects and lists with name + arguments in prose are calls; other JSON is left alone", () => {
  const text =
    'Calling {"name": "search", "arguments": {"jql": "project = OPS"}} now; the result {"total": 3} is data, so is {"name": "Alice"}.';
  const parsed = parseToolCalls(text);
  assert.deepEqual(calls(text), [{ name: "search", argumentsText: '{"jql": "project = OPS"}' }]);
  assert.equal(parsed.content, 'Calling  now; the result {"total": 3} is data, so is {"name": "Alice"}.');
  assert.deepEqual(calls('[{"name": "a", "arguments": {}}, {"name": "b", "parameters": {"x": 1}}]'), [
    { name: "a", argumentsText: "{}" },
    { name: "b", argumentsText: '{"x": 1}' },
  ]);
});

test("formats mixed in one message keep the order they were written in", () => {
  const text =
    '{"name": "first", "arguments": {}}\n<tool_call>{"name": "second", "arguments": {}}</tool_call>\n```json\n{"name": "third", "arguments": {}}\n```';
  assert.deepEqual(
    calls(text).map((call) => call.name),
    ["first", "second", "third"],
  );
});

test("truncated JSON inside a tag is recorded as unparsed with its raw text, not dropped", () => {
  const text = 'Creating.\n<tool_call>\n{"name": "create_issue", "arguments": {"fields": {"summary": "Login fa';
  const parsed = parseToolCalls(text);
  assert.deepEqual(parsed.toolCalls, []);
  assert.equal(parsed.unparsed.length, 1);
  assert.equal(parsed.unparsed[0]?.text, text.slice(text.indexOf("<tool_call>")));
  assert.match(parsed.unparsed[0]?.error ?? "", /ended inside the JSON value/);
  assert.match(parsed.unparsed[0]?.error ?? "", /no closing <\/tool_call>/);
  assert.equal(parsed.content, "Creating.");
});

test("a call without a name, with a non-string name, or with garbage in the tags is unparsed", () => {
  for (const [text, error] of [
    ['<tool_call>{"arguments": {"a": 1}}</tool_call>', /no "name"/],
    ['<tool_call>{"name": 42, "arguments": {}}</tool_call>', /"name" must be a string/],
    ['<tool_call>{"name": "  ", "arguments": {}}</tool_call>', /"name" is empty/],
    ["<tool_call>create_issue(summary='x')</tool_call>", /invalid JSON/],
    ['<tool_call>{"name": "a", "arguments": {}}}</tool_call>', /invalid JSON/],
    ['<tool_call>{"name": "a", "arguments": {"k": \'v\'}}</tool_call>', /invalid JSON/],
    ["<tool_call></tool_call>", /empty tool call/],
    ['<tool_call>"just a string"</tool_call>', /found a JSON string/],
    ['<tool_call>[{"name": "a", "arguments": {}}, 3]</tool_call>', /item 2/],
  ] as const) {
    const parsed = parseToolCalls(text);
    assert.deepEqual(parsed.toolCalls, [], text);
    assert.equal(parsed.unparsed.length, 1, text);
    assert.equal(parsed.unparsed[0]?.text, text);
    assert.match(parsed.unparsed[0]?.error ?? "", error, text);
  }
});

test("broken calls outside tags are unparsed: truncated bare JSON, arguments without a name, broken fences", () => {
  const truncated = parseToolCalls('Sure: {"name": "create_issue", "arguments": {"fields": {"summary": ');
  assert.equal(truncated.unparsed.length, 1);
  assert.equal(truncated.unparsed[0]?.text, '{"name": "create_issue", "arguments": {"fields": {"summary": ');
  assert.equal(truncated.content, "Sure:");

  const nameless = parseToolCalls('Doing {"arguments": {"a": 1}} it');
  assert.deepEqual(nameless.unparsed, [{ text: '{"arguments": {"a": 1}}', error: 'call object has no "name"' }]);

  const fence = parseToolCalls('```json\n{"name": "a", "arguments": {"b": }\n```');
  assert.equal(fence.unparsed.length, 1);
  assert.match(fence.unparsed[0]?.error ?? "", /invalid JSON/);

  const unclosedFence = parseToolCalls('```json\n{"name": "a", "arguments": {"b": 1');
  assert.match(unclosedFence.unparsed[0]?.error ?? "", /no closing ```/);
});

test("plain answers, prose with braces and non-JSON fences produce no calls and no unparsed attempts", () => {
  for (const text of [
    "Created OPS-7.",
    "Use {braces} or [brackets] freely; {not json} [1, 2",
    '```\n# Tools\nYou may call one or more functions, e.g. {"name": ...\n```',
    "",
  ]) {
    const parsed = parseToolCalls(text);
    assert.deepEqual(parsed.toolCalls, [], text);
    assert.deepEqual(parsed.unparsed, [], text);
    assert.equal(parsed.content, text.trim());
  }
});

test("call ids use the given prefix", () => {
  const parsed = parseToolCalls('<tool_call>{"name": "a", "arguments": {}}</tool_call>', { idPrefix: "call_3_" });
  assert.equal(parsed.toolCalls[0]?.id, "call_3_0");
});

const jsonObject = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
  { maxKeys: 4 },
);

test("property: any call written in the template's format parses back to the same name and arguments", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), jsonObject, fc.string(), (name, args, prose) => {
      const safeProse = prose.replace(/[<{[`]/g, "");
      const text = `${safeProse}\n<tool_call>\n{"name": ${JSON.stringify(name)}, "arguments": ${JSON.stringify(args)}}\n</tool_call>`;
      const parsed = parseToolCalls(text);
      assert.equal(parsed.toolCalls.length, 1);
      assert.equal(parsed.toolCalls[0]?.name, name);
      assert.equal(JSON.stringify(JSON.parse(parsed.toolCalls[0]?.argumentsText ?? "")), JSON.stringify(args));
      assert.equal(parsed.content, safeProse.replace(/\n{3,}/g, "\n\n").trim());
    }),
    { numRuns: 200 },
  );
});

test("property: the parser never throws, unparsed attempts are verbatim slices of the input, and nothing is invented", () => {
  const piece = fc.oneof(
    fc.string(),
    fc.constantFrom("<tool_call>", "</tool_call>", "```json\n", "```", "{", "}", "[", "]", '"name": ', '"arguments": ', ",", '"x"'),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join("");
      const parsed = parseToolCalls(text);
      assert.ok(parsed.content.length <= text.length);
      for (const attempt of parsed.unparsed) assert.ok(text.includes(attempt.text), attempt.text);
      for (const call of parsed.toolCalls) assert.ok(text.includes(JSON.stringify(call.name).slice(1, -1)) || text.includes(call.name));
      if (!/[{[]/.test(text) && !text.includes("<tool_call>")) {
        assert.deepEqual([parsed.toolCalls, parsed.unparsed], [[], []]);
      }
    }),
    { numRuns: 300 },
  );
});
