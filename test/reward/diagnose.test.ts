/**
 * `diagnose` on real traces: groups of samples per task, zero-variance and saturation shares,
 * and the components carrying the within-group variance.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diagnose } from "../../src/diagnose/index.js";
import { distribution, groupSignal, varianceByComponent } from "../../src/diagnose/stats.js";
import { createOracle, createPerturbedOracle } from "../../src/policy/oracle/index.js";
import { DEFAULT_WEIGHTS, reward } from "../../src/reward/index.js";
import { generate } from "../../src/scenarios/registry.js";
import { runTask } from "../../src/scenarios/run.js";
import type { Trace } from "../../src/trace/index.js";

test("distribution and group statistics", () => {
  const d = distribution([0, 0.5, 1, 1]);
  assert.equal(d.count, 4);
  assert.equal(d.mean, 0.625);
  assert.equal(d.max, 1);
  assert.equal(
    d.histogram.reduce((a, b) => a + b, 0),
    4,
  );
  assert.equal(d.histogram[9], 2);
  const s = groupSignal([[1, 1], [0.5, 1], [0.05, 0.1], [0.7]], 0.1);
  assert.equal(s.groups, 3);
  assert.equal(s.zeroVariance, 1 / 3);
  assert.equal(s.allPerfect, 1 / 3);
  assert.equal(s.allFloor, 1 / 3);
});

test("variance shares add up to 1 when the reward is the weighted sum", () => {
  const member = (writes: number, calls: number) => {
    const components = { ...Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((c) => [c, 1])), writes, calls };
    const reward = Object.entries(components).reduce((s, [c, v]) => s + (v * DEFAULT_WEIGHTS[c as keyof typeof DEFAULT_WEIGHTS]) / 100, 0);
    return { reward, components };
  };
  const shares = varianceByComponent(
    [
      [member(1, 1), member(0.5, 1)],
      [member(1, 0.5), member(1, 1)],
    ],
    DEFAULT_WEIGHTS,
  );
  assert.ok(shares.writes > 0.5 && shares.calls > 0);
  assert.ok(Math.abs(shares.writes + shares.calls - 1) < 1e-9);
  assert.ok(Math.abs(shares.other) < 1e-9);
});

test("diagnose reads traces and episode records and finds where the signal is", async () => {
  const dir = mkdtempSync(join(tmpdir(), "atlasgym-diagnose-"));
  const traces: Trace[] = [];
  const records: unknown[] = [];
  for (let seed = 0; seed < 4; seed++) {
    const create = generate({ scenario: "jira-create-issue", split: "train", difficulty: 2, seed });
    // Three oracle samples: a saturated group with no signal.
    for (let k = 0; k < 3; k++) traces.push(await runTask(create, createOracle(create)));
    const page = generate({ scenario: "confluence-create-page", split: "train", difficulty: 1, seed });
    // A group mixing a perfect run and a wrong value: signal carried by the write's arguments.
    for (const policy of [createOracle(page), createPerturbedOracle(page, "wrong_value")!]) {
      const trace = await runTask(page, policy);
      const result = reward(page, trace);
      records.push({
        episodeId: trace.episodeId,
        taskId: page.id,
        scenario: page.scenario,
        taskIndex: seed,
        sample: records.length,
        policyId: "mixed",
        ...result,
      });
    }
  }
  writeFileSync(join(dir, "traces.jsonl"), traces.map((t) => JSON.stringify(t)).join("\n") + "\nnot json\n");
  writeFileSync(join(dir, "episodes.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");

  const { report, text, skipped } = await diagnose([join(dir, "traces.jsonl"), join(dir, "episodes.jsonl")]);
  assert.equal(skipped.length, 1);
  assert.equal(report.episodes, 12 + 8);
  const create = report.scenarios.find((s) => s.scenario === "jira-create-issue")!;
  assert.equal(create.signal.groups, 4);
  assert.equal(create.signal.zeroVariance, 1);
  assert.equal(create.signal.allPerfect, 1);
  assert.equal(create.perfect, 1);
  assert.ok(create.warnings.some((w) => w.includes("saturated")));
  const page = report.scenarios.find((s) => s.scenario === "confluence-create-page")!;
  assert.equal(page.signal.zeroVariance, 0);
  assert.ok(page.varianceShare.writes > 0.5, JSON.stringify(page.varianceShare));
  assert.ok((page.failures.wrong_value ?? 0) >= 4);
  assert.match(text, /confluence-create-page: 8 episodes over 4 tasks/);
  assert.match(text, /variance {3}writes/);

  // A directory means its episodes.jsonl.
  const fromDir = await diagnose([dir]);
  assert.equal(fromDir.report.episodes, 8);
});
