import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { registerEval } from "../../src/cli/eval.js";
import { registerReport } from "../../src/cli/report.js";
import { readResults } from "../../src/eval/results.js";
import { RUN_FILES } from "../../src/eval/run-dir.js";
import { assertPng, tempDir } from "./helpers.js";

/** Runs the CLI with these arguments; returns what it printed on stdout. */
async function cli(args: string[]): Promise<string> {
  const program = new Command("atlasgym").exitOverride();
  registerEval(program);
  registerReport(program);
  let printed = "";
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  // Only text is the CLI's: node's test runner reports to its parent through binary chunks on this same stdout,
  // and swallowing those would hide this file's tests from the run's summary.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk !== "string") return (stdoutWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
    printed += chunk;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    await program.parseAsync(["node", "atlasgym", ...args]);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  return printed;
}

const common = [
  "--scenario",
  "jira-create-issue,confluence-create-page",
  "--tasks",
  "2",
  "--samples",
  "2",
  "--difficulty",
  "1,2",
  "--seed",
  "3",
];

test("atlasgym eval prints the paper-style table; atlasgym report compares two runs with deltas and a chart", async (t) => {
  const root = tempDir(t);
  const baseline = join(root, "baseline");
  const trained = join(root, "trained");

  const table = await cli(["eval", "--policy", "perturbed:unknown_tool", ...common, "--concurrency", "2", "--out", baseline]);
  const header = table.split("\n").find((line) => line.startsWith("scenario"));
  assert.ok(header, table);
  for (const column of ["n", "mean reward", "95% CI", "pass@1", "pass@2", "pass^2", "top failure"])
    assert.ok(header.includes(column), column);
  assert.match(table, /^jira-create-issue\s+2\s+0\.\d{3}\s+\[/m);
  assert.match(table, /^overall\s+4\s+0\.\d{3}\s+.*unknown_tool \(8\)$/m);

  await cli(["eval", "--policy", "oracle", ...common, "--out", trained]);
  assert.equal(readResults(join(trained, RUN_FILES.results)).overall.meanReward, 1);

  const markdownFile = join(root, "compare.md");
  const printed = await cli(["report", baseline, trained, "--out", markdownFile]);
  assert.equal(readFileSync(markdownFile, "utf8"), printed);
  assert.match(printed, /^# atlasgym report: baseline vs trained/m);
  assert.match(printed, /\| scenario \| n \| baseline \| trained \| Δ trained − baseline \|/);
  const before = readResults(join(baseline, RUN_FILES.results)).overall.meanReward!;
  const gain = (1 - before).toFixed(3);
  assert.ok(printed.includes(`| overall | 4 / 4 | ${before.toFixed(3)} `), printed);
  assert.ok(printed.includes(`| +${gain} |`), `overall delta +${gain}`);
  assert.match(printed, /\| `unknown_tool` \| 1\.000 \| 0\.000 \| −1\.000 \|/);
  assert.match(printed, /!\[[^\]]*\]\(compare\.png\)/);
  assertPng(join(root, "compare.png"));
  assert.ok(existsSync(join(root, "compare.svg")));

  assert.deepEqual(
    printed.split("\n").filter((line) => line.startsWith("## pass")),
    ["## pass@1", "## pass@2", "## pass^2"],
  );

  await assert.rejects(cli(["eval", "--resume", trained, "--seed", "4"]), /seed/);
  await assert.rejects(cli(["eval", "--policy", "oracle", "--out", trained]), /already holds a run/);
});

test("with one sample per task the report has one pass@1 table, not three", async (t) => {
  const root = tempDir(t);
  const single = common.map((arg, i) => (common[i - 1] === "--samples" ? "1" : arg));
  await cli(["eval", "--policy", "oracle", ...single, "--out", join(root, "a")]);
  await cli(["eval", "--policy", "perturbed:unknown_tool", ...single, "--out", join(root, "b")]);
  const printed = await cli(["report", join(root, "a"), join(root, "b")]);
  assert.deepEqual(
    printed.split("\n").filter((line) => line.startsWith("## pass")),
    ["## pass@1"],
  );
});
