import { test } from "node:test";
import assert from "node:assert/strict";
import { mergeResumeConfig, parseDifficulties, parseScenarios, parseSplits, type EvalConfig } from "../../src/eval/config.js";
import { planEpisodes, planScenarioTasks } from "../../src/eval/plan.js";
import { parsePolicySpec } from "../../src/eval/policy-source.js";
import { parseTaskId } from "../../src/scenarios/types.js";

const base: EvalConfig = {
  policy: "oracle",
  surface: "rest",
  scenarios: ["a", "b"],
  splits: ["train", "test"],
  difficulties: [1, 2, 3],
  tasks: 12,
  samples: 3,
  seed: 7,
  successThreshold: 1,
};

test("plans are deterministic, cover every split and difficulty evenly, and never repeat a task", () => {
  const jobs = planEpisodes(base);
  assert.deepEqual(planEpisodes(base), jobs);
  assert.equal(jobs.length, 2 * 12 * 3);
  assert.equal(new Set(jobs.map((j) => j.episodeId)).size, jobs.length);
  const tasks = planScenarioTasks(base, "a");
  assert.equal(new Set(tasks.map((t) => t.ref.seed)).size, 12);
  const combos = new Map<string, number>();
  for (const t of tasks) combos.set(`${t.ref.split}:${t.ref.difficulty}`, (combos.get(`${t.ref.split}:${t.ref.difficulty}`) ?? 0) + 1);
  assert.equal(combos.size, 6);
  assert.ok([...combos.values()].every((n) => n === 2));
  for (const t of tasks) assert.deepEqual(parseTaskId(t.id), t.ref);
});

test("another seed gives other tasks and sample seeds; each sample of a task has its own seed", () => {
  const other = planEpisodes({ ...base, seed: 8 });
  const jobs = planEpisodes(base);
  assert.notDeepEqual(
    other.map((j) => j.task.ref.seed),
    jobs.map((j) => j.task.ref.seed),
  );
  const samples = jobs.filter((j) => j.task.id === jobs[0]!.task.id);
  assert.equal(new Set(samples.map((s) => s.seed)).size, 3);
});

test("more tasks or samples extend a plan without changing the episodes it had", () => {
  const small = planEpisodes({ ...base, tasks: 4, samples: 2 });
  const large = new Map(planEpisodes(base).map((j) => [j.episodeId, j]));
  for (const job of small) assert.deepEqual(large.get(job.episodeId), job);
});

test("scenarios are interleaved task by task, samples of a task stay together", () => {
  const jobs = planEpisodes({ ...base, tasks: 2, samples: 2 });
  assert.deepEqual(
    jobs.map((j) => `${j.task.ref.scenario}${j.task.index}.${j.sample}`),
    ["a0.0", "a0.1", "b0.0", "b0.1", "a1.0", "a1.1", "b1.0", "b1.1"],
  );
});

test("option parsers accept the documented forms and reject others", () => {
  assert.deepEqual(parseSplits("all"), ["train", "test"]);
  assert.deepEqual(parseSplits("test"), ["test"]);
  assert.throws(() => parseSplits("dev"));
  assert.deepEqual(parseDifficulties("all"), [1, 2, 3]);
  assert.deepEqual(parseDifficulties("3,1,3"), [1, 3]);
  assert.throws(() => parseDifficulties("4"));
  assert.deepEqual(parseScenarios("all", ["x", "y"]), ["x", "y"]);
  assert.deepEqual(parseScenarios("y, x", ["x", "y"]), ["y", "x"]);
  assert.throws(() => parseScenarios("z", ["x", "y"]), /unknown scenario 'z'/);
  assert.deepEqual(parsePolicySpec("perturbed:wrong_value"), { kind: "perturbed", label: "wrong_value" });
  assert.deepEqual(parsePolicySpec("openai"), { kind: "openai" });
  assert.throws(() => parsePolicySpec("perturbed:nonsense"), /unknown perturbation/);
  assert.throws(() => parsePolicySpec("gpt"), /unknown policy/);
});

test("a resumed run keeps its configuration; only tasks and samples may grow", () => {
  assert.deepEqual(mergeResumeConfig(base, { seed: 7, tasks: 20 }), { ...base, tasks: 20 });
  assert.throws(() => mergeResumeConfig(base, { seed: 8 }), /seed/);
  assert.throws(() => mergeResumeConfig(base, { samples: 2 }), /samples/);
  assert.throws(() => mergeResumeConfig(base, { policy: "embedded" }), /policy/);
});
