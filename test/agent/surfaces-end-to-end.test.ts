import { test } from "node:test";
import assert from "node:assert/strict";
import { generateSite, handle } from "../../src/emulator/index.js";
import { runEpisode } from "../../src/agent/index.js";
import type { AssistantTurn, Policy, ToolCall } from "../../src/policy/types.js";
import { getSurface } from "../../src/tools/index.js";
import { validateTrace, type Trace } from "../../src/trace/index.js";

const world = generateSite({ seed: 21 });
const rest = getSurface("rest");
const mcp = getSurface("mcp");
const needed = { rest: ["jira_search_projects", "jira_create_issue", "jira_add_comment"], mcp: ["jira_create_issue", "jira_add_comment"] };
const ready = needed.rest.every((n) => rest.has(n)) && needed.mcp.every((n) => mcp.has(n));

function scripted(turns: ToolCall[][]): Policy {
  let n = 0;
  return {
    id: "scripted",
    next: async (): Promise<AssistantTurn> => {
      const calls = turns[n++];
      return calls ? { content: "", toolCalls: calls, unparsed: [] } : { content: "Filed and commented.", toolCalls: [], unparsed: [] };
    },
  };
}

/** A project key from the API itself, so the test follows whatever world the generator makes. */
function someProjectKey(): string {
  const authorization = `Basic ${Buffer.from(`admin@example.com:${world.meta.adminToken}`).toString("base64")}`;
  const response = handle(world.fork(), { method: "GET", path: "/rest/api/3/project/search", headers: { authorization } });
  return (response.body as { values: Array<{ key: string }> }).values[0]!.key;
}

function writes(trace: Trace) {
  return trace.turns.flatMap((t) => t.calls.flatMap((c) => c.requests)).map(({ responseBody: _ignored, ...request }) => request);
}

test(
  "the same task through the rest and mcp surfaces makes the same requests and the same changes",
  { skip: !ready && "operations not registered yet" },
  async () => {
    const project = someProjectKey();
    const description = "Disk at **95%** on db-1";
    const adf = {
      type: "doc",
      version: 1,
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Disk at " },
            { type: "text", text: "95%", marks: [{ type: "strong" }] },
            { type: "text", text: " on db-1" },
          ],
        },
      ],
    };
    const comment = { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text: "Paged the DBA." }] }] };
    const restBody = { fields: { project: { key: project }, summary: "Disk full", issuetype: { name: "Task" }, description: adf } };
    const common = {
      toolNames: [] as string[],
      instruction: "File a task and comment on it.",
      maxTurns: 4,
      seed: 21,
      taskId: "e2e",
      scenario: "e2e",
    };

    // Issue keys are only known after creation; both runs create the same next key on identical forks.
    const restTrace = await runEpisode({
      ...common,
      site: world.fork(),
      surface: rest,
      toolNames: needed.rest,
      policy: scripted([[{ id: "1", name: "jira_create_issue", argumentsText: JSON.stringify({ body: restBody }) }]]),
    });
    const created = restTrace.turns[0]!.calls[0]!;
    assert.equal(created.status, 201, created.result);
    const key = (created.requests[0]!.responseBody as { key: string }).key;

    const restRun = await runEpisode({
      ...common,
      site: world.fork(),
      surface: rest,
      toolNames: needed.rest,
      policy: scripted([
        [{ id: "1", name: "jira_create_issue", argumentsText: JSON.stringify({ body: restBody }) }],
        [{ id: "2", name: "jira_add_comment", argumentsText: JSON.stringify({ issueIdOrKey: key, body: { body: comment } }) }],
      ]),
    });
    const mcpRun = await runEpisode({
      ...common,
      site: world.fork(),
      surface: mcp,
      toolNames: needed.mcp,
      policy: scripted([
        [
          {
            id: "1",
            name: "jira_create_issue",
            argumentsText: JSON.stringify({ project_key: project, summary: "Disk full", issue_type: "Task", description }),
          },
        ],
        [{ id: "2", name: "jira_add_comment", argumentsText: JSON.stringify({ issue_key: key, body: "Paged the DBA." }) }],
      ]),
    });
    for (const trace of [restRun, mcpRun]) {
      assert.ok(validateTrace(JSON.parse(JSON.stringify(trace))).ok);
      assert.equal(trace.stopReason, "final_answer");
      assert.deepEqual(
        trace.turns.flatMap((t) => t.calls.map((c) => c.status)),
        [201, 201],
      );
    }
    assert.deepStrictEqual(writes(mcpRun), writes(restRun));
    assert.deepStrictEqual(
      mcpRun.turns.flatMap((t) => t.calls.map((c) => c.requests.map((r) => r.responseBody))),
      restRun.turns.flatMap((t) => t.calls.map((c) => c.requests.map((r) => r.responseBody))),
    );
  },
);
