/** Eval and reports (design.md part 6): run planning, execution, statistics, results, tables and charts. */
export { runEval, type EvalOptions, type EvalOutcome } from "./run-eval.js";
export {
  DEFAULT_CONFIG,
  mergeResumeConfig,
  parseDifficulties,
  parseScenarios,
  parseSplits,
  validateConfig,
  type EvalConfig,
  type OpenAIEndpoint,
  type RuntimeOptions,
} from "./config.js";
export { planEpisodes, planScenarioTasks, deriveSeed, type EpisodeJob, type PlannedTask } from "./plan.js";
export { createPolicySource, parsePolicySpec, type PolicySource, type PolicySpec } from "./policy-source.js";
export { passAtK, passHatK, mean, sampleStdDev, tInterval, type Interval } from "./stats.js";
export { studentTQuantile, studentTCdf } from "./student-t.js";
export { groupStats, isSuccess, topFailure, type GroupStats } from "./aggregate.js";
export { buildResults, readResults, atlasgymVersion, type EvalResults, type SectionResults } from "./results.js";
export { resultsTable } from "./results-table.js";
export { renderTextTable, renderMarkdownTable, type Table } from "./table.js";
export { renderRunReport } from "./report-md.js";
export { createProgress, progressLine, silentProgress, type ProgressReporter } from "./progress.js";
export { RUN_FILES, readStoredConfig, readEpisodeRecords } from "./run-dir.js";
export type { EpisodeRecord, SkippedTask } from "./records.js";
