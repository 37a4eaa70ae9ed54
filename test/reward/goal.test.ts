/**
 * The goal checker's rules on edited oracle episodes: read windows, missing reads, budgets,
 * stop reasons, weights, and how a trace becomes an episode.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import { episodeFromTrace, scoreEpisode, type Episode } from "../../src/reward/index.js";
import { resolveWeights } from "../../src/reward/weights.js";
import { generate } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Task } from "../../src/scenarios/types.js";
import { answer, call, request, turn, withTurns } from "./traces.js";

async function oracleEpisode(task: Task): Promise<Episode> {
  return episodeFromTrace(await runTask(task, createOracle(task)));
}

function findTask(scenario: string, difficulty: 1 | 2 | 3, accept: (t: Task) => boolean): Task {
  for (let seed = 0; seed < 200; seed++) {
    const task = generate({ scenario, split: "train", difficulty, seed });
    if (accept(task)) return task;
  }
  throw new Error(`no ${scenario} d${difficulty} task fits`);
}

const labels = (episode: Episode, task: Task) => scoreEpisode(task, episode).failures.map((f) => f.label);

test("a read that must follow a write does not count before it", async () => {
  const task = findTask("jira-transition-issue", 2, (t) => t.goal.writes.length === 2);
  const episode = await oracleEpisode(task);
  // Drop the second look at the transitions (made after the first move).
  const reads = episode.calls.map((c, i) => ({ c, i })).filter(({ c }) => c.requests.every((r) => r.method === "GET"));
  const withoutSecond = { ...episode, calls: episode.calls.filter((_, i) => i !== reads[1]!.i) };
  const result = scoreEpisode(task, withoutSecond);
  assert.ok(result.components.reads < 1);
  assert.ok(result.failures.some((f) => f.label === "wrong_endpoint_order"));
  assert.equal(result.components.writes, 1);
});

test("writes made without their lookups are labelled missing_read", async () => {
  const task = findTask("jira-create-issue", 2, () => true);
  const episode = await oracleEpisode(task);
  const writesOnly = { ...episode, calls: episode.calls.filter((c) => c.requests.some((r) => r.method !== "GET")) };
  const result = scoreEpisode(task, writesOnly);
  assert.equal(result.components.reads, 0);
  assert.equal(result.failures.filter((f) => f.label === "missing_read").length, task.goal.reads.length);
  assert.ok(result.reward < 1 && result.reward > 0.5);
});

test("more calls than the goal's budget, or running out of turns, is budget_exhausted", async () => {
  const task = findTask("confluence-create-page", 1, () => true);
  const episode = await oracleEpisode(task);
  const lookups = Array.from({ length: task.goal.maxCalls }, (_, i) => ({
    tool: "confluence_get_spaces",
    requests: [{ method: "GET", path: "/wiki/api/v2/spaces", query: { limit: String(i + 1) } }],
    afterFinal: false,
  }));
  const long = scoreEpisode(task, { ...episode, calls: [...lookups, ...episode.calls] });
  assert.equal(long.components.efficiency, 0);
  assert.ok(long.failures.some((f) => f.label === "budget_exhausted"));
  const cut = scoreEpisode(task, { ...episode, stop: "budget" });
  assert.equal(cut.components.termination, 0);
  assert.ok(cut.failures.some((f) => f.label === "budget_exhausted"));
});

test("an episode that did the work but never answered is not cleanly terminated", async () => {
  const task = findTask("confluence-create-page", 1, () => true);
  const episode = await oracleEpisode(task);
  const result = scoreEpisode(task, { ...episode, stop: "other" });
  assert.equal(result.components.termination, 0);
  assert.deepEqual(labels({ ...episode, stop: "other" }, task), ["premature_stop"]);
});

test("a trace becomes an episode: unparsed calls are invalid JSON, calls after an answer are marked", async () => {
  const task = findTask("confluence-create-page", 1, () => true);
  const base = await runTask(task, createOracle(task));
  const broken = { ...call("confluence_create_page", [], "{oops"), parseError: "Unexpected token o" };
  const trace = withTurns(base, [
    turn([broken]),
    answer("done"),
    turn([call("confluence_get_spaces", [request("GET", "/wiki/api/v2/spaces")])]),
  ]);
  const episode = episodeFromTrace(trace);
  assert.equal(episode.calls[0]!.rejection?.label, "invalid_json");
  assert.equal(episode.calls[0]!.afterFinal, false);
  assert.equal(episode.calls[1]!.afterFinal, true);
  const result = scoreEpisode(task, episode);
  assert.ok(result.failures.some((f) => f.label === "invalid_json"));
  assert.ok(result.failures.some((f) => f.label === "call_after_final"));
  assert.equal(result.cap, "no_goal_write");
});

test("weights must be non-negative integers summing to 100", () => {
  assert.equal(
    Object.values(resolveWeights()).reduce((a, b) => a + b, 0),
    100,
  );
  assert.throws(() => resolveWeights({ writes: 50 }));
  assert.throws(() => resolveWeights({ writes: 34.5, calls: 10.5 }));
});
