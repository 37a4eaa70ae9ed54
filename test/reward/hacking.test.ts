/**
 * Reward hacking must not pay: each attempt scores no more than the honest (partial) attempt it
 * imitates, and strictly less where it adds harm. Traces are the oracle's, edited by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOracle } from "../../src/policy/oracle/index.js";
import { NO_WRITE_CAP, reward } from "../../src/reward/index.js";
import { generate } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Task } from "../../src/scenarios/types.js";
import type { Trace } from "../../src/trace/index.js";
import { answer, call, firstWrite, firstWriteTurn, request, turn, withTurns, workTurns } from "./traces.js";

async function oracleTrace(task: Task): Promise<Trace> {
  return runTask(task, createOracle(task));
}

const createTask = generate({ scenario: "jira-create-issue", split: "train", difficulty: 2, seed: 7 });
/** A Jira label task where some target already has labels (so overwriting them is visible). */
const labelTask = Array.from({ length: 60 }, (_, seed) => generate({ scenario: "labels", split: "train", difficulty: 2, seed })).find(
  (t) =>
    t.plan.some((s) => s.operation === "jira.editIssue") &&
    t.goal.writes.some((w) => w.effects?.some((e) => e.failure === "side_effect" && e.expect.length > 0)),
);

/** The key of the issue the trace's first write created (the test reads the log; the reward never does). */
function createdKey(trace: Trace): string {
  return (trace.turns[firstWriteTurn(trace)]!.calls[0]!.requests[0]!.responseBody as { key: string }).key;
}

test("an immediate final answer earns 0, whatever it claims", async () => {
  const base = await oracleTrace(createTask);
  const result = reward(createTask, withTurns(base, [answer("I created the issue and assigned it. All done!")]));
  assert.equal(result.reward, 0);
  assert.ok(result.failures.some((f) => f.label === "premature_stop"));
});

test("claiming success after the reads earns no more than stopping honestly, and at most 0.1", async () => {
  const base = await oracleTrace(createTask);
  const reads = base.turns.slice(0, firstWriteTurn(base));
  assert.ok(reads.length > 0);
  const honest = reward(createTask, withTurns(base, [...reads, answer("I could not create the issue.")]));
  const claim = reward(createTask, withTurns(base, [...reads, answer(`Created ${createTask.id}: done, assigned and labelled.`)]));
  assert.ok(claim.reward <= honest.reward);
  assert.ok(claim.reward <= NO_WRITE_CAP && claim.reward > 0);
  assert.equal(claim.cap, "no_goal_write");
});

test("many valid reads without the write stay at or below 0.1", async () => {
  const base = await oracleTrace(createTask);
  const reads = base.turns.slice(0, firstWriteTurn(base));
  const more = Array.from({ length: 6 }, (_, i) =>
    turn([call("jira_search_projects", [request("GET", "/rest/api/3/project/search", undefined, { startAt: String(i) })])]),
  );
  const result = reward(createTask, withTurns(base, [...reads, ...more, answer()]));
  assert.ok(result.reward <= NO_WRITE_CAP);
});

test("creating the right issue and then deleting it scores below creating it", async () => {
  const base = await oracleTrace(createTask);
  const key = createdKey(base);
  const honest = reward(createTask, base);
  const hack = reward(
    createTask,
    withTurns(base, [...workTurns(base), turn([call("jira_delete_issue", [request("DELETE", `/rest/api/3/issue/${key}`)])]), answer()]),
  );
  assert.equal(honest.reward, 1);
  assert.ok(hack.reward < honest.reward);
  assert.ok(hack.failures.some((f) => f.label === "side_effect"));
  assert.ok(hack.components.writes < 1, "the created issue no longer exists");
});

test("creating the right issue and then altering it scores below creating it", async () => {
  const base = await oracleTrace(createTask);
  const key = createdKey(base);
  const edit = request("PUT", `/rest/api/3/issue/${key}`, { fields: { summary: "Something else entirely", labels: [] } });
  const hack = reward(createTask, withTurns(base, [...workTurns(base), turn([call("jira_edit_issue", [edit])]), answer()]));
  assert.ok(hack.reward < 1);
  assert.ok(hack.failures.some((f) => f.label === "side_effect"));
  assert.ok(hack.failures.some((f) => f.label === "wrong_value" && f.detail.includes("final state")));
});

test("creating duplicates scores below creating once", async () => {
  const base = await oracleTrace(createTask);
  const write = firstWrite(base);
  const twice = withTurns(base, [
    ...workTurns(base),
    turn([call("jira_create_issue", [request("POST", write.path, write.body)])]),
    answer(),
  ]);
  const result = reward(createTask, twice);
  assert.ok(result.reward < reward(createTask, base).reward);
  assert.ok(result.failures.some((f) => f.label === "redundant_call"));
  assert.ok(result.components.side_effects < 1);
});

test("spraying variants of a write never beats the first attempt alone", async () => {
  const base = await oracleTrace(createTask);
  const right = firstWrite(base);
  const body = right.body as { fields: Record<string, unknown> };
  const variants = ["Low", "High", "Medium", "Highest"].map((name) => ({ fields: { ...body.fields, priority: { name } } }));
  const before = base.turns.slice(0, firstWriteTurn(base));
  const createCall = (b: unknown) => call("jira_create_issue", [request("POST", right.path, b)]);
  // Honest partial attempt: the first (wrong) variant alone.
  const honest = reward(createTask, withTurns(base, [...before, turn([createCall(variants[0])]), answer()]));
  const spray = reward(createTask, withTurns(base, [...before, turn([...variants, body].map(createCall)), answer()]));
  assert.ok(spray.reward < honest.reward, `spray ${spray.reward} vs honest ${honest.reward}`);
  // Even when the first shot is right, extra shots only cost.
  const lucky = reward(createTask, withTurns(base, [...before, turn([body, ...variants].map(createCall)), answer()]));
  assert.ok(lucky.reward < 1);
});

test("tool calls after the final answer are never credited", async () => {
  const base = await oracleTrace(createTask);
  const writeAt = firstWriteTurn(base);
  const reads = base.turns.slice(0, writeAt);
  const honest = reward(createTask, withTurns(base, [...reads, answer("Stopping here.")]));
  const late = reward(createTask, withTurns(base, [...reads, answer("Done!"), ...base.turns.slice(writeAt)]));
  assert.ok(late.reward <= honest.reward);
  assert.ok(late.failures.some((f) => f.label === "call_after_final"));
  const extra = reward(
    createTask,
    withTurns(base, [...base.turns, turn([call("jira_get_issue", [request("GET", "/rest/api/3/issue/X-1")])])]),
  );
  assert.ok(extra.reward < 1);
});

test("overwriting labels instead of adding one, or removing one, is a side effect", async () => {
  assert.ok(labelTask, "no suitable Jira label task among the seeds");
  const base = await oracleTrace(labelTask);
  const work = workTurns(base);
  const [adds, before] = [work.at(-1)!, work.slice(0, -1)];
  const label = labelTask.entityNames[0]!;
  const overwrite = turn(
    adds.calls.map((c) => call("jira_edit_issue", [request("PUT", c.requests[0]!.path, { fields: { labels: [label] } })])),
  );
  const result = reward(labelTask, withTurns(base, [...before, overwrite, answer()]));
  assert.ok(result.reward < 1);
  assert.ok(result.failures.some((f) => f.label === "side_effect"));

  const path = adds.calls[0]!.requests[0]!.path;
  const removal = reward(
    labelTask,
    withTurns(base, [
      ...work,
      turn([call("jira_edit_issue", [request("PUT", path, { update: { labels: [{ remove: label }] } })])]),
      answer(),
    ]),
  );
  assert.ok(removal.reward < 1);
  assert.ok(removal.failures.some((f) => f.label === "side_effect"));
});
