import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { validateTrace } from "../../src/trace/index.js";

const run = (args: string[]) =>
  promisify(execFile)(process.execPath, ["bin/atlasgym.js", "run", ...args], { env: { ...process.env, NO_COLOR: "1" } });

test("atlasgym run plays a hand-written task with the oracle, scores 1.0 and writes a valid trace", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "atlasgym-run-")), "trace.jsonl");
  const { stdout } = await run(["--task", "examples/tasks/start-and-comment.json", "--out", out]);
  assert.match(stdout, /POST \/rest\/api\/3\/issue\/DATA-34\/transitions → 204/);
  assert.match(stdout, /reward 1\.000/);
  const trace = JSON.parse(readFileSync(out, "utf8").trim()) as unknown;
  assert.equal(validateTrace(trace).ok, true);
});

test("atlasgym run scores a perturbed oracle below 1 and names the failure", async () => {
  const { stdout } = await run(["--task-id", "jira-create-issue:test:2:17", "--policy", "perturbed:wrong_value"]);
  const reward = Number(/reward (\d\.\d+)/.exec(stdout)?.[1]);
  assert.ok(reward < 1, stdout);
  assert.match(stdout, /wrong_value:/);
});

test("atlasgym run refuses a file that is not a task", async () => {
  await assert.rejects(run(["--task", "package.json"]), /is not a task: missing/);
});

test("atlasgym diagnose reports zero-variance groups of a deterministic policy", async () => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-diag-"));
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ["bin/atlasgym.js", ...args], { env: { ...process.env, NO_COLOR: "1" } });
  await cli(["eval", "--policy", "oracle", "--scenario", "labels", "--tasks", "2", "--samples", "2", "--out", dir]);
  const { stdout } = await cli(["diagnose", dir, "--json"]);
  const report = JSON.parse(stdout) as { episodes: number };
  assert.equal(report.episodes, 4);
});
