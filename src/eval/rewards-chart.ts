/** The chart of one run: mean reward with its 95% interval per scenario, and overall. */
import type { BarChart } from "./chart/index.js";
import type { EvalResults } from "./results.js";

export function rewardsChart(results: EvalResults): BarChart {
  const sections = [...Object.entries(results.scenarios), ["overall", results.overall] as const];
  const { config } = results;
  return {
    title: `Mean reward per scenario: ${config.policy}`,
    subtitle: `${config.surface} surface · split ${config.splits.join("+")} · difficulty ${config.difficulties.join(",")} · ${config.tasks} tasks × ${config.samples} samples · seed ${config.seed}`,
    yLabel: "mean reward",
    categories: sections.map(([name, stats]) => `${name} (n=${stats.n})`),
    series: [
      {
        name: config.policy,
        values: sections.map(([, stats]) => stats.meanReward),
        intervals: sections.map(([, stats]) => stats.ci95),
      },
    ],
    note: "Error bars: 95% Student t-interval over per-task mean rewards.",
  };
}
