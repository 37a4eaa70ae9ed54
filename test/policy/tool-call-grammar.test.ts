import { test } from "node:test";
import assert from "node:assert/strict";
import { toolCallGrammar } from "../../src/policy/embedded/tool-call-grammar.js";

test("the grammar offers a plain answer or calls, and only calls when a call is required", () => {
  assert.match(toolCallGrammar(["a"]), /^root ::= answer \| calls$/m);
  assert.match(toolCallGrammar(["a"], { requireToolCall: true }), /^root ::= calls$/m);
});

test("a call is framed exactly as the chat template writes it, with the offered names only", () => {
  const grammar = toolCallGrammar(["jira_get_issue", "confluence_get_page", "jira_get_issue"]);
  assert.match(grammar, /^call ::= "<tool_call>\\n\{\\"name\\": \\"" name "\\", \\"arguments\\": " object "}\\n<\/tool_call>"$/m);
  assert.match(grammar, /^name ::= "jira_get_issue" \| "confluence_get_page"$/m);
});

test("tool names with quotes or backslashes are escaped twice: as JSON inside the call, then as GBNF literals", () => {
  // JSON writes we"ird\name as we\"ird\\name; GBNF escapes each backslash and quote again.
  assert.match(toolCallGrammar(['we"ird\\name']), /^name ::= "we\\\\\\"ird\\\\\\\\name"$/m);
});

test("a grammar needs at least one tool", () => {
  assert.throws(() => toolCallGrammar([]), /at least one tool/);
});
