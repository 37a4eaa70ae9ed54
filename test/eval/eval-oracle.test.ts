import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { runEval } from "../../src/eval/run-eval.js";
import { readEpisodeRecords } from "../../src/eval/run-dir.js";
import type { EvalResults } from "../../src/eval/results.js";
import { createOracle } from "../../src/policy/oracle/index.js";
import { FAILURE_LABELS } from "../../src/reward/index.js";
import { scenarioNames } from "../../src/scenarios/registry.js";
import { readTraces, validateTrace } from "../../src/trace/index.js";
import type { Trace } from "../../src/trace/types.js";
import { assertPng, config, tempDir } from "./helpers.js";

const SECTION_FIELDS = ["n", "samples", "meanReward", "ci95", "passAt1", "passAtK", "passHatK", "failures", "bySplit", "byDifficulty"];

test("eval with the oracle: every episode scores 1.0, and every output is written", async (t) => {
  const out = tempDir(t);
  const scenarios = scenarioNames();
  const { results, files, interrupted } = await runEval({
    out,
    config: config({ scenarios, tasks: 3, samples: 2 }),
    runtime: { concurrency: 3 },
  });
  assert.equal(interrupted, false);
  const written = JSON.parse(readFileSync(files.results, "utf8")) as EvalResults;
  assert.deepEqual(written, results);
  assert.equal(written.complete, true);
  assert.equal(written.atlasgymVersion, (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version);
  assert.equal(written.config.policy, "oracle");
  assert.deepEqual(Object.keys(written.scenarios), scenarios);

  for (const section of [written.overall, ...Object.values(written.scenarios)]) {
    for (const field of SECTION_FIELDS) assert.ok(field in section, `missing ${field}`);
    assert.equal(section.samples, 2);
    assert.equal(section.meanReward, 1);
    assert.deepEqual(section.ci95, [1, 1]);
    assert.equal(section.passAt1, 1);
    assert.equal(section.passAtK, 1);
    assert.equal(section.passHatK, 1);
    assert.deepEqual(section.failures, {});
    assert.deepEqual(section.stopReasons, { final_answer: section.episodes });
  }
  assert.equal(written.overall.n, 3 * scenarios.length);
  assert.equal(written.overall.episodes, 3 * 2 * scenarios.length);
  assert.deepEqual(Object.keys(written.overall.byDifficulty), ["1", "2", "3"]);
  assert.deepEqual(Object.keys(written.overall.bySplit), ["test"]);

  // Traces: valid, one per episode, joined to the reward records by episode id.
  const traces = await readTraces(files.traces);
  const records = await readEpisodeRecords(out);
  assert.equal(traces.length, written.overall.episodes);
  assert.equal(records.length, written.overall.episodes);
  const ids = new Set(records.map((r) => r.episodeId));
  for (const value of traces) {
    const checked = validateTrace(value);
    assert.ok(checked.ok, checked.ok ? "" : checked.errors.join("; "));
    assert.ok(ids.has(checked.trace.episodeId));
    assert.equal(checked.trace.policyId, "oracle");
  }

  const report = readFileSync(files.report, "utf8");
  assert.match(report, /^# atlasgym eval: oracle/m);
  assert.match(report, /\| scenario \| n \| mean reward \| 95% CI \| pass@1 \| pass@2 \| pass\^2 \| top failure \(episodes\) \|/);
  for (const name of scenarios)
    assert.match(
      report,
      new RegExp(`\\| ${name} \\| 3 \\| 1\\.000 \\| \\[1\\.000, 1\\.000\\] \\| 1\\.000 \\| 1\\.000 \\| 1\\.000 \\| – \\|`),
    );
  assert.match(report, /\| overall \| \d+ \| 1\.000 \|/);
  assert.match(report, /No failures\./);
  assert.match(report, /"policy": "oracle"/);
  assert.match(report, /!\[[^\]]*\]\(rewards\.png\)/);

  const { width, height } = assertPng(files.chartPng);
  assert.ok(width >= 640 && height >= 400);
  const svg = readFileSync(files.chartSvg, "utf8");
  assert.match(svg, /Mean reward per scenario: oracle/);
  for (const name of scenarios) assert.ok(svg.includes(name), `chart names ${name}`);
});

test("eval with a perturbed oracle: rewards below 1.0 and the injected failure counted in every episode", async (t) => {
  const out = tempDir(t);
  const { results, files } = await runEval({ out, config: config({ policy: "perturbed:unknown_tool" }), runtime: { concurrency: 2 } });
  const { overall } = results;
  assert.equal(overall.episodes, 2 * 2 * 2);
  assert.ok(overall.meanReward !== null && overall.meanReward < 1 && overall.meanReward > 0);
  assert.equal(overall.passAt1, 0);
  assert.equal(overall.passAtK, 0);
  assert.equal(overall.failures["unknown_tool"], overall.episodes);
  for (const section of Object.values(results.scenarios)) assert.equal(section.failures["unknown_tool"], section.episodes);

  const report = readFileSync(files.report, "utf8");
  assert.match(report, /\| overall \| 4 \| 0\.\d{3} \| .* \| 0\.000 \| 0\.000 \| 0\.000 \| unknown_tool \(8\) \|/);
  assert.ok(report.includes(FAILURE_LABELS.unknown_tool), "the taxonomy explains the label");
  assertPng(files.chartPng);
});

test("tasks a policy cannot run are skipped and reported, not scored", async (t) => {
  const out = tempDir(t);
  const { results } = await runEval({
    out,
    config: config({ scenarios: ["jira-create-issue"], tasks: 4, samples: 1 }),
    runtime: { concurrency: 1 },
    // Runs the oracle on tasks of difficulty 1 only.
    policySource: {
      id: "oracle",
      forEpisode: (task) => (task.difficulty === 1 ? createOracle(task) : undefined),
      close: async () => {},
    },
  });
  const skippedDifficulties = results.skipped.map((s) => s.difficulty);
  assert.ok(skippedDifficulties.length > 0 && skippedDifficulties.every((d) => d !== 1));
  assert.equal(results.overall.n + results.skipped.length, 4);
  assert.equal(results.overall.skipped, results.skipped.length);
  assert.equal(results.complete, true);
  assert.equal(results.overall.meanReward, 1);
});

test("a perturbed oracle on the mcp surface is refused before anything runs", async (t) => {
  const out = tempDir(t);
  const perturbed = config({ surface: "mcp", policy: "perturbed:wrong_value" });
  await assert.rejects(runEval({ out, config: perturbed, runtime: { concurrency: 1 } }), /rest surface only/);
});

test("eval with the oracle on the mcp surface: difficulty 1 scores 1.0 everywhere, through mcp tools only", async (t) => {
  const out = tempDir(t);
  const { results, files } = await runEval({
    out,
    config: config({ scenarios: scenarioNames(), tasks: 2, surface: "mcp", difficulties: [1] }),
    runtime: { concurrency: 2 },
  });
  assert.equal(results.overall.meanReward, 1);
  for (const trace of (await readTraces(files.traces)) as Trace[]) {
    assert.equal(trace.surface, "mcp");
    for (const turn of trace.turns) for (const call of turn.calls) assert.match(call.name ?? "", /^(jira|confluence)_/);
  }
});
