import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createOracle } from "../../src/policy/oracle/index.js";
import type { Message } from "../../src/policy/types.js";
import { generate } from "../../src/scenarios/registry.js";
import { postJson, startServer } from "./helpers.js";

type TextContent = Array<{ type: string; text: string }>;

/** Plays the task's oracle through an MCP client, then submits the answer; returns the reward. */
async function playOracle(client: Client, scenario: string, seed: number, split: "train" | "test"): Promise<number> {
  const task = generate({ scenario, split, difficulty: 1, seed });
  const oracle = createOracle(task);
  const messages: Message[] = [{ role: "user", content: task.instruction }];
  for (let turn = 0; turn < task.turnBudget; turn++) {
    const next = await oracle.next({ messages, tools: [] });
    messages.push({ role: "assistant", content: next.content, toolCalls: next.toolCalls });
    if (next.toolCalls.length === 0) {
      const done = await client.callTool({ name: "submit_answer", arguments: { answer: next.content } });
      return (JSON.parse((done.content as TextContent)[0]!.text) as { reward: number }).reward;
    }
    for (const call of next.toolCalls) {
      const result = await client.callTool({ name: call.name, arguments: JSON.parse(call.argumentsText) as Record<string, unknown> });
      messages.push({ role: "tool", toolCallId: call.id, name: call.name, content: (result.content as TextContent)[0]!.text });
    }
  }
  throw new Error("oracle did not finish");
}

test("the SDK client lists a session's tools over streamable HTTP and the oracle scores 1.0 through it", async () => {
  const server = await startServer();
  const client = new Client({ name: "atlasgym-test", version: "1.0.0" });
  try {
    const opened = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 4 })).body as {
      sessionId: string;
      tools: Array<{ function: { name: string } }>;
    };
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.base}/mcp/${opened.sessionId}`)));
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...opened.tools.map((t) => t.function.name), "submit_answer"].sort());
    assert.ok(tools.every((t) => t.inputSchema.type === "object"));
    assert.equal(await playOracle(client, "jira-create-issue", 4, "train"), 1);
    const unknown = await client.callTool({ name: "no_such_tool", arguments: {} });
    assert.equal(unknown.isError, true);
  } finally {
    await client.close();
    await server.close();
  }
});

test("atlasgym mcp serves an episode over stdio and writes its scored trace", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "atlasgym-mcp-")), "episode.json");
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["bin/atlasgym.js", "mcp", "--scenario", "jira-create-issue", "--split", "test", "--seed", "2", "--trace-out", out],
    stderr: "ignore",
  });
  const client = new Client({ name: "atlasgym-test", version: "1.0.0" });
  await client.connect(transport);
  try {
    assert.equal(await playOracle(client, "jira-create-issue", 2, "test"), 1);
  } finally {
    await client.close();
  }
  const saved = JSON.parse(readFileSync(out, "utf8")) as { trace: { taskId: string; stopReason: string }; reward: { reward: number } };
  assert.equal(saved.trace.taskId, "jira-create-issue:test:1:2");
  assert.equal(saved.trace.stopReason, "final_answer");
  assert.equal(saved.reward.reward, 1);
});
