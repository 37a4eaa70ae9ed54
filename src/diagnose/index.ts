/**
 * `atlasgym diagnose`: reads scored traces (several samples per task) and reports per scenario
 * the reward distribution, the share of GRPO groups with zero reward variance, saturation, and
 * which reward components carry the variance.
 */
import { formatReport } from "./format.js";
import { diagnoseSamples, type DiagnoseReport, type GroupBy } from "./report.js";
import { readSamples } from "./samples.js";

export { diagnoseSamples, WARN, type DiagnoseReport, type GroupBy, type ScenarioDiagnosis } from "./report.js";
export { readSamples, toSample, type ScoredSample } from "./samples.js";
export { formatReport } from "./format.js";

export interface DiagnoseOutput {
  report: DiagnoseReport;
  /** The report as terminal text. */
  text: string;
  /** Input lines that were not traces or scored episode records. */
  skipped: Array<{ where: string; reason: string }>;
}

export interface DiagnoseOptions {
  /** Group samples by policy and task (default: one GRPO group) or by task alone. */
  groupBy?: GroupBy;
}

/**
 * Diagnoses trace files (JSONL of traces, scored here), eval episode files (`episodes.jsonl`,
 * already scored) or eval run directories.
 */
export async function diagnose(paths: readonly string[], options: DiagnoseOptions = {}): Promise<DiagnoseOutput> {
  const { samples, skipped } = await readSamples(paths);
  const report = diagnoseSamples(samples, options.groupBy);
  return { report, text: formatReport(report), skipped };
}
