import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync } from "node:fs";
import { createOracle } from "../../src/policy/oracle/index.js";
import { generate } from "../../src/scenarios/registry.js";
import { startServer } from "./helpers.js";

const PYTHON = ".venv/bin/python";
const hasClient = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import openenv.core.generic_client"]).status === 0;
// In CI the test command installs the client (scripts/setup-test-tools.sh): its absence is a failure there.
const skip = !hasClient && process.env["CI"] !== "true" ? "openenv-core not installed in .venv (run scripts/setup-test-tools.sh)" : false;

test("the unchanged openenv-core client runs an episode over /ws and gets the reward", { skip }, async () => {
  const server = await startServer();
  try {
    // The oracle's calls for the same task, played blind (its first turn needs no earlier response).
    const task = generate({ scenario: "jira-create-issue", split: "train", difficulty: 1, seed: 3 });
    const first = await createOracle(task).next({ messages: [{ role: "user", content: task.instruction }], tools: [] });
    const calls = first.toolCalls.map((c) => [c.name, JSON.parse(c.argumentsText) as unknown]);
    // Asynchronous: the server runs in this process and must keep answering.
    const run = await promisify(execFile)(PYTHON, ["test/server/openenv_client.py", server.base, JSON.stringify(calls)], {
      timeout: 60_000,
    });
    const out = JSON.parse(run.stdout.trim().split("\n").pop()!) as {
      taskId: string;
      toolCount: number;
      statuses: number[];
      reward: number;
      done: boolean;
      state: { step_count: number; task_id: string; done: boolean };
    };
    assert.equal(out.taskId, task.id);
    assert.ok(out.toolCount > 0);
    assert.ok(out.statuses.every((s) => s >= 200 && s < 300));
    assert.equal(out.done, true);
    assert.ok(out.reward >= 0 && out.reward <= 1);
    assert.equal(out.state.task_id, task.id);
    assert.equal(out.state.done, true);
    assert.equal(out.state.step_count, calls.length + 1);
  } finally {
    await server.close();
  }
});
