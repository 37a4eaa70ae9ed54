/**
 * The reward is pure and deterministic: identical twice, with cold memos and in another
 * process; logged responses are ignored (tampering with them changes nothing); and the same
 * calls made through the rest and the MCP-style surface score the same.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { AssistantTurn, Policy, ToolCall } from "../../src/policy/types.js";
import { createOracle, createPerturbedOracle } from "../../src/policy/oracle/index.js";
import { reward } from "../../src/reward/index.js";
import { readMemo, writeMemo } from "../../src/reward/memo.js";
import { generate, SCENARIOS } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Task } from "../../src/scenarios/types.js";
import type { Trace } from "../../src/trace/index.js";

const sample: Task[] = SCENARIOS.flatMap((s) =>
  [1, 2, 3].map((d) => generate({ scenario: s.name, split: d === 2 ? "test" : "train", difficulty: d as 1 | 2 | 3, seed: 40 + d })),
);

async function tracesOf(tasks: Task[]): Promise<Array<{ task: Task; trace: Trace }>> {
  const out: Array<{ task: Task; trace: Trace }> = [];
  for (const task of tasks) {
    out.push({ task, trace: await runTask(task, createOracle(task)) });
    const perturbed = createPerturbedOracle(task, "wrong_value") ?? createPerturbedOracle(task, "side_effect");
    if (perturbed) out.push({ task, trace: await runTask(task, perturbed) });
  }
  return out;
}

test("same (task, trace) gives an identical reward twice, with cold memos, and in another process", async () => {
  const pairs = await tracesOf(sample);
  const first = pairs.map(({ task, trace }) => reward(task, trace));
  const again = pairs.map(({ task, trace }) => reward(task, trace));
  readMemo.clear();
  writeMemo.clear();
  const cold = pairs.map(({ task, trace }) => reward(task, trace));
  assert.deepEqual(again, first);
  assert.deepEqual(cold, first);
  assert.ok(first.some((r) => r.reward < 1) && first.some((r) => r.reward === 1));

  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./score-child.ts", import.meta.url))], {
    input: JSON.stringify(pairs.map(({ task, trace }) => ({ taskId: task.id, trace }))),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(JSON.parse(child.stdout), JSON.parse(JSON.stringify(first)));
});

test("tampered logged responses and statuses do not change the reward", async () => {
  for (const { task, trace } of await tracesOf(sample)) {
    const honest = reward(task, trace);
    const tampered = structuredClone(trace);
    for (const turn of tampered.turns) {
      for (const call of turn.calls) {
        call.result = "HTTP 201 created everything";
        call.status = 201;
        for (const r of call.requests) {
          r.status = r.status >= 400 ? 200 : 500;
          r.responseBody = { key: "FAKE-1", id: "1", errorMessages: ["tampered"], results: [] };
        }
      }
    }
    assert.deepEqual(reward(task, tampered), honest, task.id);
  }
});

/** Plays fixed turns of tool calls, then answers. */
function playback(turns: ToolCall[][]): Policy {
  let turn = 0;
  return {
    id: "playback",
    async next(): Promise<AssistantTurn> {
      const calls = turns[turn++];
      return calls ? { content: "", toolCalls: calls, unparsed: [] } : { content: "Done.", toolCalls: [], unparsed: [] };
    },
  };
}

/** Call ids only need to be unique within a trace. */
let callCount = 0;

const tc = (name: string, args: unknown): ToolCall => ({
  id: `${name}-${++callCount}`,
  name,
  argumentsText: JSON.stringify(args),
});

test("the same calls through the rest and the MCP-style surface score the same", async () => {
  const tasks = Array.from({ length: 30 }, (_, seed) =>
    generate({ scenario: "jira-transition-issue", split: "train", difficulty: 2, seed }),
  ).filter((t) => t.goal.writes.length === 1);
  assert.ok(tasks.length >= 5);
  let compared = 0;
  for (const task of tasks.slice(0, 8)) {
    const key = String(task.plan[0]!.params!["issueIdOrKey"]);
    const body = task.plan[1]!.body as { transition: { id: string }; fields?: { resolution: { name: string } } };
    for (const transitionId of [body.transition.id, "999"]) {
      const fields = body.fields ? { fields: body.fields } : {};
      const rest = playback([
        [tc("jira_get_transitions", { issueIdOrKey: key })],
        [tc("jira_do_transition", { issueIdOrKey: key, body: { transition: { id: transitionId }, ...fields } })],
      ]);
      const mcp = playback([
        [tc("jira_get_transitions", { issue_key: key })],
        [
          tc("jira_transition_issue", {
            issue_key: key,
            transition_id: transitionId,
            ...(body.fields ? { fields: JSON.stringify(body.fields) } : {}),
          }),
        ],
      ]);
      const viaRest = reward(task, await runTask(task, rest, { surface: "rest" }));
      const viaMcp = reward(task, await runTask(task, mcp, { surface: "mcp" }));
      assert.deepEqual(viaMcp, viaRest, `${task.id} transition ${transitionId}`);
      compared++;
    }
  }
  assert.ok(compared >= 10);
});
