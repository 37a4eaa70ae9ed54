import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import type { Message } from "../../src/policy/types.js";
import { generate } from "../../src/scenarios/registry.js";
import { validateTrace } from "../../src/trace/index.js";
import { postJson, startServer } from "./helpers.js";

interface Opened {
  sessionId: string;
  token: string;
  taskId: string;
  instruction: string;
  messages: Message[];
  tools: Array<{ type: string; function: { name: string } }>;
}

/** Plays the oracle of the session's task through the session API, then scores. */
async function playOracle(base: string, opened: Opened, scenario: string, seed: number) {
  const task = generate({ scenario, split: "train", difficulty: 1, seed });
  assert.equal(opened.taskId, task.id);
  const oracle = createOracle(task);
  const messages: Message[] = [...opened.messages];
  for (let turn = 0; turn < task.turnBudget; turn++) {
    const next = await oracle.next({ messages, tools: [] });
    messages.push({ role: "assistant", content: next.content, toolCalls: next.toolCalls });
    if (next.toolCalls.length === 0) {
      return (await postJson(`${base}/sessions/${opened.sessionId}/score`, { answer: next.content })).body as { reward: number };
    }
    for (const call of next.toolCalls) {
      const response = await fetch(`${base}/sessions/${opened.sessionId}/tools/${call.name}`, {
        method: "POST",
        body: call.argumentsText,
        headers: { "content-type": "application/json" },
      });
      const result = (await response.json()) as { content: string };
      messages.push({ role: "tool", toolCallId: call.id, name: call.name, content: result.content });
    }
  }
  throw new Error("oracle did not finish");
}

test("a session runs a task end to end and the oracle scores 1.0", async () => {
  const server = await startServer();
  try {
    const opened = await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", split: "train", difficulty: 1, seed: 3 });
    assert.equal(opened.status, 201);
    const body = opened.body as Opened;
    assert.ok(body.instruction.length > 10);
    assert.ok(body.tools.length > 0 && body.tools.every((t) => t.type === "function"));
    const result = await playOracle(server.base, body, "jira-create-issue", 3);
    assert.equal(result.reward, 1);
    const trace = await (await fetch(`${server.base}/sessions/${body.sessionId}/trace`)).json();
    assert.equal(validateTrace(trace).ok, true);
    const deleted = await fetch(`${server.base}/sessions/${body.sessionId}`, { method: "DELETE" });
    assert.equal(deleted.status, 204);
    assert.equal((await fetch(`${server.base}/sessions/${body.sessionId}/trace`)).status, 404);
  } finally {
    await server.close();
  }
});

test("a malformed tool call left in the final answer is labelled invalid_json, as in eval", async () => {
  const server = await startServer();
  try {
    const opened = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 1 })).body as Opened;
    const answer = '<tool_call>\n{"name": "jira_create_issue", "arguments": {"summary": "x", }\n</tool_call>';
    const scored = (await postJson(`${server.base}/sessions/${opened.sessionId}/score`, { answer })).body as {
      reward: number;
      failures: { label: string }[];
    };
    assert.ok(scored.reward < 0.1, `no write was made: ${scored.reward}`);
    assert.ok(
      scored.failures.some((f) => f.label === "invalid_json"),
      JSON.stringify(scored.failures),
    );
    const trace = (await (await fetch(`${server.base}/sessions/${opened.sessionId}/trace`)).json()) as {
      turns: { calls: { rejection?: { label: string }; argumentsText: string }[] }[];
      finalAnswer: string;
    };
    const last = trace.turns.at(-1)!;
    assert.equal(last.calls[0]!.rejection!.label, "invalid_json");
    assert.match(last.calls[0]!.argumentsText, /jira_create_issue/);
    assert.equal(trace.finalAnswer, "");
    assert.equal(validateTrace(trace).ok, true);

    const plain = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 1 })).body as Opened;
    const done = (await postJson(`${server.base}/sessions/${plain.sessionId}/score`, { answer: "Done!" })).body as {
      failures: { label: string }[];
    };
    assert.ok(!done.failures.some((f) => f.label === "invalid_json"));
  } finally {
    await server.close();
  }
});

test("an immediate answer scores 0 and bad specs are 400", async () => {
  const server = await startServer();
  try {
    const opened = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 1 })).body as Opened;
    const scored = (await postJson(`${server.base}/sessions/${opened.sessionId}/score`, { answer: "Done!" })).body as { reward: number };
    assert.equal(scored.reward, 0);
    for (const bad of [
      { scenario: "nope" },
      { scenario: "jira-create-issue", split: "dev" },
      { scenario: "jira-create-issue", seed: -1 },
    ]) {
      const r = await postJson(`${server.base}/sessions`, bad);
      assert.equal(r.status, 400);
      assert.equal(typeof (r.body as { error: string }).error, "string");
    }
  } finally {
    await server.close();
  }
});

test("the session REST prefix serves the session's own site to its token and the admin only", async () => {
  const server = await startServer();
  try {
    const a = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 5 })).body as Opened;
    const b = (await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 5 })).body as Opened;
    const myself = (session: Opened, authorization: string) =>
      fetch(`${server.base}/s/${session.sessionId}/rest/api/3/myself`, { headers: { authorization } });
    assert.equal((await myself(a, `Bearer ${a.token}`)).status, 200);
    assert.equal((await myself(a, `Basic ${Buffer.from("admin@example.com:atlasgym").toString("base64")}`)).status, 200);
    assert.equal((await myself(a, `Bearer ${b.token}`)).status, 401, "another session's token");
    assert.equal((await myself(a, "Bearer wrong")).status, 401);
    const trace = (await (await fetch(`${server.base}/sessions/${a.sessionId}/trace`)).json()) as {
      turns: Array<{ calls: Array<{ name: string }> }>;
    };
    assert.equal(trace.turns.length, 2, "both authorised REST calls are in the trace");
    assert.equal(trace.turns[0]!.calls[0]!.name, "http");
  } finally {
    await server.close();
  }
});

test("the cap answers 429 with Retry-After and health/metrics report live sessions", async () => {
  const server = await startServer({ maxSessions: 2 });
  try {
    for (let i = 0; i < 2; i++)
      assert.equal((await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: i })).status, 201);
    const refused = await postJson(`${server.base}/sessions`, { scenario: "jira-create-issue", seed: 9 });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get("retry-after")) >= 1);
    assert.deepEqual(await (await fetch(`${server.base}/health`)).json(), { status: "healthy", sessions: 2 });
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    assert.match(metrics, /atlasgym_sessions_live 2/);
    assert.match(metrics, /atlasgym_requests_total\{route="sessions",status="4xx"\} 1/);
  } finally {
    await server.close();
  }
});
