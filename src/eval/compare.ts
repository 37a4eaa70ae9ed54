/**
 * Side-by-side comparison of eval runs (e.g. baseline vs trained): one table per metric with
 * a column per run and the difference of every later run from the first, the failure taxonomy
 * as shares of episodes, and a grouped bar chart.
 */
import { basename, resolve } from "node:path";
import type { GroupStats } from "./aggregate.js";
import type { BarChart } from "./chart/index.js";
import type { EvalConfig } from "./config.js";
import { delta, fixed, interval, NONE } from "./format.js";
import { runSummary } from "./report-md.js";
import type { EvalResults } from "./results.js";
import { renderMarkdownTable, type Table } from "./table.js";

export interface ComparedRun {
  label: string;
  dir: string;
  results: EvalResults;
}

/** Labels from the directory names, or the full paths when names repeat. */
export function defaultLabels(dirs: readonly string[]): string[] {
  const names = dirs.map((d) => basename(resolve(d)));
  return new Set(names).size === names.length ? names : dirs.map((d) => resolve(d));
}

/** Scenarios of all runs, in first-seen order, then `overall`. */
function sectionNames(runs: readonly ComparedRun[]): string[] {
  const names: string[] = [];
  for (const run of runs) for (const name of Object.keys(run.results.scenarios)) if (!names.includes(name)) names.push(name);
  return [...names, "overall"];
}

function sectionOf(run: ComparedRun, name: string): GroupStats | undefined {
  return name === "overall" ? run.results.overall : run.results.scenarios[name];
}

interface Metric {
  title: string;
  value(stats: GroupStats): number | null;
  show(stats: GroupStats): string;
}

function metrics(runs: readonly ComparedRun[]): Metric[] {
  const ks = [...new Set(runs.map((r) => r.results.config.samples))];
  const k = ks.length === 1 ? String(ks[0]) : "k";
  const meanAndPass1: Metric[] = [
    { title: "Mean reward [95% CI]", value: (s) => s.meanReward, show: (s) => `${fixed(s.meanReward)} ${interval(s.ci95)}` },
    { title: "pass@1", value: (s) => s.passAt1, show: (s) => fixed(s.passAt1) },
  ];
  // With one sample per task, pass@k and pass^k are pass@1 again: no table repeats another.
  if (k === "1") return meanAndPass1;
  return [
    ...meanAndPass1,
    { title: `pass@${k}`, value: (s) => s.passAtK, show: (s) => fixed(s.passAtK) },
    { title: `pass^${k}`, value: (s) => s.passHatK, show: (s) => fixed(s.passHatK) },
  ];
}

function metricTable(runs: readonly ComparedRun[], metric: Metric): Table {
  const [base, ...others] = runs;
  const rows = sectionNames(runs).map((name) => {
    const sections = runs.map((run) => sectionOf(run, name));
    const baseValue = sections[0] ? metric.value(sections[0]) : null;
    return [
      name,
      sections.map((s) => (s ? String(s.n) : NONE)).join(" / "),
      ...sections.map((s) => (s ? metric.show(s) : NONE)),
      ...sections.slice(1).map((s) => delta(s ? metric.value(s) : null, baseValue)),
    ];
  });
  return {
    headers: ["scenario", "n", ...runs.map((r) => r.label), ...others.map((r) => `Δ ${r.label} − ${base!.label}`)],
    rows,
    align: ["left", "right", ...runs.map(() => "right" as const), ...others.map(() => "right" as const)],
  };
}

/** Share of episodes with each failure label, overall. */
function failureTable(runs: readonly ComparedRun[]): Table | undefined {
  const labels = [...new Set(runs.flatMap((r) => Object.keys(r.results.overall.failures)))];
  if (labels.length === 0) return undefined;
  const share = (run: ComparedRun, label: string): number | null => {
    const { episodes, failures } = run.results.overall;
    return episodes > 0 ? (failures[label] ?? 0) / episodes : null;
  };
  const [, ...others] = runs;
  return {
    headers: ["failure", ...runs.map((r) => r.label), ...others.map((r) => `Δ ${r.label} − ${runs[0]!.label}`)],
    rows: labels.map((label) => [
      `\`${label}\``,
      ...runs.map((r) => fixed(share(r, label))),
      ...others.map((r) => delta(share(r, label), share(runs[0]!, label))),
    ]),
    align: ["left", ...runs.map(() => "right" as const), ...others.map(() => "right" as const)],
  };
}

/** Configuration fields that make two runs measure different things when they differ. */
const COMPARABILITY: Array<keyof EvalConfig> = [
  "scenarios",
  "splits",
  "difficulties",
  "tasks",
  "samples",
  "seed",
  "surface",
  "maxTurns",
  "successThreshold",
];

export function comparabilityWarnings(runs: readonly ComparedRun[]): string[] {
  const [base, ...others] = runs;
  if (!base) return [];
  const warnings: string[] = [];
  for (const run of others) {
    for (const key of COMPARABILITY) {
      const a = JSON.stringify(base.results.config[key]);
      const b = JSON.stringify(run.results.config[key]);
      if (a !== b) warnings.push(`${run.label} differs from ${base.label} in ${key}: ${b ?? "unset"} vs ${a ?? "unset"}`);
    }
  }
  for (const run of runs)
    if (!run.results.complete) warnings.push(`${run.label} is incomplete (${run.results.overall.episodes} episodes finished)`);
  return warnings;
}

export function renderComparison(runs: readonly ComparedRun[], options: { chartFile?: string } = {}): string {
  if (runs.length === 0) throw new Error("nothing to compare");
  const out: string[] = [`# atlasgym report: ${runs.map((r) => r.label).join(" vs ")}`, ""];
  for (const run of runs) out.push(`- **${run.label}** (\`${run.dir}\`): ${runSummary(run.results)}`);
  out.push("");
  const warnings = comparabilityWarnings(runs);
  if (warnings.length > 0) {
    out.push("**Caution:** these runs are not like for like:", "", ...warnings.map((w) => `- ${w}`), "");
  }
  if (options.chartFile) out.push(`![Mean reward per scenario and run](${options.chartFile})`, "");
  for (const metric of metrics(runs)) out.push(`## ${metric.title}`, "", renderMarkdownTable(metricTable(runs, metric)));
  out.push(
    "n is tasks per run (first / second / ...). Δ is each run minus the first. The 95% CI is a Student t-interval over per-task mean rewards.",
    "",
  );
  const failures = failureTable(runs);
  out.push("## Failures (share of episodes, overall)", "", failures ? renderMarkdownTable(failures) : "No failures in any run.\n");
  return out.join("\n");
}

export function comparisonChart(runs: readonly ComparedRun[]): BarChart {
  const names = sectionNames(runs);
  return {
    title: `Mean reward per scenario: ${runs.map((r) => r.label).join(" vs ")}`,
    yLabel: "mean reward",
    categories: names,
    series: runs.map((run) => ({
      name: run.label,
      values: names.map((name) => sectionOf(run, name)?.meanReward ?? null),
      intervals: names.map((name) => sectionOf(run, name)?.ci95 ?? null),
    })),
    note: "Error bars: 95% Student t-interval over per-task mean rewards.",
  };
}
