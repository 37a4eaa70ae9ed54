/** `atlasgym report DIR_A DIR_B ...`: eval runs side by side, as Markdown and a grouped bar chart. */
import { existsSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import type { Command } from "commander";
import { writeChart } from "../eval/chart/index.js";
import { comparisonChart, defaultLabels, renderComparison, type ComparedRun } from "../eval/compare.js";
import { readResults, RUN_FILES } from "../eval/index.js";

interface ReportCliOptions {
  out?: string;
  chart?: string;
  labels?: string;
}

function resultsPath(dirOrFile: string): string {
  const path = existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, RUN_FILES.results) : dirOrFile;
  if (!existsSync(path)) throw new Error(`no results in ${dirOrFile} (expected ${path})`);
  return path;
}

/** The chart goes where asked, else next to the Markdown file; without either, no chart. */
function chartPath(opts: ReportCliOptions): string | undefined {
  if (opts.chart !== undefined) return opts.chart;
  if (opts.out === undefined) return undefined;
  return join(dirname(opts.out), `${basename(opts.out, extname(opts.out))}.png`);
}

function reportAction(dirs: string[], opts: ReportCliOptions): void {
  const labels = opts.labels !== undefined ? opts.labels.split(",").map((l) => l.trim()) : defaultLabels(dirs);
  if (labels.length !== dirs.length) throw new Error(`--labels has ${labels.length} labels for ${dirs.length} runs`);
  const runs: ComparedRun[] = dirs.map((dir, i) => ({ dir, label: labels[i]!, results: readResults(resultsPath(dir)) }));

  const png = chartPath(opts);
  if (png !== undefined) writeChart(comparisonChart(runs), { png, svg: `${png.replace(/\.png$/i, "")}.svg` });
  // The Markdown links the chart relative to where the Markdown is written.
  const link = png === undefined ? undefined : opts.out !== undefined ? relative(dirname(opts.out), png) : png;
  const markdown = renderComparison(runs, link !== undefined ? { chartFile: link } : {});
  process.stdout.write(markdown);
  if (opts.out !== undefined) writeFileSync(opts.out, markdown);
  const written = [opts.out, png].filter((p): p is string => p !== undefined);
  if (written.length > 0) process.stderr.write(`wrote ${written.join(", ")}\n`);
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("compare eval runs side by side (the first is the baseline for deltas)")
    .argument("<runs...>", "run directories (or their results.json files)")
    .option("--out <file>", "also write the Markdown to <file> (and the chart next to it as .png/.svg)")
    .option("--chart <file>", "write the grouped bar chart PNG here (an .svg is written beside it)")
    .option("--labels <list>", "comma-separated names for the runs (default: directory names)")
    .action(reportAction);
}
