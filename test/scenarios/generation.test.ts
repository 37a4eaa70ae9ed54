/**
 * Task generation: deterministic, ids round-trip, tasks are plain data, every operation a task
 * names is registered, and the test split's templates, entity names and worlds never occur in train.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { emulator } from "../../src/emulator/index.js";
import { SCENARIOS, taskById } from "../../src/scenarios/registry.js";
import { WORLD_SEEDS } from "../../src/scenarios/common.js";
import { LABELS, PAGE_TOPICS, SUBJECTS } from "../../src/scenarios/text/vocabulary.js";
import { parseTaskId, taskId, type Split, type Task } from "../../src/scenarios/types.js";

const PER_SPLIT = 60;

function sampleOf(scenario: string, split: Split): Task[] {
  const s = SCENARIOS.find((x) => x.name === scenario)!;
  return Array.from({ length: PER_SPLIT }, (_, i) =>
    s.generate({ scenario, split, difficulty: (1 + (i % 3)) as 1 | 2 | 3, seed: 1000 + i }),
  );
}

const samples = new Map(SCENARIOS.map((s) => [s.name, { train: sampleOf(s.name, "train"), test: sampleOf(s.name, "test") }]));

test("the same seed gives an identical task, built afresh", () => {
  for (const s of SCENARIOS) {
    const ref = { scenario: s.name, split: "train" as const, difficulty: 3 as const, seed: 77 };
    const a = s.generate(ref);
    const b = s.generate(ref);
    assert.deepEqual(a, b);
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    assert.deepEqual(taskById(a.id), a);
  }
});

test("task ids round-trip and malformed ids are refused", () => {
  const ref = { scenario: "labels", split: "test" as const, difficulty: 2 as const, seed: 12 };
  assert.deepEqual(parseTaskId(taskId(ref)), ref);
  for (const bad of ["labels:test:4:1", "labels:dev:1:1", "labels:test:1", "labels:test:1:x"]) assert.throws(() => parseTaskId(bad));
});

test("tasks are plain JSON and use only registered operations", () => {
  const registered = new Set(emulator.operations.map((o) => o.id));
  for (const [, { train, test: held }] of samples) {
    for (const task of [...train, ...held]) {
      assert.deepEqual(JSON.parse(JSON.stringify(task)), task);
      for (const id of [...task.operations, ...task.plan.map((s) => s.operation)]) assert.ok(registered.has(id), `${task.id}: ${id}`);
      for (const step of task.plan)
        assert.ok(task.operations.includes(step.operation), `${task.id}: the plan uses ${step.operation}, which is not offered`);
      assert.ok(task.goal.writes.length > 0, task.id);
      assert.ok(task.turnBudget > new Set(task.plan.map((s) => s.turn)).size, task.id);
    }
  }
});

test("test tasks use templates, entity names and worlds never seen in train", () => {
  for (const [name, { train, test: held }] of samples) {
    const trainTemplates = new Set(train.map((t) => t.templateId));
    const trainNames = new Set(train.flatMap((t) => t.entityNames.map((n) => n.toLowerCase())));
    const trainWorlds = new Set(train.map((t) => t.worldSeed));
    for (const task of held) {
      assert.ok(!trainTemplates.has(task.templateId), `${name}: template ${task.templateId} in both splits`);
      for (const entity of task.entityNames) assert.ok(!trainNames.has(entity.toLowerCase()), `${name}: "${entity}" in both splits`);
      assert.ok(!trainWorlds.has(task.worldSeed), `${name}: world ${task.worldSeed} in both splits`);
    }
    assert.ok(train.every((t) => t.entityNames.length > 0) || name === "jira-transition-issue");
  }
});

test("the vocabularies and world seeds are divided between the splits", () => {
  for (const vocabulary of [SUBJECTS, LABELS, PAGE_TOPICS]) {
    const train = new Set(vocabulary.train.map((w) => w.toLowerCase()));
    assert.ok(vocabulary.test.length > 0);
    for (const word of vocabulary.test) assert.ok(!train.has(word.toLowerCase()), word);
    // No test word hides inside a train word or the reverse (names built from them stay apart).
    for (const word of vocabulary.test)
      for (const t of train) assert.ok(!t.includes(word.toLowerCase()) && !word.toLowerCase().includes(t), `${word} / ${t}`);
  }
  const train = new Set(WORLD_SEEDS.train);
  assert.ok(WORLD_SEEDS.test.every((s) => !train.has(s)));
});
