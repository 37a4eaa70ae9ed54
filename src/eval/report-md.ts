/** `report.md` of a run: the table, breakdowns, the failure taxonomy and the configuration. */
import { FAILURE_LABELS, type FailureLabel } from "../reward/index.js";
import type { GroupStats } from "./aggregate.js";
import type { EvalResults } from "./results.js";
import { breakdownTable, resultsTable } from "./results-table.js";
import { RUN_FILES } from "./run-dir.js";
import { renderMarkdownTable, type Table } from "./table.js";

export function runSummary(results: EvalResults): string {
  const { config } = results;
  const parts = [
    `policy \`${config.policy}\`${config.openai ? ` (${config.openai.model} at ${config.openai.baseUrl})` : ""}`,
    `surface \`${config.surface}\``,
    `split ${config.splits.join("+")}`,
    `difficulty ${config.difficulties.join(",")}`,
    `${config.tasks} tasks per scenario × ${config.samples} samples`,
    `seed ${config.seed}`,
    `atlasgym ${results.atlasgymVersion}`,
    results.run.writtenAt.slice(0, 10),
  ];
  return parts.join(" · ");
}

function completeness(results: EvalResults): string | undefined {
  if (results.complete) return undefined;
  const done = results.overall.episodes;
  return `**Incomplete run:** ${done} episodes finished${results.run.interrupted ? " (stopped early)" : ""}; continue it with \`atlasgym eval --resume DIR\`.`;
}

/** Rows: every scenario's groups, e.g. `jira-create-issue · 2`. */
function nestedBreakdown(results: EvalResults, key: "byDifficulty" | "bySplit", label: string): Table {
  const groups: Record<string, GroupStats> = {};
  for (const [name, section] of Object.entries(results.scenarios)) {
    for (const [value, stats] of Object.entries(section[key])) groups[`${name} · ${value}`] = stats;
  }
  for (const [value, stats] of Object.entries(results.overall[key])) groups[`overall · ${value}`] = stats;
  return breakdownTable(groups, label, results.config.samples);
}

function countsTable(
  results: EvalResults,
  pick: (stats: GroupStats) => Record<string, number>,
  first: string,
  describe?: (key: string) => string,
): Table | undefined {
  const keys = Object.keys(pick(results.overall));
  if (keys.length === 0) return undefined;
  const sections = Object.entries(results.scenarios);
  return {
    headers: [first, ...(describe ? ["meaning"] : []), ...sections.map(([name]) => name), "overall"],
    rows: keys.map((key) => [
      `\`${key}\``,
      ...(describe ? [describe(key)] : []),
      ...sections.map(([, stats]) => String(pick(stats)[key] ?? 0)),
      String(pick(results.overall)[key] ?? 0),
    ]),
    align: ["left", ...(describe ? (["left"] as const) : []), ...sections.map(() => "right" as const), "right"],
  };
}

function describeFailure(label: string): string {
  return label in FAILURE_LABELS ? FAILURE_LABELS[label as FailureLabel] : "";
}

export function renderRunReport(results: EvalResults): string {
  const k = results.config.samples;
  const out: string[] = [`# atlasgym eval: ${results.config.policy}`, "", runSummary(results), ""];
  const warning = completeness(results);
  if (warning) out.push(warning, "");
  out.push(`![Mean reward per scenario with 95% intervals](${RUN_FILES.chartPng})`, "");

  out.push("## Results", "", renderMarkdownTable(resultsTable(results)));
  out.push(
    `n is the number of tasks; each ran ${k} sample${k === 1 ? "" : "s"}. An episode succeeds when its reward is ≥ ${results.config.successThreshold}. ` +
      `Mean reward is the mean over tasks of each task's mean reward; the 95% CI is a Student t-interval over those per-task means. ` +
      `pass@1 is the mean success rate, pass@${k} the unbiased estimate that at least one of ${k} samples succeeds, ` +
      `pass^${k} that all ${k} do. The top failure counts episodes with that label.`,
    "",
  );

  out.push("## By difficulty", "", renderMarkdownTable(nestedBreakdown(results, "byDifficulty", "scenario · difficulty")));
  if (results.config.splits.length > 1)
    out.push("## By split", "", renderMarkdownTable(nestedBreakdown(results, "bySplit", "scenario · split")));

  out.push("## Failure taxonomy", "", "Episodes in which each failure occurred at least once.", "");
  const failures = countsTable(results, (s) => s.failures, "failure", describeFailure);
  out.push(failures ? renderMarkdownTable(failures) : "No failures.\n");

  out.push("## Stop reasons", "");
  const stops = countsTable(results, (s) => s.stopReasons, "stop reason");
  out.push(stops ? renderMarkdownTable(stops) : "No episodes.\n");

  if (results.skipped.length > 0) {
    out.push("## Skipped tasks", "", `${results.skipped.length} planned tasks could not be run with this policy:`, "");
    for (const s of results.skipped) out.push(`- \`${s.taskId}\`: ${s.reason}`);
    out.push("");
  }

  out.push("## Configuration", "", "```json", JSON.stringify(results.config, null, 2), "```", "");
  return out.join("\n");
}
