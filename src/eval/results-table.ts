/** The paper-style table of a run: one row per scenario and an overall row. */
import { topFailure, type GroupStats } from "./aggregate.js";
import { fixed, interval, NONE } from "./format.js";
import type { EvalResults } from "./results.js";
import type { Table } from "./table.js";

function row(name: string, stats: GroupStats): string[] {
  const top = topFailure(stats);
  return [
    name,
    String(stats.n),
    fixed(stats.meanReward),
    interval(stats.ci95),
    fixed(stats.passAt1),
    fixed(stats.passAtK),
    fixed(stats.passHatK),
    top ? `${top.label} (${top.episodes})` : NONE,
  ];
}

function headers(k: number): string[] {
  return ["scenario", "n", "mean reward", "95% CI", "pass@1", `pass@${k}`, `pass^${k}`, "top failure (episodes)"];
}

const ALIGN: Table["align"] = ["left", "right", "right", "right", "right", "right", "right", "left"];

export function resultsTable(results: EvalResults): Table {
  const rows = Object.entries(results.scenarios).map(([name, stats]) => row(name, stats));
  return {
    headers: headers(results.config.samples),
    rows: [...rows, row("overall", results.overall)],
    align: ALIGN,
    rulesBefore: [rows.length],
  };
}

/** Rows per split or difficulty (of one section), for the breakdown tables. */
export function breakdownTable(groups: Record<string, GroupStats>, label: string, k: number): Table {
  const [, ...rest] = headers(k);
  return {
    headers: [label, ...rest],
    rows: Object.entries(groups).map(([key, stats]) => row(key, stats)),
    align: ALIGN,
  };
}
