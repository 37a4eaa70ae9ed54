import { test } from "node:test";
import assert from "node:assert/strict";
import { buildDemos, type DemoOptions } from "../../src/demos/index.js";
import { scenarioNames } from "../../src/scenarios/registry.js";

const options: DemoOptions = {
  scenarios: scenarioNames(),
  split: "train",
  difficulties: [1],
  perScenario: 2,
  surface: "mcp",
  firstSeed: 500,
};

test("demonstrations: solved train tasks as chat conversations with tool calls, tool results and a final answer", async () => {
  const demos = await buildDemos(options);
  assert.equal(demos.length, scenarioNames().length * 2);
  for (const demo of demos) {
    assert.match(demo.taskId, /:train:1:/);
    const roles = demo.messages.map((m) => m.role);
    assert.deepEqual(roles.slice(0, 2), ["system", "user"]);
    assert.equal(roles.at(-1), "assistant");
    const calls = demo.messages.flatMap((m) => (m.role === "assistant" && m.tool_calls ? m.tool_calls : []));
    assert.ok(calls.length > 0);
    for (const call of calls) {
      assert.ok(
        demo.tools.some((t) => t.function.name === call.function.name),
        call.function.name,
      );
      assert.equal(typeof call.function.arguments, "object"); // parsed, as templates print `arguments | tojson`
    }
    assert.equal(roles.filter((r) => r === "tool").length, calls.length);
  }
});

test("demonstrations are byte-identical for the same options, and differ per surface", async () => {
  const once = JSON.stringify(await buildDemos(options));
  assert.equal(JSON.stringify(await buildDemos(options)), once);
  const rest = await buildDemos({ ...options, scenarios: ["jira-create-issue"], surface: "rest" });
  assert.ok(
    rest[0]!.tools.some((t) => t.function.name === "jira_create_issue" && "body" in (t.function.parameters["properties"] as object)),
  );
});
